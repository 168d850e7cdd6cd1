import { nameBasedUuid } from '@app/audit';
import type { EventStore } from '@app/event-store';
import { commandFingerprint } from '../apps/api/src/commands/command-registry';
import { EVENT_STORE } from '../apps/api/src/infrastructure/tokens';
import { removeDir, startApp, type GraphQLResponse, type Harness } from './support/app-harness';
import { SMALL_ARTICLE, type SectionShape } from './support/review-operations';

/**
 * A commandId names one request: the same user, command, target and input again gets the first
 * answer and appends nothing; anything else under the same id is COMMAND_ID_REUSED, writes
 * nothing, and never touches what the first request made. Checked for every mutation.
 */
jest.setTimeout(20_000);

describe('commandId: one key, one request', () => {
  let h: Harness;
  let store: EventStore;
  const t: Record<string, string> = {};

  beforeAll(async () => {
    h = await startApp();
    store = h.app.get(EVENT_STORE);
    Object.assign(t, await h.roleTokens());
    t.otherEditor = await h.token('eve', ['EDITOR']);
    t.otherChecker = await h.token('finn', ['FACT_CHECKER']);
    t.otherReviewer = await h.token('mo', ['MEDICAL_REVIEWER']);
    t.otherPublisher = await h.token('pat', ['PUBLISHER']);
  });
  afterAll(async () => {
    await h.close();
    removeDir(h.dir);
  });

  const position = async () => (await store.status()).lastPosition ?? 0;
  let keys = 0;
  const key = () => `key-${(keys += 1)}`;

  interface Fixture {
    articleId: string;
    articleRevision: number;
    lead: SectionShape;
    section: SectionShape;
    otherSection: SectionShape;
  }

  async function importArticle(title: string, text = SMALL_ARTICLE, commandId?: string): Promise<GraphQLResponse<{ importArticle: { article: { id: string; revision: number; sections: SectionShape[] } } }>> {
    return h.gql(t.editor, `mutation($input: ImportArticleInput!) { importArticle(input: $input) { claims article { id revision sections { id revision heading state claims { id revision state } } } } }`, {
      input: { title, text, ...(commandId ? { commandId } : {}) },
    });
  }

  /** Two articles; the 'Sleep' sections' claims evidence-checked, so their evidence can be signed off. */
  async function fixture(): Promise<Fixture> {
    const [a, b] = await Promise.all([importArticle(`Article ${key()}`), importArticle(`Other ${key()}`)]);
    const sleep = async (article: { sections: SectionShape[] }) => {
      const section = article.sections.find((s) => s.heading === 'Sleep')!;
      const [cited, uncited] = section.claims;
      const check = `mutation($input: RecordEvidenceCheckInput!) { recordEvidenceCheck(input: $input) { id } }`;
      await h.gql(t.checker, check, { input: { claimId: cited.id, expectedRevision: 0, verdict: 'PASS', evidence: [{ referenceNumber: 2, level: 'HUMAN_RCT', locator: 'Table 2' }], reason: 'ok' } });
      await h.gql(t.checker, check, { input: { claimId: uncited.id, expectedRevision: 0, verdict: 'PASS', noCitationNeeded: true, reason: 'ok' } });
      return section;
    };
    const [first, second] = [a.data!.importArticle.article, b.data!.importArticle.article];
    return {
      articleId: first.id,
      articleRevision: first.revision,
      lead: first.sections.find((s) => s.heading === '')!,
      section: await sleep(first),
      otherSection: await sleep(second),
    };
  }

  interface MutationCase {
    mutation: string;
    inputType: string;
    token: () => string;
    otherUser: () => string;
    /** A valid input, and one that differs in a field other than commandId. */
    input: (f: Fixture) => Record<string, unknown>;
    differently: (f: Fixture) => Record<string, unknown>;
  }

  const claimOf = (f: Fixture) => f.section.claims[0];
  const leadOf = (f: Fixture) => f.lead.claims[0];
  const cases: MutationCase[] = [
    { mutation: 'importArticle', inputType: 'ImportArticleInput', token: () => t.editor, otherUser: () => t.otherEditor,
      input: () => ({ title: 'Reimport', text: SMALL_ARTICLE }), differently: () => ({ title: 'Reimport', text: `${SMALL_ARTICLE}Extra claim.\n` }) },
    { mutation: 'proposeClaimRevision', inputType: 'ProposeClaimRevisionInput', token: () => t.editor, otherUser: () => t.otherEditor,
      input: (f) => ({ claimId: leadOf(f).id, expectedRevision: 0, text: 'Magnesium may help sleep.', citations: [2], reason: 'r' }),
      differently: (f) => ({ claimId: leadOf(f).id, expectedRevision: 999, text: 'Magnesium may help sleep.', citations: [2], reason: 'r' }) },
    { mutation: 'recordEvidenceCheck', inputType: 'RecordEvidenceCheckInput', token: () => t.checker, otherUser: () => t.otherChecker,
      input: (f) => ({ claimId: leadOf(f).id, expectedRevision: 0, verdict: 'FAIL', reason: 'source missing' }),
      differently: (f) => ({ claimId: leadOf(f).id, expectedRevision: 0, verdict: 'FAIL', reason: 'source missing, twice' }) },
    { mutation: 'signOffSectionEvidence', inputType: 'SectionActionInput', token: () => t.checker, otherUser: () => t.otherChecker,
      input: (f) => ({ sectionId: f.section.id, expectedRevision: 0, reason: 'r' }),
      differently: (f) => ({ sectionId: f.otherSection.id, expectedRevision: 0, reason: 'r' }) },
    { mutation: 'reviseSection', inputType: 'ReviseSectionInput', token: () => t.editor, otherUser: () => t.otherEditor,
      input: (f) => ({ sectionId: f.lead.id, expectedRevision: 0, heading: 'Magnesium', reason: 'r' }),
      differently: (f) => ({ sectionId: f.lead.id, expectedRevision: 0, heading: 'Magnesium, briefly', reason: 'r' }) },
    { mutation: 'addClaim', inputType: 'AddClaimInput', token: () => t.editor, otherUser: () => t.otherEditor,
      input: (f) => ({ sectionId: f.section.id, expectedRevision: 0, text: 'A new claim.', citations: [], reason: 'r' }),
      differently: (f) => ({ sectionId: f.otherSection.id, expectedRevision: 0, text: 'Another claim.', citations: [], reason: 'r' }) },
    { mutation: 'removeClaim', inputType: 'RemoveClaimInput', token: () => t.editor, otherUser: () => t.otherEditor,
      input: (f) => ({ sectionId: f.section.id, expectedRevision: 0, claimId: claimOf(f).id, reason: 'r' }),
      differently: (f) => ({ sectionId: f.section.id, expectedRevision: 0, claimId: f.section.claims[1].id, reason: 'r' }) },
    { mutation: 'addReference', inputType: 'AddReferenceInput', token: () => t.editor, otherUser: () => t.otherEditor,
      input: (f) => ({ articleId: f.articleId, expectedRevision: f.articleRevision, citation: 'Smith J. Sleep. 2020.', reason: 'r' }),
      differently: (f) => ({ articleId: f.articleId, expectedRevision: f.articleRevision, citation: 'Jones K. Sleep. 2021.', reason: 'r' }) },
    { mutation: 'resolveReference', inputType: 'ResolveReferenceInput', token: () => t.editor, otherUser: () => t.otherEditor,
      input: (f) => ({ articleId: f.articleId, expectedRevision: f.articleRevision, number: 1, citation: 'de Baaij JH. Magnesium in man. 2015.', reason: 'r' }),
      differently: (f) => ({ articleId: f.articleId, expectedRevision: f.articleRevision, number: 2, citation: 'Abbasi B. Insomnia. 2012.', reason: 'r' }) },
  ];

  const send = (c: MutationCase, token: string, input: Record<string, unknown>, mutation = c.mutation, inputType = c.inputType) =>
    h.gql<Record<string, { __typename: string }>>(token, `mutation($input: ${inputType}!) { ${mutation}(input: $input) { __typename } }`, { input });

  describe.each(cases.map((c) => [c.mutation, c] as const))('%s', (_name, c) => {
    it('sent again with the same commandId by the same user, answers the same and appends nothing', async () => {
      const f = await fixture();
      const commandId = key();
      const first = await send(c, c.token(), { ...c.input(f), commandId });
      expect(first.errors).toBeUndefined();
      const after = await position();

      const again = await send(c, c.token(), { ...c.input(f), commandId });

      expect(again.errors).toBeUndefined();
      expect(again.data).toEqual(first.data);
      expect(await position()).toBe(after);
    });

    it.each([
      ['other input', (f: Fixture) => ({ token: c.token(), input: c.differently(f) })],
      ['another user', (f: Fixture) => ({ token: c.otherUser(), input: c.input(f) })],
    ])('sent with the same commandId and %s, is COMMAND_ID_REUSED and writes nothing', async (_what, variant) => {
      const f = await fixture();
      const commandId = key();
      expect((await send(c, c.token(), { ...c.input(f), commandId })).errors).toBeUndefined();
      const after = await position();
      const { token, input } = variant(f);

      const reused = await send(c, token, { ...input, commandId });

      expect(reused.errors?.[0]?.extensions).toMatchObject({ code: 'COMMAND_ID_REUSED', field: 'commandId' });
      expect(await position()).toBe(after);
    });
  });

  it('refuses a commandId used for another command, writing nothing', async () => {
    const f = await fixture();
    const commandId = key();
    expect((await send(cases[3], t.checker, { ...cases[3].input(f), commandId })).errors).toBeUndefined();
    const after = await position();

    const reused = await send(cases[4], t.editor, { ...cases[4].input(f), commandId });

    expect(reused.errors?.[0]?.extensions?.code).toBe('COMMAND_ID_REUSED');
    expect(await position()).toBe(after);
  });

  it("never lets a claim added under one key appear in another article's section", async () => {
    const f = await fixture();
    const commandId = key();
    const addClaim = cases.find((c) => c.mutation === 'addClaim')!;
    expect((await send(addClaim, t.editor, { ...addClaim.input(f), commandId })).errors).toBeUndefined();

    const reused = await send(addClaim, t.editor, { ...addClaim.differently(f), commandId });

    expect(reused.errors?.[0]?.extensions?.code).toBe('COMMAND_ID_REUSED');
    const other = await h.gql<{ section: SectionShape }>(t.auditor, `query($id: ID!) { section(id: $id) { claims { id text } } }`, { id: f.otherSection.id });
    expect(other.data!.section.claims.map((claim) => claim.text)).not.toContain('A new claim.');
    expect(other.data!.section.claims).toHaveLength(f.otherSection.claims.length);
  });

  it('lets exactly one of six concurrent imports with one commandId and different texts write, and leaves no stream outside an article', async () => {
    const commandId = key();
    const before = await position();
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => importArticle('Racing import', `${SMALL_ARTICLE}${'Extra claim. '.repeat(i)}\n`, commandId)),
    );

    // At most two imports of one user run at once (the rest are RATE_LIMITED): those race for the key.
    expect(answers.filter((answer) => !answer.errors)).toHaveLength(1);
    const refusals = answers.filter((a) => a.errors).map((answer) => answer.errors?.[0]?.extensions?.code);
    expect(refusals).toContain('COMMAND_ID_REUSED');
    for (const code of refusals) expect(['COMMAND_ID_REUSED', 'RATE_LIMITED']).toContain(code);
    await expectEveryStreamInAnArticle(before);
  });

  it('answers six concurrent identical imports with one commandId with one article', async () => {
    const commandId = key();
    const before = await position();
    const answers = await Promise.all(Array.from({ length: 6 }, () => importArticle('Same import', SMALL_ARTICLE, commandId)));

    const answered = answers.filter((answer) => !answer.errors);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    for (const answer of answers.filter((a) => a.errors)) expect(answer.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(new Set(answered.map((answer) => answer.data!.importArticle.article.id)).size).toBe(1);
    const imported = (await store.readAll({ fromPosition: before, maxCount: 1000 })).filter((event) => event.type === 'ArticleImported');
    expect(imported).toHaveLength(1);
  });

  it('writes nothing of an import one of whose streams cannot be created: no claim or section without its article', async () => {
    const commandId = key();
    const title = 'Blocked import';
    // Something already holds the stream the import's first claim would start.
    const fingerprint = commandFingerprint('erin', 'importArticle', { title, text: SMALL_ARTICLE, format: 'TEXT' });
    const blocked = `claim-${nameBasedUuid('claim', commandId, fingerprint, 0, 0)}`;
    await store.append(blocked, [{ id: nameBasedUuid('blocker', commandId), type: 'Blocker', data: {}, metadata: {} }], { expectedRevision: 'no_stream' });
    const before = await position();

    const refused = await importArticle(title, SMALL_ARTICLE, commandId);

    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await position()).toBe(before);
  });

  /** Every claim and section stream written since `from` belongs to an article the store holds. */
  async function expectEveryStreamInAnArticle(from: number): Promise<void> {
    const events = await store.readAll({ fromPosition: from, maxCount: 10_000 });
    const articles = new Set(events.filter((e) => e.type === 'ArticleImported').map((e) => e.data.articleId as string));
    for (const event of events.filter((e) => e.type === 'ClaimDrafted' || e.type === 'SectionCreated')) {
      expect(articles).toContain(event.data.articleId);
    }
  }
});
