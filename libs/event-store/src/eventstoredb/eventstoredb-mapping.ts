import {
  ANY,
  eventTypeFilter,
  excludeSystemEvents,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  streamNameFilter,
  type AppendExpectedRevision,
  type Filter,
  type ReadPosition,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import type { EventFilter, ExpectedRevision, JsonObject, RecordedEvent } from '../event-store.port';

/*
 * Positions. Our single `position` is EventStoreDB's commit position. Every append of this client
 * is an implicit transaction, whose events are written as self-committing records: for each of
 * them the server reports commit = prepare = the record's own log position, which is unique and
 * grows in $all order (explicit multi-record transactions, where events share a commit position,
 * exist only in the legacy TCP API, which this adapter never uses). So position P maps back to
 * { commit: P, prepare: P }. Reads of $all from a position include the event at it; exclusive
 * `fromPosition` is honoured by dropping events at or below it (subscriptions do the same to
 * deduplicate across a resubscription).
 */
export function toReadPosition(position: number): ReadPosition {
  return position === 0 ? START : { commit: BigInt(position), prepare: BigInt(position) };
}

export function toNumber(value: bigint): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new RangeError(`EventStoreDB value ${value} exceeds 2^53`);
  return number;
}

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

/** Stream reads carry positions from server 22.6 on (the client's RecordedEvent.position). */
export const NO_POSITION = 'EventStoreDB returned an event without its position (server 23.10 or later needed)';

/**
 * The event in our terms, or null for what this store never writes and so never shows: system
 * events ($-prefixed stream or type: links, metadata, projections' output) and non-JSON events.
 */
export function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent | null {
  if (event.streamId.startsWith('$') || event.type.startsWith('$') || !event.isJson) return null;
  if (!isJsonObject(event.data)) return null;
  if (!event.position) throw new Error(NO_POSITION);
  return {
    id: event.id,
    streamId: event.streamId,
    revision: toNumber(event.revision),
    position: toNumber(event.position.commit),
    type: event.type,
    data: event.data,
    metadata: isJsonObject(event.metadata) ? event.metadata : {},
    recordedAt: event.created.getTime(),
  };
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** Whether the filter leaves anything out (an absent or empty list does not filter). */
export function isFiltering(filter: EventFilter | undefined): boolean {
  return (filter?.streamPrefixes?.length ?? 0) > 0 || (filter?.eventTypes?.length ?? 0) > 0;
}

export function matchesFilter(event: RecordedEvent, filter: EventFilter | undefined): boolean {
  const prefixes = filter?.streamPrefixes ?? [];
  const types = filter?.eventTypes ?? [];
  return (
    (prefixes.length === 0 || prefixes.some((prefix) => event.streamId.startsWith(prefix))) &&
    (types.length === 0 || types.includes(event.type))
  );
}

/**
 * The server-side filter narrowing what a live subscription sends. The server filters on one
 * thing only (stream name or event type), so this is a pre-filter: matchesFilter still decides.
 * A filtered subscription gets checkpoints (every 32 events the server considers, its search
 * window, times the default checkpointInterval of 1), passed to `checkpointReached`.
 */
export function toServerFilter(filter: EventFilter | undefined, checkpointReached: Filter['checkpointReached']): Filter {
  const prefixes = filter?.streamPrefixes ?? [];
  if (prefixes.length > 0 && !prefixes.includes('')) return streamNameFilter({ prefixes, checkpointReached });
  const types = filter?.eventTypes ?? [];
  if (types.length > 0) {
    return eventTypeFilter({ regex: `^(?:${types.map(escapeRegex).join('|')})$`, checkpointReached });
  }
  return excludeSystemEvents({ checkpointReached });
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
