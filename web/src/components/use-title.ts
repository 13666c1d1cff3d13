import { useEffect } from 'react';

/** Sets the browser tab's title for the current page. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Conduit`;
  }, [title]);
}
