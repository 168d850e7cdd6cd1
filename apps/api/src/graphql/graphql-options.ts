import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { Actor } from '@app/domain';
import type { ProjectionEngine, ReadModels } from '@app/projections';
import type { AppConfig } from '../config/app-config';
import type { TokenVerifier } from '../auth/token-verifier';
import { errorFormatter } from './error-formatting';
import { armorForApollo, PARSE_OPTIONS, workLimitPlugin } from './query-limits';
import { readAfterPlugin } from './read-after';
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

export function graphqlOptions(
  config: AppConfig,
  verifier: TokenVerifier,
  readModels: ReadModels,
  projections: ProjectionEngine,
): ApolloDriverConfig {
  const format = errorFormatter(new Logger('GraphQL'));
  const armor = armorForApollo();
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
    plugins: [
      ...armor.plugins,
      workLimitPlugin(() => readModels.sizes()),
      readAfterPlugin(projections, config.readModelWaitMs),
      ApolloServerPluginCacheControlDisabled(),
    ],
    validationRules: armor.validationRules,
    // With it set, Apollo runs validationRules only on an operation that passed graphql-js's own
    // rules, so a value of the wrong type is BAD_USER_INPUT before the limits price it.
    maxRecursiveSelections: true,
    parseOptions: PARSE_OPTIONS,
    includeStacktraceInErrorResponses: false,
    formatError: format,
    // Subscriptions: GraphqlWsServer, with the same limits as here.
    // The Apollo integration passes the Fastify request first.
    context: (arg: HttpRequest): RequestContext => {
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
