/**
 * The API's types as the pages name them. Every shape the server answers or accepts is generated
 * from the served OpenAPI document (`web/generated/openapi.ts`, see `scripts/generate-web-types.ts`), so a
 * changed route schema changes these types; only what the OpenAPI document does not name is here.
 */
export type * from './schema.js';

/** authentik's list query: page, page size, search and ordering, plus each list's own filters. */
export interface ListParams {
  page?: number;
  page_size?: number;
  search?: string;
  ordering?: string;
  [filter: string]: string | number | boolean | undefined | null | Array<string | number>;
}

/** One audit-log action: its label (`name`) and the value to filter by (`description`). */
export type EventAction = import('./schema.js').ResponseOf<'/api/v3/events/events/actions/', 'get'>[number];
