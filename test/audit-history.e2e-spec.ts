import { createHash } from 'node:crypto';
import { chainHash } from '@app/audit';
import type { EventStore, JsonObject, RecordedEvent } from '@app/event-store';
import { ProjectionEngine } from '@app/projections';
import { articleStreams } from '../apps/api/src/audit/article-streams';
import { EVENT_STORE } from '../apps/api/src/infrastructure/tokens';
import { ReactionProcessor } from '../apps/api/src/reactions/reaction-processor';
import { removeDir, startApp, type GraphQLResponse, type Harness } from './support/app-harness';
import { eventually } from './support/eventually';
import {
  ADD_CLAIM,
  AUDIT_TRAIL_PAGE,
  CLAIM,
  CLAIM_AS_OF,
  CLAIM_DIFF,
  EVIDENCE,
  HISTORY_PAGE,
  IMPORT,
  MEDICAL,
  PROPOSE,
  PUBLISH,
  SECTION,
  SECTION_AS_OF,
  SIGN_OFF_EVIDENCE,
  SIGN_OFF_MEDICAL,
  SMALL_ARTICLE,
  VERIFY_INTEGRITY,
  type AuditEventShape,
  type ClaimShape,
  type SectionShape,
} from './support/review-operations';

/**
 * The audit history over GraphQL: a stream's history, the cross-stream audit trail, time travel,
 * word diffs of claim texts, the integrity check of an intact store, and the medical reviewer's
 * signature as history shows it. One article is reviewed end to end with a distinct user per role;
 * a second article, imported by another editor, is what the filters must leave out.
 */


interface Connection {
  edges: Array<{ cursor: string; node: AuditEventShape }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

interface AuditFilter {
  articleId?: string;
  streamId?: string;
  actorId?: string;
  types?: string[];
  from?: string;
  to?: string;
}

interface ClaimAsOfShape extends ClaimShape {
  sectionId: string;
  evidence: Array<{ referenceNumber: number | null; level: string; locator: string | null; note: string | null }>;
  evidenceCheckedBy: { id: string } | null;
  medicallyReviewedBy: { id: string } | null;
}

interface SectionAsOfShape extends Omit<SectionShape, 'claims'> {
  claims: ClaimAsOfShape[];
}

interface IntegrityReport {
  ok: boolean;
  streamsChecked: number;
  eventsChecked: number;
  firstBreak: { streamId: string; revision: number; reason: string } | null;
}

const ORIGINAL_A = 'Magnesium supplements may modestly improve sleep onset in older adults.';
const REVISED_A = 'Magnesium supplements may slightly shorten the time to fall asleep in older adults.';
const ORIGINAL_LEAD = 'Magnesium is an essential mineral involved in hundreds of enzymatic reactions.';
/** The same words with one space doubled: a change that only whitespace shows. */
const SPACED_LEAD = 'Magnesium is an essential  mineral involved in hundreds of enzymatic reactions.';
const APPROVAL_MEANING = 'I approve this wording as medically accurate for older adults (signature)';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const iso = (ms: number) => new Date(ms).toISOString();
const ms = (value: string) => Date.parse(value);

describe('audit history over GraphQL', () => {
  let h: Harness;
  let store: EventStore;
  const tokens: Record<string, string> = {};
  let articleId: string;
  let otherArticleId: string;
  let lead: SectionShape;
  let sleep: SectionShape;
  let claimA: ClaimShape;
  let claimB: ClaimShape;
  let addedClaimId: string;

  async function gql<T>(token: string | null, query: string, variables: Record<string, unknown> = {}, requestId?: string) {
    const res = await fetch(`${h.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(requestId ? { 'x-request-id': requestId } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, ...((await res.json()) as object) } as GraphQLResponse<T>;
  }

  async function ok<T>(pending: Promise<GraphQLResponse<T>>): Promise<T> {
    const res = await pending;
    expect(res.errors).toBeUndefined();
    return res.data as T;
  }

  async function errorCode(pending: Promise<GraphQLResponse<unknown>>): Promise<{ code: unknown; field: unknown }> {
    const res = await pending;
    expect(res.errors).toBeDefined();
    return { code: res.errors![0].extensions?.code, field: res.errors![0].extensions?.field };
  }

  async function claimNow(id: string): Promise<ClaimAsOfShape> {
    return (await ok(gql<{ claim: ClaimAsOfShape }>(tokens.auditor, CLAIM, { id }))).claim;
  }

  async function sectionNow(id: string): Promise<SectionShape> {
    return (await ok(gql<{ section: SectionShape }>(tokens.auditor, SECTION, { id }))).section;
  }

  async function history(streamId: string): Promise<AuditEventShape[]> {
    const page = (await ok(gql<{ history: Connection }>(tokens.auditor, HISTORY_PAGE(500), { streamId }))).history;
    expect(page.pageInfo.hasNextPage).toBe(false);
    return page.edges.map((e) => e.node);
  }

  /** Every page of the audit trail for a filter, following the cursors. */
  async function trail(filter: AuditFilter | null, first = 500): Promise<AuditEventShape[]> {
    const nodes: AuditEventShape[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 1000; pages++) {
      const page: Connection = (await ok(gql<{ auditTrail: Connection }>(tokens.auditor, AUDIT_TRAIL_PAGE(first), { filter, after })))
        .auditTrail;
      nodes.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) return nodes;
      expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1].cursor);
      after = page.pageInfo.endCursor;
    }
    throw new Error('the audit trail did not end');
  }

  /** Everything stored, once the reactions and the read models have caught up with the store. */
  async function settledLog(): Promise<RecordedEvent[]> {
    return eventually(async () => {
      const head = (await store.status()).lastPosition ?? 0;
      expect(h.app.get(ReactionProcessor).position).toBe(head);
      expect(h.app.get(ProjectionEngine).position).toBe(head);
      return store.readAll({ maxCount: 100_000 });
    });
  }

  const key = (e: { streamId: string; revision: number }) => `${e.streamId}@${e.revision}`;
  const occurred = (e: RecordedEvent) => e.metadata.occurredAt as number;
  const actorOf = (e: RecordedEvent) => (e.metadata.actor as { id: string }).id;

  beforeAll(async () => {
    h = await startApp();
    store = h.app.get(EVENT_STORE);
    Object.assign(tokens, await h.roleTokens());
    tokens.otherEditor = await h.token('otto', ['EDITOR']);

    type Imported = { importArticle: { article: { id: string; sections: SectionShape[] } } };
    const imported = await ok(
      gql<Imported>(tokens.editor, IMPORT, { input: { title: 'Magnesium and sleep', text: SMALL_ARTICLE } }, 'req-import'),
    );
    articleId = imported.importArticle.article.id;
    lead = imported.importArticle.article.sections.find((s) => s.heading === '')!;
    sleep = imported.importArticle.article.sections.find((s) => s.heading === 'Sleep')!;
    [claimA, claimB] = sleep.claims;
    const other = await ok(
      gql<Imported>(tokens.otherEditor, IMPORT, { input: { title: 'Zinc and colds', text: 'Zinc lozenges may shorten colds.' } }),
    );
    otherArticleId = other.importArticle.article.id;

    // Evidence for both claims of "Sleep", then the section's evidence sign-off, then the approvals:
    // so the section was signed off while its claims were not yet approved.
    const checkedA = await ok(
      gql<{ recordEvidenceCheck: ClaimShape }>(
        tokens.checker,
        EVIDENCE,
        {
          input: {
            claimId: claimA.id,
            expectedRevision: 0,
            verdict: 'PASS',
            evidence: [{ referenceNumber: 2, level: 'HUMAN_RCT', locator: 'Table 2' }],
            reason: 'the RCT supports the wording',
          },
        },
        'req-check-a',
      ),
    );
    const checkedB = await ok(
      gql<{ recordEvidenceCheck: ClaimShape }>(tokens.checker, EVIDENCE, {
        input: { claimId: claimB.id, expectedRevision: 0, verdict: 'PASS', noCitationNeeded: true, reason: 'general statement' },
      }),
    );
    const signedEvidence = await ok(
      gql<{ signOffSectionEvidence: SectionShape }>(tokens.checker, SIGN_OFF_EVIDENCE, {
        input: { sectionId: sleep.id, expectedRevision: 0, reason: 'all evidence checked' },
      }),
    );
    for (const checked of [checkedA.recordEvidenceCheck, checkedB.recordEvidenceCheck]) {
      await ok(
        gql(tokens.reviewer, MEDICAL, {
          input: { claimId: checked.id, expectedRevision: checked.revision, decision: 'APPROVE', reason: APPROVAL_MEANING },
        }),
      );
    }
    const signedMedical = await ok(
      gql<{ signOffSectionMedical: SectionShape }>(tokens.reviewer, SIGN_OFF_MEDICAL, {
        input: { sectionId: sleep.id, expectedRevision: signedEvidence.signOffSectionEvidence.revision, reason: 'medically sound' },
      }),
    );
    await ok(
      gql(
        tokens.publisher,
        PUBLISH,
        { input: { sectionId: sleep.id, expectedRevision: signedMedical.signOffSectionMedical.revision, reason: 'go live' } },
        'req-publish',
      ),
    );
    await eventually(async () => expect((await claimNow(claimA.id)).state).toBe('PUBLISHED'));
    await eventually(async () => expect((await claimNow(claimB.id)).state).toBe('PUBLISHED'));

    // A second text for claim A (its section is reopened by a reaction), then a claim added to "Sleep".
    await ok(
      gql(
        tokens.editor,
        PROPOSE,
        { input: { claimId: claimA.id, expectedRevision: 3, text: REVISED_A, citations: [2], reason: 'closer to the trial outcome' } },
        'req-revise-a',
      ),
    );
    const reopened = await eventually(async () => {
      const section = await sectionNow(sleep.id);
      expect(section.state).toBe('DRAFTED');
      return section;
    });
    const added = await ok(
      gql<{ addClaim: SectionShape }>(tokens.editor, ADD_CLAIM, {
        input: {
          sectionId: sleep.id,
          expectedRevision: reopened.revision,
          text: 'Magnesium can cause diarrhoea at high doses.',
          citations: [],
          reason: 'safety note',
        },
      }),
    );
    addedClaimId = added.addClaim.claims.map((c) => c.id).find((id) => id !== claimA.id && id !== claimB.id)!;
    // A whitespace-only revision of the lead claim, for the diff.
    await ok(
      gql(tokens.editor, PROPOSE, {
        input: { claimId: lead.claims[0].id, expectedRevision: 0, text: SPACED_LEAD, citations: [1], reason: 'typography' },
      }),
    );
    await settledLog();
  });

  afterAll(async () => {
    await h?.close();
    if (h) removeDir(h.dir);
  });

  describe('history(streamId)', () => {
    it('given a reviewed claim, when its history is read, then every event comes in revision order with actor, time, reason, data and a linked hash chain', async () => {
      const events = await history(`claim-${claimA.id}`);
      expect(events.map((e) => [e.revision, e.type, e.actor.id])).toEqual([
        [0, 'ClaimDrafted', 'erin'],
        [1, 'EvidenceCheckPassed', 'fred'],
        [2, 'MedicalReviewApproved', 'maya'],
        [3, 'ClaimPublished', 'paul'],
        [4, 'ClaimRevised', 'erin'],
      ]);
      const stored = await store.readStream(`claim-${claimA.id}`);
      events.forEach((event, i) => {
        expect(event.streamId).toBe(`claim-${claimA.id}`);
        expect(event.position).toBe(String(stored[i].position));
        expect(event.occurredAt).toBe(iso(occurred(stored[i])));
        expect(event.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        expect(event.data).toEqual(stored[i].data);
        expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(event.hash).toBe(stored[i].metadata.hash);
        expect(event.previousHash).toBe(i === 0 ? null : events[i - 1].hash);
      });
      expect(events[1].reason).toBe('the RCT supports the wording');
      expect(events[1].data).toMatchObject({ textRevision: 1, evidence: [{ referenceNumber: 2, level: 'HUMAN_RCT', locator: 'Table 2' }] });
      expect(events[4].reason).toBe('closer to the trial outcome');
      expect(events[4].data).toMatchObject({ text: REVISED_A, textRevision: 2 });
    });

    it('given commands sent with X-Request-Id, when the history is read, then commands carry that correlation id and no causation, and a reaction names the event that caused it', async () => {
      const events = await history(`claim-${claimA.id}`);
      expect(events[0].correlationId).toBe('req-import');
      expect(events[1].correlationId).toBe('req-check-a');
      expect(events[4].correlationId).toBe('req-revise-a');
      for (const e of [events[0], events[1], events[2], events[4]]) expect(e.causationId).toBeNull();

      const published = (await store.readStream(`section-${sleep.id}`)).find((e) => e.type === 'SectionPublished')!;
      expect(events[3].type).toBe('ClaimPublished');
      expect(events[3].causationId).toBe(published.id);
      expect(events[3].correlationId).toBe('req-publish');
      expect(events[3].reason).toMatch(/SectionPublished/);
    });

    it('given a stream of five events, when it is read two at a time, then the cursors walk it without gap or repeat', async () => {
      const all = await history(`claim-${claimA.id}`);
      const pages: Connection[] = [];
      let after: string | null = null;
      do {
        const page: Connection = (
          await ok(gql<{ history: Connection }>(tokens.auditor, HISTORY_PAGE(2), { streamId: `claim-${claimA.id}`, after }))
        ).history;
        pages.push(page);
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after !== null && pages.length < 10);
      expect(pages.map((p) => p.edges.length)).toEqual([2, 2, 1]);
      expect(pages.map((p) => p.pageInfo.hasNextPage)).toEqual([true, true, false]);
      expect(pages.flatMap((p) => p.edges.map((e) => e.node))).toEqual(all);
      expect(pages[2].pageInfo.endCursor).toBe(pages[2].edges[0].cursor);
      const none = await ok(
        gql<{ history: Connection }>(
          tokens.auditor,
          'query($streamId: ID!) { history(streamId: $streamId, first: 0) { edges { cursor } pageInfo { hasNextPage endCursor } } }',
          { streamId: `claim-${claimA.id}` },
        ),
      );
      expect(none.history).toEqual({ edges: [], pageInfo: { hasNextPage: true, endCursor: null } });
    });

    it('given bad paging arguments or no token, when the history is read, then it answers BAD_USER_INPUT or UNAUTHENTICATED', async () => {
      const streamId = `claim-${claimA.id}`;
      const tooMany = 'query($streamId: ID!) { history(streamId: $streamId, first: 1001) { edges { cursor } } }';
      expect(await errorCode(gql(tokens.auditor, tooMany, { streamId }))).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
      expect(await errorCode(gql(tokens.auditor, HISTORY_PAGE(10), { streamId, after: 'not-a-cursor' }))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'after',
      });
      expect(await errorCode(gql(tokens.auditor, HISTORY_PAGE(10), { streamId, after: '' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
      expect((await errorCode(gql(null, HISTORY_PAGE(10), { streamId }))).code).toBe('UNAUTHENTICATED');
      const none = await ok(gql<{ history: Connection }>(tokens.auditor, HISTORY_PAGE(10), { streamId: 'claim-does-not-exist' }));
      expect(none.history).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    });
  });

  describe('signatures', () => {
    it('given a medical approval, when the claim history is read, then it shows the reviewer, the time and the meaning, bound to the text revision and its hash', async () => {
      const events = await history(`claim-${claimA.id}`);
      const approval = events.find((e) => e.type === 'MedicalReviewApproved')!;
      expect(approval.actor).toEqual({ id: 'maya', roles: ['MEDICAL_REVIEWER'] });
      expect(approval.reason).toBe(APPROVAL_MEANING);
      expect(ms(approval.occurredAt)).toBeGreaterThanOrEqual(ms(events[1].occurredAt));
      expect(approval.data).toEqual({
        textRevision: 1,
        textHash: sha256(ORIGINAL_A),
        reviewer: { id: 'maya', roles: ['MEDICAL_REVIEWER'] },
        meaning: APPROVAL_MEANING,
        // When, until when (APPROVAL_VALIDITY, a year by default), and the wording flags approved regardless.
        approvedAt: Date.parse(approval.occurredAt),
        reviewDueAt: new Date(Date.parse(approval.occurredAt)).setUTCFullYear(new Date(Date.parse(approval.occurredAt)).getUTCFullYear() + 1),
        acknowledgedWordingFlags: [],
      });
      // The signature binds the text it was given, not the current one.
      const now = await claimNow(claimA.id);
      expect(now.textRevision).toBe(2);
      expect(sha256(now.text)).not.toBe(approval.data.textHash);
      const signed = await ok(gql<{ claim: ClaimAsOfShape }>(tokens.auditor, CLAIM_AS_OF, { id: claimA.id, asOf: { revision: approval.revision } }));
      expect(sha256(signed.claim.text)).toBe(approval.data.textHash);
      expect(signed.claim.textRevision).toBe(approval.data.textRevision);
    });
  });

  describe('auditTrail(filter)', () => {
    it('given two articles, when the whole trail is read, then it holds every stored event once, in commit order', async () => {
      const log = await settledLog();
      const nodes = await trail(null);
      expect(nodes.map((n) => Number(n.position))).toEqual(log.map((e) => e.position));
      expect(nodes.map(key)).toEqual(log.map(key));
      expect(nodes.map((n) => n.hash)).toEqual(log.map((e) => e.metadata.hash));
    });

    it('given an article filter, when the trail is read, then it holds exactly the events of that article’s streams', async () => {
      const log = await settledLog();
      const streams = new Set(await articleStreams(store, articleId));
      const nodes = await trail({ articleId });
      expect(nodes.map(key)).toEqual(log.filter((e) => streams.has(e.streamId)).map(key));
      expect(nodes.some((n) => n.streamId === `article-${otherArticleId}`)).toBe(false);
      const other = await trail({ articleId: otherArticleId });
      expect(other.map((n) => n.actor.id)).toEqual(other.map(() => 'otto'));
      expect(other.length).toBeGreaterThanOrEqual(3);
    });

    it('given a stream filter, when the trail is read, then it equals that stream’s history', async () => {
      expect(await trail({ streamId: `section-${sleep.id}` })).toEqual(await history(`section-${sleep.id}`));
    });

    it('given an actor filter, when the trail is read, then it holds exactly that actor’s events', async () => {
      const log = await settledLog();
      const nodes = await trail({ actorId: 'maya' });
      expect(nodes.map(key)).toEqual(log.filter((e) => actorOf(e) === 'maya').map(key));
      expect(new Set(nodes.map((n) => n.type))).toEqual(new Set(['MedicalReviewApproved', 'SectionMedicallyReviewed']));
      expect(await trail({ actorId: 'nobody' })).toEqual([]);
    });

    it('given event types, when the trail is read, then it holds exactly the events of those types', async () => {
      const log = await settledLog();
      const types = ['MedicalReviewApproved', 'SectionPublished', 'ArticleImported'];
      const nodes = await trail({ types });
      expect(nodes.map(key)).toEqual(log.filter((e) => types.includes(e.type)).map(key));
      expect(nodes.filter((n) => n.type === 'ArticleImported')).toHaveLength(2);
    });

    it('given a time range, when the trail is read, then it holds exactly the events that occurred within it, bounds included', async () => {
      const log = await settledLog();
      const claimEvents = log.filter((e) => e.streamId === `claim-${claimA.id}`);
      const from = occurred(claimEvents[1]);
      const to = occurred(claimEvents[2]);
      const nodes = await trail({ from: iso(from), to: iso(to) });
      expect(nodes.map(key)).toEqual(log.filter((e) => occurred(e) >= from && occurred(e) <= to).map(key));
      expect(nodes.map(key)).toEqual(expect.arrayContaining([key(claimEvents[1]), key(claimEvents[2])]));
      expect(nodes.map(key)).not.toContain(key(claimEvents[0]));
      expect(nodes.map(key)).not.toContain(key(claimEvents[3]));
    });

    it('given a range open at one end, or past the log, when the trail is read, then it holds exactly the events on the right side of the bound', async () => {
      const log = await settledLog();
      const middle = occurred(log[Math.floor(log.length / 2)]);
      const since = await trail({ from: iso(middle) });
      expect(since.map(key)).toEqual(log.filter((e) => occurred(e) >= middle).map(key));
      const until = await trail({ to: iso(middle) });
      expect(until.map(key)).toEqual(log.filter((e) => occurred(e) <= middle).map(key));
      expect(since.length + until.length).toBeGreaterThanOrEqual(log.length);
      expect(await trail({ from: iso(occurred(log[log.length - 1]) + 3_600_000) })).toEqual([]);
      expect(await trail({ to: iso(occurred(log[0]) - 3_600_000) })).toEqual([]);
      expect(await trail({ from: iso(middle), to: iso(middle - 1) })).toEqual([]);
      const reviewerSince = await trail({ actorId: 'maya', from: iso(middle) });
      expect(reviewerSince.map(key)).toEqual(log.filter((e) => actorOf(e) === 'maya' && occurred(e) >= middle).map(key));
    });

    it('given filters combined, when the trail is read, then every condition holds at once', async () => {
      const nodes = await trail({ articleId, actorId: 'fred', types: ['EvidenceCheckPassed'] });
      expect(nodes.map((n) => n.streamId)).toEqual([`claim-${claimA.id}`, `claim-${claimB.id}`]);
      expect(await trail({ articleId: otherArticleId, actorId: 'fred' })).toEqual([]);
    });

    it('given a page size of two, when the cursors are followed, then the pages add up to the unpaged trail', async () => {
      expect(await trail({ articleId }, 2)).toEqual(await trail({ articleId }));
      expect(await trail(null, 3)).toEqual(await trail(null));
      const empty = await ok(gql<{ auditTrail: Connection }>(tokens.auditor, '{ auditTrail(first: 0) { edges { cursor } pageInfo { hasNextPage endCursor } } }'));
      expect(empty.auditTrail).toEqual({ edges: [], pageInfo: { hasNextPage: true, endCursor: null } });
    });

    it('given more than 1000 a page or no token, when the trail is read, then it answers BAD_USER_INPUT or UNAUTHENTICATED', async () => {
      const tooMany = '{ auditTrail(first: 1001) { edges { cursor } } }';
      expect(await errorCode(gql(tokens.auditor, tooMany))).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
      expect((await errorCode(gql(null, AUDIT_TRAIL_PAGE(10), {}))).code).toBe('UNAUTHENTICATED');
    });
  });

  describe('time travel: claim(asOf) and section(asOf)', () => {
    async function claimAsOf(id: string, asOf: Record<string, unknown>): Promise<ClaimAsOfShape | null> {
      return (await ok(gql<{ claim: ClaimAsOfShape | null }>(tokens.auditor, CLAIM_AS_OF, { id, asOf }))).claim;
    }
    async function sectionAsOf(id: string, asOf: Record<string, unknown>): Promise<SectionAsOfShape | null> {
      return (await ok(gql<{ section: SectionAsOfShape | null }>(tokens.auditor, SECTION_AS_OF, { id, asOf }))).section;
    }

    it('given a claim’s revisions, when it is read as of each, then it answers the state of that revision', async () => {
      const drafted = await claimAsOf(claimA.id, { revision: 0 });
      expect(drafted).toMatchObject({ state: 'DRAFTED', revision: 0, textRevision: 1, text: ORIGINAL_A, evidence: [], author: { id: 'erin' } });
      expect(drafted?.evidenceCheckedBy).toBeNull();

      const checked = await claimAsOf(claimA.id, { revision: 1 });
      expect(checked).toMatchObject({
        state: 'EVIDENCE_CHECKED',
        revision: 1,
        evidence: [{ referenceNumber: 2, level: 'HUMAN_RCT', locator: 'Table 2', note: null }],
        evidenceCheckedBy: { id: 'fred' },
        medicallyReviewedBy: null,
      });

      const published = await claimAsOf(claimA.id, { revision: 3 });
      expect(published).toMatchObject({ state: 'PUBLISHED', text: ORIGINAL_A, publishedText: ORIGINAL_A, publishedTextRevision: 1 });

      expect(await claimAsOf(claimA.id, { revision: 4 })).toEqual(await claimNow(claimA.id));
    });

    it('given moments in a claim’s life, when it is read as of them, then it answers the state at that moment', async () => {
      const stored = await store.readStream(`claim-${claimA.id}`);
      // Just before the approval: the evidence check is the last thing that had happened.
      const beforeApproval = await claimAsOf(claimA.id, { at: iso(occurred(stored[2]) - 1) });
      expect(beforeApproval).toMatchObject({ state: 'EVIDENCE_CHECKED', revision: 1, medicallyReviewedBy: null });
      const atApproval = await claimAsOf(claimA.id, { at: iso(occurred(stored[2])) });
      expect(atApproval).toMatchObject({ state: 'MEDICALLY_REVIEWED', medicallyReviewedBy: { id: 'maya' } });
      expect(await claimAsOf(claimA.id, { at: iso(Date.now() + 60_000) })).toEqual(await claimNow(claimA.id));
    });

    it('given a time before the claim existed, when it is read as of then, then it answers null', async () => {
      const [first] = await store.readStream(`claim-${claimA.id}`);
      expect(await claimAsOf(claimA.id, { at: iso(occurred(first) - 1) })).toBeNull();
      expect(await claimAsOf('no-such-claim', { revision: 0 })).toBeNull();
    });

    it('given a revision past the end, or both or neither of revision and at, when a claim is read, then it answers BAD_USER_INPUT', async () => {
      const past = await errorCode(gql(tokens.auditor, CLAIM_AS_OF, { id: claimA.id, asOf: { revision: 5 } }));
      expect(past).toEqual({ code: 'BAD_USER_INPUT', field: 'asOf.revision' });
      const both = await errorCode(gql(tokens.auditor, CLAIM_AS_OF, { id: claimA.id, asOf: { revision: 1, at: iso(Date.now()) } }));
      expect(both.code).toBe('BAD_USER_INPUT');
      expect((await errorCode(gql(tokens.auditor, CLAIM_AS_OF, { id: claimA.id, asOf: {} }))).code).toBe('BAD_USER_INPUT');
      expect((await errorCode(gql(tokens.auditor, CLAIM_AS_OF, { id: claimA.id, asOf: { revision: -1 } }))).code).toBe('BAD_USER_INPUT');
    });

    it('given the section’s evidence sign-off, when the section is read as of it, then its claims are as they were then: checked, not yet approved', async () => {
      const section = await sectionAsOf(sleep.id, { revision: 1 });
      expect(section).toMatchObject({ id: sleep.id, state: 'EVIDENCE_CHECKED', revision: 1 });
      expect(section!.claims.map((c) => [c.id, c.state, c.revision, c.medicallyReviewedBy])).toEqual([
        [claimA.id, 'EVIDENCE_CHECKED', 1, null],
        [claimB.id, 'EVIDENCE_CHECKED', 1, null],
      ]);
      const now = await sectionNow(sleep.id);
      expect(now.claims.map((c) => c.state)).not.toContain('EVIDENCE_CHECKED');
    });

    it('given the publish, when the section is read as of that revision, then its claims are approved but not yet published (the reactions came after)', async () => {
      const stored = await store.readStream(`section-${sleep.id}`);
      const publishRevision = stored.find((e) => e.type === 'SectionPublished')!.revision;
      const section = await sectionAsOf(sleep.id, { revision: publishRevision });
      expect(section!.state).toBe('PUBLISHED');
      expect(section!.claims.map((c) => [c.state, c.publishedText])).toEqual([
        ['MEDICALLY_REVIEWED', null],
        ['MEDICALLY_REVIEWED', null],
      ]);
    });

    it('given a claim added to the section, when the section is read as of that revision, then the new claim is there as drafted', async () => {
      const stored = await store.readStream(`section-${sleep.id}`);
      const addRevision = stored.find((e) => e.type === 'SectionRevised')!.revision;
      const section = await sectionAsOf(sleep.id, { revision: addRevision });
      expect(section!.claims.map((c) => [c.id, c.state, c.textRevision])).toEqual([
        [claimA.id, 'DRAFTED', 2],
        [claimB.id, 'PUBLISHED', 1],
        [addedClaimId, 'DRAFTED', 1],
      ]);
      const before = await sectionAsOf(sleep.id, { revision: addRevision - 1 });
      expect(before!.claims.map((c) => c.id)).toEqual([claimA.id, claimB.id]);
    });

    it('given a moment, when the section is read as of it, then the section and its claims are as they were at that moment', async () => {
      const approval = (await store.readStream(`claim-${claimA.id}`))[2];
      const section = await sectionAsOf(sleep.id, { at: iso(occurred(approval) - 1) });
      expect(section!.state).toBe('EVIDENCE_CHECKED');
      expect(section!.claims.map((c) => c.state)).toEqual(['EVIDENCE_CHECKED', 'EVIDENCE_CHECKED']);
      const atApproval = await sectionAsOf(sleep.id, { at: iso(occurred(approval)) });
      // B was approved by the next request: in a later millisecond, unless the clock did not move.
      const approvalOfB = (await store.readStream(`claim-${claimB.id}`))[2];
      const bState = occurred(approvalOfB) <= occurred(approval) ? 'MEDICALLY_REVIEWED' : 'EVIDENCE_CHECKED';
      expect(atApproval!.claims.map((c) => c.state)).toEqual(['MEDICALLY_REVIEWED', bState]);
    });

    it('given a time before the section existed or a revision past its end, when it is read, then it answers null or BAD_USER_INPUT', async () => {
      const [created] = await store.readStream(`section-${sleep.id}`);
      expect(await sectionAsOf(sleep.id, { at: iso(occurred(created) - 1) })).toBeNull();
      const last = (await store.readStream(`section-${sleep.id}`)).length - 1;
      expect(await errorCode(gql(tokens.auditor, SECTION_AS_OF, { id: sleep.id, asOf: { revision: last + 1 } }))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'asOf.revision',
      });
      const initial = await sectionAsOf(sleep.id, { revision: 0 });
      expect(initial!.claims.map((c) => [c.state, c.textRevision, c.text])).toEqual([
        ['DRAFTED', 1, ORIGINAL_A],
        ['DRAFTED', 1, 'Most people tolerate magnesium well at usual doses.'],
      ]);
    });
  });

  describe('claimDiff', () => {
    it('given two text revisions, when they are diffed, then the hunks are word-level and spell out both texts', async () => {
      type Diff = { claimDiff: { fromTextRevision: number; toTextRevision: number; hunks: Array<{ op: string; text: string }> } };
      const { claimDiff } = await ok(gql<Diff>(tokens.auditor, CLAIM_DIFF, { id: claimA.id, from: 1, to: 2 }));
      expect(claimDiff.fromTextRevision).toBe(1);
      expect(claimDiff.toTextRevision).toBe(2);
      const words = (op: string) => claimDiff.hunks.filter((hk) => hk.op === op).flatMap((hk) => hk.text.trim().split(/\s+/));
      expect(words('DELETE')).toEqual(['modestly', 'improve', 'sleep', 'onset']);
      expect(words('INSERT')).toEqual(['slightly', 'shorten', 'the', 'time', 'to', 'fall', 'asleep']);
      const side = (skip: string) => claimDiff.hunks.filter((hk) => hk.op !== skip).map((hk) => hk.text).join('');
      expect(side('INSERT')).toBe(ORIGINAL_A);
      expect(side('DELETE')).toBe(REVISED_A);
      expect(claimDiff.hunks[0]).toEqual({ op: 'EQUAL', text: 'Magnesium supplements may ' });

      const backwards = await ok(gql<Diff>(tokens.auditor, CLAIM_DIFF, { id: claimA.id, from: 2, to: 1 }));
      expect(backwards.claimDiff.hunks.filter((hk) => hk.op === 'INSERT').map((hk) => hk.text.trim())).toEqual([
        'modestly improve sleep onset',
      ]);
      const same = await ok(gql<Diff>(tokens.auditor, CLAIM_DIFF, { id: claimA.id, from: 1, to: 1 }));
      expect(same.claimDiff.hunks).toEqual([{ op: 'EQUAL', text: ORIGINAL_A }]);
    });

    it('given a revision that only changes whitespace, when it is diffed, then the hunks still show the change and spell out both texts', async () => {
      type Diff = { claimDiff: { hunks: Array<{ op: string; text: string }> } };
      const { claimDiff } = await ok(gql<Diff>(tokens.auditor, CLAIM_DIFF, { id: lead.claims[0].id, from: 1, to: 2 }));
      expect(claimDiff.hunks.some((hk) => hk.op !== 'EQUAL')).toBe(true);
      expect(claimDiff.hunks.filter((hk) => hk.op !== 'INSERT').map((hk) => hk.text).join('')).toBe(ORIGINAL_LEAD);
      expect(claimDiff.hunks.filter((hk) => hk.op !== 'DELETE').map((hk) => hk.text).join('')).toBe(SPACED_LEAD);
    });

    it('given an unknown text revision or claim, when it is diffed, then it answers BAD_USER_INPUT or NOT_FOUND', async () => {
      expect(await errorCode(gql(tokens.auditor, CLAIM_DIFF, { id: claimA.id, from: 1, to: 3 }))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'toTextRevision',
      });
      expect(await errorCode(gql(tokens.auditor, CLAIM_DIFF, { id: claimA.id, from: 0, to: 1 }))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'fromTextRevision',
      });
      expect((await errorCode(gql(tokens.auditor, CLAIM_DIFF, { id: 'no-such-claim', from: 1, to: 2 }))).code).toBe('NOT_FOUND');
    });
  });

  describe('verifyIntegrity on an intact store', () => {
    it('given nothing was tampered with, when the integrity is verified, then every chain of all streams, or of one article, holds', async () => {
      const log = await settledLog();
      const all = (await ok(gql<{ verifyIntegrity: IntegrityReport }>(tokens.auditor, VERIFY_INTEGRITY, {}))).verifyIntegrity;
      expect(all).toEqual({ ok: true, streamsChecked: new Set(log.map((e) => e.streamId)).size, eventsChecked: log.length, firstBreak: null });

      const streams = await articleStreams(store, articleId);
      const one = (await ok(gql<{ verifyIntegrity: IntegrityReport }>(tokens.auditor, VERIFY_INTEGRITY, { articleId }))).verifyIntegrity;
      expect(one).toEqual({
        ok: true,
        streamsChecked: streams.length,
        eventsChecked: log.filter((e) => streams.includes(e.streamId)).length,
        firstBreak: null,
      });
      expect((await errorCode(gql(tokens.auditor, VERIFY_INTEGRITY, { articleId: 'no-such-article' }))).code).toBe('NOT_FOUND');
    });
  });

  describe('time travel by commit order', () => {
    it('given a claim event recorded in the same millisecond as a section event but committed after it, when the section is read as of that revision, then the claim event is not part of it', async () => {
      const [created] = await store.readStream(`section-${lead.id}`);
      const claimStream = `claim-${lead.claims[0].id}`;
      const claimEvents = await store.readStream(claimStream);
      const last = claimEvents[claimEvents.length - 1];
      // A valid, chained event whose clock reads exactly the section's first millisecond.
      const metadata: JsonObject = {
        actor: { id: 'fred', roles: ['FACT_CHECKER'] },
        occurredAt: occurred(created),
        reason: 'checked in the same millisecond',
        correlationId: 'same-ms',
        causationId: null,
        commandId: 'same-ms',
        schemaVersion: 1,
        previousHash: last.metadata.hash as string,
      };
      const data: JsonObject = { textRevision: 2, checkedBy: { id: 'fred', roles: ['FACT_CHECKER'] }, reason: 'needs a source' };
      const hash = chainHash({ streamId: claimStream, revision: last.revision + 1, type: 'EvidenceCheckFailed', data, metadata, previousHash: last.metadata.hash as string });
      await store.append(claimStream, [{ id: '00000000-0000-4000-8000-000000000001', type: 'EvidenceCheckFailed', data, metadata: { ...metadata, hash } }], {
        expectedRevision: last.revision,
      });

      const section = await sectionAsOf(lead.id, { revision: 0 });
      expect(section!.claims.map((c) => [c.revision, c.textRevision, c.text])).toEqual([[0, 1, ORIGINAL_LEAD]]);
      const verified = (await ok(gql<{ verifyIntegrity: IntegrityReport }>(tokens.auditor, VERIFY_INTEGRITY, { articleId }))).verifyIntegrity;
      expect(verified.ok).toBe(true);
    });

    async function sectionAsOf(id: string, asOf: Record<string, unknown>): Promise<SectionAsOfShape | null> {
      return (await ok(gql<{ section: SectionAsOfShape | null }>(tokens.auditor, SECTION_AS_OF, { id, asOf }))).section;
    }
  });
});
