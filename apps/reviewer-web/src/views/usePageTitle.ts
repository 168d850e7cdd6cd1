import { useEffect } from 'react';

/** The browser tab's title, so that tabs and history entries say which view they are. */
export function usePageTitle(title: string | null): void {
  useEffect(() => {
    if (title) document.title = `${title} — Health article review`;
  }, [title]);
}
