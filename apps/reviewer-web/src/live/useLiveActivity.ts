import { useSubscription } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import type { ReviewActivitySubscription } from '../gql/graphql';
import { ReviewActivitySubscription as ReviewActivity } from './operations';

export type ActivityEvent = ReviewActivitySubscription['reviewActivity'];

/** How long after the feed failed it is subscribed to again; doubled while it keeps failing. */
export const RESUBSCRIBE_AFTER_MS = 1_000;
const MAX_RESUBSCRIBE_AFTER_MS = 30_000;

/**
 * Calls `onEvent` for each event stored from now on: of one article, or of all (null). The API
 * pushes an event once it is stored and applied, so a query made on hearing it sees the change.
 *
 * The feed can end with an error: the API cuts off a subscriber that fell too far behind
 * (SUBSCRIBER_TOO_SLOW), or refuses one more (RATE_LIMITED). It is then subscribed to again after
 * RESUBSCRIBE_AFTER_MS (doubling up to 30 s while it keeps failing), and `onMissed` is called,
 * since the events in between were never sent: the view reads its queries again rather than go
 * quietly stale. (A dropped socket is not an error here: graphql-ws reconnects and subscribes
 * again by itself, and `refetchAfterReconnect` in api/client.ts does the reading.)
 */
export function useLiveActivity(articleId: string | null, onEvent: (event: ActivityEvent) => void, onMissed?: () => void): void {
  const latest = useRef({ onEvent, onMissed });
  useEffect(() => {
    latest.current = { onEvent, onMissed };
  });
  const restart = useRef(() => undefined as void);
  const retry = useRef<ReturnType<typeof setTimeout> | null>(null);
  const delay = useRef(RESUBSCRIBE_AFTER_MS);
  useEffect(() => () => {
    if (retry.current) clearTimeout(retry.current);
  }, []);
  const subscription = useSubscription(ReviewActivity, {
    variables: { articleId },
    onData: ({ data }) => {
      delay.current = RESUBSCRIBE_AFTER_MS;
      if (data.data) latest.current.onEvent(data.data.reviewActivity);
    },
    onError: () => {
      if (retry.current) return;
      retry.current = setTimeout(() => {
        retry.current = null;
        restart.current();
        latest.current.onMissed?.();
      }, delay.current);
      delay.current = Math.min(delay.current * 2, MAX_RESUBSCRIBE_AFTER_MS);
    },
  });
  useEffect(() => {
    restart.current = subscription.restart;
  });
}
