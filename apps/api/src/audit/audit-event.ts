import type { Actor } from '@app/domain';
import type { JsonObject } from '@app/event-store';

/** An event as the audit API shows it (the AuditEvent GraphQL type). */
export interface AuditEventView {
  position: string;
  streamId: string;
  revision: number;
  type: string;
  occurredAt: number;
  actor: Actor;
  reason: string | null;
  data: JsonObject;
  correlationId: string | null;
  causationId: string | null;
  hash: string;
  previousHash: string | null;
}

export function auditEventView(event: {
  position: number;
  streamId: string;
  revision: number;
  type: string;
  data: JsonObject | Record<string, unknown>;
  metadata: JsonObject | Record<string, unknown>;
  recordedAt: number;
}): AuditEventView {
  const m = event.metadata as Record<string, unknown>;
  const actor = (m.actor as Actor | undefined) ?? { id: 'unknown', roles: [] };
  return {
    position: String(event.position),
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    occurredAt: typeof m.occurredAt === 'number' ? m.occurredAt : event.recordedAt,
    actor,
    reason: typeof m.reason === 'string' ? m.reason : null,
    data: event.data as JsonObject,
    correlationId: typeof m.correlationId === 'string' ? m.correlationId : null,
    causationId: typeof m.causationId === 'string' ? m.causationId : null,
    hash: typeof m.hash === 'string' ? m.hash : '',
    previousHash: typeof m.previousHash === 'string' ? m.previousHash : null,
  };
}
