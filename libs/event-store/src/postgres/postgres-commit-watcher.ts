import { Client, type ClientConfig } from 'pg';
import { COMMIT_CHANNEL } from './postgres-schema';

const FIRST_RECONNECT_DELAY_MS = 100;
const MAX_RECONNECT_DELAY_MS = 2_000;

/**
 * Tells the store's subscriptions when something may have been committed, by any process:
 *
 * - LISTEN on a dedicated connection (every append notifies on commit), so live subscribers
 *   wake at once. When that connection drops it is reopened with a doubling backoff (capped at
 *   2 s), and every subscription is woken once it is back, as commits made meanwhile sent no
 *   notification that reached us.
 * - A poll of the log's head every pollIntervalMs, waking them when it moved: the fallback for
 *   whatever the listener misses (it is down, or a connection pooler in transaction mode, where
 *   LISTEN is accepted but never hears anything). Failed polls are ignored; the subscriptions
 *   retry their own reads.
 */
export class CommitWatcher {
  private listener: Client | null = null;
  /** Every connection opened and not yet ended, the one being opened included: stop() ends them all. */
  private readonly clients = new Set<Client>();
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectDelay = FIRST_RECONNECT_DELAY_MS;
  private pollTimer: NodeJS.Timeout | null = null;
  private polling = false;
  private seenHead = -1;
  private running = false;
  /** Bumped by start and stop, so a connection attempt begun before a stop cannot outlive it. */
  private generation = 0;

  constructor(
    private readonly clientConfig: ClientConfig,
    private readonly head: () => Promise<number>,
    private readonly pollIntervalMs: number,
    private readonly wake: () => void,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.generation++;
    this.seenHead = -1;
    void this.listen();
    this.pollTimer = setInterval(() => void this.poll(), this.pollIntervalMs);
    this.pollTimer.unref();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.generation++;
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.pollTimer = null;
    this.reconnectTimer = null;
    this.listener = null;
    await Promise.all([...this.clients].map((client) => client.end().catch(() => undefined)));
  }

  private async listen(): Promise<void> {
    const generation = this.generation;
    const client = new Client(this.clientConfig);
    this.clients.add(client);
    client.once('end', () => this.clients.delete(client));
    let lost = false;
    const onLost = (): void => {
      if (lost) return;
      lost = true;
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (this.listener === client) this.listener = null;
      if (generation === this.generation) this.scheduleReconnect();
    };
    // A dropped connection emits 'error' (and then 'end'); without a listener 'error' would crash.
    client.on('error', onLost);
    client.on('end', onLost);
    client.on('notification', () => this.wake());
    try {
      await client.connect();
      await client.query(`LISTEN ${COMMIT_CHANNEL}`);
    } catch {
      onLost();
      return;
    }
    if (generation !== this.generation || lost) {
      client.removeListener('end', onLost);
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
    this.reconnectDelay = FIRST_RECONNECT_DELAY_MS;
    this.wake();
  }

  private scheduleReconnect(): void {
    if (!this.running || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.listen();
    }, this.reconnectDelay);
    this.reconnectTimer.unref();
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, MAX_RECONNECT_DELAY_MS);
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const head = await this.head();
      if (head !== this.seenHead) {
        this.seenHead = head;
        this.wake();
      }
    } catch {
      // The server is unavailable: the subscriptions find out, and retry, on their own reads.
    } finally {
      this.polling = false;
    }
  }
}
