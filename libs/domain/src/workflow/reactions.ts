import type { ArticleState } from '../article/article.decider';
import type { ClaimCommand, ClaimState } from '../claim/claim.decider';
import type { SectionCommand, SectionState } from '../section/section.decider';
import type { DecodedEvent, StreamRef } from '../streams';

/** The streams' current states a reaction may need, read by whoever runs the workflow. */
export interface ReactionReads {
  claim(id: string): Promise<ClaimState>;
  section(id: string): Promise<SectionState>;
  article(id: string): Promise<ArticleState>;
}

/** A command the workflow sends to another stream because of an event. */
export type Reaction =
  | { target: StreamRef<'claim'>; command: ClaimCommand }
  | { target: StreamRef<'section'>; command: SectionCommand };

/** Claim events that take back what a section signed off: the section is reopened. */
const REOPENS_SECTION = new Set(['ClaimRevised', 'MedicalReviewChangesRequested', 'ClaimReopened', 'ClaimApprovalExpired']);

/**
 * The review workflow across streams, as a function of an event and the states it needs:
 * - a claim revised, sent back by its reviewer, reopened or its approval expired → its section is
 *   reopened;
 * - a section published → ClaimPublished on each claim of its snapshot (and the claims it no
 *   longer holds are unpublished);
 * - a section unpublished → ClaimUnpublished on each claim it took down;
 * - an already-resolved reference amended → every claim citing it is reopened.
 * The commands are decided on their targets' own state, where a replay or a race comes to
 * nothing (the deciders answer [] to what has already happened).
 */
export async function reactionsTo(decoded: DecodedEvent, reads: ReactionReads): Promise<Reaction[]> {
  switch (decoded.stream.kind) {
    case 'claim': {
      if (!REOPENS_SECTION.has(decoded.event.type)) return [];
      const claim = await reads.claim(decoded.stream.id);
      if (!claim.exists) return [];
      // A claim that has left its section reopens nothing: the section's decider knows.
      return [
        {
          target: { kind: 'section', id: claim.sectionId },
          command: { type: 'ReopenSection', claimId: decoded.stream.id, cause: decoded.event.type },
        },
      ];
    }
    case 'section': {
      const sectionId = decoded.stream.id;
      const event = decoded.event;
      if (event.type === 'SectionPublished') {
        const withdrawn = (event.data.withdrawnClaimIds ?? []).map((claimId): Reaction => ({
          target: { kind: 'claim', id: claimId },
          command: { type: 'UnpublishClaim', sectionId },
        }));
        const published = event.data.snapshot.map((entry): Reaction => ({
          target: { kind: 'claim', id: entry.claimId },
          command: { type: 'PublishClaim', sectionId, textRevision: entry.textRevision, textHash: entry.textHash, text: entry.text },
        }));
        return [...withdrawn, ...published];
      }
      if (event.type === 'SectionUnpublished') {
        return event.data.withdrawnClaimIds.map((claimId) => ({ target: { kind: 'claim', id: claimId }, command: { type: 'UnpublishClaim', sectionId } }));
      }
      return [];
    }
    case 'article': {
      const event = decoded.event;
      if (event.type !== 'ReferenceResolved' || !event.data.amended) return [];
      const { number } = event.data;
      const article = await reads.article(decoded.stream.id);
      const reactions: Reaction[] = [];
      for (const sectionId of article.sectionIds) {
        const section = await reads.section(sectionId);
        for (const claimId of section.claimIds) {
          const claim = await reads.claim(claimId);
          if (claim.citations.includes(number)) {
            reactions.push({ target: { kind: 'claim', id: claimId }, command: { type: 'ReopenClaim', referenceNumber: number, cause: 'ReferenceResolved' } });
          }
        }
      }
      return reactions;
    }
    case 'discussion':
      // Comments never change a claim or its section.
      return [];
  }
}
