import { useApolloClient } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { useMe } from '../auth/session';
import { describeEvent } from './describe-event';
import { useLiveActivity, type ActivityEvent } from './useLiveActivity';

interface Options {
  /** Events that change what the view shows (default: all of the article's). */
  relevant?(event: ActivityEvent): boolean;
  /** Events by someone else to tell the person about, in words (default: none). */
  announce?(event: ActivityEvent): boolean;
}

/**
 * Keeps an open view up to date: on each relevant event, and after the feed missed some, it reads
 * the view's queries again (at most once per 300 ms: a publish is a burst of events), and returns
 * the latest announcement.
 */
export function useLiveRefresh(articleId: string | null, { relevant = () => true, announce = () => false }: Options = {}): string | null {
  const client = useApolloClient();
  const me = useMe();
  const [news, setNews] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  const refresh = (): void => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void client.refetchQueries({ include: 'active' });
    }, 300);
  };
  useLiveActivity(
    articleId,
    (event) => {
      if (event.actor.id !== me.id && announce(event)) setNews(describeEvent(event));
      if (relevant(event)) refresh();
    },
    refresh,
  );
  return news;
}
