/**
 * Appends per second of the SQLite adapter against a raw better-sqlite3 insert loop on the same
 * database shape and durability (both open through openEventsDatabase, so same pragmas and table),
 * with the same payload, serialised with JSON.stringify in both. Raw is the least work that can
 * store an event: a prepared INSERT (autocommit for one event, one transaction for a batch), with
 * revisions kept in a Map instead of checked. The adapter adds validation, the expected-revision
 * check and idempotency.
 *
 *   npm run bench:append [-- --durability full]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent } from '../libs/event-store/src/event-store.port';
import { openEventsDatabase, type SqliteDurability } from '../libs/event-store/src/sqlite/sqlite-database';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';

interface Scenario {
  name: string;
  eventsPerAppend: number;
  appends: number;
}

const durability: SqliteDurability = process.argv.includes('full') ? 'full' : 'normal';
const SCENARIOS: Scenario[] =
  durability === 'full'
    ? [
        { name: '1 event / append', eventsPerAppend: 1, appends: 1_000 },
        { name: '100 events / append', eventsPerAppend: 100, appends: 200 },
      ]
    : [
        { name: '1 event / append', eventsPerAppend: 1, appends: 10_000 },
        { name: '100 events / append', eventsPerAppend: 100, appends: 300 },
      ];
const ROUNDS = 6;
const STREAMS = 500;

/** A claim-review-sized event: about 400 bytes of data and 120 of metadata as JSON. */
function makeEvent(): NewEvent {
  return {
    id: randomUUID(),
    type: 'ClaimRevised',
    data: {
      claimId: randomUUID(),
      articleId: randomUUID(),
      text: 'Regular moderate exercise lowers resting blood pressure in adults with stage 1 hypertension.'.repeat(2),
      evidence: [{ source: 'doi:10.1000/182', strength: 'moderate' }],
      revisedBy: 'reviewer-42',
      revision: 3,
    },
    metadata: { correlationId: randomUUID(), causationId: randomUUID(), actor: 'reviewer-42' },
  };
}

/** Events are made before timing, so only storing them is measured. */
function makeBatches(scenario: Scenario): NewEvent[][] {
  return Array.from({ length: scenario.appends }, () => Array.from({ length: scenario.eventsPerAppend }, makeEvent));
}

function withTempFile<T>(run: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'bench-append-'));
  try {
    return run(join(dir, 'events.db'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runRaw(batches: NewEvent[][]): number {
  return withTempFile((path) => {
    const db = openEventsDatabase(path, durability);
    const insert = db.prepare(
      'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const revisions = new Map<string, number>();
    const insertBatch = (streamId: string, events: NewEvent[]): void => {
      let revision = revisions.get(streamId) ?? -1;
      const recordedAt = Date.now();
      for (const event of events) {
        revision++;
        insert.run(streamId, revision, event.id, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata), recordedAt);
      }
      revisions.set(streamId, revision);
    };
    const insertInTransaction = db.transaction(insertBatch);
    const start = process.hrtime.bigint();
    for (let i = 0; i < batches.length; i++) {
      const streamId = `claim-${i % STREAMS}`;
      if (batches[i].length === 1) insertBatch(streamId, batches[i]);
      else insertInTransaction(streamId, batches[i]);
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    db.close();
    return batches.length / seconds;
  });
}

async function runAdapter(batches: NewEvent[][]): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-append-'));
  const store = new SqliteEventStore({ path: join(dir, 'events.db'), durability });
  try {
    await store.status(); // opens the file outside the timing, as the raw loop does
    const revisions = new Map<string, number>();
    const start = process.hrtime.bigint();
    for (let i = 0; i < batches.length; i++) {
      const streamId = `claim-${i % STREAMS}`;
      const expectedRevision = revisions.get(streamId) ?? 'no_stream';
      const { nextRevision } = await store.append(streamId, batches[i], { expectedRevision });
      revisions.set(streamId, nextRevision);
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return batches.length / seconds;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 === 1 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main(): Promise<void> {
  console.log(`SQLite append benchmark: durability=${durability}, ${ROUNDS} rounds, median shown`);
  const rows: string[][] = [];
  for (const scenario of SCENARIOS) {
    // Made once and reused by every run (each on a new file), so no run pays for another's garbage.
    const batches = makeBatches(scenario);
    const warmUp = batches.slice(0, Math.ceil(scenario.appends / 5));
    runRaw(warmUp);
    await runAdapter(warmUp);
    const raw: number[] = [];
    const adapter: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate who goes first so neither always gets the warmer cache.
      if (round % 2 === 0) {
        raw.push(runRaw(batches));
        adapter.push(await runAdapter(batches));
      } else {
        adapter.push(await runAdapter(batches));
        raw.push(runRaw(batches));
      }
    }
    const rawRate = median(raw);
    const adapterRate = median(adapter);
    rows.push([
      scenario.name,
      format(rawRate),
      format(adapterRate),
      format(rawRate * scenario.eventsPerAppend),
      format(adapterRate * scenario.eventsPerAppend),
      (adapterRate / rawRate).toFixed(2),
    ]);
  }
  printTable(['scenario', 'raw appends/s', 'adapter appends/s', 'raw events/s', 'adapter events/s', 'adapter/raw'], rows);
  console.log('target: adapter/raw >= 0.80');
}

function format(rate: number): string {
  return Math.round(rate).toLocaleString('en-US');
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]): string =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('-|-'));
  for (const row of rows) console.log(line(row));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
