import { InvalidAppend } from '../errors';
import type { AppendResult } from '../event-store.port';

/** What idempotency needs of a stored event: its id and where it is. */
export interface StoredEvent {
  id: string;
  revision: number;
  position: number;
}

/**
 * The first append's result when `stored` (a stream's events from the revision where the batch
 * would start, oldest first) begins with the batch `ids` whole and in order; null when it does
 * not begin with the batch's first id (another batch is there); InvalidAppend when it begins with
 * it but goes on with other events, as then the ids were reused in another batch and neither
 * "already stored" nor "not stored" is true. The port asks the same of every adapter.
 */
export function matchBatchAt(streamId: string, ids: readonly string[], stored: readonly StoredEvent[]): AppendResult | null {
  if (stored.length === 0 || stored[0].id !== ids[0]) return null;
  if (stored.length < ids.length || ids.some((id, i) => stored[i].id !== id)) {
    throw new InvalidAppend(`stream ${streamId}: the batch starting with ${ids[0]} was stored with other events`);
  }
  const last = stored[ids.length - 1];
  return { nextRevision: last.revision, position: last.position, alreadyStored: true };
}

/**
 * Where the batch `ids` would start if it were stored, judged from the first of its ids found
 * among `newest` (a stream's newest events, oldest first): that event's revision less the id's
 * place in the batch. Null when none of the ids is there. The batch may begin before `newest`
 * does, so the caller reads from this revision and asks matchBatchAt.
 */
export function batchStartAmong(ids: readonly string[], newest: readonly StoredEvent[]): number | null {
  const places = new Map(ids.map((id, i) => [id, i]));
  for (const event of newest) {
    const place = places.get(event.id);
    if (place !== undefined) return event.revision - place;
  }
  return null;
}
