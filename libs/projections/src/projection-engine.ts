import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { FileLock, SqliteEventStore, SqliteLogScanner, WalCheckpointer, type EventStore, type Subscription } from '@app/event-store';
import { PAGE_METADATA_PATHS, type FromRebuildWorker, type RebuildJob, type ToRebuildWorker } from './rebuild-job';
import { ReadModelWriter, foldStart, type AppliedEvent } from './read-model-writer';
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
  /** Entities of each kind kept in memory while catching up (default 200,000). */
  catchUpCacheLimit?: number;
  /**
   * Rebuilding from empty read models over an embedded (SQLite) store with at least this many
   * events, a worker thread parses and folds the log while this thread reads and writes. Default
   * 50,000; Infinity never uses one.
   */
  workerThreshold?: number;
  /**
   * Told when feeding stops on an error (the store's, or the read models' own): the engine then
   * drops what it had not written, and starts again from its checkpoint after a pause (1 s,
   * doubling up to 30 s) until it succeeds; `error` holds the failure meanwhile.
   */
  onError?: (error: Error, retryInMs: number) => void;
  /** Told when feeding has started again after an error. */
  onRecovered?: () => void;
  /** Told, at the end of a start that found the read models empty, how the rebuild went. */
  onRebuild?: (report: RebuildReport) => void;
}

export interface RebuildReport {
  /** Events applied, and the seconds it took until the read models were caught up and indexed. */
  events: number;
  seconds: number;
  /** Whether a worker thread folded the log, and if it did, why it stopped. */
  worker: 'not used' | 'drained' | 'cache-full' | 'failed';
  detail?: string;
}

/** Events per read while catching up in bulk. */
const CATCH_UP_PAGE = 5000;
/** The writer's cache limits (entities of each kind) while catching up and when live. */
const LIVE_CACHE = 10_000;
const WORKER_THRESHOLD = 50_000;
/** Pages read ahead of the worker's fold. */
const PAGES_AHEAD = 4;
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

const asError = (thrown: unknown): Error => (thrown instanceof Error ? thrown : new Error(String(thrown)));

/** The read-model file is already open in another process (or another engine in this one). */
export class ReadModelsInUse extends Error {
  constructor(readonly path: string) {
    super(`the read models at ${path} are in use by another process (it holds ${path}.lock)`);
  }
}

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
  private readonly lock: FileLock | null;
  private closed = false;
  private recovering: Promise<void> | null = null;
  /** Ends the pause before the next attempt (close() does not wait it out). */
  private wakeRecovery: (() => void) | null = null;
  private readonly checkpointer: WalCheckpointer;
  private writer: ReadModelWriter;
  private subscription: Subscription | null = null;
  private appliedPosition = 0;
  private waiters: Waiter[] = [];
  private commitScheduled: NodeJS.Immediate | null = null;
  private readonly listeners = new Set<(applied: AppliedEvent) => void>();
  private failure: Error | null = null;
  private readonly batchSize: number;
  private readonly catchUpPage: number;
  private readonly catchUpCache: number;
  /**
   * Listeners have heard of every event up to here. At the first start it is set to the store's
   * head: what was stored before the engine started is history and is applied without telling
   * anyone; live feeds hear of what happens from then on.
   */
  private notifiedTo: number | null = null;
  private markStarted: () => void = () => undefined;
  /** Resolves once the first start has caught up: from then on every new event reaches the listeners. */
  readonly started = new Promise<void>((resolve) => (this.markStarted = resolve));
  /** True once start() has caught up with the store and follows it live (until stop()). */
  live = false;
  /** True when the read models were (re)built from the log at start. */
  rebuiltAtStart = false;

  constructor(
    private readonly store: EventStore,
    private readonly options: ProjectionEngineOptions,
  ) {
    if (options.path === ':memory:') {
      this.lock = null;
    } else {
      mkdirSync(dirname(options.path), { recursive: true });
      this.lock = FileLock.tryAcquire(`${options.path}.lock`);
      if (!this.lock) throw new ReadModelsInUse(options.path);
    }
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    // The checkpoint makes a lost tail harmless: it is simply re-applied from the log.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('cache_size = -16384');
    this.batchSize = options.batchSize ?? 20_000;
    this.catchUpPage = Math.min(CATCH_UP_PAGE, this.batchSize);
    this.catchUpCache = options.catchUpCacheLimit ?? 200_000;
    this.checkpointer = new WalCheckpointer(this.db, options.path);
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
    const started = performance.now();
    const status = await this.store.status();
    this.notifiedTo ??= status.lastPosition ?? this.appliedPosition;
    const rebuild = this.appliedPosition === 0 ? await this.rebuildInWorker(this.notifiedTo) : null;
    await this.catchUp();
    this.markStarted();
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
            try {
              this.commit();
            } catch (error) {
              this.fail(asError(error));
            }
          });
        },
        onError: (error) => this.fail(error),
      },
    );
    await this.subscription.caughtUp;
    this.commit();
    createReadModelIndexes(this.db);
    this.live = true;
    if (rebuild && this.appliedPosition > 0) {
      this.options.onRebuild?.({ ...rebuild, events: this.appliedPosition, seconds: (performance.now() - started) / 1000 });
    }
  }

  /**
   * Applies what the store holds beyond the checkpoint in large pages, without the per-event
   * hand-over of a subscription: the fast path for a rebuild or a long absence. The subscription
   * started afterwards picks up whatever arrives meanwhile.
   */
  private async catchUp(): Promise<void> {
    let readTo = this.appliedPosition;
    let sinceFlush = 0;
    this.writer.cacheLimit = this.catchUpCache;
    for (;;) {
      const page = await this.store.readAll({ fromPosition: readTo, maxCount: this.catchUpPage });
      for (const event of page) this.writer.apply(event);
      sinceFlush += page.length;
      if (page.length > 0) readTo = page[page.length - 1].position;
      if (sinceFlush >= this.batchSize || page.length < this.catchUpPage) {
        sinceFlush = 0;
        this.commit();
      }
      if (page.length < this.catchUpPage) break;
    }
    this.writer.cacheLimit = LIVE_CACHE;
  }

  /**
   * A rebuild from empty read models over an embedded store, on two threads: this one reads the
   * log up to `to` (SQLite writes each page as one JSON document) and writes the change sets, a
   * worker thread parses and folds the pages into them. Each change set is written with its
   * checkpoint; whatever the worker leaves (it stops early if its caches fill, or fails), catchUp
   * applies here, from the checkpoint.
   */
  private async rebuildInWorker(to: number): Promise<Pick<RebuildReport, 'worker' | 'detail'>> {
    const threshold = this.options.workerThreshold ?? WORKER_THRESHOLD;
    if (!(this.store instanceof SqliteEventStore) || to < threshold) return { worker: 'not used' };
    const worker = rebuildWorker();
    if (!worker) return { worker: 'not used', detail: 'no rebuild-worker file beside the engine' };
    const scanner = new SqliteLogScanner(this.store.path, PAGE_METADATA_PATHS);
    const job: RebuildJob = { start: foldStart(this.db), batchSize: this.batchSize, cacheLimit: this.catchUpCache };
    const thread = new Worker(worker.file, { workerData: job, execArgv: worker.execArgv });
    const post = (message: ToRebuildWorker) => thread.postMessage(message);
    let readTo = 0;
    let pagesAhead = 0;
    let lastPageSent = false;
    const sendPages = () => {
      while (!lastPageSent && pagesAhead < PAGES_AHEAD) {
        const page = scanner.read(readTo, to, this.catchUpPage);
        if (page.count > 0) {
          readTo = page.last;
          pagesAhead += 1;
          post({ kind: 'page', json: page.json });
        }
        if (page.count < this.catchUpPage) {
          lastPageSent = true;
          post({ kind: 'no-more-pages' });
        }
      }
    };
    const outcome = await new Promise<Pick<RebuildReport, 'worker' | 'detail'>>((resolve) => {
      const fail = (detail: string) => resolve({ worker: 'failed', detail });
      thread.on('message', (message: FromRebuildWorker) => {
        try {
          if (message.kind === 'changes') {
            this.writer.write(message.changes);
            this.checkpointer.committed();
            this.advanceTo(message.changes.position);
            post({ kind: 'written' });
          } else if (message.kind === 'page-done') {
            pagesAhead -= 1;
            sendPages();
          } else {
            resolve({ worker: message.reason });
          }
        } catch (error) {
          fail(error instanceof Error ? error.message : String(error));
        }
      });
      thread.on('error', (error) => fail(error.message));
      thread.on('exit', (code) => fail(`the worker exited with code ${code} before the end`));
      try {
        sendPages();
      } catch (error) {
        fail(error instanceof Error ? error.message : String(error));
      }
    });
    scanner.close();
    thread.removeAllListeners();
    thread.on('error', () => undefined);
    if (outcome.worker === 'failed') await thread.terminate();
    // The writer's fold started from the empty tables: start a new one over what is written now.
    this.writer = new ReadModelWriter(this.db);
    return outcome;
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
    this.live = false;
    const subscription = this.subscription;
    this.subscription = null;
    if (subscription) await subscription.stop();
    if (this.commitScheduled) clearImmediate(this.commitScheduled);
    this.commitScheduled = null;
    this.commit();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeRecovery?.();
    await this.recovering;
    await this.stop();
    await this.checkpointer.stop();
    this.db.close();
    this.lock?.release();
  }

  /**
   * Feeding failed: nothing unwritten is kept (the writer's fold may hold half an event), and the
   * engine starts again from the checkpoint, which the last written transaction holds, until it
   * succeeds or is closed. Queries meanwhile see the read models as last written.
   */
  private fail(error: Error): void {
    if (this.recovering || this.closed) return;
    this.recovering = this.recover(error).finally(() => (this.recovering = null));
  }

  private async recover(error: Error): Promise<void> {
    for (let delay = RETRY_FIRST_MS; ; delay = Math.min(delay * 2, RETRY_MAX_MS)) {
      this.failure = error;
      this.live = false;
      this.options.onError?.(error, delay);
      const subscription = this.subscription;
      this.subscription = null;
      await subscription?.stop().catch(() => undefined);
      if (this.commitScheduled) clearImmediate(this.commitScheduled);
      this.commitScheduled = null;
      this.writer = new ReadModelWriter(this.db);
      this.appliedPosition = this.checkpoint();
      if (this.closed) return;
      await new Promise<void>((resolve) => {
        this.wakeRecovery = resolve;
        setTimeout(resolve, delay).unref();
      });
      this.wakeRecovery = null;
      if (this.closed) return;
      try {
        await this.start();
        this.failure = null;
        this.options.onRecovered?.();
        return;
      } catch (thrown) {
        error = asError(thrown);
      }
    }
  }

  private checkpoint(): number {
    return (this.db.prepare('SELECT position FROM read_model_meta WHERE id = 1').get() as { position: number }).position;
  }

  /**
   * Calls `listener` for each event once its effects are visible to queries (live feeds use it):
   * every event stored after the engine first started, once. Events stored before (the history a
   * start catches up on or a rebuild re-reads) reach no listener; a follower that needs them reads
   * the store (see followAppliedEvents). Listeners must not block: they run inside the feed loop.
   * Returns the unsubscribe function.
   */
  onApplied(listener: (applied: AppliedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private commit(): void {
    const applied = this.writer.flush();
    if (applied.length === 0) return;
    this.checkpointer.committed();
    const notifiedTo = this.notifiedTo ?? 0;
    if (this.listeners.size > 0) {
      for (const item of applied) {
        if (item.event.position <= notifiedTo) continue;
        for (const listener of this.listeners) listener(item);
      }
    }
    this.advanceTo(applied[applied.length - 1].event.position);
  }

  /** Everything up to `position` is written: queries see it, waiters for it go on. */
  private advanceTo(position: number): void {
    this.appliedPosition = position;
    this.notifiedTo = Math.max(this.notifiedTo ?? 0, position);
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

/**
 * The rebuild worker's entry beside this file: compiled JavaScript in a build, TypeScript (run
 * through ts-node) in tests and benchmarks. Null when there is none (a bundle built without it).
 */
function rebuildWorker(): { file: string; execArgv: string[] } | null {
  if (__filename.endsWith('.ts')) {
    return {
      file: join(__dirname, 'rebuild-worker.ts'),
      execArgv: ['--require', 'ts-node/register/transpile-only', '--require', 'tsconfig-paths/register'],
    };
  }
  const file = join(__dirname, 'rebuild-worker.js');
  return existsSync(file) ? { file, execArgv: [] } : null;
}
