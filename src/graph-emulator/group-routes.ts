/**
 * `/groups` routes (https://learn.microsoft.com/graph/api/resources/group): the collection routes
 * shared with users, the `members`, `owners` and `memberOf` relationships, and adding and removing
 * members and owners through `$ref`.
 */
import { type CollectionSpec, resolveCollection } from './collection-routes.js';
import { findObject, requireGroup } from './directory-objects.js';
import { RequestResourceNotFoundError } from './errors.js';
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
import type { GroupRecord } from './model.js';
import { directoryObjectList, ownersOf } from './resource-views.js';
import {
  GROUP_CREATE,
  GROUP_READ,
  GROUP_WRITE,
  MEMBER_WRITE,
  noContent,
  type Pick,
  type ResolvedRoute,
  requireRoles,
  route,
  USER_WRITE,
  unknownSegment,
} from './route-table.js';
import { GROUP_SCHEMA } from './schemas.js';
import { softDeleteUser } from './users.js';

const GROUPS: CollectionSpec<GroupRecord> = {
  entitySet: 'groups',
  schema: GROUP_SCHEMA,
  read: GROUP_READ,
  create: GROUP_CREATE,
  write: GROUP_WRITE,
  listCost: 1,
  createObject: (op, body) => createGroup(op, body),
  requireObject: requireGroup,
  updateObject: updateGroup,
  deleteObject: deleteGroup,
};

/** Resolves a path under `/groups`. */
export function resolveGroups(segments: string[], pick: Pick): ResolvedRoute {
  const collection = resolveCollection(GROUPS, segments, pick);
  if (collection) return collection;
  const [, id, c, d, e] = segments as [string, string, string, string | undefined, string | undefined];
  const n = segments.length;
  const nav = c.toLowerCase();
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
          if (nav === 'owners') return directoryObjectList(op, ownersOf(op, group));
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
    // Without /$ref this deletes the member object itself
    // (https://learn.microsoft.com/graph/api/group-delete-members, the caution in its introduction).
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
