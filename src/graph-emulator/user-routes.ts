/**
 * `/users` routes (https://learn.microsoft.com/graph/api/resources/user): the collection routes
 * shared with groups, and `memberOf` / `transitiveMemberOf`.
 */
import { type CollectionSpec, resolveCollection } from './collection-routes.js';
import { requireUser } from './directory-objects.js';
import { listMemberOf } from './groups.js';
import type { UserRecord } from './model.js';
import { directoryObjectList } from './resource-views.js';
import {
  ANY_READ,
  type Pick,
  type ResolvedRoute,
  route,
  USER_READ,
  USER_WRITE,
  unknownSegment,
} from './route-table.js';
import { USER_SCHEMA } from './schemas.js';
import { createUser, softDeleteUser, updateUser } from './users.js';

const USERS: CollectionSpec<UserRecord> = {
  entitySet: 'users',
  schema: USER_SCHEMA,
  read: USER_READ,
  create: USER_WRITE,
  write: USER_WRITE,
  listCost: 2,
  createObject: createUser,
  requireObject: requireUser,
  updateObject: updateUser,
  deleteObject: softDeleteUser,
};

/** Resolves a path under `/users`. */
export function resolveUsers(segments: string[], pick: Pick): ResolvedRoute {
  const collection = resolveCollection(USERS, segments, pick);
  if (collection) return collection;
  const [, id, c] = segments;
  const n = segments.length;
  const nav = (c as string).toLowerCase();
  if (n === 3 && (nav === 'memberof' || nav === 'transitivememberof')) {
    const transitive = nav === 'transitivememberof';
    return pick(
      {
        GET: route(`users.${nav}`, ANY_READ, 2, false, (op) => {
          const user = requireUser(op, op.params[0] as string);
          return directoryObjectList(op, listMemberOf(op, user.id, transitive));
        }),
      },
      [id as string],
    );
  }
  throw unknownSegment(n === 3 ? (c as string) : (segments[3] as string));
}
