import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type RecordedEvent } from '@app/event-store';
import { followAppliedEvents } from './applied-event-feed';
import { ProjectionEngine } from './projection-engine';

/** Events of a stream the read models ignore: only the feed's order and completeness matter here. */
async function appendNotes(store: SqliteEventStore, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await store.append(`note-${randomUUID()}`, [{ id: randomUUID(), type: 'Noted', data: { i }, metadata: {} }], {
      expectedRevision: 'no_stream',
    });
  }
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('followAppliedEvents', () => {
  let dir: string;
  let store: SqliteEventStore;
  let engine: ProjectionEngine;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'applied-feed-'));
    store = new SqliteEventStore({ path: join(dir, 'events.db') });
    engine = new ProjectionEngine(store, { path: ':memory:' });
    await engine.start();
  });

  afterEach(async () => {
    await engine.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given stored events, catches up after its position, then follows new events in commit order, each once', async () => {
    await appendNotes(store, 30);
    const seen: RecordedEvent[] = [];
    const feed = followAppliedEvents(engine, store, { fromPosition: 10 }, { onEvent: (e) => void seen.push(e) });
    await feed.caughtUp;
    await appendNotes(store, 30);
    await until(() => seen.length === 50);
    await feed.stop();
    expect(seen.map((e) => e.position)).toEqual(Array.from({ length: 50 }, (_, i) => i + 11));
  });

  it('given a follower slower than the writers, when its queue overflows, then it reads the store and still misses nothing', async () => {
    const seen: number[] = [];
    const feed = followAppliedEvents(engine, store, { fromPosition: 0, queueLimit: 5 }, {
      onEvent: async (e) => {
        // The first ten take 20 ms each: the sixty appends meanwhile overflow a queue of five.
        if (seen.length < 10) await new Promise((resolve) => setTimeout(resolve, 20));
        seen.push(e.position);
      },
    });
    await feed.caughtUp;
    await appendNotes(store, 60);
    expect(seen.length).toBeLessThan(10);
    await until(() => seen.length === 60);
    await appendNotes(store, 5);
    await until(() => seen.length === 65);
    await feed.stop();
    expect(seen).toEqual(Array.from({ length: 65 }, (_, i) => i + 1));
  });

  it('given a handler that fails once, retries that event from the store and goes on', async () => {
    await appendNotes(store, 3);
    const seen: number[] = [];
    const errors: Error[] = [];
    let failed = false;
    const feed = followAppliedEvents(engine, store, { fromPosition: 0 }, {
      onEvent: (e) => {
        if (e.position === 2 && !failed) {
          failed = true;
          throw new Error('store unavailable');
        }
        seen.push(e.position);
      },
      onError: (error) => errors.push(error),
    });
    await until(() => seen.length === 3, 5_000);
    await feed.stop();
    expect(seen).toEqual([1, 2, 3]);
    expect(errors.map((e) => e.message)).toEqual(['store unavailable']);
  });
});
