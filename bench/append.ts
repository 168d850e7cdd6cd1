/**
 * Appends per second of each adapter against a raw insert loop on the same store, table and
 * payload (serialised with JSON.stringify in both), in the same run, taking turns.
 *
 * SQLite: the adapter against a raw better-sqlite3 loop on the same database shape and
 * durability (both open through openEventsDatabase, so same pragmas and table). Raw is the least
 * work that can store an event: a prepared INSERT (autocommit for one event, one transaction for
 * a batch), with revisions kept in a Map instead of checked.
 *
 * PostgreSQL (skipped, with one line, when no server answers at POSTGRES_BENCH_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres; the bench works in a database of its own,
 * es_bench_<random>, dropped at the end): the adapter against a raw loop on one node-postgres
 * connection, into the same table, the one the adapter creates (applied anew before each run),
 * taking turns every 20 appends within a run: PostgreSQL's commits wait on the disk, which the
 * machine's other users share, and whole runs one after the other met different disks. Raw
 * is one named prepared statement per append in autocommit, revisions kept in a Map: for one
 * event `INSERT INTO events (...) VALUES ($1, ..., $6)`; for a batch one multi-row INSERT of the
 * same parallel arrays the adapter sends (unnest of ids and types, json_array_elements of data
 * and metadata). Both commit once per append with the server's own durability
 * (synchronous_commit as configured), so the fsync of each commit is in both.
 *
 * The adapters add validation, the expected-revision check and idempotency; PostgreSQL's also the
 * append lock (ordering) and the NOTIFY that wakes subscribers.
 *
 * adapter/raw is the ratio of the medians over the rounds; `range over rounds` is the range of
 * the rounds' own ratios, which on a machine whose disk is shared says how far one figure can be
 * trusted.
 *
 *   npm run bench:append [-- --durability full]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { messageOf } from '../libs/event-store/src/error-shape';
import type { NewEvent } from '../libs/event-store/src/event-store.port';
import { PostgresEventStore } from '../libs/event-store/src/postgres/postgres-event-store';
import { SCHEMA } from '../libs/event-store/src/postgres/postgres-schema';
import { openEventsDatabase, type SqliteDurability } from '../libs/event-store/src/sqlite/sqlite-database';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { createTestDatabase } from '../libs/event-store/test/support/postgres-server';

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
/** Smaller than SQLite's: every PostgreSQL commit waits for an fsync. */
const POSTGRES_SCENARIOS: Scenario[] = [
  { name: '1 event / append', eventsPerAppend: 1, appends: 2_000 },
  { name: '100 events / append', eventsPerAppend: 100, appends: 100 },
];
const ROUNDS = 6;
const STREAMS = 500;
/** Appends per slice when PostgreSQL's raw and adapter loops take turns within a run. */
const POSTGRES_SLICE = 20;
const POSTGRES_BENCH_URL = process.env.POSTGRES_BENCH_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

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
    return await appendThroughPort(store, batches);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Appends per second through the port. */
async function appendThroughPort(store: SqliteEventStore | PostgresEventStore, batches: NewEvent[][]): Promise<number> {
  const append = portAppender(store);
  const start = process.hrtime.bigint();
  for (let i = 0; i < batches.length; i++) await append(i, batches[i]);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return batches.length / seconds;
}

/** Append number i to stream claim-(i mod STREAMS), expecting the stream's last revision. */
function portAppender(store: SqliteEventStore | PostgresEventStore): (i: number, events: NewEvent[]) => Promise<void> {
  const revisions = new Map<string, number>();
  return async (i, events) => {
    const streamId = `claim-${i % STREAMS}`;
    const { nextRevision } = await store.append(streamId, events, { expectedRevision: revisions.get(streamId) ?? 'no_stream' });
    revisions.set(streamId, nextRevision);
  };
}

/** Drops and recreates the table and the append function, so every run starts on an empty log. */
async function resetPostgresSchema(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET client_min_messages = warning; DROP TABLE IF EXISTS events; ${SCHEMA}`);
  } finally {
    await client.end();
  }
}

/** Append number i as raw INSERTs into stream raw-(i mod STREAMS), revisions kept in a Map. */
function rawInserter(client: Client): (i: number, events: NewEvent[]) => Promise<void> {
  const revisions = new Map<string, number>();
  return async (i, events) => {
    const streamId = `raw-${i % STREAMS}`;
    const revision = (revisions.get(streamId) ?? -1) + 1;
    if (events.length === 1) {
      const [event] = events;
      await client.query({
        name: 'raw_one',
        text: 'INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES ($1, $2, $3, $4, $5, $6)',
        values: [streamId, revision, event.id, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata)],
      });
    } else {
      await client.query({
        name: 'raw_batch',
        text: `INSERT INTO events (stream_id, revision, event_id, type, data, metadata)
               SELECT $1, $2 + item.n - 1, item.id, item.type, item.data, item.metadata
               FROM ROWS FROM (unnest($3::uuid[]), unnest($4::text[]), json_array_elements($5::json), json_array_elements($6::json))
                 WITH ORDINALITY AS item (id, type, data, metadata, n)`,
        values: [
          streamId,
          revision,
          events.map((event) => event.id),
          events.map((event) => event.type),
          JSON.stringify(events.map((event) => event.data)),
          JSON.stringify(events.map((event) => event.metadata)),
        ],
      });
    }
    revisions.set(streamId, revision + events.length - 1);
  };
}

/**
 * Raw and adapter appends per second on one empty table, interleaved in slices of
 * POSTGRES_SLICE appends (who goes first alternating), so that both meet the same disk and the
 * same load from the machine's other users; each side's rate is its appends over its own time.
 * The raw loop stores copies of the batches with ids of their own (event ids are unique).
 */
async function runPostgres(url: string, batches: NewEvent[][], round: number): Promise<[raw: number, adapter: number]> {
  const rawBatches = batches.map((events) => events.map((event) => ({ ...event, id: randomUUID() })));
  await resetPostgresSchema(url);
  const client = new Client({ connectionString: url });
  const store = new PostgresEventStore({ url });
  await client.connect();
  try {
    await store.status(); // connects and checks the schema outside the timing, as the raw client does
    const raw = rawInserter(client);
    const adapter = portAppender(store);
    let rawNs = 0n;
    let adapterNs = 0n;
    for (let from = 0; from < batches.length; from += POSTGRES_SLICE) {
      const to = Math.min(from + POSTGRES_SLICE, batches.length);
      const timeSlice = async (append: (i: number, events: NewEvent[]) => Promise<void>, source: NewEvent[][]): Promise<bigint> => {
        const start = process.hrtime.bigint();
        for (let i = from; i < to; i++) await append(i, source[i]);
        return process.hrtime.bigint() - start;
      };
      if ((from / POSTGRES_SLICE + round) % 2 === 0) {
        rawNs += await timeSlice(raw, rawBatches);
        adapterNs += await timeSlice(adapter, batches);
      } else {
        adapterNs += await timeSlice(adapter, batches);
        rawNs += await timeSlice(raw, rawBatches);
      }
    }
    return [batches.length / (Number(rawNs) / 1e9), batches.length / (Number(adapterNs) / 1e9)];
  } finally {
    await store.close();
    await client.end();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 === 1 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main(): Promise<void> {
  console.log(`SQLite append benchmark: durability=${durability}, ${ROUNDS} rounds, median shown`);
  // Whole runs alternate who goes first, each on a new file.
  await compare(SCENARIOS, async (batches, round) => {
    if (round % 2 === 0) {
      const raw = runRaw(batches);
      return [raw, await runAdapter(batches)];
    }
    const adapter = await runAdapter(batches);
    return [runRaw(batches), adapter];
  });

  const database = await createTestDatabase(POSTGRES_BENCH_URL, 'es_bench').catch((error: unknown) => {
    console.log(`PostgreSQL skipped: no server answers at ${POSTGRES_BENCH_URL} (${messageOf(error)})`);
    return null;
  });
  if (!database) return;
  try {
    console.log(`\nPostgreSQL append benchmark: ${POSTGRES_BENCH_URL.replace(/\/[^/]*$/, '')}, ${ROUNDS} rounds, median shown`);
    await compare(POSTGRES_SCENARIOS, (batches, round) => runPostgres(database.url, batches, round));
  } finally {
    await database.drop();
  }
}

/** ROUNDS rounds of raw against adapter per scenario (after a warm-up), and a table of medians. */
async function compare(
  scenarios: Scenario[],
  run: (batches: NewEvent[][], round: number) => Promise<[raw: number, adapter: number]>,
): Promise<void> {
  const rows: string[][] = [];
  for (const scenario of scenarios) {
    // Made once and reused by every run (each on an empty log), so no run pays for another's garbage.
    const batches = makeBatches(scenario);
    await run(batches.slice(0, Math.ceil(scenario.appends / 5)), 0);
    const rawRates: number[] = [];
    const adapterRates: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const [raw, adapter] = await run(batches, round);
      rawRates.push(raw);
      adapterRates.push(adapter);
    }
    const rawRate = median(rawRates);
    const adapterRate = median(adapterRates);
    // Each round's own ratio: how far one run's figure can be trusted on this machine.
    const roundRatios = adapterRates.map((rate, round) => rate / rawRates[round]);
    rows.push([
      scenario.name,
      format(rawRate),
      format(adapterRate),
      format(rawRate * scenario.eventsPerAppend),
      format(adapterRate * scenario.eventsPerAppend),
      (adapterRate / rawRate).toFixed(2),
      `${Math.min(...roundRatios).toFixed(2)}–${Math.max(...roundRatios).toFixed(2)}`,
    ]);
  }
  printTable(['scenario', 'raw appends/s', 'adapter appends/s', 'raw events/s', 'adapter events/s', 'adapter/raw', 'range over rounds'], rows);
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
