import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidAppend, SqliteEventStore, StoreUnavailable, createEventStore } from '../src';
import { openEventsDatabase } from '../src/sqlite/sqlite-database';
import { newEvent } from './contract';

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
    ).resolves.toEqual(first);
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
});
