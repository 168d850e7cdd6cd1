import type { EventStore, RecordedEvent, Subscription, SubscriptionHandler } from '@app/event-store';
import type { ProjectionEngine } from './projection-engine';

/** Events held in memory for a slow follower before it goes back to reading the store. */
const QUEUE_LIMIT = 10_000;

export interface FollowOptions {
  /** Exclusive: deliver events after this position. */
  fromPosition: number;
  queueLimit?: number;
}
const PAGE = 500;
const RETRY_MS = 1000;

/**
 * A subscription that rides on the projection engine: it catches up from the store from its own
 * position, then takes each event from the engine's `onApplied` as it is applied, instead of
 * reading and parsing every event a second time. When it falls queueLimit events behind (or a
 * handler fails) it drops its queue and reads the store again from its position, so it never
 * skips an event and never holds more than queueLimit in memory. Delivery is in commit order,
 * one event at a time, each awaited.
 */
export function followAppliedEvents(
  engine: ProjectionEngine,
  store: EventStore,
  options: FollowOptions,
  handler: Pick<SubscriptionHandler, 'onEvent'> & { onError?(error: Error): void },
): Subscription {
  const queueLimit = options.queueLimit ?? QUEUE_LIMIT;
  let position = options.fromPosition;
  let queue: RecordedEvent[] = [];
  let readStore = true;
  let running = true;
  let wake: (() => void) | null = null;
  let markCaughtUp: () => void = () => undefined;
  const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));

  const unsubscribe = engine.onApplied(({ event }) => {
    if (!running || readStore) return;
    if (queue.length >= queueLimit) {
      queue = [];
      readStore = true;
    } else {
      queue.push(event);
    }
    wake?.();
  });

  const deliver = async (event: RecordedEvent) => {
    if (event.position <= position) return;
    await handler.onEvent(event);
    position = event.position;
  };

  const run = async () => {
    // What the engine applies while catching up at its first start reaches no listener, so the
    // store read must cover it: begin once the engine has started.
    await engine.started;
    while (running) {
      try {
        if (readStore) {
          // Events applied from here on are queued; the store covers everything before.
          readStore = false;
          queue = [];
          for (;;) {
            const page = await store.readAll({ fromPosition: position, maxCount: PAGE });
            for (const event of page) {
              if (!running) return;
              await deliver(event);
            }
            if (page.length < PAGE) break;
          }
          markCaughtUp();
        }
        const next = queue.shift();
        if (next) await deliver(next);
        else if (!readStore) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      } catch (error) {
        handler.onError?.(error instanceof Error ? error : new Error(String(error)));
        readStore = true;
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  };
  const finished = run();

  return {
    caughtUp,
    async stop() {
      running = false;
      unsubscribe();
      wake?.();
      await finished;
    },
  };
}
