import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { SignalOrder } from '../src/eventstoredb/eventstoredb-signal-order';

/**
 * SignalOrder, which holds a live subscription's signals (caught up, checkpoints) until the events
 * received before them are handled. The stream is a real Node object stream into which events are
 * pushed and beside which signals are raised in the order the client's Transform would raise them;
 * the loop consumes it the way the subscription does, with a handler that takes its time.
 */
describe('SignalOrder (a subscription’s signals in their place among its events)', () => {
  function subscriptionStream(handle: () => Promise<void> = () => sleep(2)) {
    const stream = new Readable({ objectMode: true, read: () => undefined });
    const order = new SignalOrder(() => stream.readableLength);
    const log: string[] = [];
    const consumed = (async () => {
      for await (const event of stream) {
        order.took();
        log.push(`handling ${String(event)}`);
        await handle();
        log.push(String(event));
        order.done();
      }
    })();
    return { stream, order, log, consumed };
  }
  const handled = (log: string[]) => log.filter((entry) => !entry.startsWith('handling '));

  it('holds a signal until the events received before it are handled', async () => {
    const { stream, order, log, consumed } = subscriptionStream();

    stream.push('e1');
    stream.push('e2');
    order.signal(() => log.push('caught up'));
    stream.push('e3');
    stream.push(null);
    await consumed;

    expect(handled(log)).toEqual(['e1', 'e2', 'caught up', 'e3']);
  });

  it('waits for the event in the handler’s hands', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { stream, order, log, consumed } = subscriptionStream(() => gate);

    stream.push('e1');
    while (!log.includes('handling e1')) await sleep(1);
    order.signal(() => log.push('checkpoint'));
    expect(handled(log)).toEqual([]);
    release();
    stream.push(null);
    await consumed;

    expect(handled(log)).toEqual(['e1', 'checkpoint']);
  });

  it('runs a signal at once when everything received has been handled', async () => {
    const { stream, order, log, consumed } = subscriptionStream();
    stream.push('e1');
    while (!log.includes('e1')) await sleep(1);
    expect(order.idle).toBe(true);

    order.signal(() => log.push('caught up'));

    expect(handled(log)).toEqual(['e1', 'caught up']);
    stream.push(null);
    await consumed;
  });

  it('keeps several signals in the order they came, each after its own events', async () => {
    const { stream, order, log, consumed } = subscriptionStream();

    stream.push('e1');
    order.signal(() => log.push('checkpoint 1'));
    order.signal(() => log.push('checkpoint 2'));
    stream.push('e2');
    order.signal(() => log.push('caught up'));
    stream.push(null);
    await consumed;

    expect(handled(log)).toEqual(['e1', 'checkpoint 1', 'checkpoint 2', 'e2', 'caught up']);
  });

  it('is not idle while a signal waits or an event is buffered', () => {
    const stream = new Readable({ objectMode: true, read: () => undefined });
    const order = new SignalOrder(() => stream.readableLength);

    stream.push('e1');
    expect(order.idle).toBe(false);
    order.signal(() => undefined);
    order.took();
    stream.read();
    expect(order.idle).toBe(false);
    order.done();
    expect(order.idle).toBe(true);
  });
});
