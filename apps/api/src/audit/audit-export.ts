import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { yieldToOthers } from '@app/audit';
import type { EventStore, RecordedEvent } from '@app/event-store';
import { auditEventView } from './audit-event';

export type ExportFormat = 'csv' | 'jsonl';

const CSV_COLUMNS = [
  'record',
  'position',
  'event_id',
  'stream_id',
  'revision',
  'type',
  'occurred_at',
  'actor_id',
  'actor_roles',
  'reason',
  'correlation_id',
  'causation_id',
  'command_id',
  'data',
  'metadata',
  'previous_hash',
  'hash',
] as const;

/** Events read from the log per page while an export walks it. */
const PAGE = 250;

/** How much an export wrote, filled in as it goes. */
export interface ExportTally {
  events: number;
  streams: number;
}

/**
 * The whole history of the given streams: one event a row in commit order, then the chain head of
 * each stream. Rows carry the stored data and metadata verbatim (as JSON), so the chain can be
 * recomputed offline exactly as README.md's "For auditors" describes. CSV goes through
 * csv-stringify (RFC 4180 quoting).
 */
export function exportHistory(store: EventStore, streams: readonly string[], format: ExportFormat, tally?: ExportTally): Readable {
  const records = exportRecords(store, streams, tally ?? { events: 0, streams: 0 });
  if (format === 'jsonl') {
    return Readable.from(
      (async function* () {
        for await (const record of records) yield `${JSON.stringify(record.json)}\n`;
      })(),
    );
  }
  return Readable.from((async function* () {
    for await (const record of records) yield record.csv.map(noFormula);
  })()).pipe(stringify({ header: true, columns: [...CSV_COLUMNS] }));
}

interface ExportRecord {
  json: Record<string, unknown>;
  csv: string[];
}

/**
 * Walks the log in commit order from the first event of these streams, keeping theirs, a page at a
 * time with a turn of the event loop between pages: memory holds the stream list and one page,
 * however long the history, and other requests go on while it runs. It stops once every stream's
 * last event has gone by.
 */
async function* exportRecords(store: EventStore, streams: readonly string[], tally: ExportTally): AsyncGenerator<ExportRecord> {
  const remaining = new Map<string, number>();
  const heads: Array<{ streamId: string; revision: number; hash: string }> = [];
  let from = Number.MAX_SAFE_INTEGER;
  for (const [index, streamId] of streams.entries()) {
    // Thousands of claims are as many reads: let other requests in between.
    if (index > 0 && index % 200 === 0) await yieldToOthers();
    const [first] = await store.readStream(streamId, { maxCount: 1 });
    if (!first) continue;
    const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    remaining.set(streamId, last.revision + 1);
    heads.push({ streamId, revision: last.revision, hash: String(last.metadata.hash ?? '') });
    from = Math.min(from, first.position - 1);
  }
  while (remaining.size > 0) {
    const page = await store.readAll({ fromPosition: from, maxCount: PAGE });
    for (const event of page) {
      const left = remaining.get(event.streamId);
      if (left === undefined) continue;
      if (left === 1) remaining.delete(event.streamId);
      else remaining.set(event.streamId, left - 1);
      tally.events += 1;
      yield eventRecord(event);
    }
    // The log ended before every stream did: they changed while the export ran (it stops at the heads it read).
    if (page.length < PAGE) break;
    from = page[page.length - 1].position;
    await yieldToOthers();
  }
  for (const head of heads) {
    tally.streams += 1;
    yield {
      json: { record: 'chainHead', ...head },
      csv: ['chainHead', '', '', head.streamId, String(head.revision), '', '', '', '', '', '', '', '', '', '', '', head.hash],
    };
  }
}

function eventRecord(event: RecordedEvent): ExportRecord {
  const view = auditEventView(event);
  const occurredAt = new Date(view.occurredAt).toISOString();
  return {
    json: {
      record: 'event',
      // The event's id, which a reaction's causationId names.
      eventId: event.id,
      ...view,
      occurredAt,
      commandId: event.metadata.commandId ?? null,
      metadata: event.metadata,
    },
    csv: [
      'event',
      view.position,
      event.id,
      view.streamId,
      String(view.revision),
      view.type,
      occurredAt,
      view.actor.id,
      view.actor.roles.join('|'),
      view.reason ?? '',
      view.correlationId ?? '',
      view.causationId ?? '',
      String(event.metadata.commandId ?? ''),
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
      view.previousHash ?? '',
      view.hash,
    ],
  };
}

/** A leading =, +, - or @ is prefixed, so a spreadsheet opening the export does not run it as a formula. */
function noFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
