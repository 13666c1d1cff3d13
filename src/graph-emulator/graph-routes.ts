/**
 * The Graph v1.0 route table: each route names its permissions (any of), its base resource-unit
 * cost (graph-facts.md §8.1), whether it writes, and its handler. Resolution errors mirror Graph:
 * an unknown segment is 400 `Resource not found for the segment '…'.`, a known resource with the
 * wrong method is 405.
 */
import type { GraphCaller } from './access-tokens.js';
import {
  listDeletedItems,
  purgeDeletedItem,
  requireDeletedItem,
  restoreDeletedItem,
} from './deleted-items.js';
import { runDelta } from './delta.js';
import type { DirectoryContext } from './directory-objects.js';
import { findObject, odataType, requireGroup, requireUser, viewOf } from './directory-objects.js';
import {
  AuthorizationRequestDeniedError,
  BadRequestError,
  MethodNotAllowedError,
  RequestBadRequestError,
  RequestResourceNotFoundError,
  RequestUnsupportedQueryError,
  ResourceNotFoundError,
} from './errors.js';
import type { GraphRequest } from './graph-types.js';
import {
  addMember,
  addOwner,
  createGroup,
  deleteGroup,
  listMemberOf,
  listMembers,
  removeMember,
  updateGroup,
} from './groups.js';
import { isRecord } from './jwt.js';
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
import { graphBase } from './runtime.js';
import { GROUP_SCHEMA, type ResourceSchema, USER_SCHEMA } from './schemas.js';
import { createUser, softDeleteUser, updateUser } from './users.js';

/** Everything a handler gets. */
export interface OperationContext extends DirectoryContext {
  request: GraphRequest;
  caller: GraphCaller;
  params: string[];
}

/** What a handler returns. */
export interface HandlerResult {
  status: number;
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

/** A resolved route. */
export interface Route {
  name: string;
  roles: readonly string[];
  baseResourceUnits: number;
  write: boolean;
  handler: (op: OperationContext) => HandlerResult;
}

const USER_READ = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const USER_WRITE = ['User.ReadWrite.All', 'Directory.ReadWrite.All'];
const USER_RESTORE = ['User.DeleteRestore.All', 'Directory.ReadWrite.All'];
const GROUP_READ = [
  'Group.Read.All',
  'Group.ReadWrite.All',
  'GroupMember.Read.All',
  'GroupMember.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];
const GROUP_CREATE = ['Group.Create', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'];
const GROUP_WRITE = ['Group.ReadWrite.All', 'Directory.ReadWrite.All'];
const MEMBER_WRITE = ['GroupMember.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'];
const ORG_READ = [
  'Organization.Read.All',
  'Organization.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];
const ANY_READ = [...new Set([...USER_READ, ...GROUP_READ])];
const NONE: readonly string[] = [];

/** Throws 403 unless the caller holds one of `roles`. */
export function requireRoles(caller: GraphCaller, roles: readonly string[]): void {
  if (roles.length === 0) return;
  if (!roles.some((r) => caller.roles.has(r))) throw new AuthorizationRequestDeniedError();
}

const lowerIndex = (schema: ResourceSchema) => new Map(schema.properties.map((p) => [p.toLowerCase(), p]));
const USER_PROPS = lowerIndex(USER_SCHEMA);
const GROUP_PROPS = lowerIndex(GROUP_SCHEMA);

function rowGetter(now: number) {
  return (record: UserRecord | GroupRecord, property: string): unknown => {
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

function entity(
  op: OperationContext,
  record: UserRecord | GroupRecord,
  contextSuffix: string,
  select: string[] | undefined,
  withType = false,
): Record<string, unknown> {
  const schema = record.kind === 'user' ? USER_SCHEMA : GROUP_SCHEMA;
  const out: Record<string, unknown> = {
    '@odata.context': `${graphBase(op.runtime)}/$metadata#${contextSuffix}`,
  };
  if (withType) out['@odata.type'] = odataType(record);
  Object.assign(out, projectProperties(viewOf(record, op.now), select ?? schema.defaultSelect));
  return Object.assign(out, expansion(op, record));
}

const EXPANDABLE: Record<'user' | 'group', readonly string[]> = {
  user: ['memberOf', 'transitiveMemberOf'],
  group: ['members', 'owners', 'memberOf'],
};

/**
 * `$expand` of one navigation property (`members`, `members($select=id,displayName)`, …): at most
 * 20 related objects, as the real service returns. Not combinable with advanced queries.
 */
function expansion(op: OperationContext, record: UserRecord | GroupRecord): Record<string, unknown> {
  const raw = queryOption(op.request.query, 'expand');
  if (raw === undefined || raw.trim() === '') return {};
  if (
    hasEventualConsistency(op.request) &&
    (queryOption(op.request.query, 'count') ?? '').toLowerCase() === 'true'
  ) {
    throw new RequestUnsupportedQueryError(
      '$expand is not supported with advanced queries ($count=true with ConsistencyLevel: eventual).',
    );
  }
  const m = /^\s*([A-Za-z]+)\s*(?:\(\s*\$select\s*=\s*([^)]*)\))?\s*$/.exec(raw);
  const nav = EXPANDABLE[record.kind].find((n) => n.toLowerCase() === (m?.[1] ?? '').toLowerCase());
  if (!m || !nav) {
    const typeName = record.kind === 'user' ? 'microsoft.graph.user' : 'microsoft.graph.group';
    throw new BadRequestError(
      `Could not find a property named '${(m?.[1] ?? raw).trim()}' on type '${typeName}'.`,
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
  let related: Array<UserRecord | GroupRecord>;
  if (nav === 'members') related = listMembers(op, record as GroupRecord, false);
  else if (nav === 'owners')
    related = [...(record as GroupRecord).owners]
      .map((o) => findObject(op, o))
      .filter((o): o is UserRecord | GroupRecord => o !== undefined);
  else related = listMemberOf(op, record.id, nav === 'transitiveMemberOf');
  return {
    [nav]: related.slice(0, 20).map((r) => ({
      '@odata.type': odataType(r),
      ...projectProperties(
        viewOf(r, op.now),
        select ?? (r.kind === 'user' ? USER_SCHEMA : GROUP_SCHEMA).defaultSelect,
      ),
    })),
  };
}

function entityContext(entitySet: string, select: string[] | undefined): string {
  return `${entitySet}${select ? `(${select.join(',')})` : ''}/$entity`;
}

function listBody(
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

function visibleSorted<T extends UserRecord | GroupRecord>(op: OperationContext, records: Iterable<T>): T[] {
  const out: T[] = [];
  for (const r of records) if (r.visibleAt <= op.now) out.push(r);
  return out.sort((a, b) => a.seq - b.seq);
}

function listResource(op: OperationContext, schema: ResourceSchema): HandlerResult {
  const query = parseListQuery(op.request, schema);
  const rows = visibleSorted<UserRecord | GroupRecord>(
    op,
    schema === USER_SCHEMA ? op.tenant.users.values() : op.tenant.groups.values(),
  );
  const page = applyListQuery(rows, rowGetter(op.now), query);
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

function countResource(op: OperationContext, schema: ResourceSchema): HandlerResult {
  if (!hasEventualConsistency(op.request))
    throw new RequestBadRequestError('$count is not currently supported.');
  const rawFilter = queryOption(op.request.query, 'filter');
  const rows = visibleSorted<UserRecord | GroupRecord>(
    op,
    schema === USER_SCHEMA ? op.tenant.users.values() : op.tenant.groups.values(),
  );
  let count = rows.length;
  if (rawFilter) {
    const filter = parseFilter(rawFilter);
    validateFilter(filter, schema, true);
    const get = rowGetter(op.now);
    count = rows.filter((r) => evaluateFilter(filter, (p) => get(r, p))).length;
  }
  return { status: 200, text: String(count), headers: { 'Content-Type': 'text/plain' } };
}

const DIRECTORY_OBJECT_SCHEMA: ResourceSchema = {
  ...USER_SCHEMA,
  typeName: 'microsoft.graph.directoryObject' as ResourceSchema['typeName'],
  properties: [...new Set([...USER_SCHEMA.properties, ...GROUP_SCHEMA.properties])],
};

function directoryObjectList(op: OperationContext, records: Array<UserRecord | GroupRecord>): HandlerResult {
  const select = parseSelect(op.request.query, DIRECTORY_OBJECT_SCHEMA);
  const top = parseTop(op.request.query);
  const advanced =
    hasEventualConsistency(op.request) &&
    (queryOption(op.request.query, 'count') ?? '').toLowerCase() === 'true';
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
  const items = page.items.map((r) => ({
    '@odata.type': odataType(r),
    ...projectProperties(
      viewOf(r, op.now),
      select ?? (r.kind === 'user' ? USER_SCHEMA : GROUP_SCHEMA).defaultSelect,
    ),
  }));
  return {
    status: 200,
    body: listBody(op, { ...page, items }, `${graphBase(op.runtime)}/$metadata#directoryObjects`, query),
  };
}

function organization(op: OperationContext): Record<string, unknown> {
  const t = op.tenant;
  return {
    id: t.id,
    deletedDateTime: null,
    businessPhones: [],
    city: null,
    country: null,
    countryLetterCode: 'US',
    createdDateTime: `${new Date(t.createdAt).toISOString().slice(0, 19)}Z`,
    displayName: t.displayName,
    tenantType: 'AAD',
    verifiedDomains: t.verifiedDomains.map((name, i) => ({
      capabilities: i === 0 ? 'Email, OfficeCommunicationsOnline' : 'Email',
      isDefault: i === 0,
      isInitial: i === 0,
      name,
      type: 'Managed',
    })),
  };
}

function route(
  name: string,
  roles: readonly string[],
  baseResourceUnits: number,
  write: boolean,
  handler: Route['handler'],
): Route {
  return { name, roles, baseResourceUnits, write, handler };
}

const noContent = (): HandlerResult => ({ status: 204 });

function unknownSegment(segment: string): BadRequestError {
  return new BadRequestError(`Resource not found for the segment '${segment}'.`);
}

/** Resolves method + path segments to a route; params hold the ids in the path. */
export function resolveRoute(method: string, segments: string[]): { route: Route; params: string[] } {
  const [a, b, c] = segments;
  const n = segments.length;
  const pick = (table: Record<string, Route>, params: string[] = []): { route: Route; params: string[] } => {
    const r = table[method];
    if (!r) throw new MethodNotAllowedError();
    return { route: r, params };
  };
  if (a === undefined || a === '') throw new ResourceNotFoundError();
  switch (a.toLowerCase()) {
    case '$batch':
      if (n > 1) throw unknownSegment(b as string);
      return pick({ POST: route('batch', NONE, 0, false, () => ({ status: 500 })) });
    case 'organization':
      if (n === 1) {
        return pick({
          GET: route('organization.list', ORG_READ, 1, false, (op) => ({
            status: 200,
            body: {
              '@odata.context': `${graphBase(op.runtime)}/$metadata#organization`,
              value: [organization(op)],
            },
          })),
        });
      }
      if (n === 2) {
        return pick(
          {
            GET: route('organization.get', ORG_READ, 1, false, (op) => {
              if ((op.params[0] ?? '').toLowerCase() !== op.tenant.id)
                throw new RequestBadRequestError(`Invalid object identifier '${op.params[0]}'.`);
              return {
                status: 200,
                body: {
                  '@odata.context': `${graphBase(op.runtime)}/$metadata#organization/$entity`,
                  ...organization(op),
                },
              };
            }),
          },
          [b as string],
        );
      }
      throw unknownSegment(c as string);
    case 'users':
      return resolveUsers(segments, pick);
    case 'groups':
      return resolveGroups(segments, pick);
    case 'directoryobjects':
      if (n === 2 && b?.toLowerCase() === 'getbyids') {
        return pick({
          POST: route('directoryObjects.getByIds', ANY_READ, 3, false, (op) => {
            const body = isRecord(op.request.body) ? op.request.body : {};
            if (!Array.isArray(body.ids))
              throw new RequestBadRequestError('Property ids value is required but is empty or missing.');
            const types = Array.isArray(body.types)
              ? body.types.map((t) => String(t).toLowerCase())
              : undefined;
            const found = body.ids
              .map((id) => findObject(op, String(id)))
              .filter(
                (r): r is UserRecord | GroupRecord => r !== undefined && (!types || types.includes(r.kind)),
              );
            return {
              status: 200,
              body: {
                '@odata.context': `${graphBase(op.runtime)}/$metadata#directoryObjects`,
                value: found.map((r) => ({
                  '@odata.type': odataType(r),
                  ...projectProperties(
                    viewOf(r, op.now),
                    (r.kind === 'user' ? USER_SCHEMA : GROUP_SCHEMA).defaultSelect,
                  ),
                })),
              },
            };
          }),
        });
      }
      if (n === 2) {
        return pick(
          {
            GET: route('directoryObjects.get', ANY_READ, 1, false, (op) => {
              const r = findObject(op, op.params[0] as string);
              if (!r) throw new RequestResourceNotFoundError(op.params[0] as string);
              return {
                status: 200,
                body: entity(
                  op,
                  r,
                  'directoryObjects/$entity',
                  parseSelect(op.request.query, DIRECTORY_OBJECT_SCHEMA),
                  true,
                ),
              };
            }),
          },
          [b as string],
        );
      }
      throw unknownSegment((n === 1 ? a : c) as string);
    case 'directory':
      if (b?.toLowerCase() !== 'deleteditems') throw unknownSegment((b ?? a) as string);
      return resolveDeletedItems(segments.slice(2), pick);
    default:
      throw unknownSegment(a);
  }
}

type Pick = (table: Record<string, Route>, params?: string[]) => { route: Route; params: string[] };

function resolveUsers(segments: string[], pick: Pick): { route: Route; params: string[] } {
  const [, b, c] = segments;
  const n = segments.length;
  if (n === 1) {
    return pick({
      GET: route('users.list', USER_READ, 2, false, (op) => listResource(op, USER_SCHEMA)),
      POST: route('users.create', USER_WRITE, 1, true, (op) => {
        const user = createUser(op, op.request.body);
        return {
          status: 201,
          body: entity(op, user, 'users/$entity', undefined),
          headers: { Location: `${graphBase(op.runtime)}/users/${user.id}` },
        };
      }),
    });
  }
  const id = b as string;
  if (n === 2 && id === '$count')
    return pick({ GET: route('users.count', USER_READ, 1, false, (op) => countResource(op, USER_SCHEMA)) });
  if (n === 2 && (id === 'delta' || id === 'delta()')) {
    return pick({
      GET: route('users.delta', USER_READ, 1, false, (op) => ({
        status: 200,
        body: runDelta(op, 'users', op.request.query, op.request.path),
      })),
    });
  }
  if (n === 2) {
    return pick(
      {
        GET: route('users.get', USER_READ, 1, false, (op) => {
          const user = requireUser(op, op.params[0] as string);
          const select = parseSelect(op.request.query, USER_SCHEMA);
          return { status: 200, body: entity(op, user, entityContext('users', select), select) };
        }),
        PATCH: route('users.update', USER_WRITE, 1, true, (op) => {
          updateUser(op, requireUser(op, op.params[0] as string), op.request.body);
          return noContent();
        }),
        DELETE: route('users.delete', USER_WRITE, 1, true, (op) => {
          softDeleteUser(op, requireUser(op, op.params[0] as string));
          return noContent();
        }),
      },
      [id],
    );
  }
  const nav = (c as string).toLowerCase();
  if (n === 3 && (nav === 'memberof' || nav === 'transitivememberof')) {
    const transitive = nav === 'transitivememberof';
    return pick(
      {
        GET: route(`users.${nav}`, ANY_READ, transitive ? 2 : 2, false, (op) => {
          const user = requireUser(op, op.params[0] as string);
          return directoryObjectList(op, listMemberOf(op, user.id, transitive));
        }),
      },
      [id],
    );
  }
  throw unknownSegment(n === 3 ? (c as string) : (segments[3] as string));
}

function resolveGroups(segments: string[], pick: Pick): { route: Route; params: string[] } {
  const [, b, c, d, e] = segments;
  const n = segments.length;
  if (n === 1) {
    return pick({
      GET: route('groups.list', GROUP_READ, 1, false, (op) => listResource(op, GROUP_SCHEMA)),
      POST: route('groups.create', GROUP_CREATE, 1, true, (op) => {
        const group = createGroup(op, op.request.body);
        return {
          status: 201,
          body: entity(op, group, 'groups/$entity', undefined),
          headers: { Location: `${graphBase(op.runtime)}/groups/${group.id}` },
        };
      }),
    });
  }
  const id = b as string;
  if (n === 2 && id === '$count')
    return pick({
      GET: route('groups.count', GROUP_READ, 1, false, (op) => countResource(op, GROUP_SCHEMA)),
    });
  if (n === 2 && (id === 'delta' || id === 'delta()')) {
    return pick({
      GET: route('groups.delta', GROUP_READ, 1, false, (op) => ({
        status: 200,
        body: runDelta(op, 'groups', op.request.query, op.request.path),
      })),
    });
  }
  if (n === 2) {
    return pick(
      {
        GET: route('groups.get', GROUP_READ, 1, false, (op) => {
          const group = requireGroup(op, op.params[0] as string);
          const select = parseSelect(op.request.query, GROUP_SCHEMA);
          return { status: 200, body: entity(op, group, entityContext('groups', select), select) };
        }),
        PATCH: route('groups.update', GROUP_WRITE, 1, true, (op) => {
          updateGroup(op, requireGroup(op, op.params[0] as string), op.request.body);
          return noContent();
        }),
        DELETE: route('groups.delete', GROUP_WRITE, 1, true, (op) => {
          deleteGroup(op, requireGroup(op, op.params[0] as string));
          return noContent();
        }),
      },
      [id],
    );
  }
  const nav = (c as string).toLowerCase();
  if (n === 3 && (nav === 'members' || nav === 'transitivemembers')) {
    const transitive = nav === 'transitivemembers';
    return pick(
      {
        GET: route(`groups.${nav}`, GROUP_READ, transitive ? 5 : 3, false, (op) =>
          directoryObjectList(op, listMembers(op, requireGroup(op, op.params[0] as string), transitive)),
        ),
      },
      [id],
    );
  }
  if (n === 3 && (nav === 'owners' || nav === 'memberof' || nav === 'transitivememberof')) {
    return pick(
      {
        GET: route(`groups.${nav}`, GROUP_READ, 1, false, (op) => {
          const group = requireGroup(op, op.params[0] as string);
          if (nav === 'owners') {
            const owners = [...group.owners]
              .map((o) => findObject(op, o))
              .filter((o): o is UserRecord | GroupRecord => o !== undefined);
            return directoryObjectList(op, owners);
          }
          return directoryObjectList(op, listMemberOf(op, group.id, nav === 'transitivememberof'));
        }),
      },
      [id],
    );
  }
  if (n === 4 && (nav === 'members' || nav === 'owners') && d === '$ref') {
    return pick(
      {
        POST: route(`groups.${nav}.add`, MEMBER_WRITE, 1, true, (op) => {
          const group = requireGroup(op, op.params[0] as string);
          if (nav === 'members') addMember(op, group, op.request.body);
          else addOwner(op, group, op.request.body);
          return noContent();
        }),
      },
      [id],
    );
  }
  if (n === 4 && nav === 'members') {
    // Without /$ref this deletes the member object itself (graph-facts.md §4.2 "Danger").
    return pick(
      {
        DELETE: route('groups.members.deleteObject', [...USER_WRITE, ...GROUP_WRITE], 1, true, (op) => {
          const group = requireGroup(op, op.params[0] as string);
          const memberId = (op.params[1] as string).toLowerCase();
          if (!group.members.has(memberId)) throw new RequestResourceNotFoundError(group.id);
          const target = findObject(op, memberId);
          if (!target) throw new RequestResourceNotFoundError(memberId);
          if (target.kind === 'user') {
            requireRoles(op.caller, USER_WRITE);
            softDeleteUser(op, target);
          } else {
            requireRoles(op.caller, GROUP_WRITE);
            deleteGroup(op, target);
          }
          return noContent();
        }),
      },
      [id, d as string],
    );
  }
  if (n === 5 && (nav === 'members' || nav === 'owners') && e === '$ref') {
    return pick(
      {
        DELETE: route(`groups.${nav}.remove`, MEMBER_WRITE, 1, true, (op) => {
          const group = requireGroup(op, op.params[0] as string);
          if (nav === 'members') removeMember(op, group, op.params[1] as string);
          else {
            const ownerId = (op.params[1] as string).toLowerCase();
            if (!group.owners.has(ownerId)) throw new RequestResourceNotFoundError(group.id);
            group.owners.delete(ownerId);
          }
          return noContent();
        }),
      },
      [id, d as string],
    );
  }
  throw unknownSegment((segments[Math.min(n - 1, 3)] ?? '') as string);
}

function resolveDeletedItems(rest: string[], pick: Pick): { route: Route; params: string[] } {
  const [x, y] = rest;
  if (x === undefined) {
    throw new BadRequestError(
      "Resource not found for the segment 'deletedItems'. Use a type cast such as 'deletedItems/microsoft.graph.user'.",
    );
  }
  const lower = x.toLowerCase();
  if (rest.length === 1 && (lower === 'microsoft.graph.user' || lower === 'microsoft.graph.group')) {
    const kind = lower === 'microsoft.graph.user' ? 'user' : 'group';
    return pick({
      GET: route(`deletedItems.list.${kind}`, kind === 'user' ? USER_READ : GROUP_READ, 1, false, (op) => {
        const schema = kind === 'user' ? USER_SCHEMA : GROUP_SCHEMA;
        const query = parseListQuery(op.request, schema);
        const page = applyListQuery(listDeletedItems(op, kind), rowGetter(op.now), query);
        const items = page.items.map((r) =>
          projectProperties({ id: r.id, ...r.props }, query.select ?? schema.defaultSelect),
        );
        return {
          status: 200,
          body: listBody(
            op,
            { ...page, items },
            `${graphBase(op.runtime)}/$metadata#directory/deletedItems/${lower}`,
            query,
          ),
        };
      }),
    });
  }
  if (rest.length === 1) {
    return pick(
      {
        GET: route('deletedItems.get', ANY_READ, 1, false, (op) => {
          const item = requireDeletedItem(op, op.params[0] as string);
          requireRoles(op.caller, item.record.kind === 'user' ? USER_READ : GROUP_READ);
          const schema = item.record.kind === 'user' ? USER_SCHEMA : GROUP_SCHEMA;
          return {
            status: 200,
            body: {
              '@odata.context': `${graphBase(op.runtime)}/$metadata#directory/deletedItems/$entity`,
              '@odata.type': odataType(item.record),
              ...projectProperties(
                { id: item.record.id, ...item.record.props },
                parseSelect(op.request.query, schema) ?? schema.defaultSelect,
              ),
            },
          };
        }),
        DELETE: route('deletedItems.purge', [...USER_RESTORE, ...GROUP_WRITE], 1, true, (op) => {
          const item = requireDeletedItem(op, op.params[0] as string);
          requireRoles(op.caller, item.record.kind === 'user' ? USER_RESTORE : GROUP_WRITE);
          purgeDeletedItem(op, item.record.id);
          return noContent();
        }),
      },
      [x],
    );
  }
  if (rest.length === 2 && y?.toLowerCase() === 'restore') {
    return pick(
      {
        POST: route('deletedItems.restore', [...USER_RESTORE, ...GROUP_WRITE], 1, true, (op) => {
          const item = requireDeletedItem(op, op.params[0] as string);
          requireRoles(op.caller, item.record.kind === 'user' ? USER_RESTORE : GROUP_WRITE);
          const record = restoreDeletedItem(op, item.record.id, op.request.body);
          return { status: 200, body: entity(op, record, 'directoryObjects/$entity', undefined, true) };
        }),
      },
      [x],
    );
  }
  throw unknownSegment(rest[rest.length - 1] as string);
}
