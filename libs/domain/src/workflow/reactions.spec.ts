import { stateAfter } from '../../test/decider-specification';
import { claimDrafted, claimRevised, editor, publisher, sectionCreated } from '../../test/fixtures';
import { articleDecider, type ArticleEvent } from '../article/article.decider';
import { claimDecider, type ClaimEvent } from '../claim/claim.decider';
import { sectionDecider, type SectionEvent } from '../section/section.decider';
import { decodeEvent, type DecodedEvent } from '../streams';
import { textHash } from '../text-hash';
import { reactionsTo, type ReactionReads } from './reactions';

/**
 * Given the streams' histories, when an event is stored, then these commands go to these
 * streams: the review workflow across streams, with no store and no framework.
 */
function given(histories: { claims?: Record<string, ClaimEvent[]>; sections?: Record<string, SectionEvent[]>; articles?: Record<string, ArticleEvent[]> }) {
  const reads: ReactionReads = {
    claim: async (id) => stateAfter(claimDecider, histories.claims?.[id] ?? []),
    section: async (id) => stateAfter(sectionDecider, histories.sections?.[id] ?? []),
    article: async (id) => stateAfter(articleDecider, histories.articles?.[id] ?? []),
  };
  return {
    when: (streamId: string, event: { type: string; data: object }) => ({
      then: async (expected: unknown[]) => {
        const decoded = decodeEvent({ streamId, ...event }) as DecodedEvent;
        expect(decoded).not.toBeNull();
        expect(await reactionsTo(decoded, reads)).toEqual(expected);
      },
    }),
  };
}

const snapshotEntry = (claimId: string, text = `Claim ${claimId}.`) => ({ claimId, textRevision: 1, textHash: textHash(text), text });

describe('the review workflow across streams', () => {
  const reopening: Record<string, { type: string; data: object }> = {
    ClaimRevised: claimRevised(2),
    MedicalReviewChangesRequested: { type: 'MedicalReviewChangesRequested', data: { textRevision: 1, reviewer: editor, reason: 'r' } },
    ClaimReopened: { type: 'ClaimReopened', data: { referenceNumber: 1, cause: 'ReferenceResolved' } },
    ClaimApprovalExpired: { type: 'ClaimApprovalExpired', data: { textRevision: 1, approvedAt: 1, reviewDueAt: 2 } },
  };
  it.each(Object.keys(reopening))('reopens the section of a claim when it gets %s', async (type) => {
    const event = reopening[type];
    await given({ claims: { c1: [claimDrafted()] } })
      .when('claim-c1', event)
      .then([{ target: { kind: 'section', id: 's1' }, command: { type: 'ReopenSection', claimId: 'c1', cause: type } }]);
  });

  it('does nothing for a claim stream that has no claim in it', async () => {
    await given({}).when('claim-ghost', claimRevised(2)).then([]);
  });

  it.each(['ClaimDrafted', 'EvidenceCheckPassed', 'MedicalReviewApproved', 'ClaimPublished'])('leaves the section as it is on %s', async (type) => {
    await given({ claims: { c1: [claimDrafted()] } }).when('claim-c1', { type, data: {} }).then([]);
  });

  it('publishes each claim of a published snapshot, and unpublishes the claims it no longer holds', async () => {
    await given({})
      .when('section-s1', { type: 'SectionPublished', data: { snapshot: [snapshotEntry('c1'), snapshotEntry('c2')], publishedBy: publisher, withdrawnClaimIds: ['c0'] } })
      .then([
        { target: { kind: 'claim', id: 'c0' }, command: { type: 'UnpublishClaim', sectionId: 's1' } },
        { target: { kind: 'claim', id: 'c1' }, command: { type: 'PublishClaim', sectionId: 's1', textRevision: 1, textHash: textHash('Claim c1.'), text: 'Claim c1.' } },
        { target: { kind: 'claim', id: 'c2' }, command: { type: 'PublishClaim', sectionId: 's1', textRevision: 1, textHash: textHash('Claim c2.'), text: 'Claim c2.' } },
      ]);
  });

  it('unpublishes every claim an unpublished section took down', async () => {
    await given({})
      .when('section-s1', { type: 'SectionUnpublished', data: { unpublishedBy: publisher, withdrawnClaimIds: ['c1', 'c2'] } })
      .then([
        { target: { kind: 'claim', id: 'c1' }, command: { type: 'UnpublishClaim', sectionId: 's1' } },
        { target: { kind: 'claim', id: 'c2' }, command: { type: 'UnpublishClaim', sectionId: 's1' } },
      ]);
  });

  it('reopens every claim citing an amended reference, in every section of the article', async () => {
    const article = [{ type: 'ArticleImported', data: { articleId: 'a1', title: 'T', slug: 't', format: 'TEXT', sourceHash: 'h', references: [], sectionIds: ['s1', 's2'], importedBy: editor } }] as ArticleEvent[];
    await given({
      articles: { a1: article },
      sections: { s1: [sectionCreated(['c1', 'c2'])], s2: [sectionCreated(['c3'], { sectionId: 's2' })] },
      claims: { c1: [claimDrafted({ claimId: 'c1', citations: [1] })], c2: [claimDrafted({ claimId: 'c2', citations: [2] })], c3: [claimDrafted({ claimId: 'c3', citations: [2, 1] })] },
    })
      .when('article-a1', { type: 'ReferenceResolved', data: { number: 1, citation: 'New', url: null, previousCitation: 'Old', amended: true } })
      .then([
        { target: { kind: 'claim', id: 'c1' }, command: { type: 'ReopenClaim', referenceNumber: 1, cause: 'ReferenceResolved' } },
        { target: { kind: 'claim', id: 'c3' }, command: { type: 'ReopenClaim', referenceNumber: 1, cause: 'ReferenceResolved' } },
      ]);
  });

  it('reopens nothing when a reference is resolved for the first time', async () => {
    await given({}).when('article-a1', { type: 'ReferenceResolved', data: { number: 1, citation: 'New', url: null, previousCitation: null, amended: false } }).then([]);
  });
});

describe('stored events read back as domain events', () => {
  it('names the stream and keeps the event', () => {
    expect(decodeEvent({ streamId: 'claim-c-1', type: 'ClaimRevised', data: { a: 1 } })).toEqual({ stream: { kind: 'claim', id: 'c-1' }, event: { type: 'ClaimRevised', data: { a: 1 } } });
  });

  it.each([
    ['a stream of another kind', 'command-abc', 'CommandReceived'],
    ['a type the stream does not know', 'claim-c1', 'SectionPublished'],
    ['a type no one knows', 'section-s1', 'WrittenByANewerVersion'],
    ['an inherited property name', 'claim-c1', 'toString'],
    ['a stream without an id', 'claim-', 'ClaimRevised'],
  ])('refuses %s', (_what, streamId, type) => {
    expect(decodeEvent({ streamId, type, data: {} })).toBeNull();
  });
});
