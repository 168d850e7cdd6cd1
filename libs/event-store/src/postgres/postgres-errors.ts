import { codeOf, messageOf } from '../error-shape';
import { StoreUnavailable } from '../errors';

/** Socket and name-resolution failures: the server cannot be reached at all. */
const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs that say "the server will not do it now", not "this request is wrong"
 * (https://www.postgresql.org/docs/current/errcodes-appendix.html): 08 connection exceptions,
 * 28 refused authentication, 3D000 a database that does not exist (dropped, or not yet created),
 * 53 insufficient resources (disk full, too many connections), 57 operator intervention
 * (57P01 admin shutdown, 57P02 crash shutdown, 57P03 starting up, 57014 statement timeout),
 * 58 system errors (I/O), 55P03 lock timeout.
 */
const UNAVAILABLE_SQLSTATE = /^(08|28|53|57|58)|^(3D000|55P03)$/;

/**
 * node-postgres reports a dropped connection, its own timeouts and a closed pool as plain Errors
 * without a code, so these are recognised by their messages.
 */
const DRIVER_UNAVAILABLE = new RegExp(
  [
    '^Connection terminated',
    '^timeout exceeded when trying to connect',
    '^Query read timeout',
    '^timeout expired',
    '^Client has encountered a connection error',
    '^Client was closed',
    '^Cannot use a pool after calling end',
  ].join('|'),
);

/** Whether the error means the server is gone, refused us, or did not answer in time. */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailable) return true;
  const code = codeOf(error);
  if (typeof code === 'string' && (NETWORK_ERRORS.has(code) || (code.length === 5 && UNAVAILABLE_SQLSTATE.test(code)))) {
    return true;
  }
  // Node reports a failed connection to a name with several addresses (localhost: ::1 and
  // 127.0.0.1) as an AggregateError of one error per address.
  const errors: unknown = typeof error === 'object' && error !== null ? (error as { errors?: unknown }).errors : undefined;
  if (Array.isArray(errors) && errors.length > 0 && errors.every(isUnavailable)) return true;
  return DRIVER_UNAVAILABLE.test(messageOf(error));
}

/** StoreUnavailable for the failures isUnavailable recognises; anything else unchanged. */
export function toStoreError(error: unknown): unknown {
  if (error instanceof StoreUnavailable || !isUnavailable(error)) return error;
  return new StoreUnavailable(`PostgreSQL is unavailable: ${messageOf(error)}`, error);
}

/** The SQLSTATE of an error the server sent (it comes with a severity), or undefined. */
export function sqlState(error: unknown): string | undefined {
  const code = codeOf(error);
  const severity: unknown = typeof error === 'object' && error !== null ? (error as { severity?: unknown }).severity : undefined;
  return typeof code === 'string' && typeof severity === 'string' ? code : undefined;
}
