import type { AllStreamResolvedEvent, ReadPosition } from '@eventstore/db-client';
import { setTimeout as sleep } from 'node:timers/promises';
import { lastOwnPosition, recordsOf, STATUS_PAGE_SIZE, withDeadline } from '../src/eventstoredb/eventstoredb-reads';
import { allStreamRecord, RecordingRead } from './support/recording-read';

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

describe('withDeadline (the status deadline the client ignores)', () => {
  it('answers with the work’s result when it settles in time', async () => {
    await expect(withDeadline(1_000, async () => 42, () => new Error('late'))).resolves.toBe(42);
  });

  it('rejects at the deadline and aborts the work’s signal, however long the work would take', async () => {
    let aborted: unknown;
    const started = Date.now();

    const answer = withDeadline(
      50,
      (signal) =>
        new Promise<never>(() => {
          signal.addEventListener('abort', () => (aborted = signal.reason));
        }),
      () => new Error('did not answer within 50 ms'),
    );

    await expect(answer).rejects.toThrow('did not answer within 50 ms');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(aborted).toBeInstanceOf(Error);
  });

  it('cancels the read under way when the deadline passes', async () => {
    const read = new RecordingRead<AllStreamResolvedEvent>([], { ends: false });

    await expect(withDeadline(20, (signal) => lastOwnPosition(() => read, signal), () => new Error('late'))).rejects.toThrow(
      'late',
    );
    await sleep(0);

    expect(read.cancels).toBe(1);
  });
});

/**
 * lastOwnPosition, status()'s look back through $all, over a log held in memory: `readBackwards`
 * answers like the server (newest first, records before `from`, at most maxCount), so what is
 * tested is our paging and our choice of record.
 */
describe('lastOwnPosition (status: the newest event of ours, past system records)', () => {
  const signal = new AbortController().signal;

  function logOf(records: AllStreamResolvedEvent[]) {
    const reads: RecordingRead<AllStreamResolvedEvent>[] = [];
    const readBackwards = (from: ReadPosition, maxCount: number) => {
      const before = typeof from === 'string' ? Infinity : Number(from.commit);
      const page = records
        .filter((record) => Number(record.event?.position.commit) < before)
        .reverse()
        .slice(0, maxCount);
      const read = new RecordingRead(page, { ends: true });
      reads.push(read);
      return read;
    };
    return { readBackwards, reads };
  }

  it('is 0 on a fresh database, where every record is a system record', async () => {
    const log = logOf([allStreamRecord(100, '$$$scavenges', '$metadata'), allStreamRecord(200, '$settings', '$settings')]);

    await expect(lastOwnPosition(log.readBackwards, signal)).resolves.toBe(0);
  });

  it('is the position of the newest event of ours, not of the system records after it', async () => {
    const log = logOf([
      allStreamRecord(100, 'claim-1'),
      allStreamRecord(200, 'claim-2'),
      allStreamRecord(300, '$scavenges', '$scavengeStarted'),
      allStreamRecord(400, '$scavenges', '$scavengeCompleted'),
    ]);

    await expect(lastOwnPosition(log.readBackwards, signal)).resolves.toBe(200);
    expect(log.reads[0].cancels).toBe(1);
  });

  it('reads page after page when more system records than a page follow our last event', async () => {
    const system = Array.from({ length: STATUS_PAGE_SIZE * 2 + 10 }, (_, i) => allStreamRecord(1_000 + i, '$stats-node', '$statsCollected'));
    const log = logOf([allStreamRecord(10, 'claim-1'), allStreamRecord(20, 'article-1'), ...system]);

    await expect(lastOwnPosition(log.readBackwards, signal)).resolves.toBe(20);
    expect(log.reads).toHaveLength(3);
  });
});
