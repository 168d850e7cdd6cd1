import Database from 'better-sqlite3';
import { validateAppend } from '../append-validation';
import { ConcurrencyConflict, InvalidAppend, StoreUnavailable } from '../errors';
import type {
  AppendOptions,
  AppendResult,
  EventFilter,
  EventStore,
  ExpectedRevision,
  JsonObject,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoreStatus,
  SubscribeOptions,
  Subscription,
  SubscriptionHandler,
} from '../event-store.port';
import { codeOf, messageOf } from '../error-shape';
import { meetsExpectedRevision } from '../expected-revision';
import { fileKey, onCommit, signalCommit } from './commit-signal';
import { openEventsDatabase, type SqliteDurability } from './sqlite-database';
import { type SqlitePage, SqliteSubscription } from './sqlite-subscription';
import { prefixRange } from '../stream-prefix-range';

export interface SqliteEventStoreOptions {
  /** The database file; it and its folder are created on first use. */
  path: string;
  /** See openEventsDatabase: 'normal' survives a killed process, 'full' also a power loss. */
  durability?: SqliteDurability;
  /**
   * How often subscriptions look for commits made by other processes on the same file (an import
   * CLI while the server runs). Commits made in this process wake them at once.
   */
  pollIntervalMs?: number;
}

/**
 * A stored event as SQLite returns it in raw (array) mode, in EVENT_COLUMNS order: arrays are
 * markedly cheaper to build than row objects when a rebuild reads the whole log.
 */
type EventRow = [
  position: number,
  streamId: string,
  revision: number,
  eventId: string,
  type: string,
  data: string,
  metadata: string,
  recordedAt: number,
];
const EVENT_COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, recorded_at';

type Statement<Params extends unknown[], Row = unknown> = Database.Statement<Params, Row>;

/** Prepared once per connection: the append path runs nothing but these. */
interface Connection {
  db: Database.Database;
  lastRevision: Statement<[string], number>;
  insert: Statement<[string, number, string, string, string, string, number]>;
  findEvent: Statement<[string], { streamId: string; revision: number }>;
  batchAt: Statement<[string, number, number], { eventId: string; position: number }>;
  readForwards: Statement<[string, number, number, number], EventRow>;
  readBackwards: Statement<[string, number, number, number], EventRow>;
  head: Statement<[], number>;
  dataVersion: Statement<[], number>;
  /** readAll statements by filter shape. */
  filteredReads: Map<string, Statement<ReadParams, EventRow>>;
  append: Database.Transaction<
    (streamId: string, events: readonly NewEvent[], ids: string[], expected: ExpectedRevision) => AppendResult
  >;
}

/** Everything the append transaction body may use: the connection before `append` is built on it. */
type PreparedStatements = Omit<Connection, 'append'>;

const NO_LIMIT = -1;
const LAST = Number.MAX_SAFE_INTEGER;
const DEFAULT_POLL_INTERVAL_MS = 50;

/**
 * The embedded event store: one SQLite file in WAL mode, shareable by several stores in this
 * process and by other processes (each append is one IMMEDIATE transaction, so writers queue on
 * SQLite's write lock and positions stay in commit order).
 */
export class SqliteEventStore implements EventStore {
  private readonly file: string;
  private connection: Connection | null = null;
  private closed = false;
  private readonly subscriptions = new Set<SqliteSubscription>();
  private stopListening: (() => void) | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private seenDataVersion = 0;

  constructor(private readonly options: SqliteEventStoreOptions) {
    this.file = fileKey(options.path);
  }

  /** The database file (absolute), for readers with a connection of their own (SqliteLogScanner). */
  get path(): string {
    return this.file;
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const ids = validateAppend(streamId, events, options);
    const connection = this.open();
    let result: AppendResult;
    try {
      result = connection.append.immediate(streamId, events, ids, options.expectedRevision);
    } catch (error) {
      throw storeError(error);
    }
    signalCommit(this.file);
    return result;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const connection = this.open();
    const limit = options.maxCount === undefined ? NO_LIMIT : checkCount(options.maxCount);
    const rows =
      options.direction === 'backwards'
        ? connection.readBackwards.all(streamId, options.toRevision ?? 0, options.fromRevision ?? LAST, limit)
        : connection.readForwards.all(streamId, options.fromRevision ?? 0, options.toRevision ?? LAST, limit);
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const maxCount = checkCount(options.maxCount);
    return maxCount === 0 ? [] : this.readPage(options.filter, options.fromPosition ?? 0, maxCount).events;
  }

  subscribeToAll(options: SubscribeOptions, handler: SubscriptionHandler): Subscription {
    const subscription = new SqliteSubscription(
      (after, limit) => this.readPage(options.filter, after, limit),
      options.fromPosition ?? 0,
      handler,
      (finished) => this.forget(finished),
    );
    this.subscriptions.add(subscription);
    this.watchForCommits();
    return subscription;
  }

  async streamRevision(streamId: string): Promise<number | null> {
    return this.open().lastRevision.get(streamId) ?? null;
  }

  async status(): Promise<StoreStatus> {
    try {
      return { ok: true, adapter: 'sqlite', lastPosition: this.open().head.get() ?? 0, detail: this.file };
    } catch (error) {
      return { ok: false, adapter: 'sqlite', detail: messageOf(error) };
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.closed = true;
    this.stopWatching();
    this.connection?.db.close();
    this.connection = null;
  }

  /**
   * Matching events with position > after, at most limit. The head is read first: with one writer
   * at a time nothing at or below it can still appear, so a short page means everything up to the
   * head has been seen, even if other commits land while the page is read.
   */
  private readPage(filter: EventFilter | undefined, after: number, limit: number): SqlitePage {
    const connection = this.open();
    const head = connection.head.get() ?? 0;
    const { statement, bind } = filteredRead(connection, filter);
    const events = statement.all(...bind(after, head, limit)).map(toRecordedEvent);
    const drained = events.length < limit;
    return { events, drained, scannedTo: drained ? Math.max(head, after) : events[events.length - 1].position };
  }

  private open(): Connection {
    if (this.connection) return this.connection;
    if (this.closed) throw new StoreUnavailable(`the SQLite event store at ${this.file} is closed`);
    let db: Database.Database;
    try {
      db = openEventsDatabase(this.file, this.options.durability ?? 'normal');
    } catch (error) {
      throw new StoreUnavailable(`cannot open the SQLite event store at ${this.file}: ${messageOf(error)}`, error);
    }
    this.connection = prepare(db);
    return this.connection;
  }

  /** Subscriptions wake on this process's commits at once and poll for other processes' commits. */
  private watchForCommits(): void {
    if (this.stopListening) return;
    this.seenDataVersion = this.connection?.dataVersion.get() ?? 0;
    this.stopListening = onCommit(this.file, () => this.wakeSubscriptions());
    this.pollTimer = setInterval(() => this.pollDataVersion(), this.options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
    this.pollTimer.unref();
  }

  private stopWatching(): void {
    this.stopListening?.();
    this.stopListening = null;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
  }

  /** data_version changes when another connection (process or store) has committed: a cheap probe. */
  private pollDataVersion(): void {
    if (!this.connection) return;
    const version = this.connection.dataVersion.get() ?? 0;
    if (version !== this.seenDataVersion) {
      this.seenDataVersion = version;
      this.wakeSubscriptions();
    }
  }

  private wakeSubscriptions(): void {
    for (const subscription of this.subscriptions) subscription.wake();
  }

  private forget(subscription: SqliteSubscription): void {
    this.subscriptions.delete(subscription);
    if (this.subscriptions.size === 0) this.stopWatching();
  }
}

function prepare(db: Database.Database): Connection {
  const connection: PreparedStatements = {
    db,
    lastRevision: db
      .prepare<[string], number>('SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1')
      .pluck(),
    insert: db.prepare(
      'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    findEvent: db.prepare('SELECT stream_id AS streamId, revision FROM events WHERE event_id = ?'),
    batchAt: db.prepare(
      'SELECT event_id AS eventId, position FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
    ),
    readForwards: db
      .prepare<[string, number, number, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? AND revision <= ? ORDER BY revision LIMIT ?`,
      )
      .raw(),
    readBackwards: db
      .prepare<[string, number, number, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      )
      .raw(),
    head: db.prepare<[], number>('SELECT COALESCE(MAX(position), 0) FROM events').pluck(),
    dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
    filteredReads: new Map(),
  };
  return { ...connection, append: db.transaction(appendInTransaction(connection)) };
}

type ReadParams = (string | number)[];

/**
 * The statement reading events in (after, head] that match the filter, cached by filter shape.
 * Prefixes become index ranges on stream_id. Each event type gets its own scan of events_by_type
 * (type, position), merged by position with UNION ALL: SQLite streams that merge and stops at the
 * limit, where `type IN (...)` would sort every match after `after` first.
 */
function filteredRead(
  connection: PreparedStatements,
  filter: EventFilter | undefined,
): { statement: Statement<ReadParams, EventRow>; bind: (after: number, head: number, limit: number) => ReadParams } {
  const ranges = (filter?.streamPrefixes ?? []).map(prefixRange);
  const streamParams: string[] = [];
  let streamCondition = '';
  // An empty prefix matches every stream: then there is no stream condition at all.
  if (ranges.length > 0 && ranges.every((range) => range.lower !== '')) {
    const alternatives = ranges.map((range) => {
      streamParams.push(range.lower);
      if (range.upper === null) return 'stream_id >= ?';
      streamParams.push(range.upper);
      return '(stream_id >= ? AND stream_id < ?)';
    });
    streamCondition = ` AND (${alternatives.join(' OR ')})`;
  }
  const types = [...new Set(filter?.eventTypes ?? [])];
  const key = `${types.length}${streamCondition}`;
  let statement = connection.filteredReads.get(key);
  if (!statement) {
    const sql =
      types.length === 0
        ? `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND position <= ?${streamCondition}`
        : types
            .map(() => `SELECT ${EVENT_COLUMNS} FROM events WHERE type = ? AND position > ? AND position <= ?${streamCondition}`)
            .join(' UNION ALL ');
    statement = connection.db.prepare<ReadParams, EventRow>(`${sql} ORDER BY position LIMIT ?`).raw();
    connection.filteredReads.set(key, statement);
  }
  const bind =
    types.length === 0
      ? (after: number, head: number, limit: number) => [after, head, ...streamParams, limit]
      : (after: number, head: number, limit: number) => [
          ...types.flatMap((type) => [type, after, head, ...streamParams]),
          limit,
        ];
  return { statement, bind };
}

/**
 * The body of the IMMEDIATE append transaction. The happy path is one indexed lookup of the
 * stream's revision and the inserts; idempotency costs nothing until a check fails, because a
 * stored batch shows up either as a revision conflict (a retry with the old expectation) or as the
 * event_id UNIQUE constraint failing on the first insert (a retry with 'any' or a still-valid one).
 */
function appendInTransaction(connection: PreparedStatements) {
  return (streamId: string, events: readonly NewEvent[], ids: string[], expected: ExpectedRevision): AppendResult => {
    const actual = connection.lastRevision.get(streamId) ?? null;
    if (!meetsExpectedRevision(expected, actual)) {
      const original = findStoredBatch(connection, streamId, ids);
      if (original) return original;
      throw new ConcurrencyConflict(streamId, expected, actual);
    }
    const recordedAt = Date.now();
    let revision = actual ?? -1;
    let position = 0;
    for (let i = 0; i < events.length; i++) {
      const event = events[i];
      revision++;
      try {
        const { lastInsertRowid } = connection.insert.run(
          streamId,
          revision,
          ids[i],
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
          recordedAt,
        );
        position = Number(lastInsertRowid);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const original = i === 0 ? findStoredBatch(connection, streamId, ids) : null;
        if (original) return original;
        throw new InvalidAppend(`stream ${streamId}: event id ${ids[i]} is already stored`);
      }
    }
    return { nextRevision: revision, position };
  };
}

/**
 * When the batch's first event is already stored in this stream, the whole batch must be stored
 * there in the same order: then this is a retry and gets the first append's result. Anything else
 * reusing these ids is a malformed append.
 */
function findStoredBatch(
  connection: PreparedStatements,
  streamId: string,
  ids: string[],
): AppendResult | null {
  const first = connection.findEvent.get(ids[0]);
  if (!first) return null;
  if (first.streamId !== streamId) {
    throw new InvalidAppend(`event id ${ids[0]} is already stored in stream ${first.streamId}, not ${streamId}`);
  }
  const stored = connection.batchAt.all(streamId, first.revision, ids.length);
  if (stored.length !== ids.length || stored.some((row, i) => row.eventId !== ids[i])) {
    throw new InvalidAppend(`stream ${streamId}: the batch starting with ${ids[0]} was stored with other events`);
  }
  return { nextRevision: first.revision + ids.length - 1, position: stored[stored.length - 1].position };
}

function toRecordedEvent([position, streamId, revision, id, type, data, metadata, recordedAt]: EventRow): RecordedEvent {
  return {
    id,
    streamId,
    revision,
    position,
    type,
    data: JSON.parse(data) as JsonObject,
    metadata: JSON.parse(metadata) as JsonObject,
    recordedAt,
  };
}

function checkCount(count: number): number {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`maxCount must be a whole number ≥ 0, not ${count}`);
  return count;
}

/**
 * SQLite errors are recognised by their code, not by class: the native addon keeps the SqliteError
 * class of whichever copy of better-sqlite3 loaded it first (jest loads one per test file).
 */
function sqliteCode(error: unknown): string | undefined {
  const code = codeOf(error);
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

function isUniqueViolation(error: unknown): boolean {
  return sqliteCode(error) === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** SQLite failures that mean "cannot write now", not "this append is wrong". */
const UNAVAILABLE_CODES = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|NOTADB|CORRUPT)/;

function storeError(error: unknown): unknown {
  const code = sqliteCode(error);
  if (code && UNAVAILABLE_CODES.test(code)) {
    return new StoreUnavailable(`SQLite event store: ${messageOf(error)}`, error);
  }
  return error;
}
