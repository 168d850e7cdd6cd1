import { connect } from 'node:net';
import type { EventStore } from '@app/event-store';
import { EVENT_STORE } from '../apps/api/src/infrastructure/tokens';
import { removeDir, startApp, TEST_SECRET, type Harness } from './support/app-harness';
import { rawJwt } from './support/raw-tokens';
import { IMPORT, SMALL_ARTICLE } from './support/review-operations';
import { connectWs } from './support/ws-client';

/**
 * Every class of loosely checked token, refused the same way on each channel that takes a token:
 * GraphQL over HTTP, graphql-ws (connectionParams.authorization) and GET /audit/export. Each token
 * below is correctly signed with the service's secret and names EDITOR and AUDITOR, so a verifier
 * that let it through would import an article (HTTP, WebSocket) or stream the export; the store's
 * position shows that nothing was written.
 */

jest.setTimeout(30_000);

const HOUR = 3600;
const nowS = () => Math.floor(Date.now() / 1000);
const signed = (payload: Record<string, unknown>) => rawJwt({ alg: 'HS256', typ: 'JWT' }, payload, TEST_SECRET);
/** A token the verifier accepts; each case changes one thing. */
const claims = (extra: Record<string, unknown> = {}) => ({ sub: 'tess', roles: ['EDITOR', 'AUDITOR'], iat: nowS(), exp: nowS() + HOUR, ...extra });
const withClaims = (extra: Record<string, unknown>) => () => signed(claims(extra));
const without = (claim: string) => () => signed(Object.fromEntries(Object.entries(claims()).filter(([key]) => key !== claim)));

interface RefusedCase {
  name: string;
  token: () => string;
  /** What the UNAUTHENTICATED message must say. */
  message: RegExp;
}

const refused: RefusedCase[] = [
  // ---- sub: a printable id of bounded length, in NFC ----
  { name: 'sub with CR', token: withClaims({ sub: 'tess\r' }), message: /"sub" claim contains U\+000D/ },
  { name: 'sub with CR LF and a second line', token: withClaims({ sub: 'tess\r\nX-Role: ADMIN' }), message: /"sub" claim contains U\+000D/ },
  { name: 'sub with LF', token: withClaims({ sub: 'tess\nADMIN' }), message: /"sub" claim contains U\+000A/ },
  { name: 'sub with NUL', token: withClaims({ sub: 'tess\u0000root' }), message: /"sub" claim contains U\+0000/ },
  { name: 'sub with TAB', token: withClaims({ sub: 'te\tss' }), message: /"sub" claim contains U\+0009/ },
  { name: 'sub with an ANSI escape', token: withClaims({ sub: 'tess\u001B[2J' }), message: /"sub" claim contains U\+001B/ },
  { name: 'sub with DEL', token: withClaims({ sub: 'tess\u007F' }), message: /"sub" claim contains U\+007F/ },
  { name: 'sub with a C1 control (NEL)', token: withClaims({ sub: 'tess\u0085' }), message: /"sub" claim contains U\+0085/ },
  { name: 'sub with U+202E (right-to-left override)', token: withClaims({ sub: 'tess\u202Egnp.exe' }), message: /"sub" claim contains U\+202E/ },
  { name: 'sub with U+202A (left-to-right embedding)', token: withClaims({ sub: '\u202Atess' }), message: /"sub" claim contains U\+202A/ },
  { name: 'sub with U+2067 (right-to-left isolate)', token: withClaims({ sub: 'tess\u2067' }), message: /"sub" claim contains U\+2067/ },
  { name: 'sub with U+200F (right-to-left mark)', token: withClaims({ sub: 'tess\u200F' }), message: /"sub" claim contains U\+200F/ },
  { name: 'sub with U+061C (Arabic letter mark)', token: withClaims({ sub: 'tess\u061C' }), message: /"sub" claim contains U\+061C/ },
  { name: 'sub with U+2028 (line separator)', token: withClaims({ sub: 'tess\u2028' }), message: /"sub" claim contains U\+2028/ },
  { name: 'sub with U+2029 (paragraph separator)', token: withClaims({ sub: 'tess\u2029' }), message: /"sub" claim contains U\+2029/ },
  { name: 'sub with a zero-width space', token: withClaims({ sub: 'te\u200Bss' }), message: /"sub" claim contains U\+200B/ },
  { name: 'sub with a lone surrogate', token: withClaims({ sub: 'tess\uD800' }), message: /"sub" claim contains a lone surrogate \(U\+D800\)/ },
  { name: 'sub of only spaces', token: withClaims({ sub: '    ' }), message: /"sub" claim is only whitespace/ },
  { name: 'sub of one space', token: withClaims({ sub: ' ' }), message: /"sub" claim is only whitespace/ },
  { name: 'empty sub', token: withClaims({ sub: '' }), message: /"sub" claim is empty/ },
  { name: 'sub with a leading space', token: withClaims({ sub: ' tess' }), message: /"sub" claim begins or ends with whitespace/ },
  { name: 'sub with a trailing no-break space', token: withClaims({ sub: 'tess\u00A0' }), message: /"sub" claim begins or ends with whitespace/ },
  { name: 'sub not in NFC (e + combining acute)', token: withClaims({ sub: 'Jose\u0301' }), message: /"sub" claim is not in Unicode normalisation form NFC/ },
  { name: 'sub of 201 characters', token: withClaims({ sub: 'x'.repeat(201) }), message: /"sub" claim is longer than 200 characters/ },
  { name: 'sub that is a number', token: withClaims({ sub: 42 }), message: /"sub" claim must be a string/ },
  { name: 'no sub', token: without('sub'), message: /^the token has no "sub" claim$/ },
  // ---- each role: printable, then known ----
  { name: 'a role with LF', token: withClaims({ roles: ['EDITOR\nADMIN'] }), message: /"roles" claim contains U\+000A/ },
  { name: 'a role with U+202E', token: withClaims({ roles: ['\u202ENIMDA'] }), message: /"roles" claim contains U\+202E/ },
  { name: 'a role with NUL', token: withClaims({ roles: ['AUDITOR\u0000'] }), message: /"roles" claim contains U\+0000/ },
  { name: 'a role of spaces', token: withClaims({ roles: ['  '] }), message: /"roles" claim is only whitespace/ },
  { name: 'a role with a trailing space', token: withClaims({ roles: ['EDITOR '] }), message: /"roles" claim begins or ends with whitespace/ },
  { name: 'an unknown role', token: withClaims({ roles: ['EDITOR', 'SUPERUSER'] }), message: /^the token names roles that do not exist: "SUPERUSER"$/ },
  { name: 'a hundred roles', token: withClaims({ roles: Array.from({ length: 100 }, () => 'EDITOR') }), message: /lists more than 32 roles/ },
  // ---- iat and nbf: not in the future beyond the clock skew; iat required ----
  { name: 'iat an hour in the future', token: withClaims({ iat: nowS() + HOUR, exp: nowS() + 2 * HOUR }), message: /"iat" claim lies in the future/ },
  { name: 'iat two minutes in the future', token: withClaims({ iat: nowS() + 120 }), message: /"iat" claim lies in the future/ },
  { name: 'no iat', token: without('iat'), message: /^the token has no "iat" claim$/ },
  { name: 'iat that is not a number', token: withClaims({ iat: 'now' }), message: /^the token's "iat" claim is not valid$/ },
  { name: 'nbf ten minutes in the future', token: withClaims({ nbf: nowS() + 600 }), message: /"nbf" claim lies in the future/ },
  // ---- exp: required, strictly in the future, within AUTH_MAX_TOKEN_LIFETIME (PT24H) ----
  { name: 'exp 1e300 (never expires)', token: withClaims({ exp: 1e300 }), message: /"exp" claim lies more than PT24H ahead/ },
  { name: 'exp 25 hours ahead', token: withClaims({ exp: nowS() + 25 * HOUR }), message: /"exp" claim lies more than PT24H ahead/ },
  { name: 'exp − iat of 25 hours, 2 hours left', token: withClaims({ iat: nowS() - 23 * HOUR, exp: nowS() + 2 * HOUR }), message: /valid for longer than PT24H from its "iat"/ },
  { name: 'exp 10 seconds ago (no clock skew for exp)', token: withClaims({ iat: nowS() - HOUR, exp: nowS() - 10 }), message: /^the token has expired$/ },
  { name: 'no exp', token: without('exp'), message: /^the token has no "exp" claim$/ },
  // ---- length: at most 8 KB, under Node's 16 KB header limit, so the verifier answers ----
  { name: 'a correctly signed 9 KB token', token: withClaims({ pad: 'x'.repeat(7000) }), message: /longer than the 8192 characters this service accepts/ },
];

const accepted: Array<{ name: string; token: () => string; id: string }> = [
  { name: 'a plain token', token: withClaims({}), id: 'tess' },
  { name: 'a sub of 200 characters', token: withClaims({ sub: 'x'.repeat(200) }), id: 'x'.repeat(200) },
  { name: 'a sub with inner spaces and accents, in NFC', token: withClaims({ sub: 'José Ångström' }), id: 'José Ångström' },
  { name: 'iat 30 s ahead (within the clock skew)', token: withClaims({ iat: nowS() + 30 }), id: 'tess' },
  { name: 'nbf 30 s ahead (within the clock skew)', token: withClaims({ nbf: nowS() + 30 }), id: 'tess' },
  { name: 'the demo issuer\'s 8 hours', token: withClaims({ exp: nowS() + 8 * HOUR }), id: 'tess' },
  { name: 'exactly the 24-hour lifetime', token: withClaims({ exp: nowS() + 24 * HOUR }), id: 'tess' },
  { name: 'a token of 8,000 characters', token: withClaims({ pad: 'x'.repeat(5800) }), id: 'tess' },
];

/** No control, bidi or line-break character of a claim is echoed into an error message. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

describe('tokens are checked strictly, on every channel', () => {
  let h: Harness;
  let store: EventStore;
  let articleId: string;
  const position = async () => (await store.status()).lastPosition;
  const importVariables = { input: { title: 'Token probe', text: SMALL_ARTICLE } };

  beforeAll(async () => {
    h = await startApp();
    store = h.app.get(EVENT_STORE);
    const imported = await h.gql<{ importArticle: { article: { id: string } } }>(await h.token('erin', ['EDITOR']), IMPORT, {
      input: { title: 'Magnesium', text: SMALL_ARTICLE },
    });
    articleId = imported.data!.importArticle.article.id;
  });

  afterAll(async () => {
    await h?.close();
    if (h) removeDir(h.dir);
  });

  const overHttp = async (token: string) => {
    const res = await fetch(`${h.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: IMPORT, variables: importVariables }),
    });
    return (await res.json()) as { data?: { importArticle: unknown } | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  };
  const overExport = async (token: string) => {
    const res = await fetch(`${h.url}/audit/export?articleId=${articleId}&format=jsonl`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, text: await res.text() };
  };

  it('has a case for every class of token, the long ones either side of the 8192-character limit', () => {
    expect(refused.length).toBeGreaterThanOrEqual(40);
    expect(refused.find((c) => c.name.includes('9 KB'))!.token().length).toBeGreaterThan(8192);
    expect(accepted.find((c) => c.name.includes('8,000'))!.token().length).toBeGreaterThan(7900);
    expect(accepted.find((c) => c.name.includes('8,000'))!.token().length).toBeLessThanOrEqual(8192);
  });

  it.each(refused.map((c) => [c.name, c] as const))('refuses %s: UNAUTHENTICATED with a reason, nothing written', async (_name, c) => {
    const before = await position();
    const token = c.token();

    const http = await overHttp(token);
    expect(http.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(http.errors?.[0]?.message).toMatch(c.message);
    expect(http.errors?.[0]?.message).not.toMatch(UNPRINTABLE);
    expect(http.data?.importArticle ?? null).toBeNull();

    // graphql-ws: the connection itself is refused, so the mutation sent on it never runs.
    const ws = connectWs(h.url, `Bearer ${token}`);
    const mutation = ws.subscribe(IMPORT, importVariables);
    await expect(ws.connected).rejects.toMatchObject({ code: 4403 });
    await mutation.waitForEnd();
    expect(mutation.received.items).toEqual([]);
    await ws.close();

    const exported = await overExport(token);
    expect(exported.status).toBe(401);
    const body = JSON.parse(exported.text) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.errors[0].message).toMatch(c.message);

    expect(await position()).toBe(before);
  });

  it.each(accepted.map((c) => [c.name, c] as const))('accepts %s on every channel', async (_name, c) => {
    const token = c.token();
    const me = await h.gql<{ me: { id: string; roles: string[] } }>(token, '{ me { id roles } }');
    expect(me.errors).toBeUndefined();
    expect(me.data?.me).toEqual({ id: c.id, roles: ['EDITOR', 'AUDITOR'] });
    const ws = connectWs(h.url, `Bearer ${token}`);
    await expect(ws.connected).resolves.toBeUndefined();
    await ws.close();
    expect((await overExport(token)).status).toBe(200);
  });

  describe('a 100 KB token, over Node\'s 16 KB header limit', () => {
    const huge = () => signed(claims({ pad: 'x'.repeat(75_000) }));
    const expectShape = (status: number, contentType: string | null, text: string) => {
      expect(status).toBe(431);
      expect(contentType).toMatch(/^application\/json/);
      expect(JSON.parse(text)).toEqual({
        errors: [{ message: expect.stringMatching(/^the request headers are larger than the 16 KB this service reads/), extensions: { code: 'REQUEST_HEADER_FIELDS_TOO_LARGE' } }],
      });
    };

    it('is answered 431 in the service\'s JSON error shape on /graphql and /audit/export', async () => {
      const before = await position();
      const token = huge();
      expect(token.length).toBeGreaterThan(100_000);
      const graphql = await fetch(`${h.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: IMPORT, variables: importVariables }),
      });
      expectShape(graphql.status, graphql.headers.get('content-type'), await graphql.text());
      const exported = await fetch(`${h.url}/audit/export?articleId=${articleId}`, { headers: { authorization: `Bearer ${token}` } });
      expectShape(exported.status, exported.headers.get('content-type'), await exported.text());
      expect(await position()).toBe(before);
    });

    it('is a whole HTTP answer on the wire, then the connection closes', async () => {
      const port = Number(new URL(h.url).port);
      const request = `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: Bearer ${huge()}\r\nContent-Length: 2\r\n\r\n{}`;
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1');
        let received = '';
        socket.on('data', (chunk) => (received += chunk.toString('utf8')));
        socket.on('close', () => resolve(received));
        socket.on('error', reject);
        socket.end(request);
      });
      const [statusLine, ...rest] = answer.split('\r\n');
      expect(statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
      const blank = rest.indexOf('');
      const headers = rest.slice(0, blank).map((line) => line.toLowerCase());
      expect(headers).toEqual(expect.arrayContaining(['content-type: application/json; charset=utf-8', 'connection: close']));
      expectShape(431, 'application/json', rest.slice(blank + 1).join('\r\n'));
    });

    it('is refused by the verifier over graphql-ws, where no header limit applies', async () => {
      const before = await position();
      const ws = connectWs(h.url, `Bearer ${huge()}`);
      const mutation = ws.subscribe(IMPORT, importVariables);
      await expect(ws.connected).rejects.toMatchObject({ code: 4403 });
      await mutation.waitForEnd();
      expect(mutation.received.items).toEqual([]);
      await ws.close();
      expect(await position()).toBe(before);
    });
  });

  it('closes a graphql-ws connection at its token\'s verified exp', async () => {
    const ws = connectWs(h.url, `Bearer ${signed(claims({ exp: nowS() + 2 }))}`);
    await ws.connected;
    const closed = await new Promise<{ code: number }>((resolve) => ws.client.on('closed', (event) => resolve(event as { code: number })));
    expect(closed.code).toBe(4401);
    await ws.close();
  });
});
