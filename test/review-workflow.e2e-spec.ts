import { join } from 'node:path';
import type { EventStore } from '@app/event-store';
import { ProjectionEngine, ReadModels, type RebuildReport } from '@app/projections';
import { EVENT_STORE } from '../apps/api/src/infrastructure/tokens';
import { removeDir, startApp, type Harness } from './support/app-harness';
import { eventually } from './support/eventually';
import { readModelSnapshot, readModelTables } from './support/read-model-snapshot';
import {
  CLAIM,
  EVIDENCE,
  IMPORT,
  MEDICAL,
  PROPOSE,
  PUBLISH,
  QUEUE,
  SECTION,
  SIGN_OFF_EVIDENCE,
  SIGN_OFF_MEDICAL,
  SMALL_ARTICLE,
  type ClaimShape,
  type SectionShape,
} from './support/review-operations';

/**
 * One section of an imported article walks DRAFTED → EVIDENCE_CHECKED → MEDICALLY_REVIEWED →
 * PUBLISHED over GraphQL, with a distinct user per role; every refusal writes nothing.
 */
describe('review workflow over GraphQL (SQLite store)', () => {
  let h: Harness;
  let store: EventStore;
  const tokens: Record<string, string> = {};
  let section: SectionShape;

  beforeAll(async () => {
    h = await startApp();
    store = h.app.get(EVENT_STORE);
    Object.assign(tokens, await h.roleTokens());
    tokens.editorReviewer = await h.token('sam', ['EDITOR', 'MEDICAL_REVIEWER']);
    const imported = await h.gql<{ importArticle: { article: { sections: SectionShape[] } } }>(tokens.editor, IMPORT, {
      input: { title: 'Magnesium and sleep', text: SMALL_ARTICLE },
    });
    expect(imported.errors).toBeUndefined();
    section = imported.data!.importArticle.article.sections.find((s) => s.heading === 'Sleep')!;
  });

  afterAll(async () => {
    await h.close();
    removeDir(h.dir);
  });

  async function lastPosition(): Promise<number> {
    return (await store.status()).lastPosition ?? 0;
  }

  /** Runs a refused mutation and checks its error code and that the store did not move. */
  async function refused(token: string | null, query: string, input: Record<string, unknown>, code: string) {
    const before = await lastPosition();
    const res = await h.gql(token, query, { input });
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    expect(res.data ?? null).toBeNull();
    expect(await lastPosition()).toBe(before);
    return res.errors![0];
  }

  async function claim(id: string): Promise<ClaimShape> {
    const res = await h.gql<{ claim: ClaimShape }>(tokens.auditor, CLAIM, { id });
    return res.data!.claim;
  }

  it('imports the article with its sections and claims in DRAFTED', () => {
    expect(section.state).toBe('DRAFTED');
    expect(section.claims.map((c) => c.text)).toEqual([
      'Magnesium supplements may modestly improve sleep onset in older adults.',
      'Most people tolerate magnesium well at usual doses.',
    ]);
    expect(section.claims.map((c) => c.state)).toEqual(['DRAFTED', 'DRAFTED']);
  });

  it('refuses without a token, with UNAUTHENTICATED', async () => {
    await refused(null, MEDICAL, { claimId: section.claims[0].id, expectedRevision: 0, decision: 'APPROVE', reason: 'x' }, 'UNAUTHENTICATED');
  });

  it('refuses approval of a DRAFTED claim, with INVALID_TRANSITION and the allowed actions', async () => {
    const [cited] = section.claims;
    const error = await refused(
      tokens.reviewer,
      MEDICAL,
      { claimId: cited.id, expectedRevision: cited.revision, decision: 'APPROVE', reason: 'looks right' },
      'INVALID_TRANSITION',
    );
    expect(error.extensions?.state).toBe('DRAFTED');
    expect(Array.isArray(error.extensions?.allowed)).toBe(true);
  });

  it('refuses a cited number that is not in the reference list, with BAD_USER_INPUT', async () => {
    const [cited] = section.claims;
    await refused(
      tokens.editor,
      PROPOSE,
      { claimId: cited.id, expectedRevision: cited.revision, text: 'Magnesium cures insomnia.', citations: [99], reason: 'stronger' },
      'BAD_USER_INPUT',
    );
  });

  it('refuses any mutation by an auditor, with FORBIDDEN', async () => {
    const [cited] = section.claims;
    await refused(
      tokens.auditor,
      PROPOSE,
      { claimId: cited.id, expectedRevision: cited.revision, text: 'Changed.', citations: [], reason: 'audit' },
      'FORBIDDEN',
    );
    await refused(tokens.auditor, PUBLISH, { sectionId: section.id, expectedRevision: section.revision, reason: 'x' }, 'FORBIDDEN');
  });

  it('walks the section through all four states with distinct users and publishes the approved text', async () => {
    const [cited, uncited] = section.claims;
    const checked1 = await h.gql<{ recordEvidenceCheck: ClaimShape }>(tokens.checker, EVIDENCE, {
      input: {
        claimId: cited.id,
        expectedRevision: cited.revision,
        verdict: 'PASS',
        evidence: [{ referenceNumber: 2, level: 'HUMAN_RCT', locator: 'Table 2' }],
        reason: 'the RCT supports the wording',
      },
    });
    expect(checked1.errors).toBeUndefined();
    expect(checked1.data!.recordEvidenceCheck.state).toBe('EVIDENCE_CHECKED');

    const checked2 = await h.gql<{ recordEvidenceCheck: ClaimShape }>(tokens.checker, EVIDENCE, {
      input: {
        claimId: uncited.id,
        expectedRevision: uncited.revision,
        verdict: 'PASS',
        noCitationNeeded: true,
        reason: 'general tolerability statement, common knowledge',
      },
    });
    expect(checked2.errors).toBeUndefined();

    // A fact checker cannot approve.
    await refused(
      tokens.checker,
      MEDICAL,
      { claimId: cited.id, expectedRevision: checked1.data!.recordEvidenceCheck.revision, decision: 'APPROVE', reason: 'ok' },
      'FORBIDDEN',
    );
    // A stale revision is a conflict that names the actual one.
    const conflict = await refused(
      tokens.reviewer,
      MEDICAL,
      { claimId: cited.id, expectedRevision: cited.revision, decision: 'APPROVE', reason: 'ok' },
      'CONFLICT',
    );
    expect(conflict.extensions?.actualRevision).toBe(checked1.data!.recordEvidenceCheck.revision);

    for (const checked of [checked1.data!.recordEvidenceCheck, checked2.data!.recordEvidenceCheck]) {
      const approved = await h.gql<{ recordMedicalReview: ClaimShape }>(tokens.reviewer, MEDICAL, {
        input: { claimId: checked.id, expectedRevision: checked.revision, decision: 'APPROVE', reason: 'accurate and appropriately hedged' },
      });
      expect(approved.errors).toBeUndefined();
      expect(approved.data!.recordMedicalReview.state).toBe('MEDICALLY_REVIEWED');
    }

    const s1 = await h.gql<{ signOffSectionEvidence: SectionShape }>(tokens.checker, SIGN_OFF_EVIDENCE, {
      input: { sectionId: section.id, expectedRevision: section.revision, reason: 'all evidence checked' },
    });
    expect(s1.errors).toBeUndefined();
    expect(s1.data!.signOffSectionEvidence.state).toBe('EVIDENCE_CHECKED');

    const s2 = await h.gql<{ signOffSectionMedical: SectionShape }>(tokens.reviewer, SIGN_OFF_MEDICAL, {
      input: { sectionId: section.id, expectedRevision: s1.data!.signOffSectionEvidence.revision, reason: 'medically sound' },
    });
    expect(s2.errors).toBeUndefined();
    expect(s2.data!.signOffSectionMedical.state).toBe('MEDICALLY_REVIEWED');

    const s3 = await h.gql<{ publishSection: SectionShape }>(tokens.publisher, PUBLISH, {
      input: { sectionId: section.id, expectedRevision: s2.data!.signOffSectionMedical.revision, reason: 'go live' },
    });
    expect(s3.errors).toBeUndefined();
    expect(s3.data!.publishSection.state).toBe('PUBLISHED');

    // ClaimPublished follows shortly, as a reaction.
    await eventually(async () => {
      const live = await claim(cited.id);
      expect(live.state).toBe('PUBLISHED');
      expect(live.publishedText).toBe('Magnesium supplements may modestly improve sleep onset in older adults.');
      expect(live.publishedTextRevision).toBe(1);
    });
  });

  it('revising a published claim sends it and its section back to DRAFTED while the approved text stays live', async () => {
    const live = await claim(section.claims[0].id);
    const revised = await h.gql<{ proposeClaimRevision: ClaimShape }>(tokens.editor, PROPOSE, {
      input: {
        claimId: live.id,
        expectedRevision: live.revision,
        text: 'Magnesium supplements may slightly shorten the time to fall asleep in older adults.',
        citations: [2],
        reason: 'closer to the trial outcome',
      },
    });
    expect(revised.errors).toBeUndefined();
    const claimNow = revised.data!.proposeClaimRevision;
    expect(claimNow.state).toBe('DRAFTED');
    expect(claimNow.textRevision).toBe(2);
    expect(claimNow.publishedText).toBe('Magnesium supplements may modestly improve sleep onset in older adults.');
    expect(claimNow.publishedTextRevision).toBe(1);

    await eventually(async () => {
      const res = await h.gql<{ section: SectionShape }>(tokens.auditor, SECTION, { id: section.id });
      expect(res.data!.section.state).toBe('DRAFTED');
    });
    const queue = await h.gql<{ reviewQueue: { edges: Array<{ node: { id: string } }> } }>(tokens.checker, QUEUE, {
      state: 'DRAFTED',
      articleId: section.claims[0].articleId,
    });
    expect(queue.data!.reviewQueue.edges.map((e) => e.node.id)).toContain(live.id);
  });

  it('refuses self-approval by the author holding the medical-reviewer role, with SEPARATION_OF_DUTIES', async () => {
    const current = await claim(section.claims[1].id);
    const byAuthor = await h.gql<{ proposeClaimRevision: ClaimShape }>(tokens.editorReviewer, PROPOSE, {
      input: { claimId: current.id, expectedRevision: current.revision, text: 'Most adults tolerate magnesium well at usual doses.', citations: [], reason: 'precision' },
    });
    expect(byAuthor.errors).toBeUndefined();
    const checked = await h.gql<{ recordEvidenceCheck: ClaimShape }>(tokens.checker, EVIDENCE, {
      input: {
        claimId: current.id,
        expectedRevision: byAuthor.data!.proposeClaimRevision.revision,
        verdict: 'PASS',
        noCitationNeeded: true,
        reason: 'general statement',
      },
    });
    expect(checked.errors).toBeUndefined();
    await refused(
      tokens.editorReviewer,
      MEDICAL,
      { claimId: current.id, expectedRevision: checked.data!.recordEvidenceCheck.revision, decision: 'APPROVE', reason: 'I wrote it, so it is fine' },
      'SEPARATION_OF_DUTIES',
    );
  });

  it('rebuilds the same read models from the log when a worker thread folds it', async () => {
    const projections = h.app.get(ProjectionEngine);
    await eventually(async () => expect(projections.position).toBe(await lastPosition()));
    const live = readModelSnapshot(h.app.get(ReadModels));
    const reports: RebuildReport[] = [];
    const rebuilt = new ProjectionEngine(store, { path: join(h.dir, 'rebuilt.db'), workerThreshold: 1, onRebuild: (r) => reports.push(r) });
    try {
      await rebuilt.start();
      expect(reports).toMatchObject([{ events: await lastPosition(), worker: 'drained' }]);
      expect(readModelSnapshot(new ReadModels(rebuilt.db))).toEqual(live);
      expect(readModelTables(rebuilt.db)).toEqual(readModelTables(projections.db));
    } finally {
      await rebuilt.close();
    }
  });
});
