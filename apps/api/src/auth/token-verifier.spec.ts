import { SignJWT, type JWTPayload } from 'jose';
import { loadConfig } from '../config/app-config';
import { AuthenticationError } from './authentication-error';
import { CLOCK_SKEW_SECONDS, TokenVerifier } from './token-verifier';

const SECRET = 'unit-secret-that-is-long-enough-for-hs256';
/** A fixed "now", on a whole second, so that each boundary below is exact. */
const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
const now = NOW / 1000;
const HOUR = 3600;

function sign(payload: JWTPayload, secret = SECRET): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

function verifier(lifetime = 'PT24H'): TokenVerifier {
  return new TokenVerifier(loadConfig({ AUTH_JWT_SECRET: SECRET, AUTH_MAX_TOKEN_LIFETIME: lifetime }));
}

const claims = (extra: JWTPayload = {}): JWTPayload => ({ sub: 'alice', roles: ['EDITOR'], iat: now, exp: now + HOUR, ...extra });

describe('TokenVerifier', () => {
  beforeEach(() => {
    // Date only: jose and the verifier read the clock through it.
    jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'clearTimeout'] });
  });
  afterEach(() => jest.useRealTimers());

  describe('time claims, at their exact boundaries', () => {
    const L = 24 * HOUR;
    it.each([
      ['exp one second ahead', { exp: now + 1 }, null],
      ['exp now', { exp: now }, 'the token has expired'],
      ['exp a second ago (no clock skew for exp)', { iat: now - 60, exp: now - 1 }, 'the token has expired'],
      [`iat ${CLOCK_SKEW_SECONDS} s ahead (the skew allowed)`, { iat: now + CLOCK_SKEW_SECONDS, exp: now + HOUR }, null],
      [`iat ${CLOCK_SKEW_SECONDS + 1} s ahead`, { iat: now + CLOCK_SKEW_SECONDS + 1, exp: now + HOUR }, /"iat" claim lies in the future/],
      ['no iat', { iat: undefined }, 'the token has no "iat" claim'],
      ['iat a string', { iat: 'yesterday' as unknown as number }, 'the token\'s "iat" claim is not valid'],
      [`nbf ${CLOCK_SKEW_SECONDS} s ahead`, { nbf: now + CLOCK_SKEW_SECONDS }, null],
      [`nbf ${CLOCK_SKEW_SECONDS + 1} s ahead`, { nbf: now + CLOCK_SKEW_SECONDS + 1 }, 'the token is not valid yet: its "nbf" claim lies in the future'],
      ['exp − iat exactly the lifetime', { iat: now, exp: now + L }, null],
      ['exp − iat one second over the lifetime', { iat: now, exp: now + L + 1 }, /valid for longer than PT24H from its "iat"/],
      ['an old iat that makes exp − iat too long', { iat: now - 23 * HOUR, exp: now + 2 * HOUR }, /valid for longer than PT24H/],
      ['exp at the lifetime plus the skew, iat at the skew', { iat: now + CLOCK_SKEW_SECONDS, exp: now + L + CLOCK_SKEW_SECONDS }, null],
      ['exp 1e300', { exp: 1e300 }, /"exp" claim lies more than PT24H ahead/],
      ['exp 1e300 with iat 1e300', { iat: 1e300, exp: 1e300 }, /"iat" claim lies in the future/],
      ['iat −1e300', { iat: -1e300 }, /valid for longer than PT24H/],
      ['no exp', { exp: undefined }, 'the token has no "exp" claim'],
    ])('%s', async (_name, extra, refusal) => {
      const token = await sign(claims(extra));
      const result = verifier().verify(token);
      if (refusal === null) await expect(result).resolves.toEqual({ id: 'alice', roles: ['EDITOR'] });
      else await expect(result).rejects.toThrow(refusal instanceof RegExp ? refusal : new RegExp(escape(refusal)));
      await result.catch((error: unknown) => expect(error).toBeInstanceOf(AuthenticationError));
    });

    it('measures the lifetime AUTH_MAX_TOKEN_LIFETIME sets', async () => {
      const token = await sign(claims({ exp: now + 2 * HOUR }));
      await expect(verifier('PT2H').verify(token)).resolves.toMatchObject({ id: 'alice' });
      await expect(verifier('PT1H59M59S').verify(token)).rejects.toThrow(/at most PT1H59M59S/);
    });
  });

  describe('expiryOf', () => {
    it('gives the verified exp of a token it has verified, as header or bare token', async () => {
      const v = verifier();
      const token = await sign(claims({ exp: now + 2 * HOUR }));
      await v.verifyHeader(`Bearer ${token}`);
      expect(v.expiryOf(`Bearer ${token}`)).toBe((now + 2 * HOUR) * 1000);
      expect(v.expiryOf(token)).toBe((now + 2 * HOUR) * 1000);
    });

    it('reads nothing from a token it has not verified', async () => {
      const v = verifier();
      // Well formed, signed with another key, and claiming to live for ever.
      const forged = await sign(claims({ exp: 1e300 }), 'another-secret-another-secret-another-secret');
      expect(() => v.expiryOf(`Bearer ${forged}`)).toThrow(AuthenticationError);
      await expect(v.verify(forged)).rejects.toThrow('the token signature does not verify');
      expect(() => v.expiryOf(forged)).toThrow(AuthenticationError);
    });

    it.each(['garbage', 'Bearer garbage', 'Bearer a.b', 'Bearer ', '', 'Bearer ..'])('answers %j with an AuthenticationError, not a parse error', (header) => {
      expect(() => verifier().expiryOf(header)).toThrow(AuthenticationError);
    });
  });

  describe('the verified-token cache', () => {
    it('never serves a token past its exp', async () => {
      const v = verifier();
      const token = await sign(claims({ exp: now + 90 }));
      await expect(v.verify(token)).resolves.toMatchObject({ id: 'alice' });
      jest.setSystemTime(NOW + 89_999);
      await expect(v.verify(token)).resolves.toMatchObject({ id: 'alice' });
      jest.setSystemTime(NOW + 90_000);
      await expect(v.verify(token)).rejects.toThrow('the token has expired');
    });

    it('forgets a refused token: it is refused again, not remembered as anything', async () => {
      const v = verifier();
      const token = await sign(claims({ sub: 'alice\r\nADMIN' }));
      await expect(v.verify(token)).rejects.toThrow('"sub" claim contains U+000D');
      await expect(v.verify(token)).rejects.toThrow('"sub" claim contains U+000D');
      expect(() => v.expiryOf(token)).toThrow(AuthenticationError);
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
