import { ROLES, type Role } from '@app/domain';
import { formatIsoDuration } from '../auth/iso-duration';
import { issueToken } from '../auth/token-issuer';
import { ConfigError, maxTokenLifetime } from '../config/app-config';
import { parseArgs, fail } from './cli-args';

/** npm run token -- --sub alice --roles EDITOR,FACT_CHECKER [--ttl 3600]: mints a token from AUTH_JWT_SECRET. */
async function main(): Promise<void> {
  const { options } = parseArgs(process.argv.slice(2));
  const secret = process.env.AUTH_JWT_SECRET;
  if (!secret) fail('AUTH_JWT_SECRET is not set: export the same secret the service uses');
  const sub = options.get('sub');
  if (!sub) fail('usage: npm run token -- --sub USER --roles ROLE[,ROLE…] [--ttl SECONDS]');
  const roles = (options.get('roles') ?? '').split(',').filter(Boolean);
  const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown.length > 0) fail(`unknown roles: ${unknown.join(', ')} (known: ${ROLES.join(', ')})`);
  const ttl = Number(options.get('ttl') ?? 8 * 3600);
  if (!Number.isInteger(ttl) || ttl <= 0) fail('--ttl must be a positive number of seconds');
  // The service refuses a token that lives longer than AUTH_MAX_TOKEN_LIFETIME: do not mint one.
  let limit: number;
  try {
    limit = maxTokenLifetime(process.env);
  } catch (error) {
    fail(error instanceof ConfigError ? error.message : String(error));
  }
  if (ttl > limit) {
    fail(`--ttl ${ttl} is longer than AUTH_MAX_TOKEN_LIFETIME (${formatIsoDuration(limit)}, ${limit} s): the service would refuse the token`);
  }
  const token = await issueToken(secret, sub, roles as Role[], ttl, {
    issuer: process.env.AUTH_ISSUER,
    audience: process.env.AUTH_AUDIENCE,
  });
  console.log(token);
}

void main();
