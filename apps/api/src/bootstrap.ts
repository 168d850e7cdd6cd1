import 'reflect-metadata';
import helmet from '@fastify/helmet';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ProjectionEngine } from '@app/projections';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { HttpErrorFilter } from './http/http-error.filter';
import { AppLogger, RequestLog, requestId } from './logging/app-logger';
import { ReactionProcessor } from './reactions/reaction-processor';
import { serveWebApp } from './web/web-app';

/** Largest request body: a 1 MB article in JSON with room for escaping. */
export const BODY_LIMIT = 3 * 1024 * 1024;

/**
 * Builds the application on Fastify and brings the read models and reactions up to date with
 * the store before it serves, so the first query already sees every stored event.
 *
 * Fastify's own JSON and text/plain body parsers stay: a text/plain POST must reach Apollo,
 * whose CSRF prevention refuses it, rather than be turned away earlier with another status.
 */
export async function createApp(config: AppConfig, logger = new AppLogger(config.logLevel)): Promise<INestApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: logger.pino,
    logController: new RequestLog(),
    genReqId: requestId,
    bodyLimit: BODY_LIMIT,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, { logger, bodyParser: false });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      reply.header('x-request-id', request.id);
      done();
    });
  // Security headers, and helmet's default content security policy: the web app and GraphiQL load
  // everything from this origin, so it holds in development too.
  await app.register(helmet);
  await serveWebApp(app, config);
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();
  await app.init();
  await app.get(ProjectionEngine).start();
  await app.get(ReactionProcessor).start();
  return app;
}
