import type { EventStore } from '@app/event-store';
import { EVENT_STORE } from '../apps/api/src/infrastructure/tokens';
import { removeDir, startApp, TEST_SECRET, type Harness } from './support/app-harness';
import { inAnHour, rawJwt } from './support/raw-tokens';
import { EVIDENCE, IMPORT, MEDICAL, SMALL_ARTICLE, type SectionShape } from './support/review-operations';

/**
 * At least thirty bad requests, each answered with its typed error, no stack trace, no SQL, no
 * file path, and a store left exactly as it was.
 */
interface Case {
  name: string;
  /** Builds the HTTP request body and headers. */
  request: () => Promise<{ body: string; token?: string | null; contentType?: string }>;
  code: string;
  field?: string;
}

describe('hostile input', () => {
  let h: Harness;
  let store: EventStore;
  const t: Record<string, string> = {};
  let drafted: { id: string; revision: number };
  let checked: { id: string; revision: number };
  let reviewed: { id: string; revision: number };
  let section: SectionShape;
  let lead: SectionShape;
  let articleId: string;

  const gqlBody = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });

  beforeAll(async () => {
    h = await startApp();
    store = h.app.get(EVENT_STORE);
    Object.assign(t, await h.roleTokens());
    t.editorChecker = await h.token('erin', ['EDITOR', 'FACT_CHECKER']);
    t.checkerReviewer = await h.token('fred', ['FACT_CHECKER', 'MEDICAL_REVIEWER']);
    const imported = await h.gql<{ importArticle: { article: { id: string; sections: SectionShape[] } } }>(t.editor, IMPORT, {
      input: { title: 'Magnesium', text: SMALL_ARTICLE },
    });
    articleId = imported.data!.importArticle.article.id;
    const sections = imported.data!.importArticle.article.sections;
    section = sections.find((s) => s.heading === 'Sleep')!;
    lead = sections.find((s) => s.heading === '')!;
    drafted = lead.claims[0];
    const [sleep, tolerance] = section.claims;
    const c1 = await h.gql<{ recordEvidenceCheck: { id: string; revision: number } }>(t.checker, EVIDENCE, {
      input: { claimId: sleep.id, expectedRevision: 0, verdict: 'PASS', evidence: [{ referenceNumber: 2, level: 'HUMAN_RCT', locator: 'Table 2' }], reason: 'ok' },
    });
    checked = c1.data!.recordEvidenceCheck;
    const c2 = await h.gql<{ recordEvidenceCheck: { id: string; revision: number } }>(t.checker, EVIDENCE, {
      input: { claimId: tolerance.id, expectedRevision: 0, verdict: 'PASS', noCitationNeeded: true, reason: 'common knowledge' },
    });
    const c3 = await h.gql<{ recordMedicalReview: { id: string; revision: number } }>(t.reviewer, MEDICAL, {
      input: { claimId: tolerance.id, expectedRevision: c2.data!.recordEvidenceCheck.revision, decision: 'APPROVE', reason: 'fine' },
    });
    reviewed = c3.data!.recordMedicalReview;
  });

  afterAll(async () => {
    await h.close();
    removeDir(h.dir);
  });

  const mutationWithoutRole = (name: string, inputType: string, input: () => Record<string, unknown>, token: () => string): Case => ({
    name: `${name} without the role it needs`,
    request: async () => ({
      body: gqlBody(`mutation($input: ${inputType}!) { ${name}(input: $input) { __typename } }`, { input: input() }),
      token: token(),
    }),
    code: 'FORBIDDEN',
  });
  const sectionInput = () => ({ sectionId: section.id, expectedRevision: section.revision, reason: 'r' });
  const propose = (input: Record<string, unknown>, token = () => t.editor): Case['request'] => async () => ({
    body: gqlBody('mutation($input: ProposeClaimRevisionInput!) { proposeClaimRevision(input: $input) { id } }', {
      input: { claimId: drafted.id, expectedRevision: drafted.revision, text: 'Magnesium is a mineral.', citations: [1], reason: 'r', ...input },
    }),
    token: token(),
  });
  const evidence = (claim: () => { id: string; revision: number }, token: () => string, extra: Record<string, unknown> = {}): Case['request'] => async () => ({
    body: gqlBody(EVIDENCE, {
      input: { claimId: claim().id, expectedRevision: claim().revision, verdict: 'PASS', evidence: [{ referenceNumber: 1, level: 'HUMAN_RCT', locator: 'p. 1' }], reason: 'r', ...extra },
    }),
    token: token(),
  });
  const approve = (claim: () => { id: string; revision: number }, token: () => string): Case['request'] => async () => ({
    body: gqlBody(MEDICAL, { input: { claimId: claim().id, expectedRevision: claim().revision, decision: 'APPROVE', reason: 'r' } }),
    token: token(),
  });
  const aliases = Array.from({ length: 500 }, (_, i) => `a${i}: articles { sections { claims { text } } }`).join(' ');

  const cases: Case[] = [
    { name: 'malformed JSON', request: async () => ({ body: '{"query": "{ me { id } ', token: t.editor }), code: 'BAD_REQUEST' },
    { name: 'a body that is not JSON at all', request: async () => ({ body: '\u0000\u0001\u0002garbage', token: t.editor }), code: 'BAD_REQUEST' },
    { name: 'a query that does not parse', request: async () => ({ body: gqlBody('{ me { id '), token: t.editor }), code: 'GRAPHQL_PARSE_FAILED' },
    { name: 'an unknown field', request: async () => ({ body: gqlBody('{ me { id password } }'), token: t.editor }), code: 'GRAPHQL_VALIDATION_FAILED' },
    { name: 'an unknown input field', request: propose({ bogus: true }), code: 'BAD_USER_INPUT' },
    { name: 'a wrong type (string for an Int)', request: propose({ expectedRevision: 'zero' }), code: 'BAD_USER_INPUT' },
    { name: 'a negative expectedRevision', request: propose({ expectedRevision: -1 }), code: 'BAD_USER_INPUT', field: 'expectedRevision' },
    { name: 'an empty claim text', request: propose({ text: '   ' }), code: 'BAD_USER_INPUT', field: 'text' },
    { name: 'a claim text over the limit', request: propose({ text: 'x'.repeat(2001) }), code: 'BAD_USER_INPUT', field: 'text' },
    { name: 'an empty reason', request: propose({ reason: '' }), code: 'BAD_USER_INPUT', field: 'reason' },
    { name: 'a reason over the limit', request: propose({ reason: 'r'.repeat(2001) }), code: 'BAD_USER_INPUT', field: 'reason' },
    { name: 'control characters in a claim', request: propose({ text: 'Magnesium\u0007 is a mineral.' }), code: 'BAD_USER_INPUT', field: 'text' },
    { name: 'a repeated citation', request: propose({ citations: [1, 1] }), code: 'BAD_USER_INPUT', field: 'citations' },
    { name: 'a cited number not in the reference list', request: propose({ citations: [42] }), code: 'BAD_USER_INPUT', field: 'citations' },
    { name: 'an id with spaces and quotes', request: propose({ claimId: "x' OR 1=1 --" }), code: 'BAD_USER_INPUT', field: 'claimId' },
    { name: 'a claim that does not exist', request: propose({ claimId: 'no-such-claim' }), code: 'NOT_FOUND' },
    {
      name: 'a section that does not exist',
      request: async () => ({
        body: gqlBody('mutation($input: SectionActionInput!) { publishSection(input: $input) { id } }', {
          input: { sectionId: 'no-such-section', expectedRevision: 0, reason: 'r' },
        }),
        token: t.publisher,
      }),
      code: 'NOT_FOUND',
    },
    {
      name: 'an article that does not exist',
      request: async () => ({
        body: gqlBody('mutation($input: AddReferenceInput!) { addReference(input: $input) { id } }', {
          input: { articleId: 'no-such-article', expectedRevision: 0, citation: 'A. B. C. 2020.', reason: 'r' },
        }),
        token: t.editor,
      }),
      code: 'NOT_FOUND',
    },
    {
      name: 'a 10 MB import',
      request: async () => ({ body: gqlBody(IMPORT, { input: { title: 'Big', text: 'A sentence.[1]\n'.repeat(700_000) } }), token: t.editor }),
      code: 'PAYLOAD_TOO_LARGE',
    },
    {
      name: 'an import over the text limit but under the body limit',
      request: async () => ({ body: gqlBody(IMPORT, { input: { title: 'Big', text: 'A sentence.\n'.repeat(100_000) } }), token: t.editor }),
      code: 'BAD_USER_INPUT',
      field: 'text',
    },
    {
      name: 'binary garbage as an article',
      request: async () => ({
        body: gqlBody(IMPORT, { input: { title: 'Binary', text: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)).toString('latin1') } }),
        token: t.editor,
      }),
      code: 'BAD_USER_INPUT',
      field: 'text',
    },
    { name: 'an empty import title', request: async () => ({ body: gqlBody(IMPORT, { input: { title: ' ', text: SMALL_ARTICLE } }), token: t.editor }), code: 'BAD_USER_INPUT', field: 'title' },
    { name: 'a query over the cost limit (500 aliased copies)', request: async () => ({ body: gqlBody(`{ ${aliases} }`), token: t.editor }), code: 'QUERY_TOO_COMPLEX' },
    {
      name: 'a batch of 1,000 operations',
      request: async () => ({ body: JSON.stringify(Array.from({ length: 1000 }, () => ({ query: '{ me { id } }' }))), token: t.editor }),
      code: 'BAD_REQUEST',
    },
    { name: 'a forged auditTrail cursor', request: async () => ({ body: gqlBody('{ auditTrail(after: "bm90LWEtY3Vyc29y") { edges { cursor } } }'), token: t.auditor }), code: 'BAD_USER_INPUT', field: 'after' },
    { name: 'a forged reviewQueue cursor', request: async () => ({ body: gqlBody('{ reviewQueue(state: DRAFTED, after: "x") { edges { cursor } } }'), token: t.auditor }), code: 'BAD_USER_INPUT', field: 'after' },
    { name: 'a page size over 1000', request: async () => ({ body: gqlBody('{ auditTrail(first: 1001) { edges { cursor } } }'), token: t.auditor }), code: 'BAD_USER_INPUT', field: 'first' },
    {
      name: 'asOf with both revision and at',
      request: async () => ({ body: gqlBody(`{ claim(id: "${drafted.id}", asOf: { revision: 0, at: "2026-01-01T00:00:00.000Z" }) { id } }`), token: t.auditor }),
      code: 'BAD_USER_INPUT',
      field: 'asOf',
    },
    { name: 'no token', request: async () => ({ body: gqlBody('{ me { id } }'), token: null }), code: 'UNAUTHENTICATED' },
    { name: 'a token that is not a JWT', request: async () => ({ body: gqlBody('{ me { id } }'), token: 'not-a-jwt' }), code: 'UNAUTHENTICATED' },
    {
      name: 'an expired token',
      request: async () => ({ body: gqlBody('{ me { id } }'), token: rawJwt({ alg: 'HS256', typ: 'JWT' }, { sub: 'x', roles: ['EDITOR'], exp: 1_000_000 }, TEST_SECRET) }),
      code: 'UNAUTHENTICATED',
    },
    {
      name: 'an unsigned token (alg: none)',
      request: async () => ({ body: gqlBody('{ me { id } }'), token: rawJwt({ alg: 'none', typ: 'JWT' }, { sub: 'x', roles: ['ADMIN'], exp: inAnHour() }, null) }),
      code: 'UNAUTHENTICATED',
    },
    {
      name: 'a wrongly signed token',
      request: async () => ({ body: gqlBody('{ me { id } }'), token: rawJwt({ alg: 'HS256', typ: 'JWT' }, { sub: 'x', roles: ['EDITOR'], exp: inAnHour() }, 'another-secret-another-secret-another') }),
      code: 'UNAUTHENTICATED',
    },
    {
      name: 'a token with roles that do not exist',
      request: async () => ({ body: gqlBody('{ me { id } }'), token: rawJwt({ alg: 'HS256', typ: 'JWT' }, { sub: 'x', roles: ['SUPERUSER'], exp: inAnHour() }, TEST_SECRET) }),
      code: 'UNAUTHENTICATED',
    },
    {
      name: 'a token without an expiry',
      request: async () => ({ body: gqlBody('{ me { id } }'), token: rawJwt({ alg: 'HS256', typ: 'JWT' }, { sub: 'x', roles: ['EDITOR'] }, TEST_SECRET) }),
      code: 'UNAUTHENTICATED',
    },
    mutationWithoutRole('importArticle', 'ImportArticleInput', () => ({ title: 'T', text: SMALL_ARTICLE }), () => t.checker),
    mutationWithoutRole('proposeClaimRevision', 'ProposeClaimRevisionInput', () => ({ claimId: drafted.id, expectedRevision: 0, text: 'x.', citations: [], reason: 'r' }), () => t.reviewer),
    mutationWithoutRole('recordEvidenceCheck', 'RecordEvidenceCheckInput', () => ({ claimId: drafted.id, expectedRevision: 0, verdict: 'FAIL', reason: 'r' }), () => t.editor),
    mutationWithoutRole('recordMedicalReview', 'RecordMedicalReviewInput', () => ({ claimId: checked.id, expectedRevision: checked.revision, decision: 'APPROVE', reason: 'r' }), () => t.checker),
    mutationWithoutRole('signOffSectionEvidence', 'SectionActionInput', sectionInput, () => t.reviewer),
    mutationWithoutRole('signOffSectionMedical', 'SectionActionInput', sectionInput, () => t.checker),
    mutationWithoutRole('publishSection', 'SectionActionInput', sectionInput, () => t.editor),
    mutationWithoutRole('unpublishSection', 'SectionActionInput', sectionInput, () => t.reviewer),
    mutationWithoutRole('reviseSection', 'ReviseSectionInput', () => ({ ...sectionInput(), heading: 'New' }), () => t.publisher),
    mutationWithoutRole('addClaim', 'AddClaimInput', () => ({ ...sectionInput(), text: 'New claim.', citations: [] }), () => t.checker),
    mutationWithoutRole('removeClaim', 'RemoveClaimInput', () => ({ ...sectionInput(), claimId: drafted.id }), () => t.publisher),
    mutationWithoutRole('addReference', 'AddReferenceInput', () => ({ articleId, expectedRevision: 0, citation: 'X. Y. 2020.', reason: 'r' }), () => t.reviewer),
    mutationWithoutRole('resolveReference', 'ResolveReferenceInput', () => ({ articleId, expectedRevision: 0, number: 1, citation: 'X. Y. 2020.', reason: 'r' }), () => t.auditor),
    { name: 'an evidence check by the author of the current text', request: evidence(() => drafted, () => t.editorChecker), code: 'SEPARATION_OF_DUTIES' },
    { name: 'an approval by the claim\'s evidence checker', request: approve(() => checked, () => t.checkerReviewer), code: 'SEPARATION_OF_DUTIES' },
    { name: 'an approval of a DRAFTED claim', request: approve(() => drafted, () => t.reviewer), code: 'INVALID_TRANSITION' },
    { name: 'an evidence check of an EVIDENCE_CHECKED claim', request: evidence(() => checked, () => t.checker), code: 'INVALID_TRANSITION' },
    { name: 'an evidence check of a MEDICALLY_REVIEWED claim', request: evidence(() => reviewed, () => t.checker), code: 'INVALID_TRANSITION' },
    { name: 'an approval of a MEDICALLY_REVIEWED claim', request: approve(() => reviewed, () => t.reviewer), code: 'INVALID_TRANSITION' },
    {
      name: 'a medical sign-off of a DRAFTED section',
      request: async () => ({ body: gqlBody('mutation($input: SectionActionInput!) { signOffSectionMedical(input: $input) { id } }', { input: sectionInput() }), token: t.reviewer }),
      code: 'INVALID_TRANSITION',
    },
    {
      name: 'publishing a DRAFTED section',
      request: async () => ({ body: gqlBody('mutation($input: SectionActionInput!) { publishSection(input: $input) { id } }', { input: sectionInput() }), token: t.publisher }),
      code: 'INVALID_TRANSITION',
    },
    {
      name: 'a section evidence sign-off while a claim is still DRAFTED',
      request: async () => ({
        body: gqlBody('mutation($input: SectionActionInput!) { signOffSectionEvidence(input: $input) { id } }', {
          input: { sectionId: lead.id, expectedRevision: lead.revision, reason: 'r' },
        }),
        token: t.checker,
      }),
      code: 'BAD_USER_INPUT',
      field: 'claims',
    },
    {
      name: 'a stale expectedRevision',
      request: approve(() => ({ id: checked.id, revision: checked.revision - 1 }), () => t.reviewer),
      code: 'CONFLICT',
    },
  ];

  it('has at least thirty cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it('still answers the largest legitimate page, sized through a variable', async () => {
    const res = await h.gql(
      t.auditor,
      `query($first: Int) { auditTrail(first: $first) { edges { node { position streamId revision type occurredAt actor { id roles }
        reason data correlationId causationId hash previousHash } } pageInfo { hasNextPage } } }`,
      { first: 1000 },
    );
    expect(res.errors).toBeUndefined();
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s: typed error, nothing written, nothing leaked', async (_name, c) => {
    const before = (await store.status()).lastPosition;
    const { body, token, contentType } = await c.request();
    const res = await fetch(`${h.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': contentType ?? 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });
    const text = await res.text();
    const parsed = JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string; field?: string } }>; data?: unknown };
    expect(parsed.errors?.[0]?.extensions?.code).toBe(c.code);
    if (c.field) expect(parsed.errors?.[0]?.extensions?.field).toBe(c.field);
    // Nothing answered: no data, or only nulls for the refused fields.
    for (const value of Object.values((parsed.data ?? {}) as Record<string, unknown>)) expect(value).toBeNull();
    expect(text).not.toMatch(/\n\s+at |SQLITE|sqlite_|SELECT |INSERT |\/work\/|node_modules|stacktrace/i);
    expect((await store.status()).lastPosition).toBe(before);
  });
});
