import { randomBytes } from 'node:crypto';
import { DurationSyntaxError, parseIsoDuration } from '../auth/iso-duration';

/** The service's configuration, read once from the environment (API.md, "Configuration"). */
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
    logLevel: env.LOG_LEVEL ?? 'log',
    webRoot: env.WEB_ROOT || './dist/apps/reviewer-web',
  };
}

/** Longest AUTH_MAX_TOKEN_LIFETIME: a year. Anything longer is a typo, or a token that is really a password. */
const LONGEST_TOKEN_LIFETIME_SECONDS = 366 * 86_400;

/**
 * AUTH_MAX_TOKEN_LIFETIME (ISO-8601, default PT24H), in whole seconds as the tokens' `iat` and `exp`
 * are. Exported for `npm run token`, which refuses to mint what the service would refuse.
 */
export function maxTokenLifetime(env: Env = process.env): number {
  const raw = env.AUTH_MAX_TOKEN_LIFETIME || 'PT24H';
  let seconds: number;
  try {
    seconds = parseIsoDuration(raw);
  } catch (error) {
    if (error instanceof DurationSyntaxError) throw new ConfigError(`AUTH_MAX_TOKEN_LIFETIME ${error.message}`);
    throw error;
  }
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
