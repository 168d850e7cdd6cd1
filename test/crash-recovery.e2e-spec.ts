import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyIntegrity } from '@app/audit';
import type { EventStore } from '@app/event-store';
import { ProjectionEngine, ReadModels } from '@app/projections';
import { issueToken } from '../apps/api/src/auth/token-issuer';
import { EVENT_STORE } from '../apps/api/src/infrastructure/tokens';
import { healthy, spawnApi } from './support/api-process';
import { removeDir, startApp, TEST_SECRET } from './support/app-harness';
import { readModelSnapshot } from './support/read-model-snapshot';
import { CLAIM, PROPOSE, type ClaimShape } from './support/review-operations';

jest.setTimeout(120_000);

/**
 * A server process under write load is killed with SIGKILL. After a restart every mutation a
 * client saw acknowledged is in the history, the log is whole and chained, and the read models
 * catch up from their checkpoint to exactly what a rebuild gives.
 */
describe('crash under write load', () => {
  const dir = mkdtempSync(join(tmpdir(), 'review-crash-'));
  afterAll(() => removeDir(dir));

  it('loses no acknowledged mutation and recovers the read models from their checkpoint', async () => {
    const api = await spawnApi({ SQLITE_PATH: join(dir, 'review.db'), DEMO: '1' });
    const url = api.url;
    await healthy(api);

    const token = await issueToken(TEST_SECRET, 'load-editor', ['EDITOR']);
    const post = (query: string, variables: Record<string, unknown>) =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      }).then((r) => r.json() as Promise<{ data?: Record<string, ClaimShape>; errors?: unknown[] }>);

    // Four writers, each revising its own claim of the demo article as fast as it is answered.
    const tree = (await (
      await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ articles { sections { claims { id } } } }' }),
      })
    ).json()) as { data: { articles: Array<{ sections: Array<{ claims: Array<{ id: string }> }> }> } };
    const claimIds = tree.data.articles[0].sections[1].claims.slice(0, 3).map((claim) => claim.id);
    const acknowledged: Array<{ claimId: string; commandId: string }> = [];
    let killed = false;
    const writers = claimIds.map(async (claimId, w) => {
      let claim = (await post(CLAIM, { id: claimId })).data!.claim;
      for (let n = 0; !killed; n += 1) {
        const commandId = `load-${w}-${n}`;
        const res = await post(PROPOSE, {
          input: { claimId, expectedRevision: claim.revision, text: `Text ${n} by writer ${w}.`, citations: claim.citations, reason: 'load', commandId },
        }).catch(() => null);
        if (!res || res.errors || !res.data) break;
        acknowledged.push({ claimId, commandId });
        claim = res.data.proposeClaimRevision;
      }
    });
    await new Promise((r) => setTimeout(r, 1500));
    killed = true;
    const exited = api.kill('SIGKILL');
    await Promise.all(writers);
    await exited;
    expect(acknowledged.length).toBeGreaterThan(10);

    const h = await startApp({}, dir);
    try {
      const store = h.app.get<EventStore>(EVENT_STORE);
      for (const { claimId, commandId } of acknowledged) {
        const events = await store.readStream(`claim-${claimId}`);
        expect(events.filter((e) => e.metadata.commandId === commandId)).toHaveLength(1);
      }
      expect(await verifyIntegrity(store)).toMatchObject({ ok: true, firstBreak: null });
      const projections = h.app.get(ProjectionEngine);
      expect(projections.rebuiltAtStart).toBe(false);
      expect(projections.position).toBe((await store.status()).lastPosition);
      const readModels = h.app.get(ReadModels);
      const recovered = readModelSnapshot(readModels);
      await projections.rebuild();
      expect(readModelSnapshot(readModels)).toEqual(recovered);
    } finally {
      await h.close();
    }
  });
});
