import { createHash } from 'node:crypto';
import { canonicalJson } from '@app/audit';
import type { Decider } from '@app/domain';
import type { Json } from '@app/event-store';
import { CommandIdReused } from './command-id-reused';

/**
 * What names a request for idempotency, after Stripe's rule for keys: the user, the command and
 * its whole input (the target included). The same again is the same request; anything else is
 * another request, which may not reuse the key.
 */
export function commandFingerprint(userId: string, command: string, input: unknown): string {
  return createHash('sha256')
    .update(canonicalJson({ userId, command, input: input as Json }), 'utf8')
    .digest('hex');
}

interface Register {
  fingerprint: string;
  command: string;
  userId: string;
}
interface CommandReceived {
  type: 'CommandReceived';
  data: Register;
}
type Registered = Register | null;

/**
 * `command-<commandId>`: the first request that used a client-chosen id, and any other refused.
 * Held in the store itself (a stream per id, created with no_stream, written with the request's
 * first append by StreamWriter), so the rule holds across concurrent requests and API replicas.
 * Ids the service generates are never registered: nothing else can name them.
 */
export const registryDecider: Decider<Register & { commandId: string }, CommandReceived, Registered> = {
  initialState: null,
  decide: (command, registered) => {
    if (registered === null) {
      return [{ type: 'CommandReceived', data: { fingerprint: command.fingerprint, command: command.command, userId: command.userId } }];
    }
    if (registered.fingerprint === command.fingerprint) return [];
    throw new CommandIdReused(command.commandId);
  },
  evolve: (_registered, event) => ({ ...event.data }),
};
