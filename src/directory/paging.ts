/** Page arithmetic shared by every list: authentik's `page`/`page_size` envelope, counted and cut in SQL. */
import { type SelectQueryBuilder, sql } from 'kysely';

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

/** `lower(column) like %text%`, case-insensitive and with `%` and `_` matched literally. */
export function containsText(column: string, text: string) {
  return sql<boolean>`lower(${sql.ref(column)}) like ${likePattern(text.toLowerCase())} escape '\\'`;
}

/**
 * The column an authentik `ordering` parameter names (`name`, or `-name` for descending) among
 * `columns`, or `fallback` (ascending unless `-`). `columns` is a Map, not an object literal:
 * `ordering=constructor` (or any `Object.prototype` name) must find nothing, not a function.
 */
export function orderingOf<C>(
  ordering: string | undefined,
  columns: ReadonlyMap<string, C>,
  fallback: C,
): { column: C; direction: 'asc' | 'desc' } {
  const direction = ordering?.startsWith('-') ? 'desc' : 'asc';
  return { column: columns.get((ordering ?? '').replace(/^-/, '')) ?? fallback, direction };
}

/**
 * One page of a filtered query and the count of all its matches, both in SQL: `rows` adds the
 * selection and the order (with a unique tie-break, so pages do not overlap) to `filtered`.
 */
export async function fetchPage<DB, TB extends keyof DB, Row>(
  filtered: SelectQueryBuilder<DB, TB, object>,
  rows: (query: SelectQueryBuilder<DB, TB, object>) => SelectQueryBuilder<DB, TB, Row>,
  request: PageRequest,
): Promise<{ rows: Row[]; count: number }> {
  const [found, total] = await Promise.all([
    rows(filtered).limit(request.page_size).offset(pageOffset(request)).execute(),
    filtered.select(sql<number | string | bigint>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: found, count: Number((total as { n: number | string | bigint }).n) };
}
