import { verifyIntegrity } from '@app/audit';
import type { Role } from '@app/domain';
import type { EventStore } from '@app/event-store';
import { ProjectionEngine, ReadModels } from '@app/projections';
import { EVENT_STORE } from '../apps/api/src/infrastructure/tokens';
import { removeDir, startApp, type Harness } from './support/app-harness';
import { eventually } from './support/eventually';
import { readModelSnapshot } from './support/read-model-snapshot';
import { EVIDENCE, IMPORT, MEDICAL, PROPOSE, SMALL_ARTICLE, type ClaimShape, type SectionShape } from './support/review-operations';

const CLIENTS = 20;

/**
 * Twenty clients race on the same claims with the same expectedRevision: one wins each revision,
 * the others get CONFLICT; retried commands append once; the log stays contiguous, chained and
 * equal to what the read models show.
 */
describe('concurrent reviewers and retried commands', () => {
  let h: Harness;
  let store: EventStore;
  let claims: ClaimShape[];

  beforeAll(async () => {
    h = await startApp();
    store = h.app.get(EVENT_STORE);
    const editor = await h.token('editor-0', ['EDITOR']);
    const imported = await h.gql<{ importArticle: { article: { sections: SectionShape[] } } }>(editor, IMPORT, {
      input: { title: 'Race', text: SMALL_ARTICLE },
    });
    claims = imported.data!.importArticle.article.sections.flatMap((s) => s.claims);
  });

  afterAll(async () => {
    await h.close();
    removeDir(h.dir);
  });

  async function tokens(prefix: string, role: Role): Promise<string[]> {
    return Promise.all(Array.from({ length: CLIENTS }, (_, i) => h.token(`${prefix}-${i}`, [role])));
  }

  /** All clients send at once; exactly one must win. Returns the winner's claim. */
  async function race(requests: Array<() => Promise<{ data?: Record<string, ClaimShape> | null; errors?: Array<{ extensions?: Record<string, unknown> }> }>>) {
    const results = await Promise.all(requests.map((send) => send()));
    const winners = results.filter((r) => !r.errors);
    const codes = results.filter((r) => r.errors).map((r) => r.errors![0].extensions?.code);
    expect(winners).toHaveLength(1);
    expect(codes).toEqual(Array(requests.length - 1).fill('CONFLICT'));
    return Object.values(winners[0].data!)[0];
  }

  it('lets exactly one of twenty win each revision of each claim', async () => {
    const editors = await tokens('editor', 'EDITOR');
    const checkers = await tokens('checker', 'FACT_CHECKER');
    const reviewers = await tokens('reviewer', 'MEDICAL_REVIEWER');
    for (const claim of claims.filter((c) => c.citations.length > 0)) {
      const revised = await race(
        editors.map((token, i) => () =>
          h.gql<Record<string, ClaimShape>>(token, PROPOSE, {
            input: { claimId: claim.id, expectedRevision: claim.revision, text: `Revision by editor ${i}.`, citations: claim.citations, reason: `editor ${i}` },
          }),
        ),
      );
      expect(revised.textRevision).toBe(2);
      const checked = await race(
        checkers.map((token) => () =>
          h.gql<Record<string, ClaimShape>>(token, EVIDENCE, {
            input: {
              claimId: claim.id,
              expectedRevision: revised.revision,
              verdict: 'PASS',
              evidence: claim.citations.map((n) => ({ referenceNumber: n, level: 'HUMAN_RCT', locator: 'p. 1' })),
              reason: 'checked',
            },
          }),
        ),
      );
      const approved = await race(
        reviewers.map((token) => () =>
          h.gql<Record<string, ClaimShape>>(token, MEDICAL, {
            input: { claimId: claim.id, expectedRevision: checked.revision, decision: 'APPROVE', reason: 'sound' },
          }),
        ),
      );
      expect(approved.state).toBe('MEDICALLY_REVIEWED');
    }
  });

  it('appends a command sent five times, one after another and all at once, exactly once and answers the same', async () => {
    const editor = await h.token('retrying-editor', ['EDITOR']);
    const claim = claims.find((c) => c.citations.length === 0)!;
    const send = (commandId: string, expectedRevision: number) =>
      h.gql(editor, PROPOSE, {
        input: { claimId: claim.id, expectedRevision, text: `Retried text ${commandId}.`, citations: [], reason: 'retry', commandId },
      });
    const sequential = [];
    for (let i = 0; i < 5; i += 1) sequential.push(await send('retry-sequential', claim.revision));
    expect(sequential.every((r) => !r.errors)).toBe(true);
    expect(new Set(sequential.map((r) => JSON.stringify(r.data))).size).toBe(1);

    const current = (sequential[0].data as { proposeClaimRevision: ClaimShape }).proposeClaimRevision.revision;
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => send('retry-concurrent', current)));
    expect(concurrent.map((r) => r.errors)).toEqual(Array(5).fill(undefined));
    expect(new Set(concurrent.map((r) => JSON.stringify(r.data))).size).toBe(1);

    const events = await store.readStream(`claim-${claim.id}`);
    expect(events.filter((e) => e.metadata.commandId === 'retry-sequential')).toHaveLength(1);
    expect(events.filter((e) => e.metadata.commandId === 'retry-concurrent')).toHaveLength(1);
  });

  it('leaves every stream contiguous, without duplicates, chained, and read models equal to a rebuild', async () => {
    // Let the reactions (sections reopened by the revisions) settle first.
    const projections = h.app.get(ProjectionEngine);
    await eventually(async () => expect(projections.position).toBe((await store.status()).lastPosition));
    const all = await store.readAll({ maxCount: 100_000 });
    const byStream = new Map<string, number[]>();
    for (const event of all) byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event.revision]);
    for (const revisions of byStream.values()) expect(revisions).toEqual(revisions.map((_, i) => i));
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    expect(await verifyIntegrity(store)).toMatchObject({ ok: true, eventsChecked: all.length });

    const readModels = h.app.get(ReadModels);
    const live = readModelSnapshot(readModels);
    await projections.rebuild();
    expect(readModelSnapshot(readModels)).toEqual(live);
  });
});
