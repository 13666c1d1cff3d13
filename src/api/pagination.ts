/** authentik's list envelope: `{pagination: {...}, results, autocomplete}` and its query parameters. */
import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page } from '../directory/paging.js';

export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  ordering: z.string().optional(),
  search: z.string().optional(),
};

export const paginationSchema = z.object({
  next: z.number(),
  previous: z.number(),
  count: z.number(),
  current: z.number(),
  total_pages: z.number(),
  start_index: z.number(),
  end_index: z.number(),
});

export function paginated<T extends z.ZodType>(item: T) {
  return z.object({
    pagination: paginationSchema,
    results: z.array(item),
    autocomplete: z.record(z.string(), z.unknown()),
  });
}

export function toEnvelope<T, R>(page: Page<T>, map: (item: T) => R) {
  const totalPages = Math.max(1, Math.ceil(page.count / page.page_size));
  const start = page.count === 0 ? 0 : (page.page - 1) * page.page_size + 1;
  return {
    pagination: {
      next: page.page < totalPages ? page.page + 1 : 0,
      previous: page.page > 1 ? page.page - 1 : 0,
      count: page.count,
      current: page.page,
      total_pages: totalPages,
      start_index: start,
      end_index: page.count === 0 ? 0 : start + page.results.length - 1,
    },
    results: page.results.map(map),
    autocomplete: {},
  };
}

/** Query booleans arrive as `true`/`false` strings. */
export const queryBoolean = z
  .enum(['true', 'false', 'True', 'False', '1', '0'])
  .transform((v) => v === 'true' || v === 'True' || v === '1');
