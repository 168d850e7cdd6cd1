import fc from 'fast-check';
import type { EventStore } from '@app/event-store';
import { EVENT_STORE } from '../apps/api/src/infrastructure/tokens';
import { removeDir, startApp, type Harness } from './support/app-harness';
import { SMALL_ARTICLE, type SectionShape } from './support/review-operations';

jest.setTimeout(120_000);

/**
 * Property: whatever values arrive in whatever input of whatever mutation, the answer is a valid
 * result or one of the typed errors (never INTERNAL_SERVER_ERROR, never a stack), a refusal
 * leaves the store as it was, and /health keeps answering. fast-check makes the values: every
 * Unicode string (controls, bidi, surrogates), markup, numbers far past Int, nulls and lists.
 */
const TYPED = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'SEPARATION_OF_DUTIES',
  'COMMAND_ID_REUSED',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
]);

const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.constantFrom('', ' ', '\u202Eevil', '<svg/onload=alert(1)>', '"><script>x()</script>', 'javascript:alert(1)', '\uD800', 'Caf\u0065\u0301', 'x'.repeat(2_001), 'https://example.org/a'),
);
const hostileNumber = fc.oneof(fc.integer(), fc.constantFrom(0, -1, 2 ** 31, 2 ** 53 + 1, 100_001, 1e300, 0.5));
const hostile = fc.oneof(hostileString, hostileNumber, fc.constant(null), fc.array(hostileNumber, { maxLength: 60 }), fc.boolean());

describe('hostile values for every input of every mutation', () => {
  let h: Harness;
  let store: EventStore;
  let token: string;
  const ids: Record<string, string | number> = {};

  beforeAll(async () => {
    h = await startApp();
    store = h.app.get(EVENT_STORE);
    // One user with every working role, so inputs, not roles, decide the answer.
    token = await h.token('poly', ['EDITOR', 'FACT_CHECKER', 'MEDICAL_REVIEWER', 'PUBLISHER']);
    const imported = await h.gql<{ importArticle: { article: { id: string; revision: number; sections: SectionShape[] } } }>(
      token,
      `mutation($input: ImportArticleInput!) { importArticle(input: $input) { article { id revision sections { id revision claims { id revision } } } } }`,
      { input: { title: 'Property target', text: SMALL_ARTICLE } },
    );
    const article = imported.data!.importArticle.article;
    Object.assign(ids, {
      articleId: article.id,
      articleRevision: article.revision,
      sectionId: article.sections[1].id,
      sectionRevision: article.sections[1].revision,
      claimId: article.sections[1].claims[0].id,
      otherClaimId: article.sections[1].claims[1].id,
    });
  });

  afterAll(async () => {
    await h.close();
    removeDir(h.dir);
  });

  /** Each mutation with a valid input; the property replaces one of its fields at a time. */
  const mutations: Array<[string, string, () => Record<string, unknown>]> = [
    ['importArticle', 'ImportArticleInput', () => ({ title: 'T', text: 'A claim.', format: 'TEXT' })],
    ['proposeClaimRevision', 'ProposeClaimRevisionInput', () => ({ claimId: ids.claimId, expectedRevision: 0, text: 'A claim.', citations: [2], reason: 'r' })],
    ['recordEvidenceCheck', 'RecordEvidenceCheckInput', () => ({ claimId: ids.claimId, expectedRevision: 0, verdict: 'FAIL', evidence: [{ referenceNumber: 2, level: 'HUMAN_RCT', locator: 'p' }], noCitationNeeded: false, reason: 'r' })],
    ['recordMedicalReview', 'RecordMedicalReviewInput', () => ({ claimId: ids.claimId, expectedRevision: 0, decision: 'REQUEST_CHANGES', reason: 'r' })],
    ['signOffSectionEvidence', 'SectionActionInput', () => ({ sectionId: ids.sectionId, expectedRevision: 0, reason: 'r' })],
    ['signOffSectionMedical', 'SectionActionInput', () => ({ sectionId: ids.sectionId, expectedRevision: 0, reason: 'r' })],
    ['publishSection', 'SectionActionInput', () => ({ sectionId: ids.sectionId, expectedRevision: 0, reason: 'r' })],
    ['unpublishSection', 'SectionActionInput', () => ({ sectionId: ids.sectionId, expectedRevision: 0, reason: 'r' })],
    ['reviseSection', 'ReviseSectionInput', () => ({ sectionId: ids.sectionId, expectedRevision: 0, heading: 'Sleep', claimOrder: [ids.claimId, ids.otherClaimId], reason: 'r' })],
    ['addClaim', 'AddClaimInput', () => ({ sectionId: ids.sectionId, expectedRevision: 0, text: 'New.', citations: [], position: 0, reason: 'r' })],
    ['removeClaim', 'RemoveClaimInput', () => ({ sectionId: ids.sectionId, expectedRevision: 0, claimId: ids.claimId, reason: 'r' })],
    ['addReference', 'AddReferenceInput', () => ({ articleId: ids.articleId, expectedRevision: 0, citation: 'A. 2020.', url: 'https://example.org/', reason: 'r' })],
    ['resolveReference', 'ResolveReferenceInput', () => ({ articleId: ids.articleId, expectedRevision: 0, number: 1, citation: 'A. 2020.', url: null, reason: 'r' })],
  ];

  it.each(mutations)('%s: a typed error or an answer, nothing written on refusal, /health answering', async (name, inputType, valid) => {
    const fields = Object.keys(valid());
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields, 'commandId'), hostile, async (field, value) => {
        const input = { ...valid(), [field]: value };
        const before = (await store.status()).lastPosition;
        const res = await fetch(`${h.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: `mutation($input: ${inputType}!) { ${name}(input: $input) { __typename } }`, variables: { input } }),
        });
        const text = await res.text();
        expect(text).not.toMatch(/\n\s+at |SQLITE|node_modules|\/work\//);
        const body = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: string } }> };
        if (body.errors) {
          expect(TYPED).toContain(body.errors[0].extensions?.code);
          expect((await store.status()).lastPosition).toBe(before);
        } else {
          expect(body.data?.[name]).toBeTruthy();
        }
        const health = await fetch(`${h.url}/health`, { signal: AbortSignal.timeout(1000) });
        expect(health.status).toBe(200);
      }),
      { numRuns: 100 },
    );
  });
});
