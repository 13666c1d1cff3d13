/**
 * The routes beyond users and groups: `/organization`
 * (https://learn.microsoft.com/graph/api/resources/organization), `/directoryObjects`
 * (get, `getByIds`) and `/directory/deletedItems`
 * (https://learn.microsoft.com/graph/api/resources/directory-deleteditems): list by type, get,
 * restore and purge.
 */
import {
  listDeletedItems,
  purgeDeletedItem,
  requireDeletedItem,
  restoreDeletedItem,
} from './deleted-items.js';
import { directoryTimestamp, findObject, odataType } from './directory-objects.js';
import { BadRequestError, RequestBadRequestError, RequestResourceNotFoundError } from './errors.js';
import { isRecord } from './jwt.js';
import type { GroupRecord, UserRecord } from './model.js';
import { applyListQuery, parseListQuery, parseSelect, projectProperties } from './query.js';
import {
  DIRECTORY_OBJECT_SCHEMA,
  entity,
  listBody,
  rowGetter,
  schemaOf,
  typedItem,
} from './resource-views.js';
import {
  ANY_READ,
  GROUP_READ,
  GROUP_WRITE,
  noContent,
  type OperationContext,
  ORG_READ,
  type Pick,
  type ResolvedRoute,
  requireRoles,
  route,
  USER_READ,
  USER_RESTORE,
  unknownSegment,
} from './route-table.js';
import { graphBase } from './runtime.js';

function organization(op: OperationContext): Record<string, unknown> {
  const t = op.tenant;
  return {
    id: t.id,
    deletedDateTime: null,
    businessPhones: [],
    city: null,
    country: null,
    countryLetterCode: 'US',
    createdDateTime: directoryTimestamp(t.createdAt),
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

/** Resolves `/organization` and `/organization/{id}`. */
export function resolveOrganization(segments: string[], pick: Pick): ResolvedRoute {
  const [, b, c] = segments;
  if (segments.length === 1) {
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
  if (segments.length === 2) {
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
}

/** Resolves `/directoryObjects/getByIds` and `/directoryObjects/{id}`. */
export function resolveDirectoryObjects(segments: string[], pick: Pick): ResolvedRoute {
  const [a, b, c] = segments;
  const n = segments.length;
  if (n === 2 && b?.toLowerCase() === 'getbyids') {
    return pick({
      POST: route('directoryObjects.getByIds', ANY_READ, 3, false, (op) => {
        const body = isRecord(op.request.body) ? op.request.body : {};
        if (!Array.isArray(body.ids))
          throw new RequestBadRequestError('Property ids value is required but is empty or missing.');
        const types = Array.isArray(body.types) ? body.types.map((t) => String(t).toLowerCase()) : undefined;
        const found = body.ids
          .map((id) => findObject(op, String(id)))
          .filter(
            (r): r is UserRecord | GroupRecord => r !== undefined && (!types || types.includes(r.kind)),
          );
        return {
          status: 200,
          body: {
            '@odata.context': `${graphBase(op.runtime)}/$metadata#directoryObjects`,
            value: found.map((r) => typedItem(op, r, undefined)),
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
}

/** Resolves a path under `/directory/deletedItems` (`rest` is what follows it). */
export function resolveDeletedItems(rest: string[], pick: Pick): ResolvedRoute {
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
        const schema = schemaOf(kind);
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
  const restoreRoles = (record: UserRecord | GroupRecord) =>
    record.kind === 'user' ? USER_RESTORE : GROUP_WRITE;
  if (rest.length === 1) {
    return pick(
      {
        GET: route('deletedItems.get', ANY_READ, 1, false, (op) => {
          const item = requireDeletedItem(op, op.params[0] as string);
          requireRoles(op.caller, item.record.kind === 'user' ? USER_READ : GROUP_READ);
          const schema = schemaOf(item.record.kind);
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
          requireRoles(op.caller, restoreRoles(item.record));
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
          requireRoles(op.caller, restoreRoles(item.record));
          const record = restoreDeletedItem(op, item.record.id, op.request.body);
          return { status: 200, body: entity(op, record, 'directoryObjects/$entity', undefined, true) };
        }),
      },
      [x],
    );
  }
  throw unknownSegment(rest[rest.length - 1] as string);
}
