import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConcurrencyConflict, InvalidAppend, SqliteEventStore, StoreUnavailable, createEventStore, type RecordedEvent } from '../src';
import { openEventsDatabase } from '../src/sqlite/sqlite-database';
import { newEvent, waitFor } from './contract';

describe('SQLite event store storage', () => {
  let dir: string;
  let store: SqliteEventStore | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'event-store-storage-'));
  });

  afterEach(async () => {
    await store?.close();
    store = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the file and its folders on first use, not before', async () => {
    const path = join(dir, 'data', 'nested', 'events.db');
    store = new SqliteEventStore({ path });
    expect(existsSync(join(dir, 'data'))).toBe(false);

    await store.append('claim-1', [newEvent()], { expectedRevision: 'no_stream' });

    expect(existsSync(path)).toBe(true);
  });

  it('runs in WAL mode with synchronous=NORMAL by default and FULL when asked for', () => {
    const normal = openEventsDatabase(join(dir, 'normal.db'), 'normal');
    const full = openEventsDatabase(join(dir, 'full.db'), 'full');
    try {
      expect(normal.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(normal.pragma('synchronous', { simple: true })).toBe(1);
      expect(full.pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      normal.close();
      full.close();
    }
  });

  it('is what the factory builds for kind sqlite', async () => {
    const created = createEventStore({ kind: 'sqlite', path: join(dir, 'events.db'), durability: 'full' });
    try {
      expect(created).toBeInstanceOf(SqliteEventStore);
      await expect(created.status()).resolves.toMatchObject({ ok: true, adapter: 'sqlite', lastPosition: 0 });
    } finally {
      await created.close();
    }
  });

  it('reports a file that cannot be opened as StoreUnavailable', async () => {
    const notAFolder = join(dir, 'file');
    await writeFile(notAFolder, '');
    store = new SqliteEventStore({ path: join(notAFolder, 'events.db') });

    await expect(store.append('claim-1', [newEvent()], { expectedRevision: 'any' })).rejects.toBeInstanceOf(StoreUnavailable);
    await expect(store.status()).resolves.toMatchObject({ ok: false, adapter: 'sqlite' });
  });

  it('keeps a subscription to a file that cannot be opened yet waiting, and delivers once it can', async () => {
    const notYetAFolder = join(dir, 'data');
    await writeFile(notYetAFolder, '');
    const path = join(notYetAFolder, 'events.db');
    store = new SqliteEventStore({ path });
    const seen: RecordedEvent[] = [];
    const errors: Error[] = [];
    const subscription = store.subscribeToAll({}, { onEvent: (event) => void seen.push(event), onError: (error) => void errors.push(error) });
    await new Promise((resolve) => setTimeout(resolve, 150));

    await rm(notYetAFolder);
    const writer = new SqliteEventStore({ path });
    try {
      await writer.append('claim-1', [newEvent()], { expectedRevision: 'no_stream' });
    } finally {
      await writer.close();
    }
    await waitFor(() => seen.length === 1);
    await subscription.stop();
    expect(errors).toEqual([]);
  });

  it('ends a subscription made after close with an error, instead of waiting for the store to come back', async () => {
    store = new SqliteEventStore({ path: join(dir, 'events.db') });
    await store.append('claim-1', [newEvent()], { expectedRevision: 'no_stream' });
    await store.close();
    const errors: Error[] = [];

    const subscription = store.subscribeToAll({}, { onEvent: () => undefined, onError: (error) => void errors.push(error) });

    await expect(subscription.caughtUp).rejects.toThrow(/is closed/);
    expect(errors.map((error) => error.message)).toEqual([expect.stringMatching(/is closed/)]);
    store = undefined;
  });

  it('rejects an event id already stored in another stream', async () => {
    store = new SqliteEventStore({ path: join(dir, 'events.db') });
    const reused = newEvent();
    await store.append('claim-1', [reused], { expectedRevision: 'no_stream' });

    await expect(store.append('claim-2', [reused], { expectedRevision: 'any' })).rejects.toBeInstanceOf(InvalidAppend);
    await expect(store.append('claim-1', [newEvent(), reused], { expectedRevision: 0 })).rejects.toBeInstanceOf(InvalidAppend);
    expect(await store.readStream('claim-2')).toEqual([]);
    expect(await store.readStream('claim-1')).toHaveLength(1);
  });

  it('treats an id in another case as the same id', async () => {
    store = new SqliteEventStore({ path: join(dir, 'events.db') });
    const event = newEvent();
    const first = await store.append('claim-1', [event], { expectedRevision: 'no_stream' });

    await expect(
      store.append('claim-1', [{ ...event, id: event.id.toUpperCase() }], { expectedRevision: 'no_stream' }),
    ).resolves.toEqual({ ...first, alreadyStored: true });
  });

  it('matches stream prefixes literally, SQL wildcards included', async () => {
    store = new SqliteEventStore({ path: join(dir, 'events.db') });
    for (const stream of ['50%_off-1', '50%_off-2', '50x_off-1', '50%aoff-1', '50%_of']) {
      await store.append(stream, [newEvent()], { expectedRevision: 'no_stream' });
    }

    const events = await store.readAll({ maxCount: 10, filter: { streamPrefixes: ['50%_off'] } });

    expect(events.map((event) => event.streamId)).toEqual(['50%_off-1', '50%_off-2']);
  });

  it('reads each event once when a filter names a type twice', async () => {
    store = new SqliteEventStore({ path: join(dir, 'events.db') });
    await store.append('claim-1', [newEvent('ClaimDrafted'), newEvent('ClaimRevised')], { expectedRevision: 'no_stream' });

    const events = await store.readAll({ maxCount: 10, filter: { eventTypes: ['ClaimRevised', 'ClaimRevised'] } });

    expect(events.map((event) => event.type)).toEqual(['ClaimRevised']);
  });

  it('keeps accepting appends while a subscriber is stuck on an event', async () => {
    store = new SqliteEventStore({ path: join(dir, 'events.db') });
    let unblock!: () => void;
    const blocked = new Promise<void>((resolve) => (unblock = resolve));
    let delivered = 0;
    store.subscribeToAll(
      {},
      {
        onEvent: () => {
          delivered++;
          return blocked;
        },
      },
    );
    await store.append('claim-1', [newEvent()], { expectedRevision: 'no_stream' });

    for (let revision = 0; revision < 500; revision++) {
      await store.append('claim-1', [newEvent()], { expectedRevision: revision });
    }

    expect(await store.streamRevision('claim-1')).toBe(500);
    expect(delivered).toBe(1);
    unblock();
  });

  it('close() stops subscriptions and later calls fail with StoreUnavailable', async () => {
    const closing = new SqliteEventStore({ path: join(dir, 'events.db') });
    await closing.append('claim-1', [newEvent()], { expectedRevision: 'no_stream' });
    const received: string[] = [];
    const subscription = closing.subscribeToAll({}, { onEvent: (event) => void received.push(event.id) });
    await subscription.caughtUp;

    await closing.close();

    await expect(closing.append('claim-1', [newEvent()], { expectedRevision: 0 })).rejects.toBeInstanceOf(StoreUnavailable);
    await expect(closing.readStream('claim-1')).rejects.toBeInstanceOf(StoreUnavailable);
    expect(received).toHaveLength(1);
  });

  it('writes the appends of one turn of the event loop together, each refused or stored on its own', async () => {
    store = new SqliteEventStore({ path: join(dir, 'events.db') });
    const open = store;
    await open.append('claim-taken', [newEvent()], { expectedRevision: 'no_stream' });
    const appends = Array.from({ length: 30 }, (_, i) =>
      i === 10
        ? open.append('claim-taken', [newEvent()], { expectedRevision: 'no_stream' })
        : open.append(`claim-${i}`, [newEvent(), newEvent()], { expectedRevision: 'no_stream' }),
    );

    const outcomes = await Promise.allSettled(appends);

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(29);
    expect((outcomes[10] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyConflict);
    const all = await open.readAll({ maxCount: 100 });
    expect(all).toHaveLength(1 + 29 * 2);
    expect(all.map((event) => event.position)).toEqual([...all.map((event) => event.position)].sort((a, b) => a - b));
    expect(await open.readStream('claim-taken')).toHaveLength(1);
  });

  it("delivers every event once, in order, when its own store's appends and another store's interleave", async () => {
    const path = join(dir, 'events.db');
    store = new SqliteEventStore({ path, pollIntervalMs: 5 });
    const other = new SqliteEventStore({ path });
    try {
      const received: RecordedEvent[] = [];
      const subscription = store.subscribeToAll({}, { onEvent: (event) => void received.push(event) });
      await subscription.caughtUp;
      const writers = [store, other];
      for (let i = 0; i < 200; i += 1) {
        // Both stores append in the same turns, so each one's batch lands between the other's.
        await Promise.all(writers.map((writer, w) => writer.append(`claim-${w}-${i}`, [newEvent()], { expectedRevision: 'no_stream' })));
      }
      await waitFor(() => received.length >= 400);
      const stored = await store.readAll({ maxCount: 1000 });
      expect(received.map((event) => event.id)).toEqual(stored.map((event) => event.id));
      expect(received.map((event) => event.data)).toEqual(stored.map((event) => event.data));
    } finally {
      await other.close();
    }
  });

  it('writes appends still waiting for their turn when the store closes', async () => {
    const closing = new SqliteEventStore({ path: join(dir, 'events.db') });
    const pending = closing.append('claim-1', [newEvent()], { expectedRevision: 'no_stream' });
    await closing.close();

    await expect(pending).resolves.toMatchObject({ nextRevision: 0 });
    store = new SqliteEventStore({ path: join(dir, 'events.db') });
    expect(await store.streamRevision('claim-1')).toBe(0);
  });

  it("reads another connection's commit from the file when it falls between two of its own store's appends", async () => {
    const path = join(dir, 'events.db');
    // No poll during the test: only the gap in the store's own appends can reveal the other commit.
    store = new SqliteEventStore({ path, pollIntervalMs: 60_000 });
    const open = store;
    await open.append('claim-a', [newEvent()], { expectedRevision: 'no_stream' });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const received: number[] = [];
    open.subscribeToAll({}, {
      onEvent: async (event) => {
        received.push(event.position);
        if (event.position === 1) await released;
      },
    });
    await waitFor(() => received.length === 1);
    await open.append('claim-b', [newEvent()], { expectedRevision: 'no_stream' });
    // Another process's commit: a connection of its own, which signals nothing in this process.
    const foreign = openEventsDatabase(path, 'normal');
    foreign
      .prepare('INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, 0, ?, ?, ?, ?, ?)')
      .run('claim-foreign', newEvent().id, 'ClaimDrafted', '{}', '{}', Date.now());
    foreign.close();
    await open.append('claim-c', [newEvent()], { expectedRevision: 'no_stream' });

    release();

    await waitFor(() => received.length === 4);
    expect(received).toEqual([1, 2, 3, 4]);
  });
});
