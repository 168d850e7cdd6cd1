import 'reflect-metadata';
import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ProjectionEngine } from '@app/projections';
import { AppModule } from './app.module';
import { GraphqlWsServer } from './graphql/graphql-ws-server';
import { MAX_TOKEN_LENGTH } from './auth/token-verifier';
import type { AppConfig } from './config/app-config';
import { HttpErrorFilter } from './http/http-error.filter';
import { BODY_LIMIT } from './http/request-limits';
import { securityHeaders } from './http/security-headers';
import { AppLogger, RequestLog, requestId } from './logging/app-logger';
import { ReactionProcessor } from './reactions/reaction-processor';
import { ReviewScheduler } from './reactions/review-scheduler';
import { serveWebApp } from './web/web-app';


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
    clientErrorHandler: answerClientError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger,
    bodyParser: false,
    // A failure at start (a ConfigError from a module) reaches the caller, which says it in one line.
    abortOnError: false,
  });
  const headers = securityHeaders();
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      reply.headers(headers);
      reply.header('x-request-id', request.id);
      done();
    });
  await serveWebApp(app, config);
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();
  await app.init();
  app.get(GraphqlWsServer).attach(app.getHttpServer());
  await app.get(ProjectionEngine).start();
  await app.get(ReactionProcessor).start();
  app.get(ReviewScheduler).start();
  return app;
}

/** What Node's HTTP parser refuses before any route runs, in the service's words. */
const CLIENT_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'REQUEST_HEADER_FIELDS_TOO_LARGE',
    message: `the request headers are larger than the ${Math.floor(maxHeaderSize / 1024)} KB this service reads; a bearer token may have at most ${MAX_TOKEN_LENGTH} characters`,
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'REQUEST_TIMEOUT', message: 'the request took too long to arrive' },
};
const NOT_HTTP = { status: 400, code: 'BAD_REQUEST', message: 'the request is not valid HTTP' };
/** How long a refused connection may go on sending before it is cut. */
const DRAIN_MS = 1_000;
const answered = new WeakSet<Socket>();

/**
 * Fastify's `clientErrorHandler`: Node's parser refuses over-long headers (a 100 KB token), a
 * malformed request or a timeout before Fastify has a request, so neither routes nor the error filter
 * run. Fastify's own handler answers in its own shape and destroys the socket at once, which resets
 * the connection under a client still sending its headers and can lose the answer. This one answers
 * in the service's error shape, closes its side after the answer, and lets the rest of the request
 * drain for a moment so that the client reads the answer; the parser reports each further chunk as
 * another error, which is ignored.
 */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || answered.has(socket)) return;
  answered.add(socket);
  // A response already under way on this connection (pipelining) cannot be interrupted cleanly.
  const inFlight = (socket as Socket & { _httpMessage?: unknown })._httpMessage;
  if (!socket.writable || inFlight) {
    socket.destroy(error);
    return;
  }
  const { status, code, message } = CLIENT_ERRORS[error.code ?? ''] ?? NOT_HTTP;
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'X-Content-Type-Options: nosniff\r\n' +
      'Connection: close\r\n\r\n' +
      body,
  );
  const cut = setTimeout(() => socket.destroy(), DRAIN_MS).unref();
  socket.once('close', () => clearTimeout(cut));
}
