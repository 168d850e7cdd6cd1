import type { RecordedEvent, Subscription, SubscriptionHandler } from '../event-store.port';
import { asError, CaughtUpSignal, HandlerFailed, stoppedBeforeCatchingUp } from '../subscription-support';

/** One page of matching events after a position, and how far the store was scanned for it. */
export interface SqlitePage {
  events: RecordedEvent[];
  /** Every event up to here has been considered (delivered in `events` or filtered out). */
  scannedTo: number;
  /** The page reached the last stored event. */
  drained: boolean;
}

/** Events per read: bounds memory per subscriber and how long one read holds the event loop. */
const PAGE_SIZE = 500;

/**
 * A pull subscription: it reads pages after its position until it has seen everything, then waits
 * for a wake-up (a commit by its store, or another connection's commit, noticed by the store's
 * poll or signalled by another store in this process) and reads again. Woken by its own store's
 * commit it may read on from the store's in-memory tail; woken by anyone else's, or at its
 * start, it reads the file. Catch-up and live are one loop over one cursor, so nothing falls between them;
 * events are handed over one at a time and the next waits for the handler (backpressure). Because
 * it pulls, a slow subscriber only falls behind: it never holds up appends.
 */
export class SqliteSubscription implements Subscription {
  private readonly caughtUpSignal = new CaughtUpSignal();
  private readonly finished: Promise<void>;
  private running = true;
  private wakeRequested = false;
  /** Another connection committed since the last read of the file: the tail may have a gap. */
  private fileReadRequested = true;
  private wakeWaiter: (() => void) | null = null;

  constructor(
    private readonly readPage: (after: number, limit: number, fromFile: boolean) => SqlitePage,
    fromPosition: number,
    private readonly handler: SubscriptionHandler,
    onFinished: (subscription: SqliteSubscription) => void,
  ) {
    // Started on the next tick: the caller holds the subscription before any callback can run.
    this.finished = Promise.resolve()
      .then(() => this.run(fromPosition))
      .finally(() => onFinished(this));
  }

  get caughtUp(): Promise<void> {
    return this.caughtUpSignal.promise;
  }

  /** Something may have been committed: read again once the current page is delivered. */
  wake(fromFile = true): void {
    this.wakeRequested = true;
    if (fromFile) this.fileReadRequested = true;
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
    try {
      while (this.running) {
        this.wakeRequested = false;
        const fromFile = this.fileReadRequested;
        this.fileReadRequested = false;
        const page = this.readPage(position, PAGE_SIZE, fromFile);
        for (const event of page.events) {
          if (!this.running) return;
          await this.deliver(event);
          position = event.position;
        }
        if (!this.running) return;
        position = page.scannedTo;
        if (page.drained) {
          this.caughtUpSignal.resolve();
          this.handler.onCaughtUp?.(position);
          if (!this.wakeRequested) await new Promise<void>((resolve) => (this.wakeWaiter = resolve));
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

  private async deliver(event: RecordedEvent): Promise<void> {
    try {
      await this.handler.onEvent(event);
    } catch (thrown) {
      throw new HandlerFailed(asError(thrown));
    }
  }
}
