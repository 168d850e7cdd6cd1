import type { StreamingRead } from '@eventstore/db-client';

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
