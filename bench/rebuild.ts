/**
 * Projection rebuild: events per second when every read model is rebuilt from the log (target
 * ≥ 100,000 events/s), as the service does it (a worker thread folds the log while the engine
 * reads and writes) and on one thread alone, beside the baseline of only reading the same log
 * through the store in the same run (what one thread spends before it has done anything).
 * Rounds alternate between the two ways; each figure is the median of its rounds.
 *
 *   npm run bench:rebuild [-- --events 500000] [--rounds 3]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { ProjectionEngine, type RebuildReport } from '@app/projections';
import { round } from './support/load';
import { writeSyntheticLog } from './support/synthetic-log';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) || fallback : fallback);
const EVENTS = option('--events', 500_000);
const ROUNDS = option('--rounds', 3);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-rebuild-'));
  try {
    const store = new SqliteEventStore({ path: join(dir, 'review.db') });
    const filled = Date.now();
    const { events } = await writeSyntheticLog(store, { events: EVENTS });
    console.log(`wrote ${events} events in ${round((Date.now() - filled) / 1000, 1)} s`);

    const started = performance.now();
    let read = 0;
    for (let from = 0; ; ) {
      const batch = await store.readAll({ fromPosition: from, maxCount: 1000 });
      read += batch.length;
      if (batch.length < 1000) break;
      from = batch[batch.length - 1].position;
    }
    const scanSeconds = (performance.now() - started) / 1000;

    const rebuild = async (name: string, workerThreshold?: number) => {
      let report: RebuildReport | null = null;
      const path = join(dir, `${name}.db`);
      const engine = new ProjectionEngine(store, { path, workerThreshold, onRebuild: (r) => (report = r) });
      await engine.start();
      await engine.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
      if (!report) throw new Error('the engine did not rebuild');
      return report as RebuildReport;
    };
    const rounds: Array<{ worker: RebuildReport; oneThread: RebuildReport }> = [];
    for (let i = 0; i < ROUNDS; i += 1) {
      rounds.push({ worker: await rebuild('worker'), oneThread: await rebuild('one-thread', Infinity) });
      console.log(`round ${i + 1}: worker ${round(rounds[i].worker.seconds)} s (${rounds[i].worker.worker}), one thread ${round(rounds[i].oneThread.seconds)} s`);
    }
    await store.close();
    const middle = (reports: RebuildReport[]) => [...reports].sort((a, b) => a.seconds - b.seconds)[Math.floor(reports.length / 2)];
    const withWorker = middle(rounds.map((r) => r.worker));
    const oneThread = middle(rounds.map((r) => r.oneThread));

    const row = (n: number, seconds: number) => ({ events: n, seconds: round(seconds), 'events/s': round(n / seconds, 0) });
    console.table({
      'read the log only (baseline)': row(read, scanSeconds),
      [`rebuild, worker thread (${withWorker.worker})`]: row(withWorker.events, withWorker.seconds),
      'rebuild, one thread': row(oneThread.events, oneThread.seconds),
    });
    const rate = withWorker.events / withWorker.seconds;
    console.log(
      `rebuild: ${round(rate, 0)} events/s (target ≥ 100,000); ratio rebuild / read-only = ${round(rate / (read / scanSeconds))}; ` +
        `worker / one thread = ${round(rate / (oneThread.events / oneThread.seconds))}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
