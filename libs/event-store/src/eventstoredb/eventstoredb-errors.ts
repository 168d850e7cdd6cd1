import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  InvalidArgumentError,
  InvalidTransactionError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError,
  TimeoutError,
  UnavailableError,
  UnknownError,
  UnsupportedError,
} from '@eventstore/db-client';
import { codeOf, messageOf } from '../error-shape';
import { InvalidAppend, StoreUnavailable } from '../errors';

/** gRPC status codes (grpc-js is only a transitive dependency, so its enum is not imported). */
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;
const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT']);

/**
 * Turns the errors after which this store cannot be used into StoreUnavailable, whatever the
 * call: the server unreachable in all the shapes the client reports it (its own UnavailableError /
 * DeadlineExceededError, a raw gRPC ServiceError with code 14 or 4, a socket error, a failed
 * cluster discovery, a node that is no longer leader), the server refusing our credentials
 * (AccessDeniedError, which the client also makes of gRPC UNAUTHENTICATED: utils/CommandError.js,
 * convertToCommandError), or a server too old for a call (UnsupportedError). Other errors pass
 * through unchanged.
 */
export function toStoreError(error: unknown): unknown {
  if (error instanceof StoreUnavailable) return error;
  if (isUnreachable(error)) return new StoreUnavailable(`EventStoreDB is unreachable: ${messageOf(error)}`, error);
  if (error instanceof AccessDeniedError) {
    return new StoreUnavailable(
      'EventStoreDB denied access: EVENTSTOREDB_URL needs the credentials of a user who may write the ' +
        "service's streams and read $all (by default only members of $admins may read $all)",
      error,
    );
  }
  if (error instanceof UnsupportedError) return new StoreUnavailable(`EventStoreDB is too old: ${error.message}`, error);
  return error;
}

/**
 * For an append, the errors that say the append itself can never succeed as sent become
 * InvalidAppend (retrying changes nothing); the rest go through toStoreError. The client raises
 * them from the server's answer on both of its append paths (streams/appendToStream/append.js via
 * convertToCommandError, batchAppend.js via unpackToCommandError):
 * - MaxAppendSizeExceededError: the batch is larger than the server's MaxAppendSize
 *   (EVENTSTORE_MAX_APPEND_SIZE, 1 MiB by default);
 * - StreamDeletedError: the stream was tombstoned, and no append can bring it back;
 * - InvalidTransactionError, InvalidArgumentError: the server or the client refused the request.
 */
export function toAppendError(error: unknown, streamId: string): unknown {
  if (error instanceof MaxAppendSizeExceededError) {
    return new InvalidAppend(
      `stream ${streamId}: the events are larger than the server accepts in one append ` +
        `(${error.maxAppendSize} bytes; raise EVENTSTORE_MAX_APPEND_SIZE on the server)`,
    );
  }
  if (error instanceof StreamDeletedError) return new InvalidAppend(`stream ${streamId} was deleted and cannot be written`);
  if (error instanceof InvalidTransactionError || error instanceof InvalidArgumentError) {
    return new InvalidAppend(`stream ${streamId}: EventStoreDB refused the append (${messageOf(error)})`);
  }
  return toStoreError(error);
}

function isUnreachable(error: unknown): boolean {
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof NotLeaderError
  ) {
    return true;
  }
  const code = codeOf(error);
  return (
    code === GRPC_UNAVAILABLE ||
    code === GRPC_DEADLINE_EXCEEDED ||
    (typeof code === 'string' && NETWORK_ERRORS.has(code)) ||
    /^Failed to discover/.test(messageOf(error))
  );
}

/** A live subscription ended without an error of its own: it is resubscribed like a dropped one. */
export class SubscriptionDropped extends Error {
  override readonly name = 'SubscriptionDropped';
}

/**
 * Failures after which a subscription resubscribes (with backoff) rather than giving up: the server
 * unreachable, the call cancelled or failed server-side, or the stream closed under it. Refused
 * credentials are not among them: they will not heal by waiting, so the subscriber is told.
 */
export function isTransient(thrown: unknown): boolean {
  // Catch-up reads hand their failures over already mapped: judge what the client raised.
  const error = thrown instanceof StoreUnavailable ? thrown.cause : thrown;
  return (
    isUnreachable(error) ||
    error instanceof CancelledError ||
    error instanceof UnknownError ||
    error instanceof SubscriptionDropped ||
    codeOf(error) === 'ERR_STREAM_PREMATURE_CLOSE'
  );
}
