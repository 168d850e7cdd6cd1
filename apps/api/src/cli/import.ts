import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import type { ArticleFormat } from '@app/domain';
import { ImportArticleCommand, type ImportOutcome } from '../commands/import-article';
import { commandFingerprint } from '../commands/command-registry';
import { cliContext } from './cli-context';
import { checked, fail, parseArgs } from './cli-args';
import { cleanOptionalId, cleanText, TEXT_FIELDS } from '@app/domain';
import { whyNotPrintableId } from '../auth/printable-id';

/**
 * npm run import -- FILE [--title T] [--format TEXT|MARKDOWN] [--as USER] [--command-id ID]
 * Imports an article into the configured store as an EDITOR.
 */
async function main(): Promise<void> {
  const { positional, options } = parseArgs(process.argv.slice(2));
  const file = positional[0];
  if (!file) fail('usage: npm run import -- FILE [--title T] [--format TEXT|MARKDOWN] [--as USER]');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    fail(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const format = (options.get('format') ?? (/\.(md|markdown)$/i.test(file) ? 'MARKDOWN' : 'TEXT')).toUpperCase();
  if (format !== 'TEXT' && format !== 'MARKDOWN') fail('--format must be TEXT or MARKDOWN');
  const title = checked(() => cleanText(options.get('title') ?? basename(file, extname(file)), TEXT_FIELDS.title));
  const { app } = await cliContext();
  try {
    const user = options.get('as') ?? 'cli-editor';
    const why = whyNotPrintableId(user);
    if (why) fail(`--as: ${why}`);
    const named = checked(() => cleanOptionalId(options.get('command-id'), '--command-id')) ?? undefined;
    const context = {
      actor: { id: user, roles: ['EDITOR' as const] },
      reason: `import of ${basename(file)} from the command line`,
      commandId: named ?? randomUUID(),
      command: 'importArticle',
      fingerprint: commandFingerprint(user, 'importArticle', { title, text, format }),
      clientNamed: named !== undefined,
      correlationId: randomUUID(),
      causationId: null,
      now: Date.now(),
    };
    const outcome: ImportOutcome = await app.get(CommandBus).execute(new ImportArticleCommand(title, text, format as ArticleFormat, context));
    console.log(JSON.stringify({ articleId: outcome.id, title, ...outcome.summary }, null, 2));
  } catch (error) {
    fail(`import refused: ${error instanceof Error ? error.message : String(error)}`, 1);
  } finally {
    await app.close();
  }
}

void main();
