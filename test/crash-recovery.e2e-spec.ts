import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyIntegrity } from '@app/audit';
import type { EventStore } from '@app/event-store';
import { ProjectionEngine, ReadModels } from '@app/projections';
import { issueToken } from '../apps/api/src/auth/token-issuer';
import { EVENT_STORE } from '../apps/api/src/infrastructure/tokens';
import { removeDir, startApp, TEST_SECRET } from './support/app-harness';
import { readModelSnapshot } from './support/read-model-snapshot';
import { CLAIM, PROPOSE, type ClaimShape } from './support/review-operations';

jest.setTimeout(120_000);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not become healthy');
}

/**
 * A server process under write load is killed with SIGKILL. After a restart every mutation a
 * client saw acknowledged is in the history, the log is whole and chained, and the read models
 * catch up from their checkpoint to exactly what a rebuild gives.
 */
describe('crash under write load', () => {
  const dir = mkdtempSync(join(tmpdir(), 'review-crash-'));
  afterAll(() => removeDir(dir));

  it('loses no acknowledged mutation and recovers the read models from their checkpoint', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'],
      {
        cwd: join(__dirname, '..'),
        env: {
          ...process.env,
          PORT: String(port),
          SQLITE_PATH: join(dir, 'review.db'),
          AUTH_JWT_SECRET: TEST_SECRET,
          DEMO: '1',
          RATE_LIMIT_PER_MINUTE: '0',
          LOG_LEVEL: 'error',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    await waitForHealth(url, child, 60_000);

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
    const exited = new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
    child.kill('SIGKILL');
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
