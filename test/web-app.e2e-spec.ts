import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_USERS } from '../apps/api/src/demo/demo-seeder';
import { removeDir, startApp, type Harness } from './support/app-harness';

/** A stand-in for the web app's build: two pages and one hashed asset. */
function fakeBuild(): string {
  const root = mkdtempSync(join(tmpdir(), 'review-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title><div id="root"></div>');
  writeFileSync(join(root, 'graphiql.html'), '<!doctype html><title>GraphiQL here</title>');
  writeFileSync(join(root, 'assets', 'app-Ab12Cd34.js'), 'console.log(1)');
  return root;
}

const json404 = async (res: Response) => {
  expect(res.status).toBe(404);
  expect(res.headers.get('content-type')).toContain('application/json');
  return ((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code;
};

describe('the web app beside the API', () => {
  describe('in development, built', () => {
    let h: Harness;
    let web: string;
    beforeAll(async () => {
      web = fakeBuild();
      h = await startApp({ WEB_ROOT: web });
    });
    afterAll(async () => {
      await h.close();
      removeDir(h.dir);
      removeDir(web);
    });

    it("serves the app's page at / and at any of its own paths, never cached", async () => {
      for (const path of ['/', '/queue', '/claims/29b4f3c8-e449-57c1-9229-72b0a77cb0f4', '/audit?article=x']) {
        const res = await fetch(`${h.url}${path}`, { headers: { accept: 'text/html' } });
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
        expect(res.headers.get('content-type')).toContain('text/html');
        expect(res.headers.get('cache-control')).toBe('no-cache');
        expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
        expect(await res.text()).toContain('<div id="root">');
      }
    });

    it('serves hashed assets with a long immutable cache', async () => {
      const res = await fetch(`${h.url}/assets/app-Ab12Cd34.js`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    });

    it("answers a JSON 404, not the app's page, for a missing asset, an unknown API path or a file", async () => {
      for (const path of ['/assets/gone-123.js', '/graphql/extra', '/health/x', '/audit/export/x', '/demo/users', '/favicon.ico']) {
        expect(await json404(await fetch(`${h.url}${path}`, { headers: { accept: 'text/html' } }))).toBe('NOT_FOUND');
      }
    });

    it('serves the self-hosted GraphiQL at /graphiql and no landing page at /graphql', async () => {
      const graphiql = await fetch(`${h.url}/graphiql`);
      expect(graphiql.status).toBe(200);
      expect(await graphiql.text()).toContain('GraphiQL here');
      const landing = await fetch(`${h.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(landing.headers.get('content-type') ?? '').not.toContain('text/html');
      expect(await landing.text()).not.toMatch(/cdn|unpkg|jsdelivr|<html/i);
    });

    it('still answers the API', async () => {
      const res = await h.gql(await h.token('fred', ['FACT_CHECKER']), '{ me { id } }');
      expect(res.data).toEqual({ me: { id: 'fred' } });
    });
  });

  describe('in production', () => {
    let h: Harness;
    let web: string;
    beforeAll(async () => {
      web = fakeBuild();
      h = await startApp({ WEB_ROOT: web, NODE_ENV: 'production' });
    });
    afterAll(async () => {
      await h.close();
      removeDir(h.dir);
      removeDir(web);
    });

    it('serves the app but not GraphiQL, whose introspection production turns off', async () => {
      expect((await fetch(`${h.url}/`)).status).toBe(200);
      expect(await json404(await fetch(`${h.url}/graphiql`))).toBe('NOT_FOUND');
      expect(await json404(await fetch(`${h.url}/graphiql.html`))).toBe('NOT_FOUND');
    });
  });

  describe('not built', () => {
    let h: Harness;
    let empty: string;
    beforeAll(async () => {
      empty = mkdtempSync(join(tmpdir(), 'review-web-none-'));
      h = await startApp({ WEB_ROOT: empty });
    });
    afterAll(async () => {
      await h.close();
      removeDir(h.dir);
      removeDir(empty);
    });

    it('starts, and says at / that the app is not built, in JSON', async () => {
      const res = await fetch(`${h.url}/`);
      expect(await json404(res.clone())).toBe('NOT_FOUND');
      expect(((await res.json()) as { errors: Array<{ message: string }> }).errors[0].message).toBe(
        'the reviewer web app is not built: run npm run build',
      );
      expect((await fetch(`${h.url}/health`)).status).toBe(200);
    });
  });
});

describe('GET /demo/users', () => {
  it('answers each demo user with a fresh token that the API accepts, in demo mode', async () => {
    const h = await startApp({ DEMO: '1' });
    try {
      const res = await fetch(`${h.url}/demo/users`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const { users } = (await res.json()) as { users: Array<{ id: string; roles: string[]; token: string }> };
      expect(users.map(({ id, roles }) => ({ sub: id, roles }))).toEqual(DEMO_USERS);
      for (const user of users) {
        const me = await h.gql(user.token, '{ me { id roles } }');
        expect(me.data).toEqual({ me: { id: user.id, roles: user.roles } });
      }
    } finally {
      await h.close();
      removeDir(h.dir);
    }
  });

  it('does not exist outside demo mode', async () => {
    const h = await startApp();
    try {
      expect(await json404(await fetch(`${h.url}/demo/users`))).toBe('NOT_FOUND');
    } finally {
      await h.close();
      removeDir(h.dir);
    }
  });
});
