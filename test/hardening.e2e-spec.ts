import type { EventStore } from '@app/event-store';
import { EVENT_STORE } from '../apps/api/src/infrastructure/tokens';
import { removeDir, startApp, type Harness } from './support/app-harness';
import { IMPORT, PROPOSE, SMALL_ARTICLE, type SectionShape } from './support/review-operations';

/** The service's outer defences: rate limit, CSRF prevention, security headers, production mode. */
describe('hardening', () => {
  describe('with RATE_LIMIT_PER_MINUTE=3', () => {
    let h: Harness;
    let store: EventStore;

    beforeAll(async () => {
      h = await startApp({ RATE_LIMIT_PER_MINUTE: '3' });
      store = h.app.get(EVENT_STORE);
    });
    afterAll(async () => {
      await h.close();
      removeDir(h.dir);
    });

    it('refuses a user\'s fourth mutation in a minute with RATE_LIMITED and retryAfterSeconds, writing nothing, while others go on', async () => {
      const editor = await h.token('busy-editor', ['EDITOR']);
      const imported = await h.gql<{ importArticle: { article: { sections: SectionShape[] } } }>(editor, IMPORT, {
        input: { title: 'Rate', text: SMALL_ARTICLE },
      });
      let claim = imported.data!.importArticle.article.sections[0].claims[0];
      for (let i = 0; i < 2; i += 1) {
        const res = await h.gql<{ proposeClaimRevision: typeof claim }>(editor, PROPOSE, {
          input: { claimId: claim.id, expectedRevision: claim.revision, text: `Version ${i}.`, citations: [1], reason: 'r' },
        });
        expect(res.errors).toBeUndefined();
        claim = res.data!.proposeClaimRevision;
      }
      const before = (await store.status()).lastPosition;
      const limited = await h.gql(editor, PROPOSE, {
        input: { claimId: claim.id, expectedRevision: claim.revision, text: 'One too many.', citations: [1], reason: 'r' },
      });
      expect(limited.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(limited.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect((await store.status()).lastPosition).toBe(before);

      const other = await h.token('other-editor', ['EDITOR']);
      const allowed = await h.gql(other, PROPOSE, {
        input: { claimId: claim.id, expectedRevision: claim.revision, text: 'Someone else.', citations: [1], reason: 'r' },
      });
      expect(allowed.errors).toBeUndefined();
    });

    it('blocks a simple cross-site request (text/plain) before it runs', async () => {
      const token = await h.token('csrf', ['EDITOR']);
      const res = await fetch(`${h.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ me { id } }' }),
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('BAD_REQUEST');
    });

    it('sends security headers', async () => {
      const res = await fetch(`${h.url}/health`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('strict-transport-security')).toContain('max-age');
      expect(res.headers.get('x-request-id')).toBeTruthy();
    });
  });

  describe('with NODE_ENV=production', () => {
    let h: Harness;

    beforeAll(async () => {
      h = await startApp({ NODE_ENV: 'production' });
    });
    afterAll(async () => {
      await h.close();
      removeDir(h.dir);
    });

    it('refuses introspection', async () => {
      const res = await h.gql(await h.token('x', ['AUDITOR']), '{ __schema { types { name } } }');
      expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors?.[0]?.message).toMatch(/introspection/i);
    });

    it('serves no landing page and a content security policy', async () => {
      const res = await fetch(`${h.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(res.headers.get('content-type') ?? '').not.toContain('text/html');
      expect(await res.text()).not.toMatch(/<html|graphiql/i);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    });
  });
});
