import {
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
  UnknownError,
} from '@eventstore/db-client';
import { codeOf, messageOf } from '../error-shape';
import { StoreUnavailable } from '../errors';

/** gRPC status codes (grpc-js is only a transitive dependency, so its enum is not imported). */
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;
const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT']);

/**
 * Turns "the server cannot be reached" in all the shapes the client reports it (its own
 * UnavailableError / DeadlineExceededError, a raw gRPC ServiceError with code 14 or 4, a socket
 * error, a failed cluster discovery, a node that is no longer leader) into StoreUnavailable; other
 * errors pass through unchanged.
 */
export function toStoreError(error: unknown): unknown {
  if (error instanceof StoreUnavailable || !isUnreachable(error)) return error;
  return new StoreUnavailable(`EventStoreDB is unreachable: ${messageOf(error)}`, error);
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
 * unreachable, the call cancelled or failed server-side, or the stream closed under it.
 */
export function isTransient(error: unknown): boolean {
  return (
    toStoreError(error) instanceof StoreUnavailable ||
    error instanceof CancelledError ||
    error instanceof UnknownError ||
    error instanceof SubscriptionDropped ||
    codeOf(error) === 'ERR_STREAM_PREMATURE_CLOSE'
  );
}
