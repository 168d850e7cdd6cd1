import { yieldToOthers } from '@app/audit';
import { streamIds } from '@app/domain';
import type { EventStore } from '@app/event-store';

/**
 * Every stream that belongs to an article, found from the streams themselves (never a read
 * model): the article, its sections, every claim any of its sections ever held (removed ones
 * included) and each such claim's discussion. Empty when the article does not exist.
 */
export async function articleStreams(store: EventStore, articleId: string): Promise<string[]> {
  const article = await store.readStream(streamIds.article(articleId));
  if (article.length === 0) return [];
  const sectionIds = new Set<string>();
  for (const event of article) {
    for (const id of stringList(event.data.sectionIds)) sectionIds.add(id);
  }
  const streams = [streamIds.article(articleId)];
  const claimIds = new Set<string>();
  for (const sectionId of sectionIds) {
    const events = await store.readStream(streamIds.section(sectionId));
    if (events.length === 0) continue;
    streams.push(streamIds.section(sectionId));
    for (const event of events) {
      for (const id of stringList(event.data.claimIds)) claimIds.add(id);
      if (typeof event.data.removedClaimId === 'string') claimIds.add(event.data.removedClaimId);
    }
  }
  for (const claimId of claimIds) streams.push(streamIds.claim(claimId));
  let read = 0;
  for (const claimId of claimIds) {
    const discussion = await store.readStream(streamIds.discussion(claimId), { maxCount: 1 });
    if (discussion.length > 0) streams.push(streamIds.discussion(claimId));
    // An article of thousands of claims is as many reads: let other requests in between.
    if (++read % 200 === 0) await yieldToOthers();
  }
  return streams;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
