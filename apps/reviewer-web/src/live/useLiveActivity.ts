import { useSubscription } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import type { ReviewActivitySubscription } from '../gql/graphql';
import { ReviewActivitySubscription as ReviewActivity } from './operations';

export type ActivityEvent = ReviewActivitySubscription['reviewActivity'];

/**
 * Calls `onEvent` for each event stored from now on: of one article, or of all (null). The API
 * pushes an event once it is stored and applied, so a query made on hearing it sees the change.
 */
export function useLiveActivity(articleId: string | null, onEvent: (event: ActivityEvent) => void): void {
  const latest = useRef(onEvent);
  useEffect(() => {
    latest.current = onEvent;
  });
  useSubscription(ReviewActivity, {
    variables: { articleId },
    onData: ({ data }) => {
      if (data.data) latest.current(data.data.reviewActivity);
    },
  });
}
