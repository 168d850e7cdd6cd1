import { verifyIntegrity } from '@app/audit';
import type { EventStore } from '@app/event-store';
import { articleStreams } from '../audit/article-streams';
import { EVENT_STORE } from '../infrastructure/tokens';
import { cliContext } from './cli-context';
import { checked, fail, parseArgs } from './cli-args';
import { cleanId } from '@app/domain';

/**
 * npm run verify [-- --article ID]: recomputes the hash chains in the configured store and
 * reports the first break. Exit code 0 when intact, 1 on a break, 2 on a usage or store error.
 */
async function main(): Promise<void> {
  const { options } = parseArgs(process.argv.slice(2));
  const given = options.get('article');
  const articleId = given === undefined ? undefined : checked(() => cleanId(given, '--article'));
  const { app } = await cliContext();
  const store = app.get<EventStore>(EVENT_STORE);
  try {
    let streams: string[] | undefined;
    if (articleId) {
      streams = await articleStreams(store, articleId);
      if (streams.length === 0) fail(`article ${articleId} does not exist`);
    }
    const report = await verifyIntegrity(store, streams);
    console.log(JSON.stringify(report, null, 2));
    if (!report.ok && report.firstBreak) {
      const b = report.firstBreak;
      console.error(`integrity break in ${b.streamId} at revision ${b.revision}: ${b.reason}`);
    }
    process.exitCode = report.ok ? 0 : 1;
  } catch (error) {
    fail(`verification could not run: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await app.close();
  }
}

void main();
