/**
 * Projection rebuild: events per second when every read model is rebuilt from the log (target
 * ≥ 100,000 events/s), beside the baseline of only reading the same log through the store in the
 * same run (the ceiling a rebuild could reach).
 *
 *   npm run bench:rebuild [-- --events 500000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { ProjectionEngine } from '@app/projections';
import { round } from './support/load';
import { writeSyntheticLog } from './support/synthetic-log';

const args = process.argv.slice(2);
const EVENTS = Number(args[args.indexOf('--events') + 1] || 500_000) || 500_000;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-rebuild-'));
  try {
    const store = new SqliteEventStore({ path: join(dir, 'review.db') });
    const filled = Date.now();
    const { events } = await writeSyntheticLog(store, { events: EVENTS });
    console.log(`wrote ${events} events in ${round((Date.now() - filled) / 1000, 1)} s`);

    let started = performance.now();
    let read = 0;
    for (let from = 0; ; ) {
      const batch = await store.readAll({ fromPosition: from, maxCount: 1000 });
      read += batch.length;
      if (batch.length < 1000) break;
      from = batch[batch.length - 1].position;
    }
    const scanSeconds = (performance.now() - started) / 1000;

    const engine = new ProjectionEngine(store, { path: join(dir, 'read-models.db') });
    started = performance.now();
    await engine.start();
    const rebuildSeconds = (performance.now() - started) / 1000;
    await engine.close();
    await store.close();

    console.table({
      'read the log only (baseline)': { events: read, seconds: round(scanSeconds), 'events/s': round(read / scanSeconds, 0) },
      'rebuild every read model': { events, seconds: round(rebuildSeconds), 'events/s': round(events / rebuildSeconds, 0) },
    });
    console.log(
      `rebuild: ${round(events / rebuildSeconds, 0)} events/s (target ≥ 100,000); ratio rebuild / read-only = ${round(read / scanSeconds === 0 ? 0 : events / rebuildSeconds / (read / scanSeconds))}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
