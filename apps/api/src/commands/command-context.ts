import type { Actor } from '@app/domain';

/** Who asked, why, and how this command relates to others: becomes every event's metadata. */
export interface CommandContext {
  actor: Actor;
  reason: string | null;
  /** The client's commandId, or a fresh one: event ids derive from it. */
  commandId: string;
  /** The command's name (a mutation's, or a reaction's). */
  command: string;
  /**
   * The request's fingerprint (commandFingerprint: user, command, input). New entity ids derive
   * from it and the command id, so a retried request names the same entities and no other does.
   */
  fingerprint: string;
  /** The client chose the commandId: the CommandRegistry holds it to this one request. */
  clientNamed: boolean;
  correlationId: string;
  causationId: string | null;
  /** Epoch milliseconds at which the command is handled. */
  now: number;
}
