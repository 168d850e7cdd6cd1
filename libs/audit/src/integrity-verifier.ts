import type { EventStore, RecordedEvent } from '@app/event-store';
import { verifyStreamChain, type ChainBreak } from './hash-chain';
import { yieldToOthers } from './yield-to-others';

export interface IntegrityReport {
  ok: boolean;
  streamsChecked: number;
  eventsChecked: number;
  firstBreak: ChainBreak | null;
}

const BATCH = 250;

/**
 * Recomputes hash chains straight from the store (never from a read model, which could have
 * been rebuilt from tampered data). With no stream list it walks the whole log once, in commit
 * order, keeping each stream's last hash; the first break found in commit order is reported.
 * It yields to other work after every page of BATCH events (and of a stream list, after every
 * BATCH events' worth of streams), so a long check never holds up the requests around it.
 */
export async function verifyIntegrity(store: EventStore, streamIds?: readonly string[]): Promise<IntegrityReport> {
  if (streamIds) return verifyStreams(store, streamIds);
  const heads = new Map<string, { hash: string | null; next: number }>();
  let eventsChecked = 0;
  let from = 0;
  for (;;) {
    const batch = await store.readAll({ fromPosition: from, maxCount: BATCH });
    for (const event of batch) {
      const head = heads.get(event.streamId) ?? { hash: null, next: 0 };
      const broken = verifyStreamChain([event], head.hash, head.next);
      eventsChecked += 1;
      if (broken) return { ok: false, streamsChecked: heads.size + (heads.has(event.streamId) ? 0 : 1), eventsChecked, firstBreak: broken };
      heads.set(event.streamId, { hash: String(event.metadata.hash), next: event.revision + 1 });
    }
    if (batch.length < BATCH) break;
    from = batch[batch.length - 1].position;
    await yieldToOthers();
  }
  return { ok: true, streamsChecked: heads.size, eventsChecked, firstBreak: null };
}

async function verifyStreams(store: EventStore, streamIds: readonly string[]): Promise<IntegrityReport> {
  let eventsChecked = 0;
  let streamsChecked = 0;
  let sinceYield = 0;
  for (const streamId of streamIds) {
    const events: RecordedEvent[] = await store.readStream(streamId);
    streamsChecked += 1;
    eventsChecked += events.length;
    const broken = verifyStreamChain(events);
    if (broken) return { ok: false, streamsChecked, eventsChecked, firstBreak: broken };
    sinceYield += events.length + 1;
    if (sinceYield >= BATCH) {
      sinceYield = 0;
      await yieldToOthers();
    }
  }
  return { ok: true, streamsChecked, eventsChecked, firstBreak: null };
}
