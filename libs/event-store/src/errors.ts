import type { ExpectedRevision } from './event-store.port';

/** The stream was not at the revision the writer expected. Nothing was written. */
export class ConcurrencyConflict extends Error {
  override readonly name = 'ConcurrencyConflict';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or null when it does not exist. */
    readonly actual: number | null,
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${actual === null ? 'no stream' : actual}`);
  }
}

/**
 * The store cannot be reached or used (a server down or refusing this service's credentials, a
 * file that cannot be opened or is locked too long).
 * Nothing was written, except where a remote append timed out after the server got it: retrying
 * with the same event ids is always safe, as appends are idempotent.
 */
export class StoreUnavailable extends Error {
  override readonly name = 'StoreUnavailable';
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
  }
}

/** The append itself is malformed (no events, a bad id, an event id reused in another stream). */
export class InvalidAppend extends Error {
  override readonly name = 'InvalidAppend';
}
