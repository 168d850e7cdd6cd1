import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore, type JsonObject, type RecordedEvent, type SubscriptionHandler } from '@app/event-store';
import { ProjectionEngine, ReadModelsInUse, type RebuildReport } from './projection-engine';
import { eventually } from '../../../test/support/eventually';
import { readModelTables } from '../../../test/support/read-model-snapshot';

const editor = { id: 'eve', roles: ['EDITOR'] };
const checker = { id: 'finn', roles: ['FACT_CHECKER'] };
let clock = Date.UTC(2026, 0, 1);

/** Appends `claims` claims of one article, each drafted, revised and checked (three events). */
async function appendClaims(store: SqliteEventStore, first: number, claims: number): Promise<void> {
  const event = (type: string, data: object, actor: object) => {
    clock += 90_000;
    return { id: randomUUID(), type, data: data as JsonObject, metadata: { actor, occurredAt: clock } as JsonObject };
  };
  for (let i = first; i < first + claims; i += 1) {
    await store.append(
      `claim-c${i}`,
      [
        event('ClaimDrafted', { claimId: `c${i}`, articleId: 'a1', sectionId: 's1', text: `Claim ${i}.`, citations: [1], citationNeeded: false, textRevision: 1, author: editor }, editor),
        event('ClaimRevised', { text: `Claim ${i}, revised.`, citations: [1], citationNeeded: false, textRevision: 2, author: editor }, editor),
        event(
          'EvidenceCheckPassed',
          { textRevision: 2, evidence: [{ referenceNumber: 1, level: 'HUMAN_RCT', locator: 'p. 1', note: null }], noCitationNeeded: false, checkedBy: checker },
          checker,
        ),
      ],
      { expectedRevision: 'no_stream' },
    );
  }
}

describe('ProjectionEngine', () => {
  let dir: string;
  let store: SqliteEventStore;
  const engines: ProjectionEngine[] = [];
  const engine = (options: Partial<ConstructorParameters<typeof ProjectionEngine>[1]> = {}) => {
    const created = new ProjectionEngine(store, { path: join(dir, `read-models-${engines.length}.db`), ...options });
    engines.push(created);
    return created;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'projection-engine-'));
    store = new SqliteEventStore({ path: join(dir, 'events.db') });
  });

  afterEach(async () => {
    for (const created of engines.splice(0)) await created.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a log over the worker threshold, rebuilds in a worker thread the same tables as on its own thread', async () => {
    await appendClaims(store, 0, 200);
    const reports: RebuildReport[] = [];
    const inWorker = engine({ workerThreshold: 100, batchSize: 50, onRebuild: (r) => reports.push(r) });
    const onThread = engine({ workerThreshold: Infinity, batchSize: 50, onRebuild: (r) => reports.push(r) });
    await inWorker.start();
    await onThread.start();
    expect(reports).toMatchObject([
      { events: 600, worker: 'drained' },
      { events: 600, worker: 'not used' },
    ]);
    expect(readModelTables(inWorker.db)).toEqual(readModelTables(onThread.db));
    expect(readModelTables(inWorker.db).claims).toHaveLength(200);
  });

  it('when the worker fills its caches, it stops at a written checkpoint and this thread applies the rest', async () => {
    await appendClaims(store, 0, 200);
    const reports: RebuildReport[] = [];
    const handedOver = engine({ workerThreshold: 1, batchSize: 30, catchUpCacheLimit: 40, onRebuild: (r) => reports.push(r) });
    await handedOver.start();
    expect(reports).toMatchObject([{ events: 600, worker: 'cache-full' }]);
    const reference = engine({ workerThreshold: Infinity });
    await reference.start();
    expect(readModelTables(handedOver.db)).toEqual(readModelTables(reference.db));
    // And it goes on live from there.
    await appendClaims(store, 200, 1);
    await handedOver.waitFor((await store.status()).lastPosition!);
    expect(handedOver.db.prepare("SELECT revision, state FROM claims WHERE id = 'c200'").get()).toEqual({ revision: 2, state: 'EVIDENCE_CHECKED' });
  });

  it('tells listeners of each event stored after its first start, once, and nothing of the history it re-reads', async () => {
    await appendClaims(store, 0, 10);
    const heard: number[] = [];
    const live = engine({ workerThreshold: 1 });
    live.onApplied(({ event }: { event: RecordedEvent }) => heard.push(event.position));
    await live.start();
    expect(live.position).toBe(30);
    expect(heard).toEqual([]);

    await appendClaims(store, 10, 2);
    await live.waitFor(36);
    expect(heard).toEqual([31, 32, 33, 34, 35, 36]);

    await live.rebuild();
    await appendClaims(store, 12, 1);
    await live.waitFor(39);
    expect(heard).toEqual([31, 32, 33, 34, 35, 36, 37, 38, 39]);
  });

  it('refuses a read-model file another engine holds, and opens it once that one is closed', async () => {
    const path = join(dir, 'shared.db');
    const first = new ProjectionEngine(store, { path });
    expect(() => new ProjectionEngine(store, { path })).toThrow(ReadModelsInUse);
    await first.close();
    engines.push(new ProjectionEngine(store, { path }));
  });

  it('when feeding fails, says why, drops what it had not written and starts again from its checkpoint', async () => {
    await appendClaims(store, 0, 2);
    const flaky = failingOnce(store);
    const errors: Array<{ message: string; retryInMs: number }> = [];
    let recovered = 0;
    const live = new ProjectionEngine(flaky, {
      path: join(dir, 'flaky.db'),
      onError: (error, retryInMs) => errors.push({ message: error.message, retryInMs }),
      onRecovered: () => (recovered += 1),
    });
    engines.push(live);
    await live.start();
    expect(live.position).toBe(6);

    await appendClaims(store, 2, 2);
    await eventually(async () => expect(live.error).not.toBeNull());
    expect(live.live).toBe(false);
    expect(errors).toEqual([{ message: 'the disk is gone', retryInMs: 1000 }]);

    await eventually(async () => expect(live.error).toBeNull());
    expect(live.live).toBe(true);
    expect(live.position).toBe(12);
    expect(recovered).toBe(1);
    expect(live.db.prepare('SELECT count(*) AS n FROM claims').get()).toEqual({ n: 4 });
  });

  it('closes at once while it waits to start again after an error', async () => {
    const live = new ProjectionEngine(failingOnce(store), { path: join(dir, 'closing.db') });
    await live.start();
    await appendClaims(store, 0, 1);
    await eventually(async () => expect(live.error).not.toBeNull());
    const started = Date.now();
    await live.close();
    expect(Date.now() - started).toBeLessThan(500);
  });
});

/** The store, except that the first event a live subscription delivers makes its handler throw. */
function failingOnce(store: SqliteEventStore): SqliteEventStore {
  let failures = 1;
  return new Proxy(store, {
    get(target, property) {
      if (property === 'subscribeToAll') {
        return (options: Parameters<EventStore['subscribeToAll']>[0], handler: SubscriptionHandler) =>
          target.subscribeToAll(options, {
            ...handler,
            onEvent: (event) => {
              if (failures-- > 0) throw new Error('the disk is gone');
              return handler.onEvent(event);
            },
          });
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
