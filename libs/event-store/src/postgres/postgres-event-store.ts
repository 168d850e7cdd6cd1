import { userInfo } from 'node:os';
import { Pool, TypeOverrides, type ClientConfig, type PoolClient, type QueryConfig, type QueryResultRow } from 'pg';
import { validateAppend } from '../append-validation';
import { messageOf } from '../error-shape';
import { ConcurrencyConflict, InvalidAppend, StoreUnavailable } from '../errors';
import type {
  AppendOptions,
  AppendResult,
  EventFilter,
  ExpectedRevision,
  EventStore,
  JsonObject,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoreStatus,
  SubscribeOptions,
  Subscription,
  StreamAppend,
  SubscriptionHandler,
} from '../event-store.port';
import { type Page, PagedSubscription } from '../paged-subscription';
import { prefixRange } from '../stream-prefix-range';
import { CommitWatcher } from './postgres-commit-watcher';
import { sqlState, toStoreError } from './postgres-errors';
import { APPEND_LOCK, appendEventsQuery, SCHEMA, SCHEMA_LOCK } from './postgres-schema';

export interface PostgresEventStoreOptions {
  /** A connection string, e.g. `postgres://user@localhost:5432/events`. */
  url: string;
  /**
   * Connections in the pool (the subscriptions' listener has one more of its own). Default 10.
   * From 2 up, one of them stays with the appends while they come one at a time (appendRows).
   */
  poolSize?: number;
  /**
   * How often subscriptions check the log's head when no notification came: the fallback for a
   * listener that is down or cannot hear (a pooler in transaction mode). Default 500 ms.
   */
  pollIntervalMs?: number;
  /**
   * Bound on one statement, enforced by the server (statement_timeout, so a timed-out append is
   * rolled back rather than left queued) and by the client a second later (a server that stopped
   * answering). Default 10 s.
   */
  queryTimeoutMs?: number;
  /** Bound on opening a connection, and on waiting for a free one. Default 5 s. */
  connectTimeoutMs?: number;
}

/** A stored event as selected by EVENT_COLUMNS, in array row mode. */
type EventRow = [
  position: number,
  streamId: string,
  revision: number,
  eventId: string,
  type: string,
  data: JsonObject,
  metadata: JsonObject,
  recordedAt: number,
];
const EVENT_COLUMNS =
  'position, stream_id, revision, event_id, type, data, metadata, floor(extract(epoch FROM recorded_at) * 1000)::float8';

const DEFAULT_POOL_SIZE = 10;
const DEFAULT_POLL_INTERVAL_MS = 500;
const DEFAULT_QUERY_TIMEOUT_MS = 10_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/** status() must answer fast, whatever the pool's timeouts. */
const STATUS_DEADLINE_MS = 2_000;
const UNIQUE_VIOLATION = '23505';
const LAST = Number.MAX_SAFE_INTEGER;

/**
 * bigint columns (positions, revisions) as numbers rather than pg's default strings: they stay
 * far below 2^53, and a value past it is refused rather than rounded.
 */
const TYPES = new TypeOverrides();
TYPES.setTypeParser(20, (text: string) => {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`PostgreSQL value ${text} exceeds 2^53`);
  return value;
});

/**
 * The port on PostgreSQL (node-postgres). Every append is one statement (appendEventsQuery in
 * postgres-schema.ts) in its own transaction, so a dropped connection can never leave a
 * transaction half done on our side; reads are single statements too. Statements are named, so
 * each connection parses and plans them once.
 */
export class PostgresEventStore implements EventStore {
  private readonly pool: Pool;
  private readonly watcher: CommitWatcher;
  private readonly subscriptions = new Set<PagedSubscription>();
  /** The connection appendRows keeps, and the append on it now (close waits for it). */
  private appendClient: PoolClient | null = null;
  private appendOnClient: Promise<unknown> | null = null;
  private schemaReady: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly options: PostgresEventStoreOptions) {
    const poolSize = options.poolSize ?? DEFAULT_POOL_SIZE;
    if (!Number.isSafeInteger(poolSize) || poolSize < 1) throw new RangeError(`poolSize must be a whole number ≥ 1, not ${poolSize}`);
    const queryTimeoutMs = options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
    const config: ClientConfig = {
      connectionString: withDefaultUser(options.url),
      connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      statement_timeout: queryTimeoutMs,
      query_timeout: queryTimeoutMs + 1_000,
      keepAlive: true,
      application_name: 'event-store',
      types: TYPES,
    };
    this.pool = new Pool({ ...config, max: poolSize });
    // An idle connection the server closed (a restart, pg_terminate_backend) is reported here and
    // dropped from the pool; without a listener the process would crash.
    this.pool.on('error', () => undefined);
    // The listener waits on its socket for as long as it lives: no statement or read timeout.
    const { statement_timeout: _statement, query_timeout: _query, ...listenerConfig } = config;
    this.watcher = new CommitWatcher(
      listenerConfig,
      () => this.head(),
      options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
      () => this.wakeSubscriptions(),
    );
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const ids = validateAppend(streamId, events, options);
    const expected = options.expectedRevision;
    const outcome = await outcomeOf(this.appendRows(appendEventsQuery(streamId, expected, ids, events)), streamId);
    if ('result' in outcome) return outcome.result;
    const original = await this.findStoredBatch(streamId, ids);
    if (original) return original;
    // 'any' and 'stream_exists' cannot conflict with an append the caller knew of: the statement's
    // snapshot predates one that committed while it waited for the lock (appendEventsQuery).
    if (outcome.refused === 'revision' && (expected === 'any' || expected === 'stream_exists')) {
      const [result] = await this.appendAtomically([{ streamId, events, options }]);
      return result;
    }
    throw await this.failure(outcome, streamId, expected);
  }

  /**
   * One transaction on one connection, holding the append lock from its start, so every statement
   * in it sees every append committed before (no stale revision, see appendEventsQuery); then one
   * append statement per stream: all stored, or none. A retry of an atomic append that was stored
   * finds every part stored and gets the first results.
   */
  async appendAtomically(appends: StreamAppend[]): Promise<AppendResult[]> {
    if (!Array.isArray(appends) || appends.length === 0) throw new InvalidAppend('an atomic append needs at least one stream');
    const parts = appends.map(({ streamId, events, options }) => ({ streamId, events, ids: validateAppend(streamId, events, options), expected: options.expectedRevision }));
    if (new Set(parts.map((part) => part.streamId)).size !== parts.length) throw new InvalidAppend('a stream appears twice in one atomic append');
    if (this.closed) throw new StoreUnavailable('the PostgreSQL event store is closed');
    let client: PoolClient;
    try {
      await this.ensureSchema();
      client = await this.pool.connect();
    } catch (error) {
      throw toStoreError(error);
    }
    const results: AppendResult[] = [];
    let outcome: AppendOutcome | undefined;
    try {
      await client.query('BEGIN');
      await client.query(`SELECT pg_advisory_xact_lock(${APPEND_LOCK})`);
      for (const part of parts) {
        outcome = await outcomeOf(this.query<AppendRow>(appendEventsQuery(part.streamId, part.expected, part.ids, part.events), client), part.streamId);
        if (!('result' in outcome)) break;
        results.push(outcome.result);
      }
      if (outcome && !('result' in outcome)) {
        await client.query('ROLLBACK');
      } else {
        await client.query('COMMIT');
        return results;
      }
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw toStoreError(error);
    } finally {
      client.release();
    }
    // Stored before as a whole, or not at all: a part that is there means all are.
    const originals = await Promise.all(parts.map((part) => this.findStoredBatch(part.streamId, part.ids)));
    if (originals.every((original) => original !== null)) return originals as AppendResult[];
    const failed = parts[results.length];
    throw await this.failure(outcome as AppendRefused, failed.streamId, failed.expected);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.maxCount === undefined ? null : checkCount(options.maxCount);
    const backwards = options.direction === 'backwards';
    const [low, high] = backwards
      ? [options.toRevision ?? 0, options.fromRevision ?? LAST]
      : [options.fromRevision ?? 0, options.toRevision ?? LAST];
    const rows = await this.query<EventRow>({
      name: backwards ? 'read_stream_backwards' : 'read_stream_forwards',
      text: `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND revision >= $2 AND revision <= $3
             ORDER BY revision ${backwards ? 'DESC' : ''} LIMIT $4`,
      values: [streamId, low, high, limit],
    });
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const maxCount = checkCount(options.maxCount);
    return maxCount === 0 ? [] : (await this.readPage(options.filter, options.fromPosition ?? 0, maxCount)).events;
  }

  subscribeToAll(options: SubscribeOptions, handler: SubscriptionHandler): Subscription {
    const subscription = new PagedSubscription(
      async (after, limit) => {
        // Not StoreUnavailable, which the subscription would wait out: a closed store never comes back.
        if (this.closed) throw new Error('the PostgreSQL event store is closed');
        return this.readPage(options.filter, after, limit);
      },
      options.fromPosition ?? 0,
      handler,
      (finished) => this.forget(finished),
    );
    this.subscriptions.add(subscription);
    if (!this.closed) this.watcher.start();
    return subscription;
  }

  async streamRevision(streamId: string): Promise<number | null> {
    const [[revision]] = await this.query<[number | null]>({
      name: 'stream_revision',
      text: 'SELECT max(revision) FROM events WHERE stream_id = $1',
      values: [streamId],
    });
    return revision;
  }

  async status(): Promise<StoreStatus> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreUnavailable(`PostgreSQL did not answer within ${STATUS_DEADLINE_MS} ms`)), STATUS_DEADLINE_MS);
    });
    try {
      const lastPosition = await Promise.race([this.head(), deadline]);
      return { ok: true, adapter: 'postgres', lastPosition, detail: describeServer(this.options.url) };
    } catch (error) {
      return { ok: false, adapter: 'postgres', detail: messageOf(toStoreError(error)) };
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.watcher.stop();
    await this.appendOnClient?.catch(() => undefined);
    this.appendClient?.release();
    this.appendClient = null;
    await this.pool.end();
  }

  /** Position of the last stored event, 0 when there is none. */
  private async head(): Promise<number> {
    const [[head]] = await this.query<[number]>({ name: 'head', text: 'SELECT COALESCE(max(position), 0) FROM events' });
    return head;
  }

  /**
   * Matching events with position > after, at most limit, and the head, in one statement and so
   * one snapshot: a short page then means everything up to that head has been considered. The
   * ordering protocol (postgres-schema.ts) makes a snapshot that sees a position see all below
   * it, so nothing at or below the head can still appear.
   */
  private async readPage(filter: EventFilter | undefined, after: number, limit: number): Promise<Page> {
    const { name, conditions, params } = filterConditions(filter, 3);
    const rows = await this.query<[number, ...Partial<EventRow>]>({
      name: `read_page${name}`,
      text: `SELECT h.head, e.*
             FROM (SELECT COALESCE(max(position), 0) AS head FROM events) h
             LEFT JOIN LATERAL (
               SELECT ${EVENT_COLUMNS} FROM events
               WHERE position > $1 AND position <= h.head${conditions}
               ORDER BY position LIMIT $2
             ) e ON true
             ORDER BY e.position`,
      values: [after, limit, ...params],
    });
    const head = rows[0][0];
    const events = rows[0][1] === null ? [] : rows.map((row) => toRecordedEvent(row.slice(1) as EventRow));
    const drained = events.length < limit;
    return { events, drained, scannedTo: drained ? Math.max(head, after) : events[events.length - 1].position };
  }

  /**
   * When the batch's first event is already stored in this stream, the whole batch must be stored
   * there in the same order: then this is a retry and gets the first append's result. Anything else
   * reusing these ids is a malformed append. (The same rule as the SQLite adapter's.)
   */
  private async findStoredBatch(streamId: string, ids: string[]): Promise<AppendResult | null> {
    const stored = await this.query<[string, number, string, number]>({
      name: 'stored_batch',
      text: `SELECT e.stream_id, e.revision, e.event_id, e.position
             FROM events anchor JOIN events e ON e.stream_id = anchor.stream_id AND e.revision >= anchor.revision
             WHERE anchor.event_id = $1
             ORDER BY e.revision LIMIT $2`,
      values: [ids[0], ids.length],
    });
    if (stored.length === 0) return null;
    const [storedStream, firstRevision] = stored[0];
    if (storedStream !== streamId) {
      throw new InvalidAppend(`event id ${ids[0]} is already stored in stream ${storedStream}, not ${streamId}`);
    }
    if (stored.length !== ids.length || stored.some((row, i) => row[2] !== ids[i])) {
      throw new InvalidAppend(`stream ${streamId}: the batch starting with ${ids[0]} was stored with other events`);
    }
    return { nextRevision: firstRevision + ids.length - 1, position: stored[stored.length - 1][3], alreadyStored: true };
  }

  /**
   * The error for an append that was refused and is not a retry: the stream not at the expected
   * revision (with its revision now, which a snapshot taken before the lock may not have seen), or
   * an event id stored elsewhere.
   */
  private async failure(outcome: AppendRefused, streamId: string, expected: ExpectedRevision): Promise<Error> {
    if (outcome.refused === 'duplicate id') return new InvalidAppend(`stream ${streamId}: an event id of this append is already stored`);
    return new ConcurrencyConflict(streamId, expected, await this.streamRevision(streamId));
  }

  /**
   * An append statement's rows, on a connection kept for appends while they come one at a time.
   * Appends take turns at the server's append lock anyway, and keeping the connection skips the
   * pool's checkout and release for each (a timer to bound the checkout, one for idling, a turn
   * of its queue): with the same pool settings, 0.75–0.77 of a raw INSERT for one event through
   * the pool against 0.79–0.83 on a kept connection, measured interleaved. An append
   * that finds it busy goes through the pool, so concurrent appends still wait at the server's
   * lock, not here. Not with a pool of one, whose only connection reads need too. A connection
   * the server closed, or one that failed, is given back to the pool to be discarded.
   */
  private appendRows(config: QueryConfig): Promise<AppendRow[]> {
    if (this.appendOnClient || this.options.poolSize === 1) return this.query<AppendRow>(config);
    const append = this.onAppendClient(config);
    this.appendOnClient = append;
    return append.finally(() => {
      this.appendOnClient = null;
    });
  }

  private async onAppendClient(config: QueryConfig): Promise<AppendRow[]> {
    if (this.closed) throw new StoreUnavailable('the PostgreSQL event store is closed');
    let client: PoolClient;
    try {
      client = this.appendClient ?? (await this.keepAppendClient());
    } catch (error) {
      throw toStoreError(error);
    }
    try {
      return await this.query<AppendRow>(config, client);
    } catch (error) {
      if (error instanceof StoreUnavailable) this.dropAppendClient(client, error);
      throw error;
    }
  }

  private async keepAppendClient(): Promise<PoolClient> {
    const client = await this.pool.connect();
    // Checked out, it has no pool listener: an error while it waits (the server closed it) is ours.
    client.on('error', (error) => this.dropAppendClient(client, error));
    this.appendClient = client;
    return client;
  }

  private dropAppendClient(client: PoolClient, error: unknown): void {
    if (this.appendClient !== client) return;
    this.appendClient = null;
    client.release(error instanceof Error ? error : new Error(String(error)));
  }

  /**
   * Rows of a named statement in array mode, after the schema exists, on a pooled connection or
   * the one given; unavailability as StoreUnavailable.
   */
  private async query<Row extends unknown[]>(config: QueryConfig, on: Pool | PoolClient = this.pool): Promise<Row[]> {
    if (this.closed) throw new StoreUnavailable('the PostgreSQL event store is closed');
    try {
      await this.ensureSchema();
      const result = await on.query<Row & QueryResultRow>({ ...config, rowMode: 'array' });
      return result.rows;
    } catch (error) {
      throw toStoreError(error);
    }
  }

  /**
   * Creates the table and its indexes on first use, under an advisory lock
   * so that processes starting together do not race; retried on the next call if it failed.
   */
  private ensureSchema(): Promise<void> {
    this.schemaReady ??= this.pool
      .query(`SET LOCAL client_min_messages = warning; SELECT pg_advisory_xact_lock(${SCHEMA_LOCK}); ${SCHEMA}`)
      .then(
        () => undefined,
        (error: unknown) => {
          this.schemaReady = null;
          throw error;
        },
      );
    return this.schemaReady;
  }

  private wakeSubscriptions(): void {
    for (const subscription of this.subscriptions) subscription.wake();
  }

  private forget(subscription: PagedSubscription): void {
    this.subscriptions.delete(subscription);
    if (this.subscriptions.size === 0) void this.watcher.stop();
  }
}

/** The row of an append statement (none when refused): the stream's revision after it, the batch's last position. */
type AppendRow = [nextRevision: number, position: number];

type AppendRefused = { refused: 'revision' | 'duplicate id' };
type AppendOutcome = { result: AppendResult } | AppendRefused;

/** An append statement's outcome: its row, or the refusal its error stands for. */
async function outcomeOf(rows: Promise<AppendRow[]>, streamId: string): Promise<AppendOutcome> {
  try {
    const [row] = await rows;
    return row ? { result: { nextRevision: row[0], position: row[1] } } : { refused: 'revision' };
  } catch (error) {
    return refusal(error, streamId);
  }
}

/**
 * An append statement's error as an outcome, when it is the append's own: a revision already
 * taken (an expectation the lock's wait outdated), an event id already stored; a data exception
 * (a NUL character, which text cannot hold) or a program limit (a stream id too long for the
 * index), for which nothing was written. Anything else is thrown on.
 */
function refusal(error: unknown, streamId: string): AppendRefused {
  const state = sqlState(error);
  if (state === UNIQUE_VIOLATION) {
    const constraint = (error as { constraint?: string }).constraint;
    if (constraint === 'events_stream_revision') return { refused: 'revision' };
    if (constraint === 'events_event_id') return { refused: 'duplicate id' };
  }
  if (state?.startsWith('22') || state?.startsWith('54')) {
    throw new InvalidAppend(`stream ${streamId}: PostgreSQL refused the append: ${messageOf(error)}`);
  }
  throw error;
}

/**
 * The filter as SQL conditions on top of `position > $1 ... LIMIT $2`, with its parameters
 * numbered from `firstParam`, and a name for the statement's shape. A stream prefix becomes a
 * range on the (stream_id, revision) index (stream_id is COLLATE "C", see prefixRange); the event
 * types are one array parameter, served by events_by_type.
 */
function filterConditions(
  filter: EventFilter | undefined,
  firstParam: number,
): { name: string; conditions: string; params: (string | string[])[] } {
  const params: (string | string[])[] = [];
  const param = (value: string | string[]): string => `$${firstParam + params.push(value) - 1}`;
  let name = '';
  let conditions = '';
  const ranges = (filter?.streamPrefixes ?? []).map(prefixRange);
  // An empty prefix matches every stream: then there is no stream condition at all.
  if (ranges.length > 0 && ranges.every((range) => range.lower !== '')) {
    const alternatives = ranges.map((range) => {
      name += range.upper === null ? '_from' : '_range';
      const lower = `stream_id >= ${param(range.lower)}`;
      return range.upper === null ? lower : `(${lower} AND stream_id < ${param(range.upper)})`;
    });
    conditions += ` AND (${alternatives.join(' OR ')})`;
  }
  const types = [...new Set(filter?.eventTypes ?? [])];
  if (types.length > 0) {
    name += '_types';
    conditions += ` AND type = ANY(${param(types)}::text[])`;
  }
  return { name, conditions, params };
}

function toRecordedEvent([position, streamId, revision, id, type, data, metadata, recordedAt]: EventRow): RecordedEvent {
  return { id, streamId, revision, position, type, data, metadata, recordedAt };
}

function checkCount(count: number): number {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`maxCount must be a whole number ≥ 0, not ${count}`);
  return count;
}

/** Host and database of a connection string, never its credentials. */
function describeServer(url: string): string {
  try {
    const { host, pathname } = new URL(url);
    return `postgres ${host}${pathname}`;
  } catch {
    return 'postgres';
  }
}

/**
 * A URL without a user connects as psql would: as PGUSER, else as the operating system's user.
 * (node-postgres falls back to $USER, which a service manager or a container may leave unset.)
 */
function withDefaultUser(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.username !== '' || !/^postgres(ql)?:$/.test(parsed.protocol)) return url;
  parsed.username = encodeURIComponent(process.env.PGUSER || userInfo().username);
  return parsed.toString();
}
