import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ROLES, type Actor, type Role } from '@app/domain';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/tokens';
import { AuthenticationError } from './authentication-error';

const KNOWN_ROLES = new Set<string>(ROLES);
const VERIFIED_TOKENS = 10_000;
/** Re-verify at least this often, so a rotated key set (JWKS) takes effect. */
const VERIFIED_FOR_MS = 5 * 60_000;

/**
 * Verifies `Authorization: Bearer <JWT>`: HS256 with AUTH_JWT_SECRET, or the key set at
 * AUTH_JWKS_URL (with AUTH_ISSUER/AUTH_AUDIENCE) so any OIDC provider can issue tokens.
 * `exp` is required; `alg: none` and any algorithm other than the configured ones are refused.
 */
@Injectable()
export class TokenVerifier {
  private readonly secret: Uint8Array | null;
  /** Tokens already verified, until their expiry: a client sends the same token on every request. */
  private readonly verified = new Map<string, { actor: Actor; expiresAt: number }>();
  private readonly jwks: JWTVerifyGetKey | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.secret = config.auth.jwtSecret ? new TextEncoder().encode(config.auth.jwtSecret) : null;
    this.jwks = config.auth.jwksUrl ? createRemoteJWKSet(new URL(config.auth.jwksUrl)) : null;
  }

  /** The actor named by an Authorization header value; throws AuthenticationError. */
  async verifyHeader(header: string | undefined | null): Promise<Actor> {
    if (!header) throw new AuthenticationError('no bearer token: send Authorization: Bearer <JWT>');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new AuthenticationError('the Authorization header must be "Bearer <JWT>"');
    return this.verify(match[1]);
  }

  async verify(token: string): Promise<Actor> {
    const known = this.verified.get(token);
    if (known && known.expiresAt > Date.now()) return known.actor;
    const actor = await this.verifyUncached(token);
    if (this.verified.size >= VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { actor, expiresAt: Math.min(this.expiryOf(token), Date.now() + VERIFIED_FOR_MS) });
    return actor;
  }

  /** `exp` of a token that has been verified (header or bare token), in epoch milliseconds. */
  expiryOf(headerOrToken: string): number {
    const token = headerOrToken.replace(/^Bearer\s+/i, '').trim();
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { exp: number };
    return payload.exp * 1000;
  }

  private async verifyUncached(token: string): Promise<Actor> {
    let payload: JWTPayload;
    try {
      const options = {
        requiredClaims: ['exp', 'sub'],
        issuer: this.config.auth.issuer ?? undefined,
        audience: this.config.auth.audience ?? undefined,
      };
      if (this.jwks) {
        ({ payload } = await jwtVerify(token, this.jwks, { ...options, algorithms: ['RS256', 'ES256', 'PS256', 'EdDSA'] }));
      } else if (this.secret) {
        ({ payload } = await jwtVerify(token, this.secret, { ...options, algorithms: ['HS256'] }));
      } else {
        throw new AuthenticationError('no token verification is configured');
      }
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError(describe(error));
    }
    return actorFrom(payload);
  }
}

function actorFrom(payload: JWTPayload): Actor {
  const sub = payload.sub;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 200) {
    throw new AuthenticationError('the token has no valid "sub" claim');
  }
  const raw = (payload as { roles?: unknown }).roles ?? [];
  if (!Array.isArray(raw) || raw.some((role) => typeof role !== 'string')) {
    throw new AuthenticationError('the token\'s "roles" claim must be an array of role names');
  }
  const unknown = (raw as string[]).filter((role) => !KNOWN_ROLES.has(role));
  if (unknown.length > 0) {
    throw new AuthenticationError(`the token names roles that do not exist: ${unknown.join(', ')}`);
  }
  return { id: sub, roles: [...new Set(raw as Role[])] };
}

function describe(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the token signature does not verify';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm that is not accepted';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `the token's "${error.claim}" claim is not valid`;
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid) return 'the token is malformed';
  return 'the token could not be verified';
}
