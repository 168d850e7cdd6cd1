import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config';

/** Paths that belong to the API: an unknown GET under them is a JSON 404, never the app's page. */
const API_PREFIXES = ['/graphql', '/graphiql', '/health', '/audit/export', '/demo', '/assets'];

/**
 * Serves the reviewer web app (apps/reviewer-web, built by Vite into config.webRoot) beside the
 * API: hashed files under /assets/ with a one-year immutable cache, the app's page for every other
 * GET that is not the API's (the app routes in the browser), and the self-hosted GraphiQL page
 * at /graphiql outside production (production turns introspection off, which GraphiQL needs).
 *
 * Without a build the API still starts: it says so in the log and answers / with a JSON 404.
 */
export async function serveWebApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const root = resolve(config.webRoot);
  const fastify = app.getHttpAdapter().getInstance();
  if (!existsSync(join(root, 'index.html'))) {
    new Logger('WebApp').warn({ msg: 'the reviewer web app is not built: run npm run build to serve it at /', looked: root });
    fastify.get('/', async (_request, reply) =>
      reply.status(404).send({
        errors: [{ message: 'the reviewer web app is not built: run npm run build', extensions: { code: 'NOT_FOUND' } }],
      }),
    );
    return;
  }

  await app.register(fastifyStatic, {
    root: join(root, 'assets'),
    prefix: '/assets/',
    index: false,
    // Vite puts a hash of the content in every asset's name: a new build is a new name.
    maxAge: '365d',
    immutable: true,
  });

  const page = (file: string) => (_request: FastifyRequest, reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').sendFile(file, root, { cacheControl: false });
  if (!config.production) fastify.get('/graphiql', page('graphiql.html'));
  const appPage = page('index.html');
  const fallback = (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    // An API path, or a file that is not there (favicon.ico, robots.txt): not the app's page.
    if (API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`)) || /\.[a-z0-9]+$/i.test(path)) {
      return reply.status(404).send({ errors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] });
    }
    return appPage(request, reply);
  };
  fastify.get('/', appPage);
  fastify.get('/*', fallback);
}
