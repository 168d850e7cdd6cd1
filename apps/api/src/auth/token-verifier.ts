import { Inject, Injectable } from '@nestjs/common';
import {
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
} from 'jose';
import { ROLES, type Actor, type Role } from '@app/domain';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/tokens';
import { AuthenticationError } from './authentication-error';
import { formatIsoDuration } from './iso-duration';
import { whyNotPrintableId } from './printable-id';

const KNOWN_ROLES = new Set<string>(ROLES);
const VERIFIED_TOKENS = 10_000;
/** Re-verify at least this often, so a rotated key set (JWKS) takes effect. */
const VERIFIED_FOR_MS = 5 * 60_000;

/**
 * Longest token accepted, in characters. Real access tokens are 1–2 KB; the largest common ones
 * (Entra ID with its 200-group cap) stay near 6 KB. 8 KB is room for those and well under Node's
 * 16 KB limit for all request headers together, so an over-long token gets this verifier's answer
 * (UNAUTHENTICATED with the reason) on every channel, graphql-ws included, where no header limit
 * applies at all.
 */
export const MAX_TOKEN_LENGTH = 8192;

/**
 * How far ahead of this service's clock an issuer's may run: `iat` and `nbf` may be this much in the
 * future, and a fresh token's `exp` this much beyond the lifetime. Never applied to an `exp` that has
 * passed: an expired token is refused at once.
 */
export const CLOCK_SKEW_SECONDS = 60;

/** More role names than there are roles is a claim from some other application. */
const MAX_ROLES = 32;

/** What a valid token proves: who, and until when (its `exp`, epoch milliseconds). */
interface Verified {
  actor: Actor;
  expiresAt: number;
}

/**
 * Verifies `Authorization: Bearer <JWT>`: HS256 with AUTH_JWT_SECRET, or the key set at
 * AUTH_JWKS_URL (with AUTH_ISSUER/AUTH_AUDIENCE) so any OIDC provider can issue tokens.
 *
 * This is the one owner of what a token must be, for GraphQL over HTTP, graphql-ws and the audit
 * export alike: at most MAX_TOKEN_LENGTH characters; signed with a configured algorithm (never
 * `alg: none`); `exp`, `iat` and `sub` present; not expired, not issued or valid only in the future
 * (beyond CLOCK_SKEW_SECONDS); living no longer than AUTH_MAX_TOKEN_LIFETIME; `sub` and every role a
 * printable id (printable-id.ts), every role a known one.
 *
 * `iat` is required (RFC 9068, the JWT profile for OAuth 2.0 access tokens, requires it too): without
 * it a token's lifetime cannot be measured, only its remaining time, and the demo issuer and the
 * common identity providers all set it.
 */
@Injectable()
export class TokenVerifier {
  private readonly secret: Uint8Array | null;
  /**
   * Tokens already verified, least recently used first: a client sends the same token on every
   * request. An entry is used only until its `recheckAt` (never past the token's own `exp`).
   */
  private readonly verified = new Map<string, Verified & { recheckAt: number }>();
  private readonly jwks: JWTVerifyGetKey | null;
  private readonly maxLifetime: number;
  /** The lifetime as the messages give it ("PT24H"). */
  private readonly lifetimeText: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.secret = config.auth.jwtSecret ? new TextEncoder().encode(config.auth.jwtSecret) : null;
    // On a `kid` it does not know, jose fetches the key set again (at most once per 30 s), so a
    // provider's new key is picked up without a restart.
    this.jwks = config.auth.jwksUrl ? createRemoteJWKSet(new URL(config.auth.jwksUrl)) : null;
    this.maxLifetime = config.auth.maxTokenLifetimeSeconds;
    this.lifetimeText = formatIsoDuration(this.maxLifetime);
  }

  /** The actor named by an Authorization header value; throws AuthenticationError. */
  async verifyHeader(header: string | undefined | null): Promise<Actor> {
    return this.verify(bearerToken(header));
  }

  async verify(token: string): Promise<Actor> {
    return (await this.verifyCached(token)).actor;
  }

  /**
   * The verified `exp` (epoch milliseconds) of a token this verifier has just accepted, given as the
   * header value or the bare token: a graphql-ws socket is closed then. It reads no token itself, so
   * a token that was not verified (or has been forgotten since) has no expiry here, only an
   * AuthenticationError.
   */
  expiryOf(headerOrToken: string): number {
    const token = /^Bearer\s/i.test(headerOrToken) ? bearerToken(headerOrToken) : headerOrToken;
    const known = this.verified.get(token);
    if (!known) throw new AuthenticationError('the token has not been verified');
    return known.expiresAt;
  }

  private async verifyCached(token: string): Promise<Verified> {
    if (token.length > MAX_TOKEN_LENGTH) {
      throw new AuthenticationError(`the token is longer than the ${MAX_TOKEN_LENGTH} characters this service accepts`);
    }
    const known = this.verified.get(token);
    if (known) {
      this.verified.delete(token);
      if (Date.now() < known.recheckAt) {
        this.verified.set(token, known);
        return known;
      }
    }
    const verified = await this.verifyUncached(token);
    if (this.verified.size >= VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { ...verified, recheckAt: Math.min(verified.expiresAt, Date.now() + VERIFIED_FOR_MS) });
    return verified;
  }

  private async verifyUncached(token: string): Promise<Verified> {
    let payload: JWTPayload;
    try {
      const options: JWTVerifyOptions = {
        requiredClaims: ['exp', 'iat', 'sub'],
        issuer: this.config.auth.issuer ?? undefined,
        audience: this.config.auth.audience ?? undefined,
        // jose applies one tolerance to nbf and exp alike; exp is checked again strictly below.
        clockTolerance: CLOCK_SKEW_SECONDS,
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
    const expiresAt = this.checkTimes(payload as JWTPayload & { exp: number; iat: number });
    return { actor: actorFrom(payload), expiresAt };
  }

  /**
   * The time rules beyond jose's (which has checked that `exp` and `iat` are numbers and `nbf` has
   * come): returns `exp` in epoch milliseconds. With `iat` required, "exp − iat within the lifetime"
   * and "iat not in the future" already bound `exp` from now; that bound is checked on its own too,
   * so it holds even for a token whose `iat` lies.
   */
  private checkTimes({ exp, iat }: { exp: number; iat: number }): number {
    const now = Date.now() / 1000;
    const lifetime = this.lifetimeText;
    if (exp <= now) throw new AuthenticationError('the token has expired');
    if (iat > now + CLOCK_SKEW_SECONDS) {
      throw new AuthenticationError(`the token's "iat" claim lies in the future (more than ${CLOCK_SKEW_SECONDS} s ahead of this service's clock)`);
    }
    if (exp > now + this.maxLifetime + CLOCK_SKEW_SECONDS) {
      throw new AuthenticationError(`the token's "exp" claim lies more than ${lifetime} ahead; this service accepts tokens for at most ${lifetime}`);
    }
    if (exp - iat > this.maxLifetime) {
      throw new AuthenticationError(`the token is valid for longer than ${lifetime} from its "iat"; this service accepts tokens for at most ${lifetime}`);
    }
    return exp * 1000;
  }
}

/** The token in "Bearer <JWT>"; throws AuthenticationError for anything else. */
function bearerToken(header: string | undefined | null): string {
  if (!header) throw new AuthenticationError('no bearer token: send Authorization: Bearer <JWT>');
  // A bound before the pattern, so a header of megabytes (over graphql-ws) is not scanned at all.
  if (header.length > MAX_TOKEN_LENGTH + 64) {
    throw new AuthenticationError(`the token is longer than the ${MAX_TOKEN_LENGTH} characters this service accepts`);
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new AuthenticationError('the Authorization header must be "Bearer <JWT>"');
  return match[1];
}

function actorFrom(payload: JWTPayload): Actor {
  const sub = payload.sub;
  if (typeof sub !== 'string') throw new AuthenticationError('the token\'s "sub" claim must be a string');
  const subProblem = whyNotPrintableId(sub);
  if (subProblem) throw new AuthenticationError(`the token's "sub" claim ${subProblem}`);
  const raw = (payload as { roles?: unknown }).roles ?? [];
  if (!Array.isArray(raw) || raw.some((role) => typeof role !== 'string')) {
    throw new AuthenticationError('the token\'s "roles" claim must be an array of role names');
  }
  if (raw.length > MAX_ROLES) throw new AuthenticationError(`the token's "roles" claim lists more than ${MAX_ROLES} roles`);
  // Printable before known: the refusal below quotes the unknown names back.
  for (const role of raw as string[]) {
    const roleProblem = whyNotPrintableId(role);
    if (roleProblem) throw new AuthenticationError(`a role in the token's "roles" claim ${roleProblem}`);
  }
  const unknown = (raw as string[]).filter((role) => !KNOWN_ROLES.has(role));
  if (unknown.length > 0) {
    const named = unknown.slice(0, 3).map((role) => JSON.stringify(role)).join(', ');
    const more = unknown.length > 3 ? ` and ${unknown.length - 3} more` : '';
    throw new AuthenticationError(`the token names roles that do not exist: ${named}${more}`);
  }
  return { id: sub, roles: [...new Set(raw as Role[])] };
}

function describe(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the token signature does not verify';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'the token is signed with a key that is not in the key set';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm that is not accepted';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return `the token has no "${error.claim}" claim`;
    if (error.claim === 'nbf') return 'the token is not valid yet: its "nbf" claim lies in the future';
    return `the token's "${error.claim}" claim is not valid`;
  }
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid) return 'the token is malformed';
  return 'the token could not be verified';
}
