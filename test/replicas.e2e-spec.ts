import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyIntegrity } from '@app/audit';
import { PostgresEventStore, SqliteEventStore, type EventStore } from '@app/event-store';
import { issueToken } from '../apps/api/src/auth/token-issuer';
import { createTestDatabase, POSTGRES_TEST_URL, postgresServerAt } from '../libs/event-store/test/support/postgres-server';
import { healthy, spawnApi, type ApiProcess } from './support/api-process';
import { removeDir, TEST_SECRET } from './support/app-harness';
import { eventually } from './support/eventually';
import { CLAIM, EVIDENCE, IMPORT, PROPOSE, SECTION, SIGN_OFF_EVIDENCE, SMALL_ARTICLE, type ClaimShape, type SectionShape } from './support/review-operations';

jest.setTimeout(180_000);

const postgres = postgresServerAt(POSTGRES_TEST_URL);
if (!postgres.available) process.stderr.write(`PostgreSQL replica tests skipped: ${postgres.reason}\n`);

interface StoreUnderTest {
  name: string;
  available: boolean;
  /** The store's settings for every replica, a direct handle on it, and how to remove it. */
  setUp(dir: string): Promise<{ env: Record<string, string>; open(): EventStore; tearDown(): Promise<void> }>;
}

const STORES: StoreUnderTest[] = [
  {
    name: 'one SQLite file',
    available: true,
    setUp: async (dir) => ({
      env: { SQLITE_PATH: join(dir, 'review.db') },
      open: () => new SqliteEventStore({ path: join(dir, 'review.db') }),
      tearDown: async () => undefined,
    }),
  },
  {
    name: 'PostgreSQL',
    available: postgres.available,
    setUp: async () => {
      const database = await createTestDatabase(POSTGRES_TEST_URL, 'replicas');
      return {
        env: { EVENT_STORE: 'postgres', DATABASE_URL: database.url },
        open: () => new PostgresEventStore({ url: database.url }),
        tearDown: () => database.drop(),
      };
    },
  },
];

interface Answer<T> {
  status: number;
  position: number | null;
  data?: T;
  errors?: Array<{ message: string; extensions: Record<string, unknown> }>;
}

async function gql<T = Record<string, never>>(
  api: ApiProcess,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
  readAfter?: number,
): Promise<Answer<T>> {
  const res = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      ...(readAfter === undefined ? {} : { 'x-read-after': String(readAfter) }),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<Answer<T>, 'status' | 'position'> & { extensions?: { position?: number } };
  const header = res.headers.get('x-store-position');
  if (header !== null) expect(body.extensions?.position).toBe(Number(header));
  return { status: res.status, position: header === null ? null : Number(header), data: body.data, errors: body.errors };
}

/**
 * Several API processes on one store, each with read models of its own fed by the store's
 * subscription, behind no sticky sessions: what each promises to a client that talks to any of
 * them (docs/api.md, "Read-your-writes"; README, "Replicas").
 */
describe.each(STORES)('two API processes on $name', (store) => {
  const run = store.available ? it : it.skip;
  const dir = mkdtempSync(join(tmpdir(), 'review-replicas-'));
  let env: Record<string, string>;
  let open: () => EventStore;
  let tearDown = async () => undefined as void;
  const replicaEnv = (name: string) => ({ ...env, READ_MODEL_PATH: join(dir, `${name}.read-models.db`) });
  let a: ApiProcess;
  let b: ApiProcess;
  let tokens: Record<'editor' | 'checker', string>;
  let claims: ClaimShape[];
  let section: SectionShape;

  beforeAll(async () => {
    if (!store.available) return;
    ({ env, open, tearDown } = await store.setUp(dir));
    [a, b] = await Promise.all([spawnApi(replicaEnv('a')), spawnApi(replicaEnv('b'))]);
    await Promise.all([healthy(a), healthy(b)]);
    tokens = {
      editor: await issueToken(TEST_SECRET, 'eve', ['EDITOR']),
      checker: await issueToken(TEST_SECRET, 'finn', ['FACT_CHECKER']),
    };
  });

  afterAll(async () => {
    await Promise.all([a?.kill('SIGTERM'), b?.kill('SIGTERM')]);
    await tearDown();
    removeDir(dir);
  });

  const claimOn = async (api: ApiProcess, id: string, readAfter?: number) =>
    (await gql<{ claim: ClaimShape }>(api, tokens.editor, CLAIM, { id }, readAfter)).data!.claim;

  run('refuses a third process on a read-model file in use, naming the file and READ_MODEL_PATH', async () => {
    const third = await spawnApi(replicaEnv('b'));
    expect(await third.exited).toBe(1);
    expect(third.output()).toContain(`READ_MODEL_PATH: the read models at ${join(dir, 'b.read-models.db')} are in use by another process`);
  });

  run('answers a write on one with its store position, and the other reads it back after that position', async () => {
    const imports = await Promise.all(
      [a, b].map((api, i) =>
        gql<{ importArticle: { article: { id: string; sections: SectionShape[] } } }>(api, tokens.editor, IMPORT, {
          input: { title: `Magnesium ${i}`, text: SMALL_ARTICLE },
        }),
      ),
    );
    for (const imported of imports) {
      expect(imported.errors).toBeUndefined();
      expect(imported.position).toBeGreaterThan(0);
    }
    // Each article, read on the other replica right away, with the position its import answered.
    const [onB, onA] = await Promise.all([
      gql<{ article: { id: string } | null }>(b, tokens.editor, '{ article(id: "' + imports[0].data!.importArticle.article.id + '") { id } }', {}, imports[0].position!),
      gql<{ article: { id: string } | null }>(a, tokens.editor, '{ article(id: "' + imports[1].data!.importArticle.article.id + '") { id } }', {}, imports[1].position!),
    ]);
    expect(onB.data!.article).toEqual({ id: imports[0].data!.importArticle.article.id });
    expect(onA.data!.article).toEqual({ id: imports[1].data!.importArticle.article.id });

    const sections = imports.map((imported) => imported.data!.importArticle.article.sections);
    claims = sections[0].flatMap((s) => s.claims);
    section = sections[1][0];
    expect(claims).toHaveLength(3);
    expect(section.claims).toHaveLength(1);
  });

  run('refuses a position its read models do not reach in time, with READ_MODELS_BEHIND', async () => {
    const answer = await gql(a, tokens.editor, '{ articles { id } }', {}, 1e12);
    expect(answer.status).toBe(503);
    expect(answer.errors![0].extensions).toMatchObject({ code: 'READ_MODELS_BEHIND', position: 1e12 });
  });

  run('converges: writes on both, every claim the same on both', async () => {
    let last = 0;
    await Promise.all(
      claims.map(async (claim, w) => {
        const api = w % 2 === 0 ? a : b;
        let current = claim;
        for (let n = 0; n < 8; n += 1) {
          const res = await gql<{ proposeClaimRevision: ClaimShape }>(api, tokens.editor, PROPOSE, {
            input: { claimId: claim.id, expectedRevision: current.revision, text: `Revision ${n} of claim ${w}.`, citations: claim.citations, reason: 'converge' },
          });
          expect(res.errors).toBeUndefined();
          current = res.data!.proposeClaimRevision;
          last = Math.max(last, res.position!);
        }
      }),
    );
    for (const claim of claims) {
      const [onA, onB] = await Promise.all([claimOn(a, claim.id, last), claimOn(b, claim.id, last)]);
      expect(onB).toEqual(onA);
      expect(onA.textRevision).toBe(claim.textRevision + 8);
    }
  });

  run('runs a reaction once, though every replica runs the reactions', async () => {
    const [claim] = section.claims;
    const checked = await gql<{ recordEvidenceCheck: ClaimShape }>(a, tokens.checker, EVIDENCE, {
      input: { claimId: claim.id, expectedRevision: claim.revision, verdict: 'PASS', evidence: [{ referenceNumber: 1, level: 'HUMAN_RCT', locator: 'p. 3' }], reason: 'supported' },
    });
    expect(checked.errors).toBeUndefined();
    const current = (await gql<{ section: SectionShape }>(b, tokens.checker, SECTION, { id: section.id }, checked.position!)).data!.section;
    const signedOff = await gql<{ signOffSectionEvidence: SectionShape }>(b, tokens.checker, SIGN_OFF_EVIDENCE, {
      input: { sectionId: section.id, expectedRevision: current.revision, reason: 'checked' },
    });
    expect(signedOff.data!.signOffSectionEvidence.state).toBe('EVIDENCE_CHECKED');

    // A revision of a claim of a signed-off section reopens it: a reaction, run by A and by B.
    const revised = await gql<{ proposeClaimRevision: ClaimShape }>(a, tokens.editor, PROPOSE, {
      input: { claimId: claim.id, expectedRevision: checked.data!.recordEvidenceCheck.revision, text: 'Magnesium takes part in many enzymatic reactions.', citations: [1], reason: 'plainer' },
    });
    expect(revised.errors).toBeUndefined();
    for (const api of [a, b]) {
      await eventually(async () => {
        const health = (await (await fetch(`${api.url}/health`)).json()) as { reactions: { position: number } };
        expect(health.reactions.position).toBeGreaterThanOrEqual(revised.position!);
      }, 20_000);
    }
    const events = open();
    try {
      const types = (await events.readStream(`section-${section.id}`)).map((event) => event.type);
      expect(types.filter((type) => type === 'SectionReopened')).toHaveLength(1);
    } finally {
      await events.close();
    }
  });

  run('loses nothing when one replica is SIGKILLed under load, and the restarted one catches up', async () => {
    const acknowledged: Array<{ claimId: string; commandId: string; position: number }> = [];
    let stopB = false;
    let stopA = false;
    const writers = claims.map(async (claim, w) => {
      const api = w % 2 === 0 ? a : b;
      let current = await claimOn(api, claim.id, Math.max(0, ...acknowledged.map((x) => x.position)));
      for (let n = 0; !(api === a ? stopA : stopB); n += 1) {
        const commandId = `kill-${w}-${n}`;
        const res = await gql<{ proposeClaimRevision: ClaimShape }>(api, tokens.editor, PROPOSE, {
          input: { claimId: claim.id, expectedRevision: current.revision, text: `Under load ${n} (${w}).`, citations: claim.citations, reason: 'load', commandId },
        }).catch(() => null);
        if (!res?.data) break;
        acknowledged.push({ claimId: claim.id, commandId, position: res.position! });
        current = res.data.proposeClaimRevision;
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    stopB = true;
    await b.kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 500));
    stopA = true;
    await Promise.all(writers);
    expect(acknowledged.filter((x) => x.claimId === claims[1].id).length).toBeGreaterThan(3);

    b = await spawnApi(replicaEnv('b'));
    await healthy(b);
    const events = open();
    try {
      for (const { claimId, commandId } of acknowledged) {
        const stream = await events.readStream(`claim-${claimId}`);
        expect(stream.filter((event) => event.metadata.commandId === commandId)).toHaveLength(1);
      }
      expect(await verifyIntegrity(events)).toMatchObject({ ok: true, firstBreak: null });
    } finally {
      await events.close();
    }
    const last = Math.max(...acknowledged.map((x) => x.position));
    for (const claim of claims) {
      const [onA, onB] = await Promise.all([claimOn(a, claim.id, last), claimOn(b, claim.id, last)]);
      expect(onB).toEqual(onA);
    }
  });
});
