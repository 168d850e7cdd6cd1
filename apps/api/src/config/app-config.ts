import { randomBytes } from 'node:crypto';
import { reviewDueAt, type ApprovalValidity } from '@app/domain';
import { LOG_LEVELS } from '../logging/app-logger';
import { DurationSyntaxError, parseIsoDuration } from '../auth/iso-duration';

/** The service's configuration, read once from the environment (docs/api.md, "Configuration"). */
export interface AppConfig {
  port: number;
  eventStore:
    | { kind: 'sqlite'; path: string; durability: 'normal' | 'full' }
    | { kind: 'eventstoredb'; url: string }
    | { kind: 'postgres'; url: string; poolSize: number };
  readModelPath: string;
  auth: {
    jwtSecret: string | null;
    /** True when the secret was generated at start (demo mode): tokens die with the process. */
    secretGenerated: boolean;
    jwksUrl: string | null;
    issuer: string | null;
    audience: string | null;
    /** AUTH_MAX_TOKEN_LIFETIME in seconds: no token is accepted for longer than this after it was issued. */
    maxTokenLifetimeSeconds: number;
  };
  demo: boolean;
  production: boolean;
  rateLimitPerMinute: number;
  logLevel: string;
  /** The built reviewer web app (index.html, assets/), served at /. */
  webRoot: string;
  /** APPROVAL_VALIDITY: how long a medical approval holds; null (`off`): for good. */
  approvalValidity: ApprovalValidity | null;
  /** APPROVAL_CHECK_INTERVAL in milliseconds: how often the scheduler looks for approvals past due. */
  approvalCheckIntervalMs: number;
  /**
   * READ_MODEL_WAIT in milliseconds: how long a request waits for this instance's read models to
   * reach a position (its own mutation's events, or an X-Read-After) before READ_MODELS_BEHIND.
   */
  readModelWaitMs: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): AppConfig {
  const demo = env.DEMO === '1' || env.DEMO === 'true';
  const kind = env.EVENT_STORE ?? 'sqlite';
  const sqlitePath = env.SQLITE_PATH ?? './data/review.db';
  let eventStore: AppConfig['eventStore'];
  if (kind === 'sqlite') {
    const durability = env.SQLITE_DURABILITY ?? 'normal';
    if (durability !== 'normal' && durability !== 'full') {
      throw new ConfigError(`SQLITE_DURABILITY must be "normal" or "full", not "${durability}"`);
    }
    eventStore = { kind: 'sqlite', path: sqlitePath, durability };
  } else if (kind === 'eventstoredb') {
    if (!env.EVENTSTOREDB_URL) throw new ConfigError('EVENT_STORE=eventstoredb needs EVENTSTOREDB_URL (e.g. esdb://localhost:2113?tls=false)');
    eventStore = { kind: 'eventstoredb', url: env.EVENTSTOREDB_URL };
  } else if (kind === 'postgres') {
    if (!env.DATABASE_URL) throw new ConfigError('EVENT_STORE=postgres needs DATABASE_URL (e.g. postgres://user@localhost:5432/events)');
    eventStore = { kind: 'postgres', url: env.DATABASE_URL, poolSize: integer(env.DATABASE_POOL_SIZE, 10, 'DATABASE_POOL_SIZE', 1, 1_000) };
  } else {
    throw new ConfigError(`EVENT_STORE must be "sqlite", "eventstoredb" or "postgres", not "${kind}"`);
  }

  const jwksUrl = env.AUTH_JWKS_URL || null;
  let jwtSecret = env.AUTH_JWT_SECRET || null;
  let secretGenerated = false;
  if (!jwksUrl && !jwtSecret) {
    if (!demo) throw new ConfigError('set AUTH_JWT_SECRET (HS256) or AUTH_JWKS_URL; only demo mode (DEMO=1) generates a secret');
    jwtSecret = randomBytes(32).toString('base64url');
    secretGenerated = true;
  }
  if (jwtSecret && jwtSecret.length < 32) throw new ConfigError('AUTH_JWT_SECRET must be at least 32 characters');

  return {
    port: integer(env.PORT, 3000, 'PORT', 0, 65535),
    eventStore,
    readModelPath: env.READ_MODEL_PATH ?? defaultReadModelPath(eventStore, sqlitePath),
    auth: {
      jwtSecret,
      secretGenerated,
      jwksUrl,
      issuer: env.AUTH_ISSUER || null,
      audience: env.AUTH_AUDIENCE || null,
      maxTokenLifetimeSeconds: maxTokenLifetime(env),
    },
    demo,
    production: env.NODE_ENV === 'production',
    rateLimitPerMinute: integer(env.RATE_LIMIT_PER_MINUTE, 600, 'RATE_LIMIT_PER_MINUTE', 0, 1_000_000),
    logLevel: logLevel(env.LOG_LEVEL || 'log'),
    webRoot: env.WEB_ROOT || './dist/apps/reviewer-web',
    approvalValidity: approvalValidity(env.APPROVAL_VALIDITY || 'P1Y'),
    approvalCheckIntervalMs: Math.round(duration(env.APPROVAL_CHECK_INTERVAL || 'PT1M', 'APPROVAL_CHECK_INTERVAL', 1, 86_400) * 1000),
    readModelWaitMs: Math.round(duration(env.READ_MODEL_WAIT || 'PT10S', 'READ_MODEL_WAIT', 1, 60) * 1000),
  };
}

/**
 * APPROVAL_VALIDITY: `off`, or an ISO-8601 duration whose years and months are calendar ones
 * (P1Y, P6M, P1Y6M, P90D, PT2S), from a second to ten years.
 */
function approvalValidity(raw: string): ApprovalValidity | null {
  if (raw === 'off') return null;
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(.*)$/.exec(raw);
  if (!match) throw new ConfigError(`APPROVAL_VALIDITY must be "off" or an ISO-8601 duration such as P1Y, P6M or P90D, not "${raw}"`);
  const years = Number(match[1] ?? 0);
  const months = Number(match[2] ?? 0);
  const rest = match[3] === '' ? 0 : duration(`P${match[3]}`, 'APPROVAL_VALIDITY', 0, Infinity);
  const validity = { years, months, seconds: rest };
  // Measured from the start of a leap year, where P10Y is longest.
  const from = Date.UTC(2000, 0, 1);
  const due = reviewDueAt(from, validity);
  if (due - from < 1000 || due > reviewDueAt(from, { years: 10, months: 0, seconds: 0 })) {
    throw new ConfigError(`APPROVAL_VALIDITY must be from PT1S to P10Y (or "off"), not "${raw}"`);
  }
  return validity;
}

function logLevel(raw: string): string {
  if (!LOG_LEVELS.includes(raw)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${raw}"`);
  return raw;
}

/** A fixed-length ISO-8601 duration in seconds, from `min` to `max`. */
function duration(raw: string, name: string, min: number, max: number): number {
  let seconds: number;
  try {
    seconds = parseIsoDuration(raw);
  } catch (error) {
    if (error instanceof DurationSyntaxError) throw new ConfigError(`${name} ${error.message}`);
    throw error;
  }
  if (seconds < min || seconds > max) throw new ConfigError(`${name} must be from ${min} to ${max} seconds, not "${raw}"`);
  return seconds;
}

/** Longest AUTH_MAX_TOKEN_LIFETIME: a year. Anything longer is a typo, or a token that is really a password. */
const LONGEST_TOKEN_LIFETIME_SECONDS = 366 * 86_400;

/**
 * AUTH_MAX_TOKEN_LIFETIME (ISO-8601, default PT24H), in whole seconds as the tokens' `iat` and `exp`
 * are. Exported for `npm run token`, which refuses to mint what the service would refuse.
 */
export function maxTokenLifetime(env: Env = process.env): number {
  const raw = env.AUTH_MAX_TOKEN_LIFETIME || 'PT24H';
  const seconds = duration(raw, 'AUTH_MAX_TOKEN_LIFETIME', 0, Infinity);
  if (seconds < 1 || seconds > LONGEST_TOKEN_LIFETIME_SECONDS) {
    throw new ConfigError(`AUTH_MAX_TOKEN_LIFETIME must be from PT1S to P366D, not "${raw}"`);
  }
  return Math.floor(seconds);
}

/** Read models sit beside the embedded store's file; with EventStoreDB, in ./data. */
function defaultReadModelPath(store: AppConfig['eventStore'], sqlitePath: string): string {
  if (store.kind === 'sqlite') return sqlitePath.replace(/(\.db)?$/, '.read-models.db');
  return './data/read-models.db';
}

function integer(raw: string | undefined, fallback: number, name: string, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, not "${raw}"`);
  }
  return value;
}
