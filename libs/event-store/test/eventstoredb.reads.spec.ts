import type { StreamingRead } from '@eventstore/db-client';
import { Readable } from 'node:stream';
import { recordsOf } from '../src/eventstoredb/eventstoredb-reads';

/**
 * recordsOf, the loop over a client read that cancels the gRPC call when the loop leaves early.
 * The read here is a Node stream that records whether cancel() was called, standing in for the
 * client's ReadStream; what cancelling does to a real server's HTTP/2 streams is the contract
 * case "keeps answering after many reads that stop early", run against a real server.
 */
describe('recordsOf (cancelling client reads that stop early)', () => {
  it('cancels the call when the loop breaks before the end', async () => {
    const read = new RecordingRead([1, 2, 3, 4, 5], { ends: false });

    for await (const record of recordsOf(read)) {
      if (record === 2) break;
    }

    expect(read.cancels).toBe(1);
  });

  it('cancels the call when the loop body throws, and lets the error through', async () => {
    const read = new RecordingRead([1, 2, 3], { ends: true });

    await expect(
      (async () => {
        for await (const record of recordsOf(read)) {
          if (record === 1) throw new Error('handler failed');
        }
      })(),
    ).rejects.toThrow('handler failed');

    expect(read.cancels).toBe(1);
  });

  it('leaves a read that was consumed to its end alone', async () => {
    const read = new RecordingRead([1, 2, 3], { ends: true });
    const seen: number[] = [];

    for await (const record of recordsOf(read)) seen.push(record);

    expect(seen).toEqual([1, 2, 3]);
    expect(read.cancels).toBe(0);
  });

  it('ends a read that is still waiting for records when the signal aborts, and cancels it', async () => {
    const read = new RecordingRead<number>([], { ends: false });
    const controller = new AbortController();
    const deadline = new Error('deadline');

    const reading = (async () => {
      for await (const _record of recordsOf(read, controller.signal)) {
        // nothing arrives
      }
    })();
    setTimeout(() => controller.abort(deadline), 20);

    await expect(reading).rejects.toBe(deadline);
    expect(read.cancels).toBe(1);
  });

  it('does not start reading when the signal has already aborted', async () => {
    const read = new RecordingRead([1], { ends: true });
    const controller = new AbortController();
    controller.abort(new Error('too late'));
    const seen: number[] = [];

    await expect(
      (async () => {
        for await (const record of recordsOf(read, controller.signal)) seen.push(record);
      })(),
    ).rejects.toThrow('too late');

    expect(seen).toEqual([]);
    expect(read.cancels).toBe(1);
  });

  it('keeps the loop’s own error when cancelling fails too (a call that was never created)', async () => {
    const read = new RecordingRead([1, 2], { ends: false, cancelFails: true });

    await expect(
      (async () => {
        for await (const _record of recordsOf(read)) throw new Error('first');
      })(),
    ).rejects.toThrow('first');
    expect(read.cancels).toBe(1);
  });
});

/** A read that yields `records` and, unless it `ends`, then stays open like a paused gRPC call. */
class RecordingRead<E> extends Readable implements StreamingRead<E> {
  cancels = 0;

  constructor(
    records: E[],
    private readonly options: { ends: boolean; cancelFails?: boolean },
  ) {
    super({ objectMode: true, read: () => undefined });
    for (const record of records) this.push(record);
    if (options.ends) this.push(null);
  }

  async cancel(): Promise<void> {
    this.cancels++;
    if (this.options.cancelFails) throw new Error('no call to cancel');
  }
}
