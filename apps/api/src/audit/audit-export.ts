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

/** How much an export wrote, filled in as it goes. */
export interface ExportTally {
  events: number;
  streams: number;
}

/**
 * The whole history of the given streams as text chunks: one event a row in commit order, then
 * the chain head of each stream. Rows carry the stored data and metadata verbatim (as JSON), so
 * the chain can be recomputed offline exactly as README.md's "For auditors" describes.
 */
export async function* exportHistory(
  store: EventStore,
  streams: readonly string[],
  format: ExportFormat,
  tally: ExportTally = { events: 0, streams: 0 },
): AsyncGenerator<string> {
  const all: RecordedEvent[] = [];
  const heads: Array<{ streamId: string; revision: number; hash: string }> = [];
  for (const streamId of streams) {
    const events = await store.readStream(streamId);
    if (events.length === 0) continue;
    all.push(...events);
    const last = events[events.length - 1];
    heads.push({ streamId, revision: last.revision, hash: String(last.metadata.hash ?? '') });
  }
  all.sort((a, b) => a.position - b.position);

  if (format === 'csv') yield `${CSV_COLUMNS.join(',')}\n`;
  for (const event of all) {
    const view = auditEventView(event);
    tally.events += 1;
    if (format === 'jsonl') {
      yield `${JSON.stringify({
        record: 'event',
        // The event's id, which a reaction's causationId names.
        eventId: event.id,
        ...view,
        occurredAt: new Date(view.occurredAt).toISOString(),
        commandId: event.metadata.commandId ?? null,
        metadata: event.metadata,
      })}\n`;
    } else {
      yield csvRow([
        'event',
        view.position,
        event.id,
        view.streamId,
        String(view.revision),
        view.type,
        new Date(view.occurredAt).toISOString(),
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
      ]);
    }
  }
  for (const head of heads) {
    tally.streams += 1;
    if (format === 'jsonl') yield `${JSON.stringify({ record: 'chainHead', ...head })}\n`;
    else yield csvRow(['chainHead', '', '', head.streamId, String(head.revision), '', '', '', '', '', '', '', '', '', '', '', head.hash]);
  }
}

function csvRow(values: string[]): string {
  return `${values.map(csvField).join(',')}\n`;
}

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed so spreadsheets do not run it as a formula. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
