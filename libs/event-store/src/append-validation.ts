import { InvalidAppend } from './errors';
import type { AppendOptions, NewEvent } from './event-store.port';

/** The 8-4-4-4-12 hex form; EventStoreDB accepts nothing else as an event id. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks an append before it reaches a store, the same way for every adapter, and returns the
 * event ids in lower case: EventStoreDB hands ids back lower-cased, so both adapters store them so
 * and an idempotent retry matches whatever case the caller used.
 */
export function validateAppend(streamId: string, events: readonly NewEvent[], options: AppendOptions): string[] {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new InvalidAppend('the stream id is empty');
  if (streamId.startsWith('$')) throw new InvalidAppend(`stream ${streamId}: $-prefixed streams are reserved`);
  const expected = options?.expectedRevision;
  if (
    expected !== 'any' &&
    expected !== 'no_stream' &&
    expected !== 'stream_exists' &&
    !(Number.isSafeInteger(expected) && expected >= 0)
  ) {
    throw new InvalidAppend(`stream ${streamId}: invalid expected revision ${String(expected)}`);
  }
  if (!Array.isArray(events) || events.length === 0) throw new InvalidAppend(`stream ${streamId}: no events to append`);

  const ids = new Array<string>(events.length);
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (typeof event.id !== 'string' || !UUID.test(event.id)) {
      throw new InvalidAppend(`stream ${streamId}: event ${i} has no uuid id (${String(event.id)})`);
    }
    if (typeof event.type !== 'string' || event.type.length === 0) {
      throw new InvalidAppend(`stream ${streamId}: event ${event.id} has no type`);
    }
    if (event.type.startsWith('$')) throw new InvalidAppend(`stream ${streamId}: event type ${event.type} is reserved`);
    if (!isPlainObject(event.data) || !isPlainObject(event.metadata)) {
      throw new InvalidAppend(`stream ${streamId}: event ${event.id} needs object data and metadata`);
    }
    ids[i] = event.id.toLowerCase();
  }
  if (ids.length > 1 && new Set(ids).size !== ids.length) {
    throw new InvalidAppend(`stream ${streamId}: the same event id appears twice in one append`);
  }
  return ids;
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
