import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EventStore, Subscription } from '@app/event-store';
import { ReadModelWriter, type AppliedEvent } from './read-model-writer';
import {
  READ_MODEL_TABLES,
  READ_MODEL_VERSION,
  createReadModelIndexes,
  createReadModelTables,
  dropReadModelTables,
} from './schema';

export interface ProjectionEngineOptions {
  /** SQLite file for the read models, or ':memory:'. */
  path: string;
  /** Events applied per transaction while catching up. */
  batchSize?: number;
  onError?: (error: Error) => void;
}

/** Events per read while catching up in bulk. */
const CATCH_UP_PAGE = 5000;
/** The writer's cache limits (entities of each kind) while catching up and when live. */
const CATCH_UP_CACHE = 200_000;
const LIVE_CACHE = 10_000;

interface Waiter {
  position: number;
  resolve: () => void;
}

/**
 * Feeds the read models from the store's subscription. The checkpoint (the last global position
 * applied) lives in the same database and is written in the same transaction as the tables, so a
 * restart resumes exactly where it stopped, and a dropped table or a new READ_MODEL_VERSION
 * rebuilds everything from the log.
 */
export class ProjectionEngine {
  readonly db: Database.Database;
  private writer: ReadModelWriter;
  private subscription: Subscription | null = null;
  private appliedPosition = 0;
  private waiters: Waiter[] = [];
  private commitScheduled: NodeJS.Immediate | null = null;
  private readonly listeners = new Set<(applied: AppliedEvent) => void>();
  private failure: Error | null = null;
  private readonly batchSize: number;
  /** True when the read models were (re)built from the log at start. */
  rebuiltAtStart = false;

  constructor(
    private readonly store: EventStore,
    private readonly options: ProjectionEngineOptions,
  ) {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    // The checkpoint makes a lost tail harmless: it is simply re-applied from the log.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('cache_size = -16384');
    this.batchSize = options.batchSize ?? 20_000;
    this.prepareSchema();
    this.writer = new ReadModelWriter(this.db);
  }

  /** The last global position whose effects are visible to queries. */
  get position(): number {
    return this.appliedPosition;
  }

  get error(): Error | null {
    return this.failure;
  }

  /** Starts feeding; resolves once the read models have caught up with the store. */
  async start(): Promise<void> {
    if (this.subscription) return;
    await this.catchUp();
    let sinceFlush = 0;
    this.subscription = this.store.subscribeToAll(
      { fromPosition: this.appliedPosition },
      {
        onEvent: (event) => {
          this.writer.apply(event);
          sinceFlush += 1;
          if (sinceFlush >= this.batchSize) {
            sinceFlush = 0;
            this.commit();
          }
        },
        onCaughtUp: () => {
          // Commit after the events of this turn of the event loop: concurrent mutations that
          // append meanwhile share one transaction instead of paying one each.
          if (this.commitScheduled) return;
          this.commitScheduled = setImmediate(() => {
            this.commitScheduled = null;
            sinceFlush = 0;
            this.commit();
          });
        },
        onError: (error) => {
          this.failure = error;
          this.options.onError?.(error);
        },
      },
    );
    await this.subscription.caughtUp;
    this.commit();
    createReadModelIndexes(this.db);
  }

  /**
   * Applies what the store holds beyond the checkpoint in large pages, without the per-event
   * hand-over of a subscription: the fast path for a rebuild or a long absence. The subscription
   * started afterwards picks up whatever arrives meanwhile.
   */
  private async catchUp(): Promise<void> {
    let readTo = this.appliedPosition;
    let sinceFlush = 0;
    this.writer.cacheLimit = CATCH_UP_CACHE;
    for (;;) {
      const page = await this.store.readAll({ fromPosition: readTo, maxCount: CATCH_UP_PAGE });
      for (const event of page) this.writer.apply(event);
      sinceFlush += page.length;
      if (page.length > 0) readTo = page[page.length - 1].position;
      if (sinceFlush >= this.batchSize || page.length < CATCH_UP_PAGE) {
        sinceFlush = 0;
        this.commit();
      }
      if (page.length < CATCH_UP_PAGE) break;
    }
    this.writer.cacheLimit = LIVE_CACHE;
  }

  /** Resolves once every event up to `position` is applied (read-your-writes for a mutation). */
  waitFor(position: number, timeoutMs = 10_000): Promise<void> {
    if (position <= this.appliedPosition) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { position, resolve: () => undefined };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`read models did not reach position ${position} within ${timeoutMs} ms`));
      }, timeoutMs);
      waiter.resolve = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(waiter);
    });
  }

  /** Drops every read model and applies the whole log again. */
  async rebuild(): Promise<void> {
    await this.stop();
    dropReadModelTables(this.db);
    this.prepareSchema();
    this.writer = new ReadModelWriter(this.db);
    await this.start();
  }

  async stop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    if (subscription) await subscription.stop();
    if (this.commitScheduled) clearImmediate(this.commitScheduled);
    this.commitScheduled = null;
    this.commit();
  }

  async close(): Promise<void> {
    await this.stop();
    this.db.close();
  }

  /**
   * Calls `listener` for each event once its effects are visible to queries (live feeds use it).
   * Listeners must not block: they run inside the feed loop. Returns the unsubscribe function.
   */
  onApplied(listener: (applied: AppliedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private commit(): void {
    const applied = this.writer.flush();
    if (applied.length === 0) return;
    const position = applied[applied.length - 1].event.position;
    this.appliedPosition = position;
    if (this.listeners.size > 0) {
      for (const item of applied) for (const listener of this.listeners) listener(item);
    }
    if (this.waiters.length === 0) return;
    const ready = this.waiters.filter((w) => w.position <= position);
    this.waiters = this.waiters.filter((w) => w.position > position);
    for (const waiter of ready) waiter.resolve();
  }

  private prepareSchema(): void {
    const existing = new Set(
      (this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map(
        (row) => row.name,
      ),
    );
    const meta = existing.has('read_model_meta')
      ? (this.db.prepare('SELECT version, position FROM read_model_meta WHERE id = 1').get() as
          | { version: number; position: number }
          | undefined)
      : undefined;
    const intact = meta?.version === READ_MODEL_VERSION && READ_MODEL_TABLES.every((table) => existing.has(table));
    if (!intact) {
      dropReadModelTables(this.db);
      this.rebuiltAtStart = true;
    }
    createReadModelTables(this.db);
    this.db
      .prepare('INSERT OR IGNORE INTO read_model_meta (id, version, position) VALUES (1, ?, 0)')
      .run(READ_MODEL_VERSION);
    this.appliedPosition = intact && meta ? meta.position : 0;
    // Resuming: the indexes are there already (or must be, for the queries). Starting from the
    // beginning of the log: start() builds them once it has caught up.
    if (this.appliedPosition > 0) createReadModelIndexes(this.db);
  }
}
