import { setTimeout as sleep } from 'node:timers/promises';
import { createEventStore, EventStoreDbEventStore, StoreUnavailable } from '../src';
import { newEvent } from './contract';
import { closedPort } from './support/closed-port';

/**
 * What the EventStoreDB adapter does when no server answers. This needs no server, so it runs
 * everywhere; the adapter's behaviour against a real server is the contract suite in
 * test/event-store-eventstoredb.int-spec.ts.
 */
describe('EventStoreDB event store without a reachable server', () => {
  let store: EventStoreDbEventStore;

  beforeEach(async () => {
    store = new EventStoreDbEventStore({ url: `esdb://127.0.0.1:${await closedPort()}?tls=false` });
  });

  afterEach(async () => {
    await store.close();
  });

  it('fails appends, reads and revision lookups with StoreUnavailable', async () => {
    await expect(store.append('claim-1', [newEvent()], { expectedRevision: 'any' })).rejects.toBeInstanceOf(StoreUnavailable);
    await expect(store.readStream('claim-1')).rejects.toBeInstanceOf(StoreUnavailable);
    await expect(store.readAll({ maxCount: 10 })).rejects.toBeInstanceOf(StoreUnavailable);
    await expect(store.streamRevision('claim-1')).rejects.toBeInstanceOf(StoreUnavailable);
  });

  it('reports itself not ok, with the reason', async () => {
    const status = await store.status();

    expect(status).toMatchObject({ ok: false, adapter: 'eventstoredb' });
    expect(status.detail).toMatch(/unreachable/);
  });

  it('keeps a subscription retrying without reporting an error, until stopped', async () => {
    const errors: Error[] = [];
    const subscription = store.subscribeToAll({}, { onEvent: () => undefined, onError: (error) => void errors.push(error) });

    await sleep(500);
    await subscription.stop();

    expect(errors).toEqual([]);
    await expect(subscription.caughtUp).rejects.toThrow(/stopped before catching up/);
  });

  it('is what the factory builds for kind eventstoredb', async () => {
    const created = createEventStore({ kind: 'eventstoredb', url: 'esdb://127.0.0.1:2113?tls=false' });
    expect(created).toBeInstanceOf(EventStoreDbEventStore);
    await created.close();
  });
});
