/**
 * The event store port. Its semantics follow EventStoreDB's so that the SQLite, EventStoreDB and
 * PostgreSQL adapters mean the same thing; the contract suite in ../test holds them to it.
 */

/** JSON-serialisable values, the only thing an event's data and metadata may hold. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/**
 * What the writer expects the stream to be at:
 * - a number: the revision of the stream's last event (revisions start at 0);
 * - 'no_stream': the stream must not exist;
 * - 'stream_exists': the stream must have at least one event;
 * - 'any': no check.
 */
export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

/** An event to append. `id` is a uuid; appending the same ids again is a no-op (idempotency). */
export interface NewEvent {
  id: string;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
}

/** An event as stored. */
export interface RecordedEvent {
  id: string;
  streamId: string;
  /** 0-based, contiguous per stream. */
  revision: number;
  /** Global commit order, strictly increasing across all streams; > 0. */
  position: number;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
  /** When the store committed it, in epoch milliseconds. */
  recordedAt: number;
}

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
}

/** One stream's part of an atomic append. */
export interface StreamAppend {
  streamId: string;
  events: NewEvent[];
  options: AppendOptions;
}

export interface AppendResult {
  /** Revision of the last event of the stream after this append. */
  nextRevision: number;
  /** Global position of the last event written (or found, for an idempotent re-append). */
  position: number;
  /**
   * Set when nothing was written because this very batch (the same event ids) was stored before,
   * by this process or another: the stored events are the first append's, not this call's.
   */
  alreadyStored?: true;
}

export interface ReadStreamOptions {
  /** Inclusive. Default: 0 forwards, the last revision backwards. */
  fromRevision?: number;
  /** Inclusive bound in the reading direction. */
  toRevision?: number;
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
}

/** Both conditions must hold when both are given; an absent or empty list does not filter. */
export interface EventFilter {
  /** Keep events whose stream id starts with one of these (literally: no wildcards). */
  streamPrefixes?: string[];
  /** Keep events of one of these types. */
  eventTypes?: string[];
}

export interface ReadAllOptions {
  /** Exclusive: read events with position > fromPosition. Default 0 (from the start). */
  fromPosition?: number;
  /** Required bound: no unbounded reads. */
  maxCount: number;
  filter?: EventFilter;
}

export interface SubscribeOptions {
  /** Exclusive: deliver events with position > fromPosition. Default 0 (from the start). */
  fromPosition?: number;
  filter?: EventFilter;
}

export interface SubscriptionHandler {
  /**
   * Called once per event in commit order. The next event is not delivered before the promise
   * settles (backpressure). A throw stops the subscription and is passed to onError.
   */
  onEvent(event: RecordedEvent): void | Promise<void>;
  /**
   * Called each time the subscription has delivered everything stored so far (catch-up done), with
   * the position it has considered up to (past events the filter left out): after each catch-up
   * and, while live, whenever it has handled everything it has seen (SQLite: after each read that
   * reached the end of the log; EventStoreDB: when no received event is left to handle).
   */
  onCaughtUp?(position: number): void;
  /** Called once when the subscription stops because of an error it cannot recover from. */
  onError?(error: Error): void;
}

export interface Subscription {
  /** Resolves after the first catch-up has completed; rejects if the subscription ends before. */
  readonly caughtUp: Promise<void>;
  /**
   * Stops delivery; resolves once no handler call is in flight. Not to be awaited from inside
   * onEvent, which it would wait for.
   */
  stop(): Promise<void>;
}

export interface StoreStatus {
  ok: boolean;
  adapter: 'sqlite' | 'eventstoredb' | 'postgres';
  /** Global position of the last stored event (0 when empty), when the store is reachable. */
  lastPosition?: number;
  detail?: string;
}

export interface EventStore {
  /** Atomic per call. Throws ConcurrencyConflict, StoreUnavailable or InvalidAppend. */
  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /**
   * Appends to several streams at once, all or nothing: one refused part (a conflict, a
   * malformed batch) and none is stored. Idempotent like append: appended again, every part
   * gets its first result. Results in the order of `appends`. Optional: an adapter whose store
   * cannot commit several streams together (EventStoreDB) leaves it out.
   */
  appendAtomically?(appends: StreamAppend[]): Promise<AppendResult[]>;
  /** Events of one stream; [] when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Events across streams in commit order, at most maxCount. */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch up from fromPosition, then go live; in commit order, no gap, no duplicate. */
  subscribeToAll(options: SubscribeOptions, handler: SubscriptionHandler): Subscription;
  /** Revision of the stream's last event, or null when it does not exist. */
  streamRevision(streamId: string): Promise<number | null>;
  status(): Promise<StoreStatus>;
  close(): Promise<void>;
}
