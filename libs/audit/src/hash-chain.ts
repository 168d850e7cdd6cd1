import { createHash } from 'node:crypto';
import type { Json, JsonObject, RecordedEvent } from '@app/event-store';
import { canonicalJson } from './canonical-json';

/**
 * The hash chain, per stream:
 *
 *   hash(n) = sha256_hex( canonicalJson({
 *     stream: <stream id>, revision: n, type: <event type>, data: <event data>,
 *     metadata: <metadata without "hash">, previousHash: hash(n-1) or null
 *   }) )
 *
 * `metadata.previousHash` is part of the hashed metadata as well, so the link is covered twice.
 * Editing an event's data or metadata, removing an event or swapping two events breaks the chain
 * at the first event affected.
 */
export interface ChainInput {
  streamId: string;
  revision: number;
  type: string;
  data: JsonObject;
  /** Metadata without `hash`. */
  metadata: JsonObject;
  previousHash: string | null;
}

export function chainHash(input: ChainInput): string {
  const body: Json = {
    stream: input.streamId,
    revision: input.revision,
    type: input.type,
    data: input.data,
    metadata: input.metadata,
    previousHash: input.previousHash,
  };
  return createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex');
}

export interface ChainBreak {
  streamId: string;
  revision: number;
  reason: string;
}

/**
 * Verifies one stream's events, in revision order, against the chain. `expectedPrevious` is the
 * hash before the first given event (null when it starts at revision 0).
 * Returns the first break, or null.
 */
export function verifyStreamChain(
  events: readonly RecordedEvent[],
  expectedPrevious: string | null = null,
  firstRevision = 0,
): ChainBreak | null {
  let previous = expectedPrevious;
  let expectedRevision = firstRevision;
  for (const event of events) {
    const at = (reason: string): ChainBreak => ({ streamId: event.streamId, revision: event.revision, reason });
    if (event.revision !== expectedRevision) {
      return {
        streamId: event.streamId,
        revision: expectedRevision,
        reason: `revision ${expectedRevision} is missing (found ${event.revision} next): an event was removed or reordered`,
      };
    }
    const { hash, ...metadata } = event.metadata;
    if (typeof hash !== 'string') return at('the event carries no hash');
    const linked = metadata.previousHash ?? null;
    if (linked !== previous) return at('previousHash does not match the hash of the event before it');
    const recomputed = chainHash({
      streamId: event.streamId,
      revision: event.revision,
      type: event.type,
      data: event.data,
      metadata,
      previousHash: previous,
    });
    if (recomputed !== hash) return at('the recomputed hash differs: the event body or metadata was changed');
    previous = hash;
    expectedRevision += 1;
  }
  return null;
}
