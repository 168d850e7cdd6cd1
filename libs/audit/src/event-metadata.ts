import type { Actor } from '@app/domain';

/** What every stored event carries besides its type and data (docs/workflow.md, "What every event carries"). */
export interface EventMetadata {
  actor: Actor;
  /** When the command was handled, epoch milliseconds. */
  occurredAt: number;
  /** The reason the actor gave (a signature's meaning for approvals); null for reactions that need none. */
  reason: string | null;
  correlationId: string;
  causationId: string | null;
  commandId: string;
  schemaVersion: number;
  /** Hash of the previous event of the same stream; null for its first event. */
  previousHash: string | null;
  /** sha-256 hex over the canonical encoding of this event (see hash-chain.ts). */
  hash: string;
}

export const SCHEMA_VERSION = 1;

export function isEventMetadata(value: unknown): value is EventMetadata {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return typeof m.hash === 'string' && typeof m.occurredAt === 'number' && typeof m.actor === 'object' && m.actor !== null;
}
