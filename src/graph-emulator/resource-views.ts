/**
 * How users, groups and directory objects are rendered in Graph's responses: one entity with its
 * `@odata.context`, `$expand` of one navigation property, collections with `@odata.nextLink` and
 * `@odata.count`, `$count` as plain text, and the directory-object collections (members, memberOf)
 * with `@odata.type` on each item. Shared by the resource route files.
 */
import { findObject, odataType, viewOf } from './directory-objects.js';
import { BadRequestError, RequestBadRequestError, RequestUnsupportedQueryError } from './errors.js';
import { listMemberOf, listMembers } from './groups.js';
import type { GroupRecord, UserRecord } from './model.js';
import { evaluateFilter, parseFilter } from './odata-filter.js';
import {
  applyListQuery,
  buildNextLink,
  collectionContext,
  hasEventualConsistency,
  type ListQuery,
  parseListQuery,
  parseSelect,
  parseTop,
  projectProperties,
  queryOption,
  validateFilter,
} from './query.js';
import type { HandlerResult, OperationContext } from './route-table.js';
import { graphBase } from './runtime.js';
import { GROUP_SCHEMA, type ResourceSchema, USER_SCHEMA } from './schemas.js';

type DirectoryRecord = UserRecord | GroupRecord;

/** The schema of a record's kind. */
export function schemaOf(kind: DirectoryRecord['kind']): ResourceSchema {
  return kind === 'user' ? USER_SCHEMA : GROUP_SCHEMA;
}

/** Users and groups together, as `directoryObject` (`$select` may name either's properties). */
export const DIRECTORY_OBJECT_SCHEMA: ResourceSchema = {
  ...USER_SCHEMA,
  typeName: 'microsoft.graph.directoryObject' as ResourceSchema['typeName'],
  properties: [...new Set([...USER_SCHEMA.properties, ...GROUP_SCHEMA.properties])],
};

const lowerIndex = (schema: ResourceSchema) => new Map(schema.properties.map((p) => [p.toLowerCase(), p]));
const USER_PROPS = lowerIndex(USER_SCHEMA);
const GROUP_PROPS = lowerIndex(GROUP_SCHEMA);

/** Reads a property of a record for `$filter` and `$orderby`, as replication lag shows it at `now`. */
export function rowGetter(now: number) {
  return (record: DirectoryRecord, property: string): unknown => {
    const canonical =
      (record.kind === 'user' ? USER_PROPS : GROUP_PROPS).get(property.toLowerCase()) ?? property;
    if (canonical === 'id') return record.id;
    const props =
      record.staleUntil !== undefined && record.staleUntil > now && record.staleProps
        ? record.staleProps
        : record.props;
    return props[canonical];
  };
}

/** A record as an item of a directory-object collection: `@odata.type` and the selected properties. */
export function typedItem(
  op: OperationContext,
  record: DirectoryRecord,
  select: string[] | undefined,
): Record<string, unknown> {
  return {
    '@odata.type': odataType(record),
    ...projectProperties(viewOf(record, op.now), select ?? schemaOf(record.kind).defaultSelect),
  };
}

/** One entity with its `@odata.context` (and `@odata.type` when `withType`), expanded as asked. */
export function entity(
  op: OperationContext,
  record: DirectoryRecord,
  contextSuffix: string,
  select: string[] | undefined,
  withType = false,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    '@odata.context': `${graphBase(op.runtime)}/$metadata#${contextSuffix}`,
  };
  if (withType) out['@odata.type'] = odataType(record);
  Object.assign(
    out,
    projectProperties(viewOf(record, op.now), select ?? schemaOf(record.kind).defaultSelect),
  );
  return Object.assign(out, expansion(op, record));
}

/** `users/$entity`, or `users(id,displayName)/$entity` with a `$select`. */
export function entityContext(entitySet: string, select: string[] | undefined): string {
  return `${entitySet}${select ? `(${select.join(',')})` : ''}/$entity`;
}

/** A group's owners that still exist. */
export function ownersOf(op: OperationContext, group: GroupRecord): DirectoryRecord[] {
  return [...group.owners].map((o) => findObject(op, o)).filter((o): o is DirectoryRecord => o !== undefined);
}

const EXPANDABLE: Record<'user' | 'group', readonly string[]> = {
  user: ['memberOf', 'transitiveMemberOf'],
  group: ['members', 'owners', 'memberOf'],
};

/**
 * `$expand` of one navigation property (`members`, `members($select=id,displayName)`, …): at most
 * 20 related objects, as the real service returns. Not combinable with advanced queries.
 */
function expansion(op: OperationContext, record: DirectoryRecord): Record<string, unknown> {
  const raw = queryOption(op.request.query, 'expand');
  if (raw === undefined || raw.trim() === '') return {};
  if (isAdvancedQuery(op)) {
    throw new RequestUnsupportedQueryError(
      '$expand is not supported with advanced queries ($count=true with ConsistencyLevel: eventual).',
    );
  }
  const m = /^\s*([A-Za-z]+)\s*(?:\(\s*\$select\s*=\s*([^)]*)\))?\s*$/.exec(raw);
  const nav = EXPANDABLE[record.kind].find((n) => n.toLowerCase() === (m?.[1] ?? '').toLowerCase());
  if (!m || !nav) {
    throw new BadRequestError(
      `Could not find a property named '${(m?.[1] ?? raw).trim()}' on type '${schemaOf(record.kind).typeName}'.`,
    );
  }
  const select = m[2]
    ? m[2].split(',').map((p) => {
        const canonical = DIRECTORY_OBJECT_SCHEMA.properties.find(
          (q) => q.toLowerCase() === p.trim().toLowerCase(),
        );
        if (!canonical)
          throw new BadRequestError(
            `Could not find a property named '${p.trim()}' on type 'microsoft.graph.directoryObject'.`,
          );
        return canonical;
      })
    : undefined;
  let related: DirectoryRecord[];
  if (nav === 'members') related = listMembers(op, record as GroupRecord, false);
  else if (nav === 'owners') related = ownersOf(op, record as GroupRecord);
  else related = listMemberOf(op, record.id, nav === 'transitiveMemberOf');
  return { [nav]: related.slice(0, 20).map((r) => typedItem(op, r, select)) };
}

/** `$count=true` with `ConsistencyLevel: eventual`. */
function isAdvancedQuery(op: OperationContext): boolean {
  return (
    hasEventualConsistency(op.request) &&
    (queryOption(op.request.query, 'count') ?? '').toLowerCase() === 'true'
  );
}

/** A collection page's body: `@odata.context`, `@odata.count` when asked, `@odata.nextLink`, `value`. */
export function listBody(
  op: OperationContext,
  page: { items: Array<Record<string, unknown>>; nextToken: string | undefined; total: number },
  context: string,
  query: ListQuery,
): Record<string, unknown> {
  const body: Record<string, unknown> = { '@odata.context': context };
  if (query.count && query.skiptoken === undefined) body['@odata.count'] = page.total;
  if (page.nextToken)
    body['@odata.nextLink'] = buildNextLink(
      graphBase(op.runtime),
      op.request.path,
      op.request.query,
      page.nextToken,
    );
  body.value = page.items;
  return body;
}

function visibleRows(op: OperationContext, schema: ResourceSchema): DirectoryRecord[] {
  const records: Iterable<DirectoryRecord> =
    schema === USER_SCHEMA ? op.tenant.users.values() : op.tenant.groups.values();
  const out: DirectoryRecord[] = [];
  for (const r of records) if (r.visibleAt <= op.now) out.push(r);
  return out.sort((a, b) => a.seq - b.seq);
}

/** `GET /users` or `GET /groups`: `$filter`, `$select`, `$orderby`, `$search`, `$top`, paging. */
export function listResource(op: OperationContext, schema: ResourceSchema): HandlerResult {
  const query = parseListQuery(op.request, schema);
  const page = applyListQuery(visibleRows(op, schema), rowGetter(op.now), query);
  const properties = query.select ?? schema.defaultSelect;
  const items = page.items.map((r) => ({
    ...projectProperties(viewOf(r, op.now), properties),
    ...expansion(op, r),
  }));
  return {
    status: 200,
    body: listBody(
      op,
      { ...page, items },
      collectionContext(graphBase(op.runtime), schema.entitySet, query.select),
      query,
    ),
  };
}

/** `GET /users/$count` or `/groups/$count`: plain text, advanced queries only. */
export function countResource(op: OperationContext, schema: ResourceSchema): HandlerResult {
  if (!hasEventualConsistency(op.request))
    throw new RequestBadRequestError('$count is not currently supported.');
  const rawFilter = queryOption(op.request.query, 'filter');
  const rows = visibleRows(op, schema);
  let count = rows.length;
  if (rawFilter) {
    const filter = parseFilter(rawFilter);
    validateFilter(filter, schema, true);
    const get = rowGetter(op.now);
    count = rows.filter((r) => evaluateFilter(filter, (p) => get(r, p))).length;
  }
  return { status: 200, text: String(count), headers: { 'Content-Type': 'text/plain' } };
}

/** A directory-object relationship (members, memberOf, owners): `$filter` only as an advanced query. */
export function directoryObjectList(op: OperationContext, records: DirectoryRecord[]): HandlerResult {
  const select = parseSelect(op.request.query, DIRECTORY_OBJECT_SCHEMA);
  const top = parseTop(op.request.query);
  const advanced = isAdvancedQuery(op);
  const rawFilter = queryOption(op.request.query, 'filter');
  let rows = records;
  if (rawFilter) {
    if (!advanced)
      throw new RequestUnsupportedQueryError(
        'Filter is not supported on this relationship unless it is sent as an advanced query ($count=true and ConsistencyLevel: eventual).',
      );
    const filter = parseFilter(rawFilter);
    const get = rowGetter(op.now);
    rows = rows.filter((r) => evaluateFilter(filter, (p) => get(r, p)));
  }
  const query: ListQuery = {
    filter: undefined,
    select,
    top,
    orderby: undefined,
    search: undefined,
    count: advanced,
    skiptoken: queryOption(op.request.query, 'skiptoken'),
  };
  const page = applyListQuery(rows, rowGetter(op.now), query);
  const items = page.items.map((r) => typedItem(op, r, select));
  return {
    status: 200,
    body: listBody(op, { ...page, items }, `${graphBase(op.runtime)}/$metadata#directoryObjects`, query),
  };
}
