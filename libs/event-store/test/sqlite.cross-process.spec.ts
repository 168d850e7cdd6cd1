import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type RecordedEvent } from '../src';
import { waitFor } from './contract';
import { exitOf, spawnFixture } from './support/spawn-fixture';

describe('SQLite event store shared by several writers', () => {
  let dir: string;
  let path: string;
  const opened: SqliteEventStore[] = [];

  const openStore = (options: { pollIntervalMs?: number } = {}): SqliteEventStore => {
    const store = new SqliteEventStore({ path, ...options });
    opened.push(store);
    return store;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'event-store-shared-'));
    path = join(dir, 'events.db');
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it("delivers events appended by another process to this process's subscribers", async () => {
    const server = openStore();
    await server.append('article-0', [event()], { expectedRevision: 'no_stream' });
    const received: RecordedEvent[] = [];
    const subscription = server.subscribeToAll({}, { onEvent: (recorded) => void received.push(recorded) });
    await subscription.caughtUp;

    const importer = spawnFixture('append-events.ts', [path, 'article-imported', '200']);
    let stderr = '';
    importer.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await exitOf(importer)).toEqual({ code: 0, signal: null });
    expect(stderr).toBe('');

    await waitFor(() => received.length >= 201);
    expect(received.map((recorded) => recorded.streamId)).toEqual([
      'article-0',
      ...Array.from({ length: 200 }, () => 'article-imported'),
    ]);
    expect(received.slice(1).map((recorded) => recorded.revision)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  }, 30_000);

  it('wakes subscribers at once when another store of this process commits, without waiting for the poll', async () => {
    const subscriber = openStore({ pollIntervalMs: 60_000 });
    const writer = openStore();
    const received: string[] = [];
    const subscription = subscriber.subscribeToAll({}, { onEvent: (recorded) => void received.push(recorded.id) });
    await subscription.caughtUp;

    const appended = [event(), event()];
    await writer.append('claim-1', appended, { expectedRevision: 'no_stream' });

    await waitFor(() => received.length >= 2, 1_000);
    expect(received).toEqual(appended.map((recorded) => recorded.id));
  });

  it('serialises appends of two stores on one file: one expected revision, one winner', async () => {
    const first = openStore();
    const second = openStore();
    await first.append('claim-1', [event()], { expectedRevision: 'no_stream' });

    const outcomes = await Promise.allSettled([
      first.append('claim-1', [event()], { expectedRevision: 0 }),
      second.append('claim-1', [event()], { expectedRevision: 0 }),
    ]);

    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await second.streamRevision('claim-1')).toBe(1);
  });
});

function event() {
  return { id: randomUUID(), type: 'ClaimDrafted', data: {}, metadata: {} };
}
