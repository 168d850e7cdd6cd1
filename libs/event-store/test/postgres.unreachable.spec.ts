import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createEventStore, PostgresEventStore, StoreUnavailable } from '../src';
import { newEvent } from './contract';
import { closedPort } from './support/closed-port';
import { postgresServerAt } from './support/postgres-server';

/**
 * What the PostgreSQL adapter does when no server answers. This needs no server, so it runs
 * everywhere; against a real server see test/event-store-postgres*.int-spec.ts.
 */
describe('PostgreSQL event store without a reachable server', () => {
  let url: string;
  let store: PostgresEventStore;

  beforeEach(async () => {
    url = `postgres://postgres@127.0.0.1:${await closedPort()}/events`;
    store = new PostgresEventStore({ url });
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

  it('reports itself not ok, with the reason, within its deadline', async () => {
    const started = Date.now();
    const status = await store.status();

    expect(Date.now() - started).toBeLessThan(2_500);
    expect(status).toMatchObject({ ok: false, adapter: 'postgres' });
    expect(status.detail).toMatch(/unavailable.*ECONNREFUSED/);
  });

  it('answers status within its deadline when the server accepts connections but never answers', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    // Connecting is given longer than status() waits; close() then waits out that attempt.
    const mute = new PostgresEventStore({ url: `postgres://postgres@127.0.0.1:${port}/events`, connectTimeoutMs: 2_500 });
    try {
      const started = Date.now();
      const status = await mute.status();
      expect(Date.now() - started).toBeLessThan(2_500);
      expect(status).toMatchObject({ ok: false, adapter: 'postgres' });
      expect(status.detail).toMatch(/did not answer within/);
    } finally {
      await mute.close();
      silent.close();
    }
  }, 10_000);

  it('keeps a subscription retrying without reporting an error, until stopped', async () => {
    const errors: Error[] = [];
    const subscription = store.subscribeToAll({}, { onEvent: () => undefined, onError: (error) => void errors.push(error) });

    await sleep(500);
    await subscription.stop();

    expect(errors).toEqual([]);
    await expect(subscription.caughtUp).rejects.toThrow(/stopped before catching up/);
  });

  it('refuses appends after close with StoreUnavailable', async () => {
    await store.close();
    await expect(store.append('claim-1', [newEvent()], { expectedRevision: 'any' })).rejects.toBeInstanceOf(StoreUnavailable);
  });

  it('is what the factory builds for kind postgres, and checks its pool size', async () => {
    const created = createEventStore({ kind: 'postgres', url, poolSize: 3 });
    expect(created).toBeInstanceOf(PostgresEventStore);
    await created.close();
    expect(() => new PostgresEventStore({ url, poolSize: 0 })).toThrow(RangeError);
  });

  it('has the server probe report a closed port as unavailable, which skips the PostgreSQL suites', () => {
    const availability = postgresServerAt(url);

    expect(availability.available).toBe(false);
    expect(availability.reason).toMatch(/no PostgreSQL server answers at .*ECONNREFUSED/);
  });
});
