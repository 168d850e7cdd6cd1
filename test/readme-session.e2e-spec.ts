import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '@app/domain';
import { DEMO_USERS, seedDemo } from '../apps/api/src/demo/demo-seeder';
import { removeDir, startApp, type Harness } from './support/app-harness';
import { eventually } from './support/eventually';

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

describe("README: a reviewer's session", () => {
  let h: Harness;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    h = await startApp({ DEMO: '1' });
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    await seedDemo(h.app, h.config);
    log.mockRestore();
    for (const user of DEMO_USERS) tokens.set(user.roles[0], await h.token(user.sub, user.roles));
  });

  afterAll(async () => {
    await h.close();
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
