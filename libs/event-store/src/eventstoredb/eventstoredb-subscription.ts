import type { AllStreamRecordedEvent, AllStreamSubscription, EventStoreDBClient } from '@eventstore/db-client';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventFilter, RecordedEvent, Subscription, SubscriptionHandler } from '../event-store.port';
import { asError, CaughtUpSignal, deliver, HandlerFailed, stoppedBeforeCatchingUp } from '../subscription-support';
import { isTransient, SubscriptionDropped } from './eventstoredb-errors';
import { matchesFilter, toNumber, toReadPosition, toRecordedEvent, toServerFilter } from './eventstoredb-mapping';
import { SignalOrder } from './eventstoredb-signal-order';

/** A page of $all after a position, as EventStoreDbEventStore reads it. */
export interface EsdbPage {
  events: RecordedEvent[];
  /** Every record up to here was considered (delivered, or filtered out, or a system event). */
  scannedTo: number;
  reachedEnd: boolean;
}

export type ReadAllPage = (after: number, maxCount: number, filter: EventFilter | undefined) => Promise<EsdbPage>;

const CATCH_UP_PAGE_SIZE = 500;
const FIRST_RETRY_DELAY_MS = 100;
const MAX_RETRY_DELAY_MS = 5_000;

/**
 * Catch up by reading $all in pages, then follow the server's live subscription from where the
 * pages ended. The client's subscriptions drop (server restart, leader change, network) and do not
 * come back by themselves: on a drop this waits (doubling backoff, capped) and starts over, catching
 * up from the last position it handled or that a checkpoint said the server had looked past.
 * Every event at or below that position is skipped, so the switches between reading and following
 * neither repeat nor lose events. for-await over the client's stream pulls one event at a time, so
 * a slow handler applies backpressure to the server.
 */
export class EventStoreDbSubscription implements Subscription {
  private readonly caughtUpSignal = new CaughtUpSignal();
  private readonly stopping = new AbortController();
  private readonly finished: Promise<void>;
  private live: AllStreamSubscription | null = null;
  private position: number;
  private caughtUpReported = -1;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly readPage: ReadAllPage,
    fromPosition: number,
    private readonly filter: EventFilter | undefined,
    private readonly handler: SubscriptionHandler,
    onFinished: (subscription: EventStoreDbSubscription) => void,
  ) {
    this.position = fromPosition;
    this.finished = Promise.resolve()
      .then(() => this.run())
      .finally(() => onFinished(this));
  }

  get caughtUp(): Promise<void> {
    return this.caughtUpSignal.promise;
  }

  /** Do not await this from inside onEvent: it waits for that very call to return. */
  async stop(): Promise<void> {
    if (this.running) {
      this.stopping.abort();
      this.live?.destroy();
    }
    await this.finished;
  }

  private get running(): boolean {
    return !this.stopping.signal.aborted;
  }

  private async run(): Promise<void> {
    let retryDelay = FIRST_RETRY_DELAY_MS;
    try {
      while (this.running) {
        try {
          await this.catchUp();
          if (!this.running) return;
          this.caughtUpSignal.resolve();
          this.notifyCaughtUp();
          retryDelay = FIRST_RETRY_DELAY_MS;
          await this.followLive();
        } catch (thrown) {
          if (!this.running) return;
          if (thrown instanceof HandlerFailed || !isTransient(thrown)) throw thrown;
          await sleep(retryDelay, undefined, { signal: this.stopping.signal }).catch(() => undefined);
          retryDelay = Math.min(retryDelay * 2, MAX_RETRY_DELAY_MS);
        }
      }
    } catch (thrown) {
      const error = thrown instanceof HandlerFailed ? thrown.error : asError(thrown);
      this.stopping.abort();
      this.caughtUpSignal.reject(error);
      try {
        this.handler.onError?.(error);
      } catch {
        // The subscriber's own error handler failed; there is no one left to tell, and stop() must not throw.
      }
    } finally {
      this.caughtUpSignal.reject(stoppedBeforeCatchingUp());
    }
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      const page = await this.readPage(this.position, CATCH_UP_PAGE_SIZE, this.filter);
      for (const event of page.events) {
        if (!this.running) return;
        await deliver(this.handler, event);
        this.position = event.position;
      }
      this.position = Math.max(this.position, page.scannedTo);
      if (page.reachedEnd || !this.running) return;
    }
  }

  /**
   * Follows the server's subscription from where the catch-up ended. Server 23.10 and later say
   * when the subscription has caught up, and, as it is filtered, send checkpoints: how far the
   * server has looked, past events the filter left out (server 24.10,
   * Enumerator.AllSubscriptionFiltered: in its catch-up and live; the checkpoint's commit position
   * is that of a record it has already considered). Each signal is acted on in its place among the
   * events (SignalOrder). Caught up then means: the server said so, has not said since that it
   * fell behind, and everything received has been handled. (24.10 does not send fellBehind to
   * clients, Streams.Read.cs; it re-enters its catch-up silently and says caughtUp again after.)
   */
  private async followLive(): Promise<void> {
    // The callbacks below use `live`, declared further down: the client calls none of them before
    // subscribeToAll has returned (its stream starts reading in a later turn).
    const order = new SignalOrder(() => live.readableLength);
    let serverCaughtUp = false;
    const caughtUpIfIdle = (): void => {
      if (serverCaughtUp && order.idle) this.notifyCaughtUp();
    };
    // An action may run inside the client's stream callbacks, where a throw would be lost: a
    // handler's failure is passed on by destroying the stream, and the loop below throws it.
    const inOrder = (action: () => void): void =>
      order.signal(() => {
        try {
          action();
        } catch (thrown) {
          live.destroy(asError(thrown));
        }
      });

    const live = this.client.subscribeToAll({
      fromPosition: toReadPosition(this.position),
      filter: toServerFilter(this.filter, (_subscription, checkpoint) =>
        inOrder(() => {
          this.position = Math.max(this.position, toNumber(checkpoint.commit));
          caughtUpIfIdle();
        }),
      ),
    });
    live.on('caughtUp', () =>
      inOrder(() => {
        serverCaughtUp = true;
        caughtUpIfIdle();
      }),
    );
    live.on('fellBehind', () => inOrder(() => (serverCaughtUp = false)));
    this.live = live;
    try {
      for await (const resolved of live) {
        order.took();
        if (!this.running) return;
        if (resolved.event) await this.deliverLive(resolved.event);
        order.done();
        caughtUpIfIdle();
      }
    } finally {
      this.live = null;
      await live.unsubscribe().catch(() => undefined);
      live.destroy();
    }
    if (this.running) throw new SubscriptionDropped('EventStoreDB ended the subscription');
  }

  private async deliverLive(recorded: AllStreamRecordedEvent): Promise<void> {
    const position = toNumber(recorded.position.commit);
    if (position <= this.position) return;
    const event = toRecordedEvent(recorded);
    if (event && matchesFilter(event, this.filter)) await deliver(this.handler, event);
    this.position = position;
  }

  /** Tells the handler, once per position: a catch-up that found nothing new adds nothing. */
  private notifyCaughtUp(): void {
    if (this.position === this.caughtUpReported) return;
    this.caughtUpReported = this.position;
    try {
      this.handler.onCaughtUp?.(this.position);
    } catch (thrown) {
      throw new HandlerFailed(asError(thrown));
    }
  }
}
