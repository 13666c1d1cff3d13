/**
 * The Graph v1.0 route table: resolves a method and path to a route, which names its permissions
 * (any of), its base resource-unit cost
 * (https://learn.microsoft.com/graph/throttling-limits#identity-and-access-service-limits),
 * whether it writes, and its handler. The routes live by resource: `user-routes.ts`,
 * `group-routes.ts` (both on `collection-routes.ts`) and `directory-routes.ts`. Resolution errors
 * mirror Graph: an unknown segment is 400 `Resource not found for the segment '…'.`, a known
 * resource with the wrong method is 405.
 */
import { resolveDeletedItems, resolveDirectoryObjects, resolveOrganization } from './directory-routes.js';
import { ResourceNotFoundError } from './errors.js';
import { resolveGroups } from './group-routes.js';
import { NONE, pickFor, type ResolvedRoute, route, unknownSegment } from './route-table.js';
import { resolveUsers } from './user-routes.js';

export type { HandlerResult, OperationContext, ResolvedRoute, Route } from './route-table.js';
export { requireRoles } from './route-table.js';

/** Resolves method + path segments to a route; params hold the ids in the path. */
export function resolveRoute(method: string, segments: string[]): ResolvedRoute {
  const [a, b] = segments;
  const pick = pickFor(method);
  if (a === undefined || a === '') throw new ResourceNotFoundError();
  switch (a.toLowerCase()) {
    case '$batch':
      if (segments.length > 1) throw unknownSegment(b as string);
      return pick({ POST: route('batch', NONE, 0, false, () => ({ status: 500 })) });
    case 'organization':
      return resolveOrganization(segments, pick);
    case 'users':
      return resolveUsers(segments, pick);
    case 'groups':
      return resolveGroups(segments, pick);
    case 'directoryobjects':
      return resolveDirectoryObjects(segments, pick);
    case 'directory':
      if (b?.toLowerCase() !== 'deleteditems') throw unknownSegment((b ?? a) as string);
      return resolveDeletedItems(segments.slice(2), pick);
    default:
      throw unknownSegment(a);
  }
}
