import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** Commits on a connection before its checkpoints move to a thread of their own. */
const COMMITS_BEFORE_START = 200;
const INTERVAL_MS = 250;

/**
 * The worker's whole program: a connection of its own to the file, and a PASSIVE checkpoint on
 * every tick. PASSIVE never waits for readers or writers; whatever it cannot copy now it copies
 * at a later tick. Plain JavaScript, so that it runs the same under ts-node, jest and the bundle.
 */
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 1000 });
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy or gone: the next tick tries again */ }
}, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  process.exit(0);
});
`;

/**
 * Takes a WAL database's checkpoints off the thread that commits. By default SQLite checkpoints
 * inside the commit that pushes the WAL past 1,000 pages: that commit copies pages back into the
 * database file and fsyncs it while every request waits. Once a connection has committed often
 * enough to matter, this turns its automatic checkpoints off and runs PASSIVE checkpoints from a
 * worker thread a few times a second instead, where they also copy a page changed many times
 * only once. If the worker cannot start or dies, the automatic checkpoints come back.
 */
export class WalCheckpointer {
  private commits = 0;
  private worker: Worker | null = null;
  private stopped = false;

  constructor(
    private readonly db: Database.Database,
    private readonly file: string,
  ) {}

  /** Counts a commit; the worker starts at the COMMITS_BEFORE_START-th. */
  committed(): void {
    if (this.worker || this.stopped || (this.commits += 1) < COMMITS_BEFORE_START || this.file === ':memory:') return;
    try {
      const driver = createRequire(__filename).resolve('better-sqlite3');
      this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: this.file, driver, intervalMs: INTERVAL_MS } });
    } catch {
      this.stopped = true;
      return;
    }
    this.worker.unref();
    this.worker.once('exit', () => {
      this.worker = null;
      this.stopped = true;
      if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
    });
    this.db.pragma('wal_autocheckpoint = 0');
  }

  /** Stops the worker; SQLite checkpoints the WAL itself when the last connection closes. */
  async stop(): Promise<void> {
    this.stopped = true;
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    // Held while it stops: an unreferenced worker would let a process with nothing else to do
    // exit before the worker's exit is reported, leaving whoever awaits close() hanging.
    worker.ref();
    worker.postMessage('stop');
    await exited;
  }
}
