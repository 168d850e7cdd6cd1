import { GraphQLError } from 'graphql';
import type { AppliedEvent, ProjectionEngine } from '@app/projections';
import { formatError } from '../graphql/error-formatting';
import { ActivityFeed, SUBSCRIBER_BUFFER, SubscriberTooSlow } from './activity-feed';

/** The engine's side the feed uses: its listeners, and the position subscribers start after. */
function fakeEngine(position = 0) {
  const listeners = new Set<(applied: AppliedEvent) => void>();
  const engine = {
    position,
    onApplied: (listener: (applied: AppliedEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const apply = (position: number, articleId = 'article-1') => {
    const event = { id: `e${position}`, streamId: `claim-${articleId}`, revision: position - 1, position, type: 'ClaimRevised', data: {}, metadata: {}, recordedAt: position };
    for (const listener of listeners) listener({ event, articleId });
  };
  return { engine: engine as unknown as ProjectionEngine, apply };
}

async function drain(iterator: AsyncIterableIterator<{ position: string }>): Promise<{ positions: string[]; error: unknown }> {
  const positions: string[] = [];
  try {
    for (;;) {
      const { value, done } = await iterator.next();
      if (done) return { positions, error: null };
      positions.push(value.position);
    }
  } catch (error) {
    return { positions, error };
  }
}

describe('ActivityFeed', () => {
  it('sends a subscriber only what is applied after it subscribed, of its article', async () => {
    const { engine, apply } = fakeEngine(5);
    const feed = new ActivityFeed(engine);
    const subscription = feed.subscribe('article-1');
    apply(5);
    apply(6);
    apply(7, 'article-2');
    apply(8);
    await subscription.return!();
    expect(await drain(subscription)).toEqual({ positions: ['6', '8'], error: null });
    expect(feed.subscriberCount).toBe(0);
  });

  it('ends a subscriber that falls more than the buffer behind, after the events it holds, with SUBSCRIBER_TOO_SLOW', async () => {
    const { engine, apply } = fakeEngine();
    const feed = new ActivityFeed(engine);
    const slow = feed.subscribe(null);
    for (let position = 1; position <= 500; position++) apply(position);
    const later = feed.subscribe(null);
    for (let position = 501; position <= SUBSCRIBER_BUFFER + 1; position++) apply(position);
    // The one over the buffer is cut off at once; the later one, within it, goes on.
    expect(feed.subscriberCount).toBe(1);
    const { positions, error } = await drain(slow);
    expect(positions).toHaveLength(SUBSCRIBER_BUFFER);
    expect(positions.at(-1)).toBe(String(SUBSCRIBER_BUFFER));
    expect(error).toBeInstanceOf(SubscriberTooSlow);
    expect((error as SubscriberTooSlow).lastPosition).toBe(String(SUBSCRIBER_BUFFER));
    // graphql-ws hands the source stream's error on wrapped, without a path; the client gets its code.
    const wrapped = new GraphQLError((error as Error).message, { originalError: error as Error });
    const log = jest.fn();
    expect(formatError(wrapped.toJSON(), wrapped, log)).toEqual({
      message: (error as Error).message,
      locations: undefined,
      path: undefined,
      extensions: { code: 'SUBSCRIBER_TOO_SLOW', lastPosition: String(SUBSCRIBER_BUFFER) },
    });
    expect(log).not.toHaveBeenCalled();
    await later.return!();
    expect((await drain(later)).positions).toHaveLength(SUBSCRIBER_BUFFER + 1 - 500);
  });
});
