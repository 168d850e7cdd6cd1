import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyIntegrity } from '@app/audit';
import type { Decider } from '@app/domain';
import { SqliteEventStore } from '@app/event-store';
import type { CommandContext } from './command-context';
import { StreamWriter, type StreamEvent } from './stream-writer';

/** A stream that counts: each Count command appends one Counted event. */
const counter: Decider<{ type: 'Count' }, StreamEvent, number> = {
  initialState: 0,
  decide: (_command, state) => [{ type: 'Counted', data: { n: state + 1 } }],
  evolve: (state) => state + 1,
};

const context = (commandId: string, now: number): CommandContext => ({
  actor: { id: 'system:test', roles: [] },
  reason: null,
  commandId,
  command: 'count',
  fingerprint: commandId,
  clientNamed: false,
  correlationId: commandId,
  causationId: null,
  now,
});

/**
 * Two writers over one store stand for two API replicas: each caches the streams it has folded,
 * and both run the same reactions (the same command ids).
 */
describe('StreamWriter across replicas', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stream-writer-'));
    store = new SqliteEventStore({ path: join(dir, 'events.db') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (writer: StreamWriter, commandId: string, now: number) =>
    writer.write({ streamId: 'counter-1', decider: counter, command: { type: 'Count' }, context: context(commandId, now), mustExist: false });

  it('answers a command another replica stored first as a duplicate, and chains the next event to what is stored', async () => {
    const [a, b] = [new StreamWriter(store), new StreamWriter(store)];
    await write(a, 'first', 1);
    await b.load('counter-1', counter);

    // Both react to the same cause; the second one's events (another time, so another hash) are not stored.
    const stored = await write(a, 'reaction', 2);
    const second = await write(b, 'reaction', 3);
    expect(second).toEqual({ state: 2, revision: 1, position: stored.position, duplicate: true });

    await write(b, 'after', 4);
    const events = await store.readStream('counter-1');
    expect(events.map((event) => event.metadata.commandId)).toEqual(['first', 'reaction', 'after']);
    expect(events[1].metadata.occurredAt).toBe(2);
    expect(await verifyIntegrity(store)).toMatchObject({ ok: true, eventsChecked: 3 });
  });
});
