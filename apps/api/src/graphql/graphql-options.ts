import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { Actor } from '@app/domain';
import type { AppConfig } from '../config/app-config';
import { AuthenticationError } from '../auth/authentication-error';
import type { TokenVerifier } from '../auth/token-verifier';
import { formatError } from './error-formatting';
import { queryLimitsPlugin } from './query-limits';
import type { RequestContext } from './request-context';
import { DateTimeScalar, JsonScalar } from './scalars';

/** The root schema.graphql is the contract; the build copies it beside the bundle too. */
export function schemaPath(): string {
  const atRoot = join(process.cwd(), 'schema.graphql');
  return existsSync(atRoot) ? atRoot : join(__dirname, 'schema.graphql');
}

/** What the context needs of a Fastify request (the Apollo integration passes it first). */
interface HttpRequest {
  id: string;
  headers: Record<string, string | string[] | undefined>;
}

interface WsContext {
  connectionParams?: Record<string, unknown>;
  extra: { actor?: Promise<Actor>; socket: { close(code: number, reason: string): void; once(event: 'close', listener: () => void): void } };
}

export function graphqlOptions(config: AppConfig, verifier: TokenVerifier): ApolloDriverConfig {
  const logger = new Logger('GraphQL');
  const format = (formatted: GraphQLFormattedError, error: unknown) =>
    formatError(formatted, error, (original) =>
      logger.error({ msg: 'unexpected error', error: original instanceof Error ? original.stack : String(original) }),
    );
  const graphqlWs = {
    path: '/graphql',
    // The token travels in connectionParams.authorization; a bad one closes the socket.
    onConnect: async (ctx: { connectionParams?: Record<string, unknown>; extra: unknown }) => {
      const header = ctx.connectionParams?.authorization;
      const extra = ctx.extra as WsContext['extra'];
      extra.actor = verifier.verifyHeader(typeof header === 'string' ? header : null);
      try {
        await extra.actor;
      } catch {
        return false;
      }
      // A subscription lives no longer than the token that opened it.
      const expiresIn = verifier.expiryOf(header as string) - Date.now();
      const timer = setTimeout(() => extra.socket.close(4401, 'token expired'), Math.max(0, Math.min(expiresIn, 2 ** 31 - 1)));
      extra.socket.once('close', () => clearTimeout(timer));
      return true;
    },
    // graphql-ws does not pass through Apollo's formatError: give its errors the same codes.
    onNext: (_ctx: unknown, _id: string, _payload: unknown, _args: unknown, result: { errors?: readonly GraphQLError[] }) =>
      result.errors ? { ...result, errors: result.errors.map((error) => format(error.toJSON(), error)) } : undefined,
    onError: (_ctx: unknown, _id: string, _payload: unknown, errors: readonly GraphQLError[]) =>
      errors.map((error) => format(error.toJSON(), error)),
  };
  return {
    typePaths: [schemaPath()],
    resolvers: { DateTime: DateTimeScalar, JSON: JsonScalar },
    path: '/graphql',
    playground: false,
    // No landing page: GraphiQL is self-hosted at /graphiql (apps/api/src/web), in development
    // only; in production no introspection either.
    graphiql: false,
    introspection: !config.production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // No cache hints: answers are per user and change with every command, so Apollo's cache-control
    // plugin would only cost a hook on every field.
    plugins: [queryLimitsPlugin, ApolloServerPluginCacheControlDisabled()],
    includeStacktraceInErrorResponses: false,
    formatError: format,
    subscriptions: {
      // onNext/onError are graphql-ws options that Nest passes through but does not type.
      'graphql-ws': graphqlWs,
    },
    // Over HTTP the argument is the Fastify request; over graphql-ws, the socket's context.
    context: (arg: HttpRequest | { extra: WsContext['extra'] }): RequestContext => {
      if ('extra' in arg) {
        const actor = arg.extra.actor;
        return { requestId: randomUUID(), actor: () => actor ?? Promise.reject(new AuthenticationError('not authenticated')) };
      }
      let actor: Promise<Actor> | null = null;
      return {
        requestId: arg.id,
        actor: () => {
          const header = arg.headers.authorization;
          actor ??= verifier.verifyHeader(typeof header === 'string' ? header : null);
          return actor;
        },
      };
    },
  };
}
