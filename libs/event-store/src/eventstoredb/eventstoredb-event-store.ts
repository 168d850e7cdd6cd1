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
} from '@eventstore/db-client';
import { validateAppend } from '../append-validation';
import { messageOf } from '../error-shape';
import { ConcurrencyConflict, InvalidAppend, StoreUnavailable } from '../errors';
import type {
  AppendOptions,
  AppendResult,
  EventFilter,
  EventStore,
  ExpectedRevision,
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
import {
  isFiltering,
  matchesFilter,
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
    const expected = options.expectedRevision;
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((event, i) => jsonEvent({ id: ids[i], type: event.type, data: event.data, metadata: event.metadata })),
        { expectedRevision: toEsdbExpectedRevision(expected) },
      );
      const nextRevision = toNumber(result.nextExpectedRevision);
      if (result.position) return { nextRevision, position: toNumber(result.position.commit) };
      // The server recognised a retry of a stored batch (its own idempotency) and reports no
      // position: the first append's result is the batch's last event, at nextRevision.
      const [last] = await this.readStream(streamId, { fromRevision: nextRevision, maxCount: 1 });
      return { nextRevision, position: last.position };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw toAppendError(error, streamId);
      const original = await this.findStoredBatch(streamId, ids, expected);
      if (original) return original;
      throw new ConcurrencyConflict(streamId, expected, await this.actualRevision(streamId, error));
    }
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
   * On a conflict, whether this is a retry of a batch that was stored with the same expectation:
   * then it sits right after the expected revision and the first append's result is returned.
   * (EventStoreDB already treats many such retries as successes; this covers the rest, e.g. a
   * retry after other events were appended.)
   */
  private async findStoredBatch(
    streamId: string,
    ids: string[],
    expected: ExpectedRevision,
  ): Promise<AppendResult | null> {
    const start = expected === 'no_stream' ? 0 : typeof expected === 'number' ? expected + 1 : null;
    if (start === null) return null;
    const stored = await this.readStream(streamId, { fromRevision: start, maxCount: ids.length });
    if (stored.length === 0 || stored[0].id !== ids[0]) return null;
    if (stored.length !== ids.length || stored.some((event, i) => event.id !== ids[i])) {
      throw new InvalidAppend(`stream ${streamId}: the batch starting with ${ids[0]} was stored with other events`);
    }
    return { nextRevision: start + ids.length - 1, position: stored[stored.length - 1].position };
  }

  private async actualRevision(streamId: string, error: WrongExpectedVersionError): Promise<number | null> {
    const actual: unknown = error.actualVersion;
    if (typeof actual === 'bigint') return toNumber(actual);
    if (actual === 'no_stream') return null;
    return this.streamRevision(streamId);
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
