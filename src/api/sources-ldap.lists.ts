/** A page of an in-memory list in authentik's envelope (the source routes' lists are small). */
import type { PageRequest } from '../directory/paging.js';
import { toEnvelope } from './pagination.js';

/** The `page` of `all` for the request's `page`/`page_size`, each item through `map`. */
export function listEnvelope<T, R>(all: readonly T[], q: PageRequest, map: (item: T) => R) {
  const start = (q.page - 1) * q.page_size;
  return toEnvelope(
    {
      results: all.slice(start, start + q.page_size),
      count: all.length,
      page: q.page,
      page_size: q.page_size,
    },
    map,
  );
}
