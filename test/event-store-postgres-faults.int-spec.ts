import { connect, createServer, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  PostgresEventStore,
  StoreUnavailable,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
} from '@app/event-store';
import { newEvent, waitFor } from '../libs/event-store/test/contract';
import {
  asAdmin,
  createTestDatabase,
  POSTGRES_TEST_URL,
  postgresServerAt,
  type TestDatabase,
} from '../libs/event-store/test/support/postgres-server';

/**
 * The PostgreSQL adapter through an outage, as a server restart looks to it: every backend of
 * its database is terminated (57P01 on each connection, the listener's included) and, for a
 * second, new connections are refused. The store reaches the server through a TCP proxy of this
 * test that stops accepting for that second, so the outage has a known length and nothing else
 * on the server is disturbed. Skipped with one line where no server answers.
 */
const server = postgresServerAt(POSTGRES_TEST_URL);
if (!server.available) process.stderr.write(`PostgreSQL fault suite skipped: ${server.reason}\n`);
const describeWithServer = server.available ? describe : describe.skip;

jest.setTimeout(30_000);

const WRITERS = 4;
const OUTAGE_MS = 1_000;
/** Connections are refused at once and queries time out after 3 s: no append may take longer. */
const APPEND_BOUND_MS = 5_000;

describeWithServer('PostgreSQL event store through an outage', () => {
  let database: TestDatabase;
  let proxy: RefusingProxy;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    const target = new URL(POSTGRES_TEST_URL);
    proxy = new RefusingProxy(target.hostname, Number(target.port || 5432));
    const via = new URL(database.url);
    via.hostname = '127.0.0.1';
    via.port = String(await proxy.start());
    store = new PostgresEventStore({ url: via.toString(), pollIntervalMs: 100, connectTimeoutMs: 1_000, queryTimeoutMs: 3_000 });
  });

  afterAll(async () => {
    await store?.close();
    await proxy?.close();
    await database?.drop();
  });

  it('keeps every acknowledged append once, fails the others with StoreUnavailable in bounded time, and recovers by itself', async () => {
    const received: RecordedEvent[] = [];
    const subscriptionErrors: Error[] = [];
    const subscription = store.subscribeToAll(
      {},
      { onEvent: (event) => void received.push(event), onError: (error) => void subscriptionErrors.push(error) },
    );
    await subscription.caughtUp;

    // Writers append one event at a time, as a command handler would, and retry a failed append
    // with the same event and expectation until it is acknowledged: a retry of an append that
    // did commit before its connection dropped must get the first result, not a second copy.
    const acknowledged = new Map<string, string[]>();
    const failures: unknown[] = [];
    let slowestMs = 0;
    let writing = true;
    const write = async (stream: string): Promise<void> => {
      const ids: string[] = [];
      acknowledged.set(stream, ids);
      let expectedRevision: ExpectedRevision = 'no_stream';
      let pending: NewEvent | null = null;
      while (writing || pending) {
        const event: NewEvent = pending ?? newEvent();
        const started = Date.now();
        try {
          const { nextRevision } = await store.append(stream, [event], { expectedRevision });
          ids.push(event.id);
          expectedRevision = nextRevision;
          pending = null;
        } catch (error) {
          failures.push(error);
          pending = event;
          await sleep(20);
        } finally {
          slowestMs = Math.max(slowestMs, Date.now() - started);
        }
      }
    };
    const writers = Array.from({ length: WRITERS }, (_, i) => write(`load-${i}`));
    await sleep(300);

    proxy.refuse();
    const terminated = await asAdmin(POSTGRES_TEST_URL, (admin) =>
      admin.query<{ count: string }>(
        'SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS count FROM pg_stat_activity WHERE datname = $1',
        [database.name],
      ),
    );
    await sleep(OUTAGE_MS / 2);
    const failuresBeforeProbe = failures.length;
    const probeStarted = Date.now();
    await expect(store.append('probe', [newEvent()], { expectedRevision: 'any' })).rejects.toBeInstanceOf(StoreUnavailable);
    expect(Date.now() - probeStarted).toBeLessThan(APPEND_BOUND_MS);
    await sleep(OUTAGE_MS / 2);
    proxy.accept();
    await sleep(500);
    writing = false;
    await Promise.all(writers);

    // The outage was real: the pool and the listener were connected, and appends failed.
    expect(Number(terminated.rows[0].count)).toBeGreaterThanOrEqual(2);
    expect(failuresBeforeProbe).toBeGreaterThan(0);
    expect(failures.filter((error) => !(error instanceof StoreUnavailable))).toEqual([]);
    expect(slowestMs).toBeLessThan(APPEND_BOUND_MS);

    // Each stream holds exactly what was acknowledged, in order: nothing lost, nothing twice.
    const stored = await store.readAll({ maxCount: 100_000 });
    for (const [stream, ids] of acknowledged) {
      expect(ids.length).toBeGreaterThan(0);
      expect(stored.filter((event) => event.streamId === stream).map((event) => event.id)).toEqual(ids);
    }
    expect(stored.filter((event) => event.streamId === 'probe')).toEqual([]);

    // The same subscription is live again and has seen every stored event once, in order.
    const { position: last } = await store.append('after-outage', [newEvent()], { expectedRevision: 'no_stream' });
    await waitFor(() => received.some((event) => event.position === last));
    await sleep(200); // anything delivered twice would arrive now
    await subscription.stop();
    const all = await store.readAll({ maxCount: 100_000 });
    expect(received.map((event) => event.id)).toEqual(all.map((event) => event.id));
    expect(subscriptionErrors).toEqual([]);
  });

  it('appends on after the server closed the connection it keeps for appends while it sat idle', async () => {
    // The store keeps one connection for appends that come one at a time; checked out of the
    // pool, nothing but the store listens for its errors, and an unheard one would end the process.
    await store.append('idle-kept', [newEvent()], { expectedRevision: 'any' });
    await asAdmin(POSTGRES_TEST_URL, (admin) =>
      admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database.name]),
    );
    await sleep(300);

    await expect(store.append('idle-kept', [newEvent()], { expectedRevision: 0 })).resolves.toMatchObject({ nextRevision: 1 });
    expect((await store.readStream('idle-kept')).map((event) => event.revision)).toEqual([0, 1]);
  });
});

/**
 * Forwards TCP connections to the server; refuse() closes the listening socket (new connections
 * get ECONNREFUSED, as from a server that is down) and accept() opens it again on the same port.
 */
class RefusingProxy {
  private listener: Server | null = null;
  private port = 0;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<number> {
    await this.listen(0);
    return this.port;
  }

  refuse(): void {
    this.listener?.close();
    this.listener = null;
  }

  accept(): void {
    void this.listen(this.port);
  }

  async close(): Promise<void> {
    this.refuse();
    for (const socket of this.sockets) socket.destroy();
  }

  private async listen(port: number): Promise<void> {
    const listener = createServer((client) => {
      const upstream = connect(this.targetPort, this.host);
      this.track(client);
      this.track(upstream);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => listener.listen(port, '127.0.0.1', resolve));
    this.port = (listener.address() as { port: number }).port;
    this.listener = listener;
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
  }
}
