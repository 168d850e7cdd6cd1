import type { EventStore, RecordedEvent } from '@app/event-store';
import { EVENT_STORE } from '../apps/api/src/infrastructure/tokens';
import { removeDir, startApp, type Harness, type RoleTokens } from './support/app-harness';
import { eventually } from './support/eventually';
import {
  AUDIT_TRAIL_PAGE,
  EVIDENCE,
  HISTORY_PAGE,
  IMPORT,
  MEDICAL,
  PROPOSE,
  PUBLISH,
  SIGN_OFF_EVIDENCE,
  SIGN_OFF_MEDICAL,
  VERIFY_INTEGRITY,
  type AuditEventShape,
  type ClaimShape,
  type SectionShape,
} from './support/review-operations';

/** A section whose first claim says more than its (animal) evidence carries. */
const ARTICLE = `Magnesium is an essential mineral.[1]
Sleep
Magnesium effectively treats insomnia in older adults.[1]
Most people tolerate magnesium well at usual doses.
References
1. Abbasi B, et al. The effect of magnesium supplementation on primary insomnia in elderly. J Res Med Sci. 2012.
`;

const CLAIM_TIMES = `query($id: ID!) {
  claim(id: $id) {
    id state revision text publishedText medicallyReviewedAt reviewDueAt
    wordingFlags { phrase start end strongestEvidence message }
  }
}`;
const REVIEW_DUE = `query($before: DateTime!, $articleId: ID) {
  reviewDue(before: $before, articleId: $articleId) { totalCount edges { node { id state reviewDueAt } } }
}`;
const FLAGGED_QUEUE = `query($state: ReviewState!, $articleId: ID, $flagged: Boolean) {
  reviewQueue(state: $state, articleId: $articleId, flagged: $flagged) { totalCount edges { node { id } } }
}`;
const SECTION_STATE = `query($id: ID!) { section(id: $id) { id state revision } }`;
const COMMENT_FIELDS = 'id claimId author { id roles } text postedAt replyTo resolved resolvedBy { id }';
const POST = `mutation($input: PostCommentInput!) { postComment(input: $input) { ${COMMENT_FIELDS} } }`;
const RESOLVE = `mutation($input: ResolveCommentInput!) { resolveComment(input: $input) { ${COMMENT_FIELDS} } }`;
const COMMENTS = `query($id: ID!) { claim(id: $id) { revision comments { ${COMMENT_FIELDS} } } }`;

interface CommentShape {
  id: string;
  claimId: string;
  author: { id: string; roles: string[] };
  text: string;
  postedAt: string;
  replyTo: string | null;
  resolved: boolean;
  resolvedBy: { id: string } | null;
}

interface Imported {
  articleId: string;
  section: SectionShape;
}

async function importArticle(h: Harness, tokens: RoleTokens): Promise<Imported> {
  const res = await h.gql<{ importArticle: { article: { id: string; sections: SectionShape[] } } }>(tokens.editor, IMPORT, {
    input: { title: `Magnesium ${Math.random()}`, text: ARTICLE },
  });
  expect(res.errors).toBeUndefined();
  const article = res.data!.importArticle.article;
  return { articleId: article.id, section: article.sections.find((s) => s.heading === 'Sleep')! };
}

async function history(h: Harness, token: string, streamId: string): Promise<AuditEventShape[]> {
  const res = await h.gql<{ history: { edges: Array<{ node: AuditEventShape }> } }>(token, HISTORY_PAGE(100), { streamId });
  expect(res.errors).toBeUndefined();
  return res.data!.history.edges.map((edge) => edge.node);
}

async function lastPosition(h: Harness): Promise<number> {
  return (await h.app.get<EventStore>(EVENT_STORE).status()).lastPosition ?? 0;
}

/** A refused mutation: the error code (and field), and the store did not move. */
async function refused(h: Harness, token: string, query: string, input: object, code: string, field?: string) {
  const before = await lastPosition(h);
  const res = await h.gql(token, query, { input });
  expect(res.errors?.[0]?.extensions?.code).toBe(code);
  if (field) expect(res.errors?.[0]?.extensions?.field).toBe(field);
  expect(await lastPosition(h)).toBe(before);
}

/** Checks both claims with the evidence given, approves them (acknowledging the flags), signs off and publishes. */
async function publishSection(h: Harness, tokens: RoleTokens, section: SectionShape): Promise<void> {
  const [strong, plain] = section.claims;
  const checked = await h.gql<{ recordEvidenceCheck: ClaimShape }>(tokens.checker, EVIDENCE, {
    input: {
      claimId: strong.id,
      expectedRevision: strong.revision,
      verdict: 'PASS',
      evidence: [{ referenceNumber: 1, level: 'ANIMAL', locator: 'Fig. 2' }],
      reason: 'the cited study is in rats',
    },
  });
  expect(checked.errors).toBeUndefined();
  const checkedPlain = await h.gql<{ recordEvidenceCheck: ClaimShape }>(tokens.checker, EVIDENCE, {
    input: { claimId: plain.id, expectedRevision: plain.revision, verdict: 'PASS', noCitationNeeded: true, reason: 'common knowledge' },
  });
  expect(checkedPlain.errors).toBeUndefined();
  const approve = { decision: 'APPROVE', reason: 'accurate' };
  const first = checked.data!.recordEvidenceCheck;
  await refused(h, tokens.reviewer, MEDICAL, { claimId: first.id, expectedRevision: first.revision, ...approve }, 'BAD_USER_INPUT', 'acknowledgeWordingFlags');
  for (const claim of [first, checkedPlain.data!.recordEvidenceCheck]) {
    const res = await h.gql(tokens.reviewer, MEDICAL, {
      input: { claimId: claim.id, expectedRevision: claim.revision, ...approve, acknowledgeWordingFlags: claim.id === first.id },
    });
    expect(res.errors).toBeUndefined();
  }
  let revision = section.revision;
  for (const [token, query, key] of [
    [tokens.checker, SIGN_OFF_EVIDENCE, 'signOffSectionEvidence'],
    [tokens.reviewer, SIGN_OFF_MEDICAL, 'signOffSectionMedical'],
    [tokens.publisher, PUBLISH, 'publishSection'],
  ] as const) {
    const res = await h.gql<Record<string, SectionShape>>(token, query, { input: { sectionId: section.id, expectedRevision: revision, reason: 'ok' } });
    expect(res.errors).toBeUndefined();
    revision = res.data![key].revision;
  }
}

describe('approvals that expire (APPROVAL_VALIDITY=PT2S, checked every second)', () => {
  const env = { APPROVAL_VALIDITY: 'PT2S', APPROVAL_CHECK_INTERVAL: 'PT1S' };
  let h: Harness;
  let tokens: RoleTokens;
  let imported: Imported;

  beforeAll(async () => {
    h = await startApp(env);
    tokens = await h.roleTokens();
    imported = await importArticle(h, tokens);
    await publishSection(h, tokens, imported.section);
  });

  afterAll(async () => {
    await h.close();
    removeDir(h.dir);
  });

  const claimTimes = async (id: string) =>
    (await h.gql<{ claim: ClaimShape & { medicallyReviewedAt: string | null; reviewDueAt: string | null } }>(tokens.auditor, CLAIM_TIMES, { id }))
      .data!.claim;

  it('shows a published claim in reviewDue before it expires, due APPROVAL_VALIDITY after its approval', async () => {
    const [strong] = imported.section.claims;
    // ClaimPublished follows SectionPublished as a reaction.
    const claim = await eventually(async () => {
      const found = await claimTimes(strong.id);
      expect(found.state).toBe('PUBLISHED');
      return found;
    });
    expect(Date.parse(claim.reviewDueAt!) - Date.parse(claim.medicallyReviewedAt!)).toBe(2000);
    const due = await h.gql<{ reviewDue: { totalCount: number; edges: Array<{ node: { id: string; state: string } }> } }>(
      tokens.auditor,
      REVIEW_DUE,
      { before: new Date(Date.now() + 60_000).toISOString(), articleId: imported.articleId },
    );
    expect(due.errors).toBeUndefined();
    expect(due.data!.reviewDue.totalCount).toBe(2);
    expect(due.data!.reviewDue.edges.map((e) => e.node.id)).toContain(strong.id);
  });

  it('records the acknowledged wording flags in the approval', async () => {
    const [strong] = imported.section.claims;
    const approval = (await history(h, tokens.auditor, `claim-${strong.id}`)).find((e) => e.type === 'MedicalReviewApproved')!;
    expect((approval.data as { acknowledgedWordingFlags: Array<{ phrase: string }> }).acknowledgedWordingFlags.map((f) => f.phrase)).toEqual([
      'effectively',
      'treats',
    ]);
  });

  it('then expires it as system:review-scheduler: DRAFTED, publishedText unchanged, its section reopened', async () => {
    const [strong] = imported.section.claims;
    const expired = await eventually(async () => {
      const events = await history(h, tokens.auditor, `claim-${strong.id}`);
      const found = events.find((e) => e.type === 'ClaimApprovalExpired');
      if (!found) throw new Error('not expired yet');
      return found;
    }, 10_000);
    expect(expired.actor).toEqual({ id: 'system:review-scheduler', roles: [] });
    const claim = await claimTimes(strong.id);
    expect(claim).toMatchObject({ state: 'DRAFTED', publishedText: strong.text, medicallyReviewedAt: null, reviewDueAt: null });
    await eventually(async () => {
      const section = (await h.gql<{ section: SectionShape }>(tokens.auditor, SECTION_STATE, { id: imported.section.id })).data!.section;
      expect(section.state).toBe('DRAFTED');
    }, 5_000);
    const sectionEvents = await history(h, tokens.auditor, `section-${imported.section.id}`);
    expect(sectionEvents.some((e) => e.type === 'SectionReopened' && (e.data as { cause: string }).cause === 'ClaimApprovalExpired')).toBe(true);
    const due = await h.gql<{ reviewDue: { totalCount: number } }>(tokens.auditor, REVIEW_DUE, {
      before: new Date(Date.now() + 60_000).toISOString(),
      articleId: imported.articleId,
    });
    expect(due.data!.reviewDue.totalCount).toBe(0);
  });

  it('appends no second expiry after a restart', async () => {
    const store = () => h.app.get<EventStore>(EVENT_STORE);
    const expiries = async () => {
      const counts: number[] = [];
      for (const claim of imported.section.claims) {
        const events: RecordedEvent[] = await store().readStream(`claim-${claim.id}`);
        counts.push(events.filter((e) => e.type === 'ClaimApprovalExpired').length);
      }
      return counts;
    };
    await eventually(async () => expect(await expiries()).toEqual([1, 1]), 10_000);
    const dir = h.dir;
    await h.close();
    h = await startApp(env, dir);
    tokens = await h.roleTokens();
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await expiries()).toEqual([1, 1]);
  });
});

describe('wording flags in the review queue', () => {
  let h: Harness;
  let tokens: RoleTokens;

  beforeAll(async () => {
    h = await startApp();
    tokens = await h.roleTokens();
  });

  afterAll(async () => {
    await h.close();
    removeDir(h.dir);
  });

  it('flags the claim that overstates, and filters the queue by flagged with a totalCount', async () => {
    const { articleId, section } = await importArticle(h, tokens);
    const [strong, plain] = section.claims;
    const claim = (await h.gql<{ claim: { wordingFlags: Array<{ phrase: string; start: number; end: number; strongestEvidence: string | null }> } }>(
      tokens.auditor,
      CLAIM_TIMES,
      { id: strong.id },
    )).data!.claim;
    expect(claim.wordingFlags.map((f) => [f.phrase, strong.text.slice(f.start, f.end), f.strongestEvidence])).toEqual([
      ['effectively', 'effectively', null],
      ['treats', 'treats', null],
    ]);
    const queue = async (flagged: boolean | null) =>
      (await h.gql<{ reviewQueue: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(tokens.auditor, FLAGGED_QUEUE, {
        state: 'DRAFTED',
        articleId,
        flagged,
      })).data!.reviewQueue;
    // The article's lead section holds a third claim, with nothing assertive in it.
    expect((await queue(true)).edges.map((e) => e.node.id)).toEqual([strong.id]);
    const unflagged = (await queue(false)).edges.map((e) => e.node.id);
    expect(unflagged).toContain(plain.id);
    expect(unflagged).not.toContain(strong.id);
    expect((await queue(null)).totalCount).toBe(3);
  });

  it('clears the flags when the claim is reworded', async () => {
    const { section } = await importArticle(h, tokens);
    const [strong] = section.claims;
    const res = await h.gql<{ proposeClaimRevision: ClaimShape }>(tokens.editor, PROPOSE, {
      input: {
        claimId: strong.id,
        expectedRevision: strong.revision,
        text: 'In rats, magnesium may ease insomnia.',
        citations: [1],
        reason: 'match the evidence',
      },
    });
    expect(res.errors).toBeUndefined();
    const claim = (await h.gql<{ claim: { wordingFlags: unknown[] } }>(tokens.auditor, CLAIM_TIMES, { id: strong.id })).data!.claim;
    expect(claim.wordingFlags).toEqual([]);
  });
});

describe('discussion on claims', () => {
  let h: Harness;
  let tokens: RoleTokens;
  let imported: Imported;
  let claimId: string;
  let otherClaimId: string;

  beforeAll(async () => {
    h = await startApp();
    tokens = await h.roleTokens();
    imported = await importArticle(h, tokens);
    [claimId, otherClaimId] = imported.section.claims.map((c) => c.id);
  });

  afterAll(async () => {
    await h.close();
    removeDir(h.dir);
  });

  const post = (token: string, input: object) => h.gql<{ postComment: CommentShape }>(token, POST, { input });

  it('keeps threads and replies on the claim without changing its revision, and resolves them', async () => {
    const revisionBefore = (await h.gql<{ claim: { revision: number } }>(tokens.auditor, COMMENTS, { id: claimId })).data!.claim.revision;

    const opened = await post(tokens.checker, { claimId, text: 'Reference [1] is a rat study.\nIs "treats" right?' });
    expect(opened.errors).toBeUndefined();
    const thread = opened.data!.postComment;
    expect(thread).toMatchObject({ claimId, author: { id: 'fred' }, replyTo: null, resolved: false, resolvedBy: null });
    expect(thread.text).toBe('Reference [1] is a rat study.\nIs "treats" right?');

    const reply = await post(tokens.reviewer, { claimId, text: 'Agreed: reword it.', replyTo: thread.id });
    expect(reply.errors).toBeUndefined();
    const second = await post(tokens.publisher, { claimId, text: 'Hold publication until then.' });
    expect(second.errors).toBeUndefined();

    // Only the thread's author or an EDITOR resolves it: the reviewer wrote a reply, not the thread.
    await refused(h, tokens.reviewer, RESOLVE, { commentId: reply.data!.postComment.id }, 'FORBIDDEN');
    const resolved = await h.gql<{ resolveComment: CommentShape }>(tokens.checker, RESOLVE, { input: { commentId: thread.id, reason: 'reworded' } });
    expect(resolved.errors).toBeUndefined();
    expect(resolved.data!.resolveComment).toMatchObject({ id: thread.id, resolved: true, resolvedBy: { id: 'fred' } });
    const byEditor = await h.gql<{ resolveComment: CommentShape }>(tokens.editor, RESOLVE, { input: { commentId: second.data!.postComment.id } });
    expect(byEditor.errors).toBeUndefined();
    await refused(h, tokens.editor, RESOLVE, { commentId: thread.id }, 'BAD_USER_INPUT', 'commentId');

    const claim = (await h.gql<{ claim: { revision: number; comments: CommentShape[] } }>(tokens.auditor, COMMENTS, { id: claimId })).data!.claim;
    expect(claim.revision).toBe(revisionBefore);
    expect(claim.comments.map((c) => [c.author.id, c.replyTo, c.resolved])).toEqual([
      ['fred', null, true],
      ['maya', thread.id, true],
      ['paul', null, true],
    ]);
  });

  it('refuses an AUDITOR, bad text, a reply to another claim and unknown ids, writing nothing', async () => {
    const other = await post(tokens.checker, { claimId: otherClaimId, text: 'On the other claim.' });
    expect(other.errors).toBeUndefined();
    await refused(h, tokens.auditor, POST, { claimId, text: 'auditors only read' }, 'FORBIDDEN');
    await refused(h, tokens.auditor, RESOLVE, { commentId: other.data!.postComment.id }, 'FORBIDDEN');
    await refused(h, tokens.checker, POST, { claimId, text: '   ' }, 'BAD_USER_INPUT', 'text');
    await refused(h, tokens.checker, POST, { claimId, text: 'x'.repeat(2001) }, 'BAD_USER_INPUT', 'text');
    await refused(h, tokens.checker, POST, { claimId, text: 'a reply', replyTo: other.data!.postComment.id }, 'BAD_USER_INPUT', 'replyTo');
    await refused(h, tokens.checker, POST, { claimId: 'no-such-claim', text: 'hello' }, 'NOT_FOUND');
    await refused(h, tokens.checker, RESOLVE, { commentId: `${claimId}:no-such-comment` }, 'NOT_FOUND');
    await refused(h, tokens.checker, RESOLVE, { commentId: 'nothing' }, 'NOT_FOUND');
  });

  it('answers a retried postComment with the same comment, written once', async () => {
    const input = { claimId: otherClaimId, text: 'Sent twice.', commandId: 'comment-retry-1' };
    const first = await post(tokens.editor, input);
    const again = await post(tokens.editor, input);
    expect(again.data!.postComment.id).toBe(first.data!.postComment.id);
    const events = await history(h, tokens.auditor, `discussion-${otherClaimId}`);
    expect(events.filter((e) => (e.data as { text?: string }).text === 'Sent twice.')).toHaveLength(1);
  });

  it('is a hash-chained stream of the article: in history, the audit trail and verifyIntegrity', async () => {
    const events = await history(h, tokens.auditor, `discussion-${claimId}`);
    expect(events.map((e) => e.type)).toEqual(['CommentPosted', 'CommentPosted', 'CommentPosted', 'CommentResolved', 'CommentResolved']);
    expect(events[1].previousHash).toBe(events[0].hash);
    const trail = await h.gql<{ auditTrail: { edges: Array<{ node: AuditEventShape }> } }>(tokens.auditor, AUDIT_TRAIL_PAGE(200), {
      filter: { articleId: imported.articleId, types: ['CommentPosted', 'CommentResolved'] },
    });
    expect(trail.errors).toBeUndefined();
    expect(trail.data!.auditTrail.edges.filter((e) => e.node.streamId === `discussion-${claimId}`)).toHaveLength(5);
    const verified = await h.gql<{ verifyIntegrity: { ok: boolean; streamsChecked: number } }>(tokens.auditor, VERIFY_INTEGRITY, {
      articleId: imported.articleId,
    });
    expect(verified.errors).toBeUndefined();
    // The article, its two sections, their three claims and two discussions.
    expect(verified.data!.verifyIntegrity).toEqual({ ok: true, streamsChecked: 8, eventsChecked: expect.any(Number), firstBreak: null });
  });
});
