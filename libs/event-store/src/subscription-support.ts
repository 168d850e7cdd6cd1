import type { RecordedEvent, SubscriptionHandler } from './event-store.port';

/**
 * The `caughtUp` promise of a subscription: settles once. It rejects when the subscription ends
 * before its first catch-up (stopped, or failed), and that rejection is marked handled so a caller
 * that never awaits `caughtUp` does not get an unhandled-rejection crash.
 */
export class CaughtUpSignal {
  readonly promise: Promise<void>;
  private settle!: (error?: Error) => void;
  private settled = false;

  constructor() {
    this.promise = new Promise<void>((resolve, reject) => {
      this.settle = (error) => (error ? reject(error) : resolve());
    });
    this.promise.catch(() => undefined);
  }

  resolve(): void {
    if (!this.settled) {
      this.settled = true;
      this.settle();
    }
  }

  reject(error: Error): void {
    if (!this.settled) {
      this.settled = true;
      this.settle(error);
    }
  }
}

/** Wraps what a subscriber's handler threw, so it is told apart from the store's own failures. */
export class HandlerFailed extends Error {
  constructor(readonly error: Error) {
    super(`subscription handler failed: ${error.message}`);
  }
}

/** Hands one event to the handler and waits for it; what the handler throws comes back as HandlerFailed. */
export async function deliver(handler: SubscriptionHandler, event: RecordedEvent): Promise<void> {
  try {
    await handler.onEvent(event);
  } catch (thrown) {
    throw new HandlerFailed(asError(thrown));
  }
}

/** What was thrown, as an Error; recognised by shape, as it may come from another realm. */
export function asError(thrown: unknown): Error {
  return typeof thrown === 'object' && thrown !== null && typeof (thrown as { message?: unknown }).message === 'string'
    ? (thrown as Error)
    : new Error(String(thrown));
}

export const stoppedBeforeCatchingUp = (): Error => new Error('subscription stopped before catching up');
