import { decodeJwt, decodeProtectedHeader, importJWK, SignJWT, type JWK, type KeyLike } from 'jose';
import type { EventStore } from '@app/event-store';
import { EVENT_STORE } from '../apps/api/src/infrastructure/tokens';
import { removeDir, startApp, type Harness } from './support/app-harness';
import { oidcProviderUnavailable, rsaSigningKey, startOidcProvider, type OidcClient, type OidcProvider } from './support/oidc-provider';
import { IMPORT, SMALL_ARTICLE } from './support/review-operations';
import { connectWs } from './support/ws-client';

/**
 * The AUTH_JWKS_URL path against a real OpenID provider that the test starts (oidc-provider, in a
 * child process): the service is configured as a resource server would be, with the provider's
 * jwks_uri from its discovery document, AUTH_ISSUER and AUTH_AUDIENCE, and is handed access tokens
 * that the provider issued through the client-credentials grant with a resource indicator.
 */

jest.setTimeout(30_000);

const RESOURCE = 'https://review-api.test/';
const OTHER_RESOURCE = 'https://other-api.test/';
const CLIENTS: OidcClient[] = [
  { id: 'review-editor', secret: 'editor-secret-0123456789', roles: ['EDITOR'], ttl: 600 },
  { id: 'review-auditor', secret: 'auditor-secret-0123456789', roles: ['AUDITOR'], ttl: 600 },
  { id: 'short-lived', secret: 'short-secret-0123456789', roles: ['EDITOR'], ttl: 1 },
];
/** jose refetches a key set for an unknown `kid` at most once per 30 s (its cooldownDuration). */
const JWKS_COOLDOWN_MS = 30_000;

/** Skipped only when oidc-provider cannot even be loaded here; one line says why. */
const unavailable = oidcProviderUnavailable();
if (unavailable) process.stderr.write(`skipping the OpenID provider tests: ${unavailable}\n`);
const describeWithProvider = unavailable ? describe.skip : describe;

describeWithProvider(`tokens from a real OpenID provider (AUTH_JWKS_URL)${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let provider: OidcProvider;
  /** Another issuer holding the very same keys: only the `iss` check tells its tokens apart. */
  let otherIssuer: OidcProvider;
  let h: Harness;
  let store: EventStore;
  let firstKey: JWK;
  /** A key of nobody's key set. */
  let intruder: { key: KeyLike | Uint8Array; kid: string };
  let shortLived: Promise<string>;

  beforeAll(async () => {
    const [first, intruderKey] = await Promise.all([rsaSigningKey(), rsaSigningKey()]);
    firstKey = first.jwk;
    intruder = { key: await importJWK(intruderKey.jwk, 'RS256'), kid: intruderKey.kid };
    const settings = { keys: [first.jwk], clients: CLIENTS, resources: [RESOURCE, OTHER_RESOURCE] };
    [provider, otherIssuer] = await Promise.all([startOidcProvider(settings), startOidcProvider(settings)]);
    // Obtained first, so that its one second runs out while the other cases run.
    shortLived = provider.accessToken('short-lived', RESOURCE);
    shortLived.catch(() => undefined); // its failure is reported by the test that awaits it
    h = await startApp({ AUTH_JWT_SECRET: '', AUTH_JWKS_URL: provider.jwksUri, AUTH_ISSUER: provider.issuer, AUTH_AUDIENCE: RESOURCE });
    store = h.app.get(EVENT_STORE);
  });

  afterAll(async () => {
    await h?.close();
    if (h) removeDir(h.dir);
    await Promise.all([provider?.stop(), otherIssuer?.stop()]);
  });

  it('issues what a resource server expects: an RS256 JWT for the resource, with sub and roles', async () => {
    const token = await provider.accessToken('review-editor', RESOURCE);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', typ: 'at+jwt', kid: firstKey.kid });
    expect(decodeJwt(token)).toMatchObject({ iss: provider.issuer, aud: RESOURCE, sub: 'review-editor', roles: ['EDITOR'] });
  });

  it('accepts its token over HTTP, graphql-ws and the audit export', async () => {
    const editor = await provider.accessToken('review-editor', RESOURCE);
    const me = await h.gql<{ me: { id: string; roles: string[] } }>(editor, '{ me { id roles } }');
    expect(me.errors).toBeUndefined();
    expect(me.data?.me).toEqual({ id: 'review-editor', roles: ['EDITOR'] });

    const imported = await h.gql<{ importArticle: { article: { id: string } } }>(editor, IMPORT, { input: { title: 'Magnesium', text: SMALL_ARTICLE } });
    expect(imported.errors).toBeUndefined();
    const ws = connectWs(h.url, `Bearer ${editor}`);
    await expect(ws.connected).resolves.toBeUndefined();
    await ws.close();

    const auditor = await provider.accessToken('review-auditor', RESOURCE);
    const res = await fetch(`${h.url}/audit/export?articleId=${imported.data!.importArticle.article.id}`, { headers: { authorization: `Bearer ${auditor}` } });
    expect(res.status).toBe(200);
  });

  const expectRefused = async (token: string, message: RegExp) => {
    const before = (await store.status()).lastPosition;
    const me = await h.gql(token, IMPORT, { input: { title: 'Refused', text: SMALL_ARTICLE } });
    expect(me.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(me.errors?.[0]?.message).toMatch(message);
    const ws = connectWs(h.url, `Bearer ${token}`);
    await expect(ws.connected).rejects.toMatchObject({ code: 4403 });
    await ws.close();
    expect((await store.status()).lastPosition).toBe(before);
  };

  it('refuses its token for another audience', async () => {
    const token = await provider.accessToken('review-editor', OTHER_RESOURCE);
    expect(decodeJwt(token).aud).toBe(OTHER_RESOURCE);
    await expectRefused(token, /^the token's "aud" claim is not valid$/);
  });

  it('refuses a token from another issuer, even one signed with a key in the set', async () => {
    const token = await otherIssuer.accessToken('review-editor', RESOURCE);
    expect(decodeProtectedHeader(token).kid).toBe(firstKey.kid);
    await expectRefused(token, /^the token's "iss" claim is not valid$/);
  });

  it('refuses a token signed with a key that is not in the set', async () => {
    const forge = (kid: string) =>
      new SignJWT({ roles: ['ADMIN'] })
        .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid })
        .setIssuer(provider.issuer)
        .setAudience(RESOURCE)
        .setSubject('intruder')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(intruder.key);
    await expectRefused(await forge(intruder.kid), /^the token is signed with a key that is not in the key set$/);
    // The provider's own key id on it changes nothing: the signature is checked with that key.
    await expectRefused(await forge(firstKey.kid as string), /^the token signature does not verify$/);
  });

  it('refuses its token once it has expired, though jose alone would allow 60 s of skew', async () => {
    const token = await shortLived;
    const { exp } = decodeJwt(token);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, (exp as number) * 1000 - Date.now() + 50)));
    await expectRefused(token, /^the token has expired$/);
  });

  it('picks up a rotated key set without a restart of the service', async () => {
    const unseenOldToken = await provider.accessToken('review-editor', RESOURCE);
    const second = await rsaSigningKey();
    await provider.restart([second.jwk]);
    const rotated = await provider.accessToken('review-editor', RESOURCE);
    expect(decodeProtectedHeader(rotated).kid).toBe(second.kid);

    // The service fetched the key set moments ago and jose waits out its cooldown before it
    // fetches again for an unknown kid; move this process's clock past that instead of waiting.
    const realNow = Date.now.bind(Date);
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + JWKS_COOLDOWN_MS + 1_000);
    try {
      const me = await h.gql<{ me: { id: string } }>(rotated, '{ me { id } }');
      expect(me.errors).toBeUndefined();
      expect(me.data?.me.id).toBe('review-editor');
      // The retired key is gone from the set: a token it signed that the service never saw is refused.
      await expectRefused(unseenOldToken, /^the token is signed with a key that is not in the key set$/);
    } finally {
      clock.mockRestore();
    }
  });
});
