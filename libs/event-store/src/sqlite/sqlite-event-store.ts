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
  StreamAppend,
  SubscriptionHandler,
} from '../event-store.port';
import { codeOf, messageOf } from '../error-shape';
import { meetsExpectedRevision } from '../expected-revision';
import { type Page, PagedSubscription } from '../paged-subscription';
import { fileKey, onCommit, signalCommit } from './commit-signal';
import { openEventsDatabase, type SqliteDurability } from './sqlite-database';
import { prefixRange } from '../stream-prefix-range';
import { WalCheckpointer } from './wal-checkpointer';

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
  /** One IMMEDIATE transaction for a batch of appends, each in a savepoint of its own. */
  appendBatch: Database.Transaction<(batch: PendingAppend[]) => void>;
}

/** Everything the append transaction body may use: the connection before `appendBatch` is built on it. */
type PreparedStatements = Omit<Connection, 'appendBatch'>;

/** One stream's part of an append, checked (ids lower-cased). */
interface StreamPart {
  streamId: string;
  events: readonly NewEvent[];
  ids: string[];
  expected: ExpectedRevision;
}

/**
 * An append (to one stream, or to several at once) waiting for the next batch; `outcome` is set
 * inside the batch's transaction.
 */
interface PendingAppend {
  parts: StreamPart[];
  resolve(results: AppendResult[]): void;
  reject(error: unknown): void;
  outcome?: { results: AppendResult[]; recorded: RecordedEvent[] } | { error: unknown };
}

/** Events appended by this store kept in memory for its subscriptions, newest last. */
const TAIL_SIZE = 2_000;

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
  private readonly subscriptions = new Set<PagedSubscription>();
  private stopListening: (() => void) | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private seenDataVersion = 0;
  private pending: PendingAppend[] = [];
  /**
   * What this store appended lately, in position order, as its subscriptions deliver it: a
   * subscription that is at the event before reads on from here instead of from the file. A gap
   * (another process or store committed in between) sends it back to the file.
   */
  private tail: RecordedEvent[] = [];
  private checkpointer: WalCheckpointer | null = null;

  constructor(private readonly options: SqliteEventStoreOptions) {
    this.file = fileKey(options.path);
  }

  /** The database file (absolute), for readers with a connection of their own (SqliteLogScanner). */
  get path(): string {
    return this.file;
  }

  /**
   * Appends that arrive while the event loop is busy (concurrent commands) are written together:
   * one IMMEDIATE transaction per turn of the loop, each append in a savepoint of its own, so one
   * refused append leaves the others be and a commit's cost is shared. A promise resolves only
   * once its transaction has committed.
   */
  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const [result] = await this.enqueue([{ streamId, events, options }]);
    return result;
  }

  /** All the streams' events in one savepoint of the batch's transaction: all stored, or none. */
  appendAtomically(appends: StreamAppend[]): Promise<AppendResult[]> {
    return this.enqueue(appends);
  }

  private enqueue(appends: StreamAppend[]): Promise<AppendResult[]> {
    let parts: StreamPart[];
    try {
      parts = checkParts(appends);
      this.open();
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<AppendResult[]>((resolve, reject) => {
      this.pending.push({ parts, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.writePending());
    });
  }

  private writePending(): void {
    const batch = this.pending;
    this.pending = [];
    try {
      this.open().appendBatch.immediate(batch);
      this.checkpointer?.committed();
    } catch (error) {
      // The transaction itself failed (the file is locked or gone): nothing of the batch is stored.
      for (const item of batch) item.reject(storeError(error));
      return;
    }
    let appended = false;
    for (const item of batch) {
      const outcome = item.outcome!;
      if ('error' in outcome) {
        item.reject(storeError(outcome.error));
        continue;
      }
      appended ||= outcome.recorded.length > 0;
      this.tail.push(...outcome.recorded);
      item.resolve(outcome.results);
    }
    if (!appended) return;
    if (this.tail.length > TAIL_SIZE) this.tail = this.tail.slice(-TAIL_SIZE / 2);
    this.wakeSubscriptions(false);
    signalCommit(this.file, this);
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
    return maxCount === 0 ? [] : this.readFile(options.filter, options.fromPosition ?? 0, maxCount).events;
  }

  subscribeToAll(options: SubscribeOptions, handler: SubscriptionHandler): Subscription {
    const subscription = new PagedSubscription(
      (after, limit, othersCommitted) => {
        // Not StoreUnavailable, which the subscription would wait out: a closed store never comes back.
        if (this.closed) throw new Error(`the SQLite event store at ${this.file} is closed`);
        // Another connection committed: read the file. Only this store did: its tail has them.
        return othersCommitted ? this.readFile(options.filter, after, limit) : this.readPage(options.filter, after, limit);
      },
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
    // Appends already accepted are written (or refused) now, before the connection goes.
    if (this.pending.length > 0) this.writePending();
    this.closed = true;
    this.tail = [];
    this.stopWatching();
    await this.checkpointer?.stop();
    this.connection?.db.close();
    this.connection = null;
  }

  /**
   * Matching events with position > after, at most limit. The head is read first: with one writer
   * at a time nothing at or below it can still appear, so a short page means everything up to the
   * head has been seen, even if other commits land while the page is read.
   */
  private readPage(filter: EventFilter | undefined, after: number, limit: number): Page {
    return this.readTail(filter, after, limit) ?? this.readFile(filter, after, limit);
  }

  /**
   * The events after `after` from the tail, when the tail holds the very next one; they are what
   * the file holds there, because positions are given out in commit order. Null otherwise.
   */
  private readTail(filter: EventFilter | undefined, after: number, limit: number): Page | null {
    const tail = this.tail;
    if (tail.length === 0 || tail[0].position > after + 1 || tail[tail.length - 1].position <= after) return null;
    let i = tail.length - 1;
    while (i > 0 && tail[i - 1].position > after) i -= 1;
    if (tail[i].position !== after + 1) return null;
    const matches = eventMatcher(filter);
    const events: RecordedEvent[] = [];
    let scannedTo = after;
    for (; i < tail.length && tail[i].position === scannedTo + 1 && events.length < limit; i += 1) {
      scannedTo = tail[i].position;
      if (matches(tail[i])) events.push(tail[i]);
    }
    // At a gap (another connection committed in between) the next read goes to the file; at the
    // tail's end this is all there is until the next wake.
    return { events, drained: i === tail.length && events.length < limit, scannedTo };
  }

  private readFile(filter: EventFilter | undefined, after: number, limit: number): Page {
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
    this.checkpointer = new WalCheckpointer(db, this.file);
    return this.connection;
  }

  /** Subscriptions wake on this process's commits at once and poll for other processes' commits. */
  private watchForCommits(): void {
    if (this.stopListening) return;
    this.seenDataVersion = this.connection?.dataVersion.get() ?? 0;
    this.stopListening = onCommit(this.file, (source) => {
      if (source !== this) this.wakeSubscriptions(true);
    });
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
      this.wakeSubscriptions(true);
    }
  }

  /** `othersCommitted`: another connection committed, which the tail knows nothing of. */
  private wakeSubscriptions(othersCommitted: boolean): void {
    for (const subscription of this.subscriptions) subscription.wake(othersCommitted);
  }

  private forget(subscription: PagedSubscription): void {
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
  const appendStream = appendInTransaction(connection);
  const appendParts = db.transaction((parts: StreamPart[]) => {
    const results: AppendResult[] = [];
    const recorded: RecordedEvent[] = [];
    for (const part of parts) {
      const one = appendStream(part.streamId, part.events, part.ids, part.expected);
      results.push(one.result);
      recorded.push(...one.recorded);
    }
    return { results, recorded };
  });
  const appendBatch = db.transaction((batch: PendingAppend[]) => {
    for (const item of batch) {
      try {
        // A transaction function called inside another runs in a savepoint: a refused append
        // rolls back alone, and an atomic one with all its streams.
        item.outcome = appendParts(item.parts);
      } catch (error) {
        item.outcome = { error };
      }
    }
  });
  return { ...connection, appendBatch };
}

/** Each stream's part checked; one stream twice in an atomic append is refused (its order would be ambiguous). */
function checkParts(appends: readonly StreamAppend[]): StreamPart[] {
  if (!Array.isArray(appends) || appends.length === 0) throw new InvalidAppend('an atomic append needs at least one stream');
  const streams = new Set<string>();
  return appends.map(({ streamId, events, options }) => {
    const ids = validateAppend(streamId, events, options);
    if (streams.has(streamId)) throw new InvalidAppend(`stream ${streamId} appears twice in one atomic append`);
    streams.add(streamId);
    return { streamId, events, ids, expected: options.expectedRevision };
  });
}

/** The filter as a predicate, for events already in memory; the same rules as the SQL of filteredRead. */
function eventMatcher(filter: EventFilter | undefined): (event: RecordedEvent) => boolean {
  const prefixes = filter?.streamPrefixes ?? [];
  const types = new Set(filter?.eventTypes ?? []);
  return (event) =>
    (prefixes.length === 0 || prefixes.some((prefix) => event.streamId.startsWith(prefix))) &&
    (types.size === 0 || types.has(event.type));
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
  return (
    streamId: string,
    events: readonly NewEvent[],
    ids: string[],
    expected: ExpectedRevision,
  ): { result: AppendResult; recorded: RecordedEvent[] } => {
    const actual = connection.lastRevision.get(streamId) ?? null;
    if (!meetsExpectedRevision(expected, actual)) {
      const original = findStoredBatch(connection, streamId, ids);
      if (original) return { result: original, recorded: [] };
      throw new ConcurrencyConflict(streamId, expected, actual);
    }
    const recordedAt = Date.now();
    let revision = actual ?? -1;
    const recorded = new Array<RecordedEvent>(events.length);
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
        // The appender's own objects: events are values, never changed once appended.
        recorded[i] = {
          id: ids[i],
          streamId,
          revision,
          position: Number(lastInsertRowid),
          type: event.type,
          data: event.data,
          metadata: event.metadata,
          recordedAt,
        };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const original = i === 0 ? findStoredBatch(connection, streamId, ids) : null;
        if (original) return { result: original, recorded: [] };
        throw new InvalidAppend(`stream ${streamId}: event id ${ids[i]} is already stored`);
      }
    }
    return { result: { nextRevision: revision, position: recorded[recorded.length - 1].position }, recorded };
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
  return { nextRevision: first.revision + ids.length - 1, position: stored[stored.length - 1].position, alreadyStored: true };
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
