import { chainHash, nameBasedUuid, SCHEMA_VERSION } from '@app/audit';
import { streamIds, textHash, type Actor, type DomainEvent } from '@app/domain';
import type { EventStore, JsonObject, NewEvent } from '@app/event-store';

/**
 * Fills a store with a realistic review log, fast: articles with sections and claims, each claim
 * going through rounds of revision → evidence check → approval by distinct users, every event
 * hash-chained as the service writes it. Used by the benchmarks that need a large store.
 */
export interface SyntheticLogOptions {
  events: number;
  sectionsPerArticle?: number;
  claimsPerSection?: number;
  /** Rounds of revise → check → approve per claim. */
  roundsPerClaim?: number;
  users?: number;
  /** First event time; events are spaced one second apart. */
  startAt?: number;
}

export async function writeSyntheticLog(store: EventStore, options: SyntheticLogOptions): Promise<{ events: number; articles: string[] }> {
  const sections = options.sectionsPerArticle ?? 5;
  const claimsPer = options.claimsPerSection ?? 8;
  const rounds = options.roundsPerClaim ?? 3;
  const users = options.users ?? 50;
  let clock = options.startAt ?? Date.UTC(2025, 0, 1);
  let written = 0;
  const articles: string[] = [];
  const actor = (role: Actor['roles'][number], n: number): Actor => ({ id: `${role.toLowerCase()}-${n % users}`, roles: [role] });

  const append = async (streamId: string, events: DomainEvent[], by: (i: number) => Actor) => {
    let previousHash: string | null = null;
    const batch: NewEvent[] = events.map((event, revision) => {
      clock += 1000;
      const data = event.data as unknown as JsonObject;
      const metadata: JsonObject = {
        actor: by(revision) as unknown as JsonObject,
        occurredAt: clock,
        reason: 'synthetic',
        correlationId: nameBasedUuid('corr', streamId, revision),
        causationId: null,
        commandId: nameBasedUuid('cmd', streamId, revision),
        schemaVersion: SCHEMA_VERSION,
        previousHash,
      };
      const hash = chainHash({ streamId, revision, type: event.type, data, metadata, previousHash });
      previousHash = hash;
      return { id: nameBasedUuid('event', streamId, revision), type: event.type, data, metadata: { ...metadata, hash } };
    });
    await store.append(streamId, batch, { expectedRevision: 'no_stream' });
    written += batch.length;
  };

  for (let a = 0; written < options.events; a += 1) {
    const articleId = `bench-article-${a}`;
    articles.push(articleId);
    const editor = actor('EDITOR', a);
    const sectionIds = Array.from({ length: sections }, (_, s) => `${articleId}-s${s}`);
    await append(streamIds.article(articleId), [
      {
        type: 'ArticleImported',
        data: { articleId, title: `Article ${a}`, slug: `article-${a}`, format: 'TEXT', sourceHash: textHash(String(a)), references: [{ number: 1, citation: 'A. Source. 2020.', url: null }], sectionIds, importedBy: editor },
      },
    ], () => editor);
    for (const [s, sectionId] of sectionIds.entries()) {
      const claimIds = Array.from({ length: claimsPer }, (_, c) => `${sectionId}-c${c}`);
      for (const claimId of claimIds) {
        const events: DomainEvent[] = [
          { type: 'ClaimDrafted', data: { claimId, articleId, sectionId, text: `Claim ${claimId} states something.`, citations: [1], citationNeeded: false, textRevision: 1, author: editor } },
        ];
        for (let r = 0; r < rounds; r += 1) {
          const text = `Claim ${claimId} states something, revision ${r + 2}.`;
          const checker = actor('FACT_CHECKER', a + r);
          const reviewer = actor('MEDICAL_REVIEWER', a + r + 1);
          events.push(
            { type: 'ClaimRevised', data: { text, citations: [1], citationNeeded: false, textRevision: r + 2, author: editor } },
            { type: 'EvidenceCheckPassed', data: { textRevision: r + 2, evidence: [{ referenceNumber: 1, level: 'HUMAN_RCT', locator: 'p. 1', note: null }], noCitationNeeded: false, checkedBy: checker } },
            { type: 'MedicalReviewApproved', data: { textRevision: r + 2, textHash: textHash(text), reviewer, meaning: 'sound' } },
          );
        }
        await append(streamIds.claim(claimId), events, (i) => (i % 3 === 2 ? actor('FACT_CHECKER', a) : i % 3 === 0 && i > 0 ? actor('MEDICAL_REVIEWER', a + 1) : editor));
      }
      await append(streamIds.section(sectionId), [
        { type: 'SectionCreated', data: { sectionId, articleId, heading: `Section ${s}`, position: s, claimIds } },
      ], () => editor);
    }
  }
  return { events: written, articles };
}
