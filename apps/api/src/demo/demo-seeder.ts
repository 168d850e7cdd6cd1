import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Role } from '@app/domain';
import { SAMPLE_ARTICLE } from '@app/importer';
import { ProjectionEngine, ReadModels } from '@app/projections';
import { issueToken } from '../auth/token-issuer';
import { ImportArticleCommand, type ImportOutcome } from '../commands/import-article';
import { commandFingerprint } from '../commands/command-registry';
import type { AppConfig } from '../config/app-config';

/** Fixed, so the demo article's ids are the same on every machine (README's session uses them). */
export const DEMO_IMPORT_COMMAND_ID = 'demo-sample-article';

/** One demo user per role, so every four-eyes rule can be tried by hand. */
export const DEMO_USERS: Array<{ sub: string; roles: Role[] }> = [
  { sub: 'erin-editor', roles: ['EDITOR'] },
  { sub: 'fred-fact-checker', roles: ['FACT_CHECKER'] },
  { sub: 'maya-medical-reviewer', roles: ['MEDICAL_REVIEWER'] },
  { sub: 'paul-publisher', roles: ['PUBLISHER'] },
  { sub: 'ada-auditor', roles: ['AUDITOR'] },
  { sub: 'root-admin', roles: ['ADMIN'] },
];

/** A fresh 8-hour token for each demo user; none when tokens come from an identity provider. */
export async function demoUserTokens(config: AppConfig): Promise<Array<{ id: string; roles: Role[]; token: string }>> {
  const secret = config.auth.jwtSecret;
  if (!secret) return [];
  return Promise.all(
    DEMO_USERS.map(async (user) => ({
      id: user.sub,
      roles: user.roles,
      token: await issueToken(secret, user.sub, user.roles, 8 * 3600, config.auth),
    })),
  );
}

/** Demo mode: import the sample article into an empty store and print a ready token per role. */
export async function seedDemo(app: INestApplication, config: AppConfig): Promise<void> {
  const readModels = app.get(ReadModels);
  if (readModels.articles().length === 0) {
    const outcome: ImportOutcome = await app.get(CommandBus).execute(
      new ImportArticleCommand(SAMPLE_ARTICLE.title, SAMPLE_ARTICLE.text, 'TEXT', {
        actor: { id: DEMO_USERS[0].sub, roles: DEMO_USERS[0].roles },
        reason: 'demo data',
        commandId: DEMO_IMPORT_COMMAND_ID,
        command: 'importArticle',
        fingerprint: commandFingerprint(DEMO_USERS[0].sub, 'importArticle', { title: SAMPLE_ARTICLE.title, text: SAMPLE_ARTICLE.text, format: 'TEXT' }),
        clientNamed: false,
        correlationId: randomUUID(),
        causationId: null,
        now: Date.now(),
      }),
    );
    if (outcome.position !== null) await app.get(ProjectionEngine).waitFor(outcome.position);
    const s = outcome.summary;
    console.log(
      `\nDemo: imported "${SAMPLE_ARTICLE.title}" (article ${outcome.id}): ${s.sections} sections, ${s.claims} claims, ` +
        `${s.citations} citations, ${s.uncitedClaims} uncited, unresolved references [${s.unresolvedReferences.join(', ')}]`,
    );
  }
  if (!config.auth.jwtSecret) {
    console.log('\nDemo: tokens come from your identity provider (AUTH_JWKS_URL is set).');
    return;
  }
  const lines = (await demoUserTokens(config)).map(
    (user) => `  ${user.roles.join(',').padEnd(17)} ${user.id.padEnd(22)} ${user.token}`,
  );
  if (config.auth.secretGenerated) {
    console.log(`\nDemo: AUTH_JWT_SECRET for this run (export it to mint more with npm run token): ${config.auth.jwtSecret}`);
  }
  console.log('\nDemo tokens (valid 8 h):');
  console.log(lines.join('\n'));
  console.log(`\nTry: curl -s localhost:${config.port}/graphql -H 'content-type: application/json' -H "authorization: Bearer <token>" -d '{"query":"{ articles { title sections { heading state } } }"}'\n`);
}
