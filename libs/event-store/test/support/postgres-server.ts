import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Client } from 'pg';

const REPO_ROOT = resolve(__dirname, '../../../..');

/**
 * The server the PostgreSQL suites use: a role allowed to create databases, and a database to
 * connect to while doing so. Each suite works in a database of its own (createTestDatabase).
 */
export const POSTGRES_TEST_URL = process.env.POSTGRES_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const PROBE_TIMEOUT_MS = 5_000;

/** Connects and runs SELECT 1; prints one JSON line. Run in a child process by postgresServerAt. */
const PROBE = `
const { Client } = require('pg');
const client = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
const print = (availability) => process.stdout.write(JSON.stringify(availability) + '\\n');
client.connect().then(() => client.query('SELECT 1')).then(
  () => { print({ available: true, reason: 'answered' }); return client.end(); },
  (error) => {
    const why = (error && (error.message || error.code)) || String(error);
    print({ available: false, reason: 'no PostgreSQL server answers at ' + process.argv[2] + ' (' + why.split('\\n')[0] + ')' });
    process.exit(0);
  },
);
`;

export interface PostgresAvailability {
  available: boolean;
  reason: string;
}

/**
 * Whether a PostgreSQL server answers at `url`, found out synchronously at module load so a
 * suite can be defined with describe or describe.skip (jest has no asynchronous test
 * registration). Refused connections fail at once; the probe costs a Node start-up.
 */
export function postgresServerAt(url: string): PostgresAvailability {
  const where = redacted(url);
  const result = spawnSync(process.execPath, ['-e', PROBE, url, where], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: PROBE_TIMEOUT_MS,
  });
  try {
    return JSON.parse(result.stdout.trim().split('\n').pop() ?? '') as PostgresAvailability;
  } catch {
    const why = result.error?.message ?? (result.stderr?.trim().split('\n')[0] || `exit code ${result.status}`);
    return { available: false, reason: `the PostgreSQL probe of ${where} failed (${why})` };
  }
}

export interface TestDatabase {
  /** Connection string of the new database. */
  url: string;
  name: string;
  /** Drops it, disconnecting whoever is still connected. */
  drop(): Promise<void>;
}

/** A new, empty database named <prefix>_<random> on the server of `adminUrl`. */
export async function createTestDatabase(adminUrl = POSTGRES_TEST_URL, prefix = 'es_test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await asAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      await asAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** Runs `work` on a connection of its own to the admin database. */
export async function asAdmin<T>(adminUrl: string, work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'the configured URL';
  }
}
