import { StoreUnavailable } from '../src/errors';
import type { RecordedEvent, SubscriptionHandler } from '../src/event-store.port';
import { type Page, type PageReader, PagedSubscription } from '../src/paged-subscription';
import { waitFor } from './contract';

const event = (position: number): RecordedEvent => ({
  id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
  streamId: 'claim-1',
  revision: position - 1,
  position,
  type: 'ClaimDrafted',
  data: {},
  metadata: {},
  recordedAt: 0,
});

/** A log of `head` events, read from memory; every read is recorded with its othersCommitted flag. */
function log(head: () => number, reads: boolean[], fail?: (read: number) => Error | null): PageReader {
  return (after, limit, othersCommitted) => {
    reads.push(othersCommitted);
    const failure = fail?.(reads.length);
    if (failure) throw failure;
    const events: RecordedEvent[] = [];
    for (let position = after + 1; position <= head() && events.length < limit; position++) events.push(event(position));
    const page: Page = { events, drained: events.length < limit, scannedTo: events.length < limit ? Math.max(head(), after) : events[events.length - 1].position };
    return page;
  };
}

function recorder(): SubscriptionHandler & { positions: number[]; errors: Error[] } {
  const positions: number[] = [];
  const errors: Error[] = [];
  return { positions, errors, onEvent: (e) => void positions.push(e.position), onError: (error) => void errors.push(error) };
}

describe('PagedSubscription', () => {
  it('reads the store on its first read and on a wake by others, its own tail after a wake by its own commit', async () => {
    let head = 2;
    const reads: boolean[] = [];
    const handler = recorder();
    const subscription = new PagedSubscription(log(() => head, reads), 0, handler, () => undefined);
    await subscription.caughtUp;
    expect(reads).toEqual([true]);

    head = 3;
    subscription.wake(false);
    await waitFor(() => handler.positions.length === 3);
    head = 4;
    subscription.wake(true);
    await waitFor(() => handler.positions.length === 4);
    await subscription.stop();

    expect(handler.positions).toEqual([1, 2, 3, 4]);
    expect(reads).toEqual([true, false, true]);
  });

  it('waits out a store that is unavailable and goes on from its position, without telling onError', async () => {
    const reads: boolean[] = [];
    const handler = recorder();
    // The first two reads find the store unavailable (100 ms, then 200 ms of backoff).
    const reader = log(() => 3, reads, (read) => (read <= 2 ? new StoreUnavailable('the server is gone') : null));
    const subscription = new PagedSubscription(reader, 0, handler, () => undefined);
    await subscription.caughtUp;
    await subscription.stop();

    expect(handler.positions).toEqual([1, 2, 3]);
    expect(handler.errors).toEqual([]);
    // A failed read's flag is kept for the next: still the first read of the store.
    expect(reads).toEqual([true, true, true]);
  });

  it('stops on any other failure and reports it through onError and caughtUp', async () => {
    const handler = recorder();
    const finished = jest.fn();
    const subscription = new PagedSubscription(log(() => 1, [], () => new Error('the store is closed')), 0, handler, finished);

    await expect(subscription.caughtUp).rejects.toThrow('the store is closed');
    await waitFor(() => finished.mock.calls.length === 1);
    expect(handler.errors.map((error) => error.message)).toEqual(['the store is closed']);
    expect(handler.positions).toEqual([]);
  });
});
