/**
 * Query options for directory collections: `$select`, `$filter`, `$top`, `$orderby`, `$search`,
 * `$count`, and opaque `$skiptoken` paging (https://learn.microsoft.com/graph/aad-advanced-queries,
 * https://learn.microsoft.com/graph/paging). Advanced queries are gated on
 * `ConsistencyLevel: eventual` plus `$count=true`; `$count=true` alone is silently ignored.
 */
import { BadRequestError, RequestBadRequestError, RequestUnsupportedQueryError } from './errors.js';
import { evaluateFilter, type FilterNode, parseFilter } from './odata-filter.js';
import { canonicalProperty, type ResourceSchema } from './schemas.js';

/** The request bits a query needs. */
export interface QuerySource {
  query: URLSearchParams;
  headers: Record<string, string>;
}

/** Parsed list options. */
export interface ListQuery {
  filter: FilterNode | undefined;
  select: string[] | undefined;
  top: number;
  orderby: { property: string; descending: boolean } | undefined;
  search: Array<{ property: string; term: string; join: 'AND' | 'OR' }> | undefined;
  /** Emit `@odata.count` (advanced query with `$count=true`). */
  count: boolean;
  skiptoken: string | undefined;
}

/** True when the request carries `ConsistencyLevel: eventual`. */
export function hasEventualConsistency(source: QuerySource): boolean {
  return (source.headers.consistencylevel ?? '').trim().toLowerCase() === 'eventual';
}

/** Reads a query option by name, case-insensitively and with or without the `$`. */
export function queryOption(query: URLSearchParams, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of query) {
    const k = key.toLowerCase();
    if (k === `$${lower}` || k === lower) return value;
  }
  return undefined;
}

/** Parses `$top` (1–999) or returns the default page size. */
export function parseTop(query: URLSearchParams, defaultSize = 100): number {
  const raw = queryOption(query, 'top');
  if (raw === undefined) return defaultSize;
  const n = /^[0-9]+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n >= 1 && n <= 999))
    throw new RequestBadRequestError(
      `Invalid page size specified: '${raw}'. Must be between 1 and 999 inclusive.`,
    );
  return n;
}

/** Parses `$select` against a schema; unknown names give the OData 400. */
export function parseSelect(query: URLSearchParams, schema: ResourceSchema): string[] | undefined {
  const raw = queryOption(query, 'select');
  if (raw === undefined || raw.trim() === '') return undefined;
  return raw.split(',').map((part) => {
    const name = part.trim();
    const canonical = canonicalProperty(schema, name);
    if (!canonical)
      throw new BadRequestError(`Could not find a property named '${name}' on type '${schema.typeName}'.`);
    return canonical;
  });
}

function advancedOperatorError(op: string): RequestUnsupportedQueryError {
  return new RequestUnsupportedQueryError(
    `Operator '${op}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`,
  );
}

function unsupportedProperty(property: string, schema: ResourceSchema): RequestUnsupportedQueryError {
  return new RequestUnsupportedQueryError(
    `Unsupported or invalid query filter clause specified for property '${property}' of resource '${schema.resource}'.`,
  );
}

/** Checks every clause against the schema; throws the real errors for unsupported/advanced-only use. */
export function validateFilter(node: FilterNode, schema: ResourceSchema, advanced: boolean): void {
  const capability = (property: string) => {
    const canonical = canonicalProperty(schema, property);
    if (!canonical)
      throw new BadRequestError(
        `Could not find a property named '${property}' on type '${schema.typeName}'.`,
      );
    const cap = schema.filter[canonical];
    if (!cap) throw unsupportedProperty(canonical, schema);
    return { canonical, cap };
  };
  const need = (
    property: string,
    op: 'eq' | 'startswith' | 'any' | 'ne' | 'endswith' | 'null' | 'range',
    operatorName: string,
  ): void => {
    const { canonical, cap } = capability(property);
    if ((cap.basic as readonly string[]).includes(op)) return;
    if ((cap.advanced as readonly string[]).includes(op)) {
      if (advanced) return;
      if (op === 'ne' || op === 'endswith') throw advancedOperatorError(operatorName);
      throw unsupportedProperty(canonical, schema);
    }
    throw unsupportedProperty(canonical, schema);
  };
  const walk = (n: FilterNode): void => {
    switch (n.type) {
      case 'and':
      case 'or':
        walk(n.left);
        walk(n.right);
        return;
      case 'not':
        if (!advanced) throw advancedOperatorError('not');
        walk(n.operand);
        return;
      case 'compare':
        if (n.value === null) need(n.property, 'null', n.op);
        else if (n.op === 'eq') need(n.property, 'eq', 'eq');
        else if (n.op === 'ne') need(n.property, 'ne', 'ne');
        else need(n.property, 'range', n.op);
        return;
      case 'in':
        need(n.property, 'eq', 'in');
        return;
      case 'function':
        need(
          n.property,
          n.name === 'startswith' ? 'startswith' : 'endswith',
          n.name === 'startswith' ? 'startsWith' : 'endsWith',
        );
        return;
      case 'any': {
        need(n.property, 'any', 'any');
        const inner = (p: FilterNode): void => {
          if (p.type === 'function' && p.name === 'endswith' && !advanced)
            throw advancedOperatorError('endsWith');
          if (p.type === 'and' || p.type === 'or') {
            inner(p.left);
            inner(p.right);
          }
        };
        inner(n.predicate);
        return;
      }
    }
  };
  walk(node);
}

function parseSearch(raw: string, schema: ResourceSchema): NonNullable<ListQuery['search']> {
  const clauses: NonNullable<ListQuery['search']> = [];
  const re = /"([^"]*)"|\b(AND|OR)\b/g;
  let join: 'AND' | 'OR' = 'AND';
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    if (m[2]) {
      join = m[2] as 'AND' | 'OR';
      continue;
    }
    const body = m[1] ?? '';
    const colon = body.indexOf(':');
    if (colon < 0)
      throw new RequestBadRequestError(`Syntax error: character '"' is not valid at position 0 in '${raw}'.`);
    const property = canonicalProperty(schema, body.slice(0, colon));
    if (!property)
      throw new BadRequestError(
        `Could not find a property named '${body.slice(0, colon)}' on type '${schema.typeName}'.`,
      );
    clauses.push({ property, term: body.slice(colon + 1).toLowerCase(), join });
    join = 'AND';
  }
  if (clauses.length === 0) throw new RequestBadRequestError(`Invalid search query '${raw}'.`);
  return clauses;
}

/** Options controlling which query features a route accepts. */
export interface ListQueryOptions {
  allowFilter?: boolean;
  allowSearch?: boolean;
  allowOrderby?: boolean;
}

/** Parses and validates the list query options of a directory collection request. */
export function parseListQuery(
  source: QuerySource,
  schema: ResourceSchema,
  options: ListQueryOptions = {},
): ListQuery {
  const { query } = source;
  const eventual = hasEventualConsistency(source);
  const countParam = (queryOption(query, 'count') ?? '').toLowerCase() === 'true';
  const advanced = eventual && countParam;
  const top = parseTop(query);
  const select = parseSelect(query, schema);

  const rawSearch = queryOption(query, 'search');
  let search: ListQuery['search'];
  if (rawSearch !== undefined) {
    if (!eventual) {
      throw new RequestUnsupportedQueryError(
        "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
      );
    }
    if (options.allowSearch === false)
      throw new RequestUnsupportedQueryError('$search is not supported on this resource.');
    search = parseSearch(rawSearch, schema);
  }

  const rawFilter = queryOption(query, 'filter');
  let filter: FilterNode | undefined;
  if (rawFilter !== undefined && rawFilter.trim() !== '') {
    filter = parseFilter(rawFilter);
    validateFilter(filter, schema, advanced);
  }

  const rawOrderby = queryOption(query, 'orderby');
  let orderby: ListQuery['orderby'];
  if (rawOrderby !== undefined && rawOrderby.trim() !== '') {
    const [name = '', direction = 'asc'] = rawOrderby.trim().split(/\s+/);
    const property = canonicalProperty(schema, name);
    if (!property)
      throw new BadRequestError(`Could not find a property named '${name}' on type '${schema.typeName}'.`);
    const needsAdvanced = filter !== undefined || !schema.orderable.includes(property);
    if (needsAdvanced && !advanced)
      throw new RequestUnsupportedQueryError('Sorting not supported for current query.');
    orderby = { property, descending: direction.toLowerCase() === 'desc' };
  }

  const skiptoken = queryOption(query, 'skiptoken');
  return { filter, select, top, orderby, search, count: advanced, skiptoken };
}

/** Opaque paging state (base64url JSON; clients must not parse it). */
interface PageCursor {
  o: number;
}

function encodeCursor(cursor: PageCursor): string {
  return `RFNwdAIA${Buffer.from(JSON.stringify(cursor)).toString('base64url')}`;
}

function decodeCursor(token: string): PageCursor {
  try {
    if (!token.startsWith('RFNwdAIA')) throw new Error('prefix');
    const parsed: unknown = JSON.parse(Buffer.from(token.slice(8), 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as PageCursor).o === 'number')
      return parsed as PageCursor;
  } catch {
    // fall through
  }
  throw new RequestBadRequestError('Invalid paging token specified.');
}

/** Result of applying a list query to rows. */
export interface ListPage<T> {
  items: T[];
  /** Opaque token for the next page, if any. */
  nextToken: string | undefined;
  /** Total matches before paging (for `@odata.count`). */
  total: number;
}

/** Filters, searches, sorts and pages rows; `get` must resolve property names case-insensitively. */
export function applyListQuery<T>(
  rows: T[],
  get: (row: T, property: string) => unknown,
  query: ListQuery,
): ListPage<T> {
  let matches = rows;
  const filter = query.filter;
  if (filter) matches = matches.filter((row) => evaluateFilter(filter, (p) => get(row, p)));
  const search = query.search;
  if (search) {
    matches = matches.filter((row) => {
      let result = true;
      search.forEach((clause, index) => {
        const value = get(row, clause.property);
        const hit = typeof value === 'string' && value.toLowerCase().includes(clause.term);
        result = index === 0 ? hit : clause.join === 'AND' ? result && hit : result || hit;
      });
      return result;
    });
  }
  const orderby = query.orderby;
  if (orderby) {
    matches = [...matches].sort((a, b) => {
      const av = String(get(a, orderby.property) ?? '').toLowerCase();
      const bv = String(get(b, orderby.property) ?? '').toLowerCase();
      const c = av < bv ? -1 : av > bv ? 1 : 0;
      return orderby.descending ? -c : c;
    });
  }
  const offset = query.skiptoken === undefined ? 0 : decodeCursor(query.skiptoken).o;
  const items = matches.slice(offset, offset + query.top);
  const nextOffset = offset + items.length;
  return {
    items,
    nextToken: nextOffset < matches.length ? encodeCursor({ o: nextOffset }) : undefined,
    total: matches.length,
  };
}

/** Builds `@odata.nextLink`: the original query without `$skiptoken`, plus the new token. */
export function buildNextLink(graphUrl: string, path: string, query: URLSearchParams, token: string): string {
  const parts: string[] = [];
  for (const [key, value] of query) {
    if (key.toLowerCase() === '$skiptoken' || key.toLowerCase() === 'skiptoken') continue;
    parts.push(`${key}=${encodeURIComponent(value)}`);
  }
  parts.push(`$skiptoken=${token}`);
  return `${graphUrl}${path}?${parts.join('&')}`;
}

/** Projects a record to the selected (or default) properties; missing values become null. */
export function projectProperties(
  props: Record<string, unknown>,
  properties: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of properties) {
    const value = p === 'passwordProfile' ? null : props[p];
    out[p] = value === undefined ? null : value;
  }
  return out;
}

/** `@odata.context` for a collection, with the `$select` list when present. */
export function collectionContext(graphUrl: string, entitySet: string, select: string[] | undefined): string {
  return `${graphUrl}/$metadata#${entitySet}${select ? `(${select.join(',')})` : ''}`;
}
