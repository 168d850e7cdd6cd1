import { StoreUnavailable } from './errors';
import type { RecordedEvent, Subscription, SubscriptionHandler } from './event-store.port';
import { asError, CaughtUpSignal, deliver, HandlerFailed, stoppedBeforeCatchingUp } from './subscription-support';

/** Matching events after a position, and how far the log was considered for them. */
export interface Page {
  events: RecordedEvent[];
  /** Every event up to here has been considered (delivered in `events` or filtered out). */
  scannedTo: number;
  /** The page reached the last event the read could see. */
  drained: boolean;
}

/**
 * Reads at most `limit` matching events after `after`. `othersCommitted`: someone other than this
 * store may have committed since the last read (always true for the first), so what the store
 * keeps of its own commits may not be all there is.
 */
export type PageReader = (after: number, limit: number, othersCommitted: boolean) => Page | Promise<Page>;

/** Events per read: bounds memory per subscriber and the size of one read. */
const PAGE_SIZE = 500;
const FIRST_RETRY_DELAY_MS = 100;
const MAX_RETRY_DELAY_MS = 2_000;

/**
 * The SQLite and PostgreSQL adapters' subscription: it reads pages after its position until it has
 * seen everything, then waits for a wake-up (its store's commit, another writer's commit noticed by
 * the store's poll or NOTIFY, a listener back after a drop) and reads again. Catch-up and live are
 * one loop over one cursor, so nothing falls between them; events are handed over one at a time
 * and the next waits for the handler (backpressure). Because it pulls, a slow subscriber only
 * falls behind: it never holds up appends.
 *
 * When a read fails because the store is unavailable, the loop waits (doubling, capped at 2 s,
 * cut short by a wake-up) and reads again from the position it has reached: an outage delays
 * delivery but is never reported through onError. Any other failure stops the subscription, so
 * a store that is closed for good says so with another error.
 */
export class PagedSubscription implements Subscription {
  private readonly caughtUpSignal = new CaughtUpSignal();
  private readonly finished: Promise<void>;
  private running = true;
  private wakeRequested = false;
  private othersCommitted = true;
  private wakeWaiter: (() => void) | null = null;

  constructor(
    private readonly readPage: PageReader,
    fromPosition: number,
    private readonly handler: SubscriptionHandler,
    onFinished: (subscription: PagedSubscription) => void,
  ) {
    // Started on the next tick: the caller holds the subscription before any callback can run.
    this.finished = Promise.resolve()
      .then(() => this.run(fromPosition))
      .finally(() => onFinished(this));
  }

  get caughtUp(): Promise<void> {
    return this.caughtUpSignal.promise;
  }

  /** Something may have been committed (or the store is back): read again once the current page is delivered. */
  wake(othersCommitted = true): void {
    this.wakeRequested = true;
    if (othersCommitted) this.othersCommitted = true;
    const waiter = this.wakeWaiter;
    if (waiter) {
      this.wakeWaiter = null;
      waiter();
    }
  }

  /** Do not await this from inside onEvent: it waits for that very call to return. */
  async stop(): Promise<void> {
    if (this.running) {
      this.running = false;
      this.wake();
    }
    await this.finished;
  }

  private async run(fromPosition: number): Promise<void> {
    let position = fromPosition;
    let retryDelay = FIRST_RETRY_DELAY_MS;
    try {
      while (this.running) {
        this.wakeRequested = false;
        const othersCommitted = this.othersCommitted;
        this.othersCommitted = false;
        let page: Page;
        try {
          page = await this.readPage(position, PAGE_SIZE, othersCommitted);
        } catch (error) {
          if (!(error instanceof StoreUnavailable)) throw error;
          this.othersCommitted ||= othersCommitted;
          await this.waitForWake(retryDelay);
          retryDelay = Math.min(retryDelay * 2, MAX_RETRY_DELAY_MS);
          continue;
        }
        retryDelay = FIRST_RETRY_DELAY_MS;
        for (const event of page.events) {
          if (!this.running) return;
          await deliver(this.handler, event);
          position = event.position;
        }
        if (!this.running) return;
        position = page.scannedTo;
        if (page.drained) {
          this.caughtUpSignal.resolve();
          this.handler.onCaughtUp?.(position);
          if (!this.wakeRequested) await this.waitForWake();
        }
      }
    } catch (thrown) {
      const error = thrown instanceof HandlerFailed ? thrown.error : asError(thrown);
      this.caughtUpSignal.reject(error);
      try {
        this.handler.onError?.(error);
      } catch {
        // The subscriber's own error handler failed; there is no one left to tell, and stop() must not throw.
      }
    } finally {
      this.running = false;
      this.caughtUpSignal.reject(stoppedBeforeCatchingUp());
    }
  }

  /** Until wake() or stop(), or at most timeoutMs when given. */
  private async waitForWake(timeoutMs?: number): Promise<void> {
    if (this.wakeRequested || !this.running) return;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      this.wakeWaiter = resolve;
      if (timeoutMs !== undefined) timer = setTimeout(resolve, timeoutMs);
    });
    clearTimeout(timer);
    this.wakeWaiter = null;
  }
}
