import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError, InvalidTransition, BadInput, Forbidden } from '@app/domain';
import { ConcurrencyConflict, StoreUnavailable } from '@app/event-store';
import { ImportRejected } from '@app/importer';
import { SubscriberTooSlow } from '../audit/activity-feed';
import { AuthenticationError } from '../auth/authentication-error';
import { CommandIdReused } from '../commands/command-id-reused';
import { RevisionConflict } from '../commands/revision-conflict';
import { RateLimited } from './rate-limited';
import { ReadModelsBehind } from './read-models-behind';

type Extensions = Record<string, unknown>;

/** Codes Apollo and graphql-js give to malformed requests: kept, with their messages. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
  // Thrown before execution, worded by mapKnown (graphql/read-after.ts).
  'READ_MODELS_BEHIND',
]);

/** formatError with unexpected errors logged (their stack stays in the log, never in the answer). */
export function errorFormatter(logger: { error(message: unknown): void }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError =>
    formatError(formatted, error, (original) =>
      logger.error({ msg: 'unexpected error', error: original instanceof Error ? original.stack : String(original) }),
    );
}

/**
 * Turns what a resolver threw into the error a client can act on (docs/api.md, "Errors").
 * Anything unexpected becomes INTERNAL_SERVER_ERROR with a generic message: no stack trace, SQL or
 * path ever leaves the service.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, log: (error: unknown) => void): GraphQLFormattedError {
  const original = thrown(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  const mapped = mapKnown(original);
  if (mapped) return { ...base, message: mapped.message, extensions: mapped.extensions };
  const code = formatted.extensions?.code;
  // A validation rule's own code (QUERY_TOO_COMPLEX from the limits) under Apollo's generic one.
  const ruleCode = ((error as GraphQLError | null)?.originalError as GraphQLError | undefined)?.extensions?.code;
  if (code === 'GRAPHQL_VALIDATION_FAILED' && (ruleCode === 'QUERY_TOO_COMPLEX' || ruleCode === 'BAD_USER_INPUT')) {
    const { stacktrace: _stack, exception: _exception, ...rest } = formatted.extensions ?? {};
    return { ...base, extensions: { ...rest, code: ruleCode } };
  }
  // A literal of the wrong type or out of its range (first: 2147483648 for an Int) is bad input,
  // as the same value in a variable is.
  if (code === 'GRAPHQL_VALIDATION_FAILED' && /cannot represent|Expected value of type/.test(formatted.message)) {
    const { stacktrace: _stack, exception: _exception, ...rest } = formatted.extensions ?? {};
    return { ...base, extensions: { ...rest, code: 'BAD_USER_INPUT' } };
  }
  // The parser's token limit: a document too big to parse is too complex, not malformed.
  if (code === 'GRAPHQL_PARSE_FAILED' && /Document contains more tha[nt] \d+ tokens/.test(formatted.message)) {
    return { ...base, message: 'the operation is too long: shorten it or split it', extensions: { code: 'QUERY_TOO_COMPLEX' } };
  }
  if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
    const { stacktrace: _stack, exception: _exception, ...rest } = formatted.extensions ?? {};
    return { ...base, extensions: rest };
  }
  log(original);
  return { ...base, message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/**
 * What was thrown: a resolver's error, which Apollo wraps with its path, or a subscription's
 * source stream's, which graphql-ws wraps without one. Errors wrapping GraphQL errors (Apollo's
 * validation codes over a rule's own) stay as they are: the codes below are read from both.
 */
function thrown(error: unknown): unknown {
  const unwrapped = unwrapResolverError(error);
  if (unwrapped instanceof GraphQLError && unwrapped.originalError && !(unwrapped.originalError instanceof GraphQLError)) {
    return unwrapped.originalError;
  }
  return unwrapped;
}

export function mapKnown(error: unknown): { message: string; extensions: Extensions } | null {
  if (error instanceof AuthenticationError) return { message: error.message, extensions: { code: 'UNAUTHENTICATED' } };
  if (error instanceof Forbidden) {
    return { message: error.message, extensions: { code: 'FORBIDDEN', requiredRoles: [...error.requiredRoles] } };
  }
  if (error instanceof BadInput) {
    return { message: error.message, extensions: { code: 'BAD_USER_INPUT', ...(error.field ? { field: error.field } : {}) } };
  }
  if (error instanceof InvalidTransition) {
    return {
      message: error.message,
      extensions: { code: 'INVALID_TRANSITION', state: error.state, allowed: [...error.allowed] },
    };
  }
  if (error instanceof DomainError) return { message: error.message, extensions: { code: error.code } };
  if (error instanceof ImportRejected) {
    return { message: error.message, extensions: { code: 'BAD_USER_INPUT', field: error.field } };
  }
  if (error instanceof CommandIdReused) {
    return { message: error.message, extensions: { code: 'COMMAND_ID_REUSED', field: error.field } };
  }
  if (error instanceof RevisionConflict) {
    return { message: error.message, extensions: { code: 'CONFLICT', actualRevision: error.actualRevision } };
  }
  if (error instanceof ConcurrencyConflict) {
    return {
      message: 'the stream changed while the command was handled: reload and try again',
      extensions: { code: 'CONFLICT', actualRevision: error.actual },
    };
  }
  if (error instanceof RateLimited) {
    return { message: error.message, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: error.retryAfterSeconds } };
  }
  if (error instanceof ReadModelsBehind) {
    return { message: error.message, extensions: { code: 'READ_MODELS_BEHIND', position: error.position, readModelsPosition: error.readModelsPosition } };
  }
  if (error instanceof SubscriberTooSlow) {
    return { message: error.message, extensions: { code: 'SUBSCRIBER_TOO_SLOW', lastPosition: error.lastPosition } };
  }
  if (error instanceof StoreUnavailable) {
    return { message: 'the event store is unavailable; nothing was written', extensions: { code: 'SERVICE_UNAVAILABLE' } };
  }
  return null;
}
