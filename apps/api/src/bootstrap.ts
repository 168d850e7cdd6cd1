import 'reflect-metadata';
import { ConsoleLogger, type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import helmet from 'helmet';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ProjectionEngine } from '@app/projections';
import { AppModule } from './app.module';
import { HttpErrorFilter } from './http/http-error.filter';
import type { AppConfig } from './config/app-config';
import { ReactionProcessor } from './reactions/reaction-processor';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Largest request body: a 1 MB article in JSON with room for escaping. */
export const BODY_LIMIT = '3mb';

export function jsonLogger(level: string): ConsoleLogger {
  const index = LEVELS.indexOf(level as LogLevel);
  return new ConsoleLogger({ json: true, logLevels: LEVELS.slice(0, index < 0 ? 4 : index + 1) });
}

/**
 * Builds the application and brings the read models and reactions up to date with the store
 * before it serves, so the first query already sees every stored event.
 */
export async function createApp(config: AppConfig, logger = jsonLogger(config.logLevel)): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger,
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: BODY_LIMIT });
  // Security headers; the development GraphiQL page loads its scripts from a CDN, so the content
  // security policy is enforced in production only.
  app.use(helmet({ contentSecurityPolicy: config.production ? undefined : false }));
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();
  await app.init();
  await app.get(ProjectionEngine).start();
  await app.get(ReactionProcessor).start();
  return app;
}
