import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { Actor } from '@app/domain';
import type { AppConfig } from '../config/app-config';
import type { TokenVerifier } from '../auth/token-verifier';
import { formatError } from './error-formatting';
import { queryLimits } from './query-limits';
import type { RequestContext } from './request-context';
import { DateTimeScalar, JsonScalar } from './scalars';

/** The root schema.graphql is the contract; the build copies it beside the bundle too. */
export function schemaPath(): string {
  const atRoot = join(process.cwd(), 'schema.graphql');
  return existsSync(atRoot) ? atRoot : join(__dirname, 'schema.graphql');
}

interface HttpRequest {
  id?: string;
  headers: Record<string, string | string[] | undefined>;
}

interface WsContext {
  connectionParams?: Record<string, unknown>;
  extra: { actor?: Promise<Actor> };
}

export function graphqlOptions(config: AppConfig, verifier: TokenVerifier): ApolloDriverConfig {
  const logger = new Logger('GraphQL');
  return {
    typePaths: [schemaPath()],
    resolvers: { DateTime: DateTimeScalar, JSON: JsonScalar },
    path: '/graphql',
    playground: false,
    // GraphiQL in development only; in production neither a landing page nor introspection.
    graphiql: !config.production,
    introspection: !config.production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    validationRules: [queryLimits],
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) =>
      formatError(formatted, error, (original) =>
        logger.error({ msg: 'unexpected error', error: original instanceof Error ? original.stack : String(original) }),
      ),
    subscriptions: {
      'graphql-ws': {
        path: '/graphql',
        // The token travels in connectionParams.authorization; a bad one closes the socket.
        onConnect: async (ctx: { connectionParams?: Record<string, unknown>; extra: unknown }) => {
          const header = ctx.connectionParams?.authorization;
          const actor = verifier.verifyHeader(typeof header === 'string' ? header : null);
          (ctx.extra as WsContext['extra']).actor = actor;
          return actor.then(
            () => true,
            () => false,
          );
        },
      },
    },
    context: (arg: { req?: HttpRequest; extra?: WsContext['extra'] }): RequestContext => {
      if (arg.extra?.actor) {
        const actor = arg.extra.actor;
        return { requestId: randomUUID(), actor: () => actor };
      }
      const req = arg.req;
      let actor: Promise<Actor> | null = null;
      return {
        requestId: req?.id ?? randomUUID(),
        actor: () => {
          const header = req?.headers.authorization;
          actor ??= verifier.verifyHeader(typeof header === 'string' ? header : null);
          return actor;
        },
      };
    },
  };
}
