import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  START,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type CurrentRevision,
  type Direction,
  type EventData,
} from '@eventstore/db-client';
import { validateAppend } from '../append-validation';
import { messageOf } from '../error-shape';
import { ConcurrencyConflict, InvalidAppend, StoreUnavailable } from '../errors';
import type {
  AppendOptions,
  AppendResult,
  EventFilter,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoreStatus,
  SubscribeOptions,
  Subscription,
  SubscriptionHandler,
} from '../event-store.port';
import { toAppendError, toStoreError } from './eventstoredb-errors';
import { batchStartAmong, matchBatchAt, type StoredEvent } from './eventstoredb-idempotency';
import {
  isFiltering,
  matchesFilter,
  NO_POSITION,
  toEsdbExpectedRevision,
  toNumber,
  toReadPosition,
  toRecordedEvent,
} from './eventstoredb-mapping';
import { lastOwnPosition, recordsOf, withDeadline } from './eventstoredb-reads';
import { type EsdbPage, EventStoreDbSubscription } from './eventstoredb-subscription';

export interface EventStoreDbEventStoreOptions {
  /** A connection string, e.g. `esdb://localhost:2113?tls=false` or a `esdb+discover://` cluster. */
  url: string;
}

/** Records per $all read; filters are applied client-side, as this client cannot send them with a read. */
const READ_ALL_PAGE_SIZE = 1_000;
/** status() must answer fast, whatever the connection's default deadline. */
const STATUS_DEADLINE_MS = 2_000;
/** How many events before an 'any' / 'stream_exists' batch's length are searched for it being a retry. */
const RETRY_LOOKBACK = 100;
/** Reads of the revision an 'any' / 'stream_exists' append makes while other writers keep moving the stream. */
const MAX_REVISION_READS = 10;

/**
 * The port on EventStoreDB (@eventstore/db-client 6). Revisions are bigints there and numbers
 * here; positions are mapped as described in eventstoredb-mapping.ts; system and non-JSON events
 * are invisible.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  private closed = false;

  constructor(options: EventStoreDbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(options.url);
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const ids = validateAppend(streamId, events, options);
    this.checkOpen();
    const proposed = events.map((event, i) =>
      jsonEvent({ id: ids[i], type: event.type, data: event.data, metadata: event.metadata }),
    );
    const expected = options.expectedRevision;
    if (expected === 'any' || expected === 'stream_exists') return this.appendAtRevisionRead(streamId, proposed, ids, expected);
    return this.appendExpecting(streamId, proposed, ids, expected);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.checkOpen();
    const backwards = options.direction === 'backwards';
    const { fromRevision, toRevision, maxCount } = options;
    if (maxCount === 0) return [];
    // EventStoreDB has no upper bound for a stream read: it is turned into a count where the start
    // is known (a forwards read starts at 0), so the server sends no more than is kept, and is
    // otherwise enforced while reading (recordsOf cancels the rest).
    const start = fromRevision ?? (backwards ? undefined : 0);
    const span =
      start !== undefined && toRevision !== undefined
        ? (backwards ? start - toRevision : toRevision - start) + 1
        : undefined;
    if (span !== undefined && span <= 0) return [];
    const count = span === undefined ? maxCount : Math.min(span, maxCount ?? span);
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: fromRevision === undefined ? (backwards ? END : START) : BigInt(fromRevision),
        ...(count === undefined ? {} : { maxCount: count }),
      });
      for await (const resolved of recordsOf(read)) {
        if (!resolved.event) continue;
        const revision = toNumber(resolved.event.revision);
        if (toRevision !== undefined && (backwards ? revision < toRevision : revision > toRevision)) break;
        const event = toRecordedEvent(resolved.event);
        if (event) events.push(event);
      }
    } catch (error) {
      if (isAbsentStream(error)) return [];
      throw toStoreError(error);
    }
    return events;
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    this.checkOpen();
    if (!Number.isSafeInteger(options.maxCount) || options.maxCount < 0) {
      throw new RangeError(`maxCount must be a whole number ≥ 0, not ${options.maxCount}`);
    }
    if (options.maxCount === 0) return [];
    return (await this.readAllPage(options.fromPosition ?? 0, options.maxCount, options.filter)).events;
  }

  subscribeToAll(options: SubscribeOptions, handler: SubscriptionHandler): Subscription {
    const subscription = new EventStoreDbSubscription(
      this.client,
      (after, maxCount, filter) => this.readAllPage(after, maxCount, filter),
      options.fromPosition ?? 0,
      options.filter,
      handler,
      (finished) => this.subscriptions.delete(finished),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async streamRevision(streamId: string): Promise<number | null> {
    this.checkOpen();
    try {
      const read = this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
      for await (const resolved of recordsOf(read)) {
        if (resolved.event) return toNumber(resolved.event.revision);
      }
      return null;
    } catch (error) {
      if (isAbsentStream(error)) return null;
      throw toStoreError(error);
    }
  }

  /**
   * Reachable when $all can be read within STATUS_DEADLINE_MS. lastPosition is the newest event
   * of ours, or 0 when there is none, not the log's head: the head is mostly a system record the
   * read models never see, and /health compares their position with this one.
   */
  async status(): Promise<StoreStatus> {
    try {
      this.checkOpen();
      const lastPosition = await withDeadline(
        STATUS_DEADLINE_MS,
        (signal) =>
          lastOwnPosition(
            (from, maxCount) => this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount }),
            signal,
          ),
        () => new StoreUnavailable(`EventStoreDB did not answer within ${STATUS_DEADLINE_MS} ms`),
      );
      return { ok: true, adapter: 'eventstoredb', lastPosition };
    } catch (error) {
      return { ok: false, adapter: 'eventstoredb', detail: messageOf(toStoreError(error)) };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.closed = true;
    await this.client.dispose();
  }

  /**
   * Our events after `after` that match the filter, at most maxCount, reading $all in pages and
   * filtering here. A read from { commit: P, prepare: P } includes the event at P, which is skipped.
   * A page left before its end (maxCount reached) is cancelled by recordsOf.
   */
  private async readAllPage(after: number, maxCount: number, filter: EventFilter | undefined): Promise<EsdbPage> {
    const events: RecordedEvent[] = [];
    let scannedTo = after;
    try {
      for (let page = 0; ; page++) {
        let records = 0;
        // Unfiltered, the first page asks for no more than can be returned (plus the event at the
        // start position, which is skipped); system records in between make later pages full ones.
        const pageSize =
          page === 0 && !isFiltering(filter) ? Math.min(READ_ALL_PAGE_SIZE, maxCount + 1) : READ_ALL_PAGE_SIZE;
        const read = this.client.readAll({ fromPosition: toReadPosition(scannedTo), maxCount: pageSize });
        for await (const resolved of recordsOf(read)) {
          records++;
          if (!resolved.event) continue;
          const position = toNumber(resolved.event.position.commit);
          if (position <= scannedTo) continue;
          const event = toRecordedEvent(resolved.event);
          if (event && matchesFilter(event, filter)) events.push(event);
          scannedTo = position;
          if (events.length === maxCount) return { events, scannedTo, reachedEnd: false };
        }
        if (records < pageSize) return { events, scannedTo, reachedEnd: true };
      }
    } catch (error) {
      throw toStoreError(error);
    }
  }

  /**
   * 'any' and 'stream_exists' as an append expecting the revision just read. With those two the
   * server recognises a retried batch only through an in-memory cache of recent event ids: once
   * the ids have left it (a restart, a busy log) it writes the batch again, and while only the
   * first of them are there it answers WrongExpectedVersion, a conflict for an append that
   * expected nothing. Against a number it reads the stream itself (server 24.10:
   * IndexWriter.CheckCommit, `_committedEvents` for Any/StreamExists, ReadPrepare per event for a
   * number; StorageWriterService.ActOnCommitCheckFailure replies CorruptedIdempotency as
   * WrongExpectedVersion). So this reads the stream's newest events, gives the first result back
   * when the batch is among them, refuses ids stored in another batch, and otherwise appends at
   * the revision it read, reading again when another writer got in between.
   */
  private async appendAtRevisionRead(
    streamId: string,
    proposed: EventData[],
    ids: string[],
    expected: 'any' | 'stream_exists',
  ): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      const newest = await this.readStored(streamId, BACKWARDS, END, ids.length + RETRY_LOOKBACK);
      newest.reverse();
      const revision = newest.length > 0 ? newest[newest.length - 1].revision : null;
      if (expected === 'stream_exists' && revision === null) throw new ConcurrencyConflict(streamId, expected, null);
      const start = batchStartAmong(ids, newest);
      if (start !== null) {
        const stored = start < 0 ? [] : await this.readStored(streamId, FORWARDS, BigInt(start), ids.length);
        const original = matchBatchAt(streamId, ids, stored);
        if (original) return original;
        throw new InvalidAppend(`stream ${streamId}: an event of this batch was already stored with other events`);
      }
      try {
        return await this.appendExpecting(streamId, proposed, ids, revision ?? 'no_stream');
      } catch (error) {
        if (!(error instanceof ConcurrencyConflict)) throw error;
        if (attempt === MAX_REVISION_READS) {
          throw new StoreUnavailable(`stream ${streamId} changed under each of ${attempt} attempts to append to it; nothing was written`);
        }
      }
    }
  }

  /**
   * An append the server checks against the stream itself: a retry stored right after the
   * expected revision is answered with success (at times without a position, read here). On a
   * conflict this reads the events after the expected revision, as the server also
   * answers WrongExpectedVersion when only the first of them are the batch's (InvalidAppend here),
   * and returns the first result if the whole batch is there after all.
   */
  private async appendExpecting(
    streamId: string,
    proposed: EventData[],
    ids: string[],
    expected: number | 'no_stream',
  ): Promise<AppendResult> {
    let result: Awaited<ReturnType<EventStoreDBClient['appendToStream']>>;
    try {
      result = await this.client.appendToStream(streamId, proposed, { expectedRevision: toEsdbExpectedRevision(expected) });
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw toAppendError(error, streamId);
      return this.afterConflict(streamId, ids, expected, error.actualVersion);
    }
    // With throwOnAppendFailure=false in the connection string, the client reports a conflict as
    // a result instead of throwing (streams/appendToStream/append.js, batchAppend.js).
    if (!result.success) return this.afterConflict(streamId, ids, expected, undefined);
    const nextRevision = toNumber(result.nextExpectedRevision);
    if (result.position) return { nextRevision, position: toNumber(result.position.commit) };
    // The server recognised a retry of a stored batch (its own idempotency) and reports no
    // position: the first append's result is the batch's last event, at nextRevision.
    const [last] = await this.readStored(streamId, FORWARDS, BigInt(nextRevision), 1);
    return { nextRevision, position: last.position, alreadyStored: true };
  }

  private async afterConflict(
    streamId: string,
    ids: string[],
    expected: number | 'no_stream',
    actual: CurrentRevision | undefined,
  ): Promise<AppendResult> {
    const start = expected === 'no_stream' ? 0 : expected + 1;
    const original = matchBatchAt(streamId, ids, await this.readStored(streamId, FORWARDS, BigInt(start), ids.length));
    if (original) return original;
    const actualRevision =
      typeof actual === 'bigint' ? toNumber(actual) : actual === 'no_stream' ? null : await this.streamRevision(streamId);
    throw new ConcurrencyConflict(streamId, expected, actualRevision);
  }

  /** Ids and places of up to maxCount events of a stream, whatever their kind; [] without the stream. */
  private async readStored(
    streamId: string,
    direction: Direction,
    fromRevision: bigint | typeof END,
    maxCount: number,
  ): Promise<StoredEvent[]> {
    const stored: StoredEvent[] = [];
    try {
      for await (const { event } of recordsOf(this.client.readStream(streamId, { direction, fromRevision, maxCount }))) {
        if (!event) continue;
        if (!event.position) throw new Error(NO_POSITION);
        stored.push({ id: event.id, revision: toNumber(event.revision), position: toNumber(event.position.commit) });
      }
    } catch (error) {
      if (isAbsentStream(error)) return [];
      throw toStoreError(error);
    }
    return stored;
  }

  private checkOpen(): void {
    if (this.closed) throw new StoreUnavailable('the EventStoreDB event store is closed');
  }
}

/**
 * A stream that does not exist, or was deleted for good (tombstoned): neither has events to read,
 * and an append to the second is refused with InvalidAppend (toAppendError).
 */
function isAbsentStream(error: unknown): boolean {
  return error instanceof StreamNotFoundError || error instanceof StreamDeletedError;
}
