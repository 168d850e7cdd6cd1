import type { Actor } from '@app/domain';

/** Who asked, why, and how this command relates to others: becomes every event's metadata. */
export interface CommandContext {
  actor: Actor;
  reason: string | null;
  /** The client's commandId, or a fresh one: event ids derive from it. */
  commandId: string;
  correlationId: string;
  causationId: string | null;
  /** Epoch milliseconds at which the command is handled. */
  now: number;
}
