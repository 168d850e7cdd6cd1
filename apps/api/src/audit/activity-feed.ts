import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ProjectionEngine, type AppliedEvent } from '@app/projections';
import { auditEventView, type AuditEventView } from './audit-event';

/** Events a subscriber may fall behind by before it is cut off: writers never wait for readers. */
export const SUBSCRIBER_BUFFER = 1000;

/**
 * Ends a subscription that fell more than SUBSCRIBER_BUFFER events behind (SUBSCRIBER_TOO_SLOW),
 * after the events it was sent up to lastPosition: what follows is to be read from auditTrail.
 */
export class SubscriberTooSlow extends Error {
  constructor(readonly lastPosition: string) {
    super(
      `the subscriber fell more than ${SUBSCRIBER_BUFFER} events behind and was ended after position ${lastPosition}; ` +
        'subscribe again and read what came after it from auditTrail',
    );
  }
}

/**
 * The live review activity: each event is pushed once it is stored and applied to this
 * instance's read models (so a subscriber that reacts with a query sees it). Every subscriber has
 * a bounded queue; one that falls behind is ended with an error instead of holding anyone up.
 */
@Injectable()
export class ActivityFeed implements OnModuleDestroy {
  private readonly logger = new Logger('ActivityFeed');
  private readonly subscribers = new Set<FeedSubscriber>();
  private readonly unsubscribe: () => void;

  constructor(private readonly projections: ProjectionEngine) {
    this.unsubscribe = projections.onApplied((applied) => {
      for (const subscriber of this.subscribers) subscriber.offer(applied);
    });
  }

  /** Live subscribers right now (each ends, and leaves, when its client unsubscribes or goes away). */
  get subscriberCount(): number {
    return this.subscribers.size;
  }

  subscribe(articleId: string | null): AsyncIterableIterator<AuditEventView> {
    const subscriber = new FeedSubscriber(articleId, this.projections.position, () => this.subscribers.delete(subscriber));
    this.subscribers.add(subscriber);
    this.logger.debug({ msg: 'subscribed', articleId, subscribers: this.subscribers.size });
    return subscriber;
  }

  onModuleDestroy(): void {
    this.unsubscribe();
    for (const subscriber of this.subscribers) void subscriber.return();
  }
}

class FeedSubscriber implements AsyncIterableIterator<AuditEventView> {
  private readonly queue: AuditEventView[] = [];
  private waiting: ((result: IteratorResult<AuditEventView>) => void) | null = null;
  private failWaiting: ((error: Error) => void) | null = null;
  private failure: Error | null = null;
  private done = false;

  constructor(
    private readonly articleId: string | null,
    private readonly fromPosition: number,
    private readonly onClose: () => void,
  ) {}

  offer({ event, articleId }: AppliedEvent): void {
    if (this.done || event.position <= this.fromPosition) return;
    if (this.articleId !== null && articleId !== this.articleId) return;
    const view = auditEventView(event);
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      this.failWaiting = null;
      resolve({ value: view, done: false });
      return;
    }
    if (this.queue.length >= SUBSCRIBER_BUFFER) {
      this.failure = new SubscriberTooSlow(this.queue[this.queue.length - 1].position);
      this.finish();
      return;
    }
    this.queue.push(view);
  }

  next(): Promise<IteratorResult<AuditEventView>> {
    const value = this.queue.shift();
    if (value) return Promise.resolve({ value, done: false });
    if (this.failure) return Promise.reject(this.failure);
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }

  return(): Promise<IteratorResult<AuditEventView>> {
    this.finish();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<AuditEventView> {
    return this;
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.onClose();
    if (this.waiting) {
      if (this.failure && this.failWaiting) this.failWaiting(this.failure);
      else this.waiting({ value: undefined, done: true });
      this.waiting = null;
      this.failWaiting = null;
    }
  }
}
