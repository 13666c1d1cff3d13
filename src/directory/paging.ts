/** Page arithmetic shared by every list: authentik's `page`/`page_size` envelope. */

export interface PageRequest {
  page: number;
  page_size: number;
}

export interface Page<T> {
  results: T[];
  count: number;
  page: number;
  page_size: number;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 1000;

export function pageOffset(request: PageRequest): number {
  return (request.page - 1) * request.page_size;
}

/** Escape `%`, `_` and `\` for a LIKE pattern (used with `escape '\'`). */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
