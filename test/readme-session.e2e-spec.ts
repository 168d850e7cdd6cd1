import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '@app/domain';
import { DEMO_USERS, seedDemo } from '../apps/api/src/demo/demo-seeder';
import { removeDir, startApp, type Harness } from './support/app-harness';
import { eventually } from './support/eventually';
import { createTestDatabase, POSTGRES_TEST_URL, postgresServerAt, type TestDatabase } from '../libs/event-store/test/support/postgres-server';

const postgres = postgresServerAt(POSTGRES_TEST_URL);
if (!postgres.available) process.stderr.write(`README session on PostgreSQL skipped: ${postgres.reason}\n`);

/** The README's reviewer session must work exactly as printed, against the demo data. */
interface Step {
  role: Role;
  query: string;
}

function sessionSteps(): Step[] {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const steps: Step[] = [];
  for (const match of readme.matchAll(/<!-- session: ([A-Z_]+) -->\s*```graphql\n([\s\S]*?)```/g)) {
    steps.push({ role: match[1] as Role, query: match[2] });
  }
  return steps;
}

/** The embedded store, and PostgreSQL as `EVENT_STORE=postgres DATABASE_URL=… npm start` uses it. */
const STORES = [
  { name: 'the embedded SQLite store', available: true, postgres: false },
  { name: 'PostgreSQL', available: postgres.available, postgres: true },
];

describe.each(STORES)("README: a reviewer's session on $name", (store) => {
  const it = store.available ? global.it : global.it.skip;
  let h: Harness;
  let database: TestDatabase | undefined;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    if (!store.available) return;
    const dir = mkdtempSync(join(tmpdir(), 'review-readme-'));
    database = store.postgres ? await createTestDatabase(POSTGRES_TEST_URL, 'readme') : undefined;
    const env: Record<string, string> = database ? { EVENT_STORE: 'postgres', DATABASE_URL: database.url, READ_MODEL_PATH: join(dir, 'read-models.db') } : {};
    h = await startApp({ DEMO: '1', ...env }, dir);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    await seedDemo(h.app, h.config);
    log.mockRestore();
    for (const user of DEMO_USERS) tokens.set(user.roles[0], await h.token(user.sub, user.roles));
  });

  afterAll(async () => {
    if (!h) return;
    await h.close();
    await database?.drop();
    removeDir(h.dir);
  });

  it('has its steps in the README', () => {
    expect(sessionSteps().length).toBeGreaterThanOrEqual(6);
  });

  it('runs every step as printed without an error, ending with the section live and the history intact', async () => {
    let last: Record<string, unknown> | undefined;
    for (const [index, step] of sessionSteps().entries()) {
      // Reactions (ClaimPublished) follow a mutation shortly: the last step reads after them.
      const run = async () => {
        const res = await h.gql(tokens.get(step.role)!, step.query);
        expect({ step: index + 1, errors: res.errors }).toEqual({ step: index + 1, errors: undefined });
        return res.data as Record<string, unknown>;
      };
      last = index === sessionSteps().length - 1 ? await eventually(async () => {
        const data = await run();
        const history = data.history as { edges: Array<{ node: { type: string } }> };
        expect(history.edges.map((e) => e.node.type)).toContain('ClaimPublished');
        return data;
      }) : await run();
    }
    expect((last!.verifyIntegrity as { ok: boolean }).ok).toBe(true);
  });
});
