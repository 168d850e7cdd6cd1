import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { generateKeyPair, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { JWK } from 'jose';

const SERVER = join(__dirname, 'oidc-provider-server.mjs');

export interface OidcClient {
  id: string;
  secret: string;
  roles: string[];
  /** Access token lifetime in seconds. */
  ttl: number;
}

export interface OidcSettings {
  /** Private signing keys (JWK); the first signs. */
  keys: JWK[];
  clients: OidcClient[];
  /** Resource indicators it issues tokens for. */
  resources: string[];
}

export interface OidcProvider {
  issuer: string;
  /** From the provider's own discovery document. */
  jwksUri: string;
  tokenEndpoint: string;
  /** A client-credentials access token (a JWT) for `resource`. */
  accessToken(clientId: string, resource: string): Promise<string>;
  /** Stops it and starts it again at the same issuer (same port) with other keys. */
  restart(keys: JWK[]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Why oidc-provider cannot run here at all (not installed, or this Node cannot load it), or null.
 * Runs the server script with --check, so that a provider that loads but then fails still fails
 * its test instead of skipping it.
 */
export function oidcProviderUnavailable(): string | null {
  const check = spawnSync(process.execPath, [SERVER, '--check'], { encoding: 'utf8', timeout: 30_000 });
  if (check.status === 0) return null;
  const lines = (check.stderr || check.error?.message || `exit ${check.status}`).trim().split('\n');
  const reason = lines.find((line) => /Error/.test(line)) ?? lines[0];
  return `oidc-provider cannot be loaded on this machine: ${reason}`;
}

/** An RS256 signing key as a private JWK with a fresh `kid`. */
export async function rsaSigningKey(): Promise<{ jwk: JWK; kid: string }> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  return { jwk: { ...(privateKey.export({ format: 'jwk' }) as JWK), kid, alg: 'RS256', use: 'sig' }, kid };
}

export async function startOidcProvider(settings: OidcSettings): Promise<OidcProvider> {
  let child: ChildProcess;
  let issuer: string;
  const launch = async (keys: JWK[], port: number) => {
    ({ child, issuer } = await spawnProvider({ ...settings, keys, port }));
  };
  await launch(settings.keys, 0);
  const discovery = (await (await fetch(`${issuer!}/.well-known/openid-configuration`)).json()) as {
    issuer: string;
    jwks_uri: string;
    token_endpoint: string;
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill();
    await exited;
  };
  return {
    issuer: discovery.issuer,
    jwksUri: discovery.jwks_uri,
    tokenEndpoint: discovery.token_endpoint,
    async accessToken(clientId, resource) {
      const client = settings.clients.find((c) => c.id === clientId);
      if (!client) throw new Error(`no client ${clientId}`);
      const res = await fetch(discovery.token_endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', resource, scope: 'review' }),
      });
      const body = (await res.json()) as { access_token?: string; error?: string; error_description?: string };
      if (!res.ok || !body.access_token) throw new Error(`token endpoint: ${res.status} ${body.error}: ${body.error_description}`);
      return body.access_token;
    },
    async restart(keys) {
      const port = Number(new URL(issuer).port);
      await stop();
      await launch(keys, port);
    },
    stop,
  };
}

/** Forks the server script and waits for it to serve; its output is kept for the error, if any. */
function spawnProvider(config: OidcSettings & { port: number }): Promise<{ child: ChildProcess; issuer: string }> {
  const child = fork(SERVER, [], {
    env: { ...process.env, OIDC_TEST_CONFIG: JSON.stringify(config), DEBUG: '' },
    execArgv: [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`oidc-provider did not start within 15 s:\n${output}`));
    }, 15_000);
    child.once('message', (message: { issuer: string }) => {
      clearTimeout(timer);
      resolve({ child, issuer: message.issuer });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`oidc-provider exited (${code}) before it served:\n${output}`));
    });
  });
}
