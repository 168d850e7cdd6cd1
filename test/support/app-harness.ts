import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Role } from '@app/domain';
import { issueToken } from '../../apps/api/src/auth/token-issuer';
import { createApp } from '../../apps/api/src/bootstrap';
import { loadConfig, type AppConfig } from '../../apps/api/src/config/app-config';
import { AppLogger } from '../../apps/api/src/logging/app-logger';

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256';

const ROLE_USERS = {
  editor: ['erin', 'EDITOR'],
  checker: ['fred', 'FACT_CHECKER'],
  reviewer: ['maya', 'MEDICAL_REVIEWER'],
  publisher: ['paul', 'PUBLISHER'],
  auditor: ['ada', 'AUDITOR'],
  admin: ['root', 'ADMIN'],
} as const satisfies Record<string, readonly [string, Role]>;

export type RoleTokens = Record<keyof typeof ROLE_USERS, string>;

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

export interface Harness {
  app: INestApplication;
  url: string;
  config: AppConfig;
  dir: string;
  token(sub: string, roles: Role[]): Promise<string>;
  /** One token per role, each for a different user (erin, fred, maya, paul, ada, root). */
  roleTokens(): Promise<RoleTokens>;
  gql<T = Record<string, unknown>>(
    token: string | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/** The real application on a fresh SQLite store in a temp folder, listening on a free port. */
export async function startApp(
  env: Record<string, string> = {},
  dir = mkdtempSync(join(tmpdir(), 'review-e2e-')),
  logger = new AppLogger('fatal'),
): Promise<Harness> {
  const config = loadConfig({
    SQLITE_PATH: join(dir, 'review.db'),
    AUTH_JWT_SECRET: TEST_SECRET,
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'error',
    ...env,
  });
  const app = await createApp(config, logger);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  return {
    app,
    url,
    config,
    dir,
    token: (sub, roles) => issueToken(TEST_SECRET, sub, roles, 3600),
    async roleTokens() {
      const entries = await Promise.all(
        Object.entries(ROLE_USERS).map(async ([key, [sub, role]]) => [key, await issueToken(TEST_SECRET, sub, [role], 3600)] as const),
      );
      return Object.fromEntries(entries) as unknown as RoleTokens;
    },
    async gql(token, query, variables) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as Omit<GraphQLResponse, 'status'>;
      return { status: res.status, ...body } as GraphQLResponse<never>;
    },
    async close() {
      await app.close();
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
