/**
 * Keeps a live subscription's signals (caught up, fell behind, checkpoint) in their place among
 * its events. The client emits a signal the moment its Transform reads it off the gRPC stream
 * (@eventstore/db-client 6.2.1, streams/utils/Subscription.js, _transform), while events it read
 * before may still wait in the stream's buffer or be in the handler's hands. A signal acted on
 * then would claim a position whose events have not been handled yet; so each signal waits until
 * every event received before it has been.
 *
 * The loop over the stream calls took() for each item it takes and done() once it has handled
 * it; `buffered` tells how many items the stream holds that the loop has not taken.
 */
export class SignalOrder {
  private taken = 0;
  private handled = 0;
  private readonly waiting: { after: number; run: () => void }[] = [];

  constructor(private readonly buffered: () => number) {}

  /** For a signal emitted now: runs `run` at once if nothing received before it is left to handle. */
  signal(run: () => void): void {
    const after = this.taken + this.buffered();
    if (after === this.handled && this.waiting.length === 0) run();
    else this.waiting.push({ after, run });
  }

  took(): void {
    this.taken++;
  }

  /** The item taken last is handled: runs the signals that were waiting for it, in order. */
  done(): void {
    this.handled++;
    while (this.waiting.length > 0 && this.waiting[0].after <= this.handled) {
      const [next] = this.waiting.splice(0, 1);
      next.run();
    }
  }

  /** Whether everything received so far has been handled and no signal waits. */
  get idle(): boolean {
    return this.taken === this.handled && this.waiting.length === 0 && this.buffered() === 0;
  }
}
