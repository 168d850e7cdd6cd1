import { useSubscription } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import type { ReviewActivitySubscription } from '../gql/graphql';
import { ReviewActivitySubscription as ReviewActivity } from './operations';

export type ActivityEvent = ReviewActivitySubscription['reviewActivity'];

/** How long after the feed failed it is subscribed to again. */
export const RESUBSCRIBE_AFTER_MS = 1_000;

/**
 * Calls `onEvent` for each event stored from now on: of one article, or of all (null). The API
 * pushes an event once it is stored and applied, so a query made on hearing it sees the change.
 *
 * The feed can end with an error: the API cuts off a subscriber that fell too far behind
 * (SUBSCRIBER_TOO_SLOW), or the instance serving it went away. It is then subscribed to again
 * after RESUBSCRIBE_AFTER_MS, and `onMissed` is called, since the events in between were never
 * sent: the view reads its queries again rather than go quietly stale.
 */
export function useLiveActivity(articleId: string | null, onEvent: (event: ActivityEvent) => void, onMissed?: () => void): void {
  const latest = useRef({ onEvent, onMissed });
  useEffect(() => {
    latest.current = { onEvent, onMissed };
  });
  const restart = useRef(() => undefined as void);
  const retry = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (retry.current) clearTimeout(retry.current);
  }, []);
  const subscription = useSubscription(ReviewActivity, {
    variables: { articleId },
    onData: ({ data }) => {
      if (data.data) latest.current.onEvent(data.data.reviewActivity);
    },
    onError: () => {
      if (retry.current) return;
      retry.current = setTimeout(() => {
        retry.current = null;
        restart.current();
        latest.current.onMissed?.();
      }, RESUBSCRIBE_AFTER_MS);
    },
  });
  useEffect(() => {
    restart.current = subscription.restart;
  });
}
