import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { EventStore } from '@app/event-store';
import { articleStreams } from '../audit/article-streams';
import { exportHistory, type ExportFormat } from '../audit/audit-export';
import { EVENT_STORE } from '../infrastructure/tokens';
import { cliContext } from './cli-context';
import { checked, fail, parseArgs } from './cli-args';
import { cleanId } from '@app/domain';

/**
 * npm run audit:export -- --article ID [--format jsonl|csv] [--out FILE]
 * Writes the same export as GET /audit/export, from the configured store.
 */
async function main(): Promise<void> {
  const { options } = parseArgs(process.argv.slice(2));
  const given = options.get('article');
  if (!given) fail('usage: npm run audit:export -- --article ID [--format jsonl|csv] [--out FILE]');
  const articleId = checked(() => cleanId(given, '--article'));
  const format = (options.get('format') ?? 'jsonl') as ExportFormat;
  if (format !== 'jsonl' && format !== 'csv') fail('--format must be jsonl or csv');
  const out = options.get('out') ?? `article-${articleId}-history.${format}`;
  const { app } = await cliContext();
  try {
    const store = app.get<EventStore>(EVENT_STORE);
    const streams = await articleStreams(store, articleId);
    if (streams.length === 0) fail(`article ${articleId} does not exist`);
    const written = { events: 0, streams: 0 };
    await pipeline(exportHistory(store, streams, format, written), createWriteStream(out));
    console.log(`wrote ${written.events} events of ${written.streams} streams to ${out}`);
  } finally {
    await app.close();
  }
}

void main();
