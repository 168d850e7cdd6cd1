import { END, type AllStreamResolvedEvent, type Position, type ReadPosition, type StreamingRead } from '@eventstore/db-client';
import { toRecordedEvent } from './eventstoredb-mapping';

/**
 * The records of one client read, for a loop that may stop before the read's end.
 *
 * Leaving a for-await over the client's StreamingRead early (break, return, throw) destroys only
 * the Node stream that the client pipes the gRPC call into (@eventstore/db-client 6.2,
 * streams/utils/ReadStream.js: a Transform fed by `grpcStream.pipe(this)`). The call itself stays
 * open and paused, holding one of the HTTP/2 streams the server allows on the connection
 * (Kestrel's default is 100), so after about a hundred such reads every later call on that
 * connection waits forever. Only `ReadStream.cancel()`, which calls the gRPC call's `cancel()`,
 * ends it; this does that whenever the loop did not read to the end. It is not awaited: it waits
 * for the call to be created, which may still be connecting when a deadline gives up on it.
 *
 * `signal` ends the read from outside: its reason is thrown into the loop and the call cancelled.
 */
export async function* recordsOf<E>(read: StreamingRead<E>, signal?: AbortSignal): AsyncGenerator<E, void, undefined> {
  const abort = (): void => {
    read.destroy(abortReason(signal));
  };
  let readToEnd = false;
  signal?.addEventListener('abort', abort, { once: true });
  try {
    if (signal?.aborted) throw abortReason(signal);
    for await (const record of read) yield record;
    readToEnd = true;
  } finally {
    signal?.removeEventListener('abort', abort);
    if (!readToEnd) read.cancel().catch(() => undefined);
  }
}

function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new Error('read aborted');
}

/**
 * `work`'s result, or `timedOut()`'s error once `ms` have passed: then `work`'s signal is aborted,
 * which ends and cancels the read it has under way (recordsOf). The client cannot do this itself:
 * readAll passes `{ deadline: Infinity }` as call options, and Client.callArguments lets those win
 * over the caller's `deadline` (@eventstore/db-client 6.2.1, streams/readAll.js, Client/index.js).
 */
export async function withDeadline<T>(
  ms: number,
  work: (signal: AbortSignal) => Promise<T>,
  timedOut: () => Error,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = timedOut();
      controller.abort(error);
      reject(error);
    }, ms);
  });
  const working = work(controller.signal);
  // Once the deadline has answered, the work's own rejection (the aborted read) has no one to hear it.
  working.catch(() => undefined);
  try {
    return await Promise.race([working, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Records per page when status() looks back through $all. */
export const STATUS_PAGE_SIZE = 500;

/**
 * The position of the newest event of ours in $all, or 0 when there is none: reads backwards page
 * by page past system records ($-streams such as `$$$scavenges`, `$settings`, `$users`; on a
 * fresh database they are all there is) and stops at the first event the adapter shows. A
 * backwards read from a position excludes the record at it, so each page starts where the last
 * one ended (server: AllReader.ReadAllEventsBackwardInternal reads the records before `pos`).
 */
export async function lastOwnPosition(
  readBackwards: (from: ReadPosition, maxCount: number) => StreamingRead<AllStreamResolvedEvent>,
  signal: AbortSignal,
): Promise<number> {
  let from: ReadPosition = END;
  for (;;) {
    let records = 0;
    let oldest: Position | undefined;
    for await (const resolved of recordsOf(readBackwards(from, STATUS_PAGE_SIZE), signal)) {
      records++;
      if (!resolved.event) continue;
      const event = toRecordedEvent(resolved.event);
      if (event) return event.position;
      oldest = resolved.event.position;
    }
    if (records < STATUS_PAGE_SIZE || oldest === undefined) return 0;
    from = oldest;
  }
}
