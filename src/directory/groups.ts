/** Groups, nesting and memberships, each change with its outbox row and audit event in one transaction. */
import { isDeepStrictEqual } from 'node:util';
import type { ExpressionBuilder, Kysely, Selectable, Transaction } from 'kysely';
import { v4 as uuidv4 } from 'uuid';
import { isUniqueViolation, nowIso, readBool, readJson, writeJson } from '../store/dialect.js';
import type { Database, GroupsTable } from '../store/schema.js';
import { auditModelChange, type CapturedLink, captureLinks, emitChange } from './changes.js';
import { DirectoryNotFoundError, DirectoryValidationError } from './errors.js';
import { containsText, fetchPage, orderingOf, type Page, type PageRequest } from './paging.js';
import type { Actor, Group } from './types.js';

type Db = Kysely<Database>;
type Conn = Db | Transaction<Database>;

export interface GroupInput {
  name: string;
  is_superuser?: boolean;
  /** UUIDs of parent groups. */
  parents?: string[];
  /** Member user pks. */
  users?: number[];
  attributes?: Record<string, unknown>;
}

export type GroupPatch = Partial<GroupInput>;

export interface GroupListQuery extends PageRequest {
  search?: string;
  name?: string;
  is_superuser?: boolean;
  /** Only groups that have this user as a direct member. */
  members_by_pk?: number[];
  /** Only groups that have a user with one of these usernames as a direct member. */
  members_by_username?: string[];
  ordering?: string;
}

function toGroup(row: Selectable<GroupsTable>, parents: string[]): Group {
  return {
    group_uuid: row.group_uuid,
    num_pk: row.id,
    name: row.name,
    is_superuser: readBool(row.is_superuser),
    attributes: readJson(row.attributes, {}),
    parents,
  };
}

/**
 * The UUIDs of each group's direct parents (`parents`) or direct children (`children`, in name
 * order), for the given groups.
 */
async function relatedGroupUuids(
  db: Conn,
  groupIds: number[],
  relation: 'parents' | 'children',
): Promise<Map<number, string[]>> {
  const result = new Map<number, string[]>(groupIds.map((id) => [id, []]));
  if (groupIds.length === 0) return result;
  const [self, other] =
    relation === 'parents' ? (['group_id', 'parent_id'] as const) : (['parent_id', 'group_id'] as const);
  const rows = await db
    .selectFrom('group_parents')
    .innerJoin('groups', 'groups.id', `group_parents.${other}`)
    .select([`group_parents.${self} as id`, 'groups.group_uuid'])
    .where(`group_parents.${self}`, 'in', groupIds)
    .$if(relation === 'children', (q) => q.orderBy('groups.name'))
    .execute();
  for (const r of rows) result.get(r.id)?.push(r.group_uuid);
  return result;
}

/** Parent group UUIDs per group. */
export function parentsOf(db: Conn, groupIds: number[]): Promise<Map<number, string[]>> {
  return relatedGroupUuids(db, groupIds, 'parents');
}

async function rowByUuid(db: Conn, groupUuid: string): Promise<Selectable<GroupsTable>> {
  const row = await db
    .selectFrom('groups')
    .selectAll()
    .where('group_uuid', '=', groupUuid)
    .executeTakeFirst();
  if (!row) throw new DirectoryNotFoundError('group', groupUuid);
  return row;
}

export async function getGroup(db: Conn, groupUuid: string): Promise<Group> {
  const row = await rowByUuid(db, groupUuid);
  return toGroup(row, (await parentsOf(db, [row.id])).get(row.id) ?? []);
}

/** Child group UUIDs per group (direct children). */
export function childrenOf(db: Conn, groupIds: number[]): Promise<Map<number, string[]>> {
  return relatedGroupUuids(db, groupIds, 'children');
}

/** The groups with the given UUIDs (unknown UUIDs are skipped), without their parents. */
export async function groupsByUuids(db: Conn, groupUuids: string[]): Promise<Group[]> {
  if (groupUuids.length === 0) return [];
  const rows = await db
    .selectFrom('groups')
    .selectAll()
    .where('group_uuid', 'in', groupUuids)
    .orderBy('name')
    .execute();
  return rows.map((r) => toGroup(r, []));
}

/** Member user pks per group (direct members). */
export async function membersOfGroups(db: Conn, groupIds: number[]): Promise<Map<number, number[]>> {
  const result = new Map<number, number[]>(groupIds.map((id) => [id, []]));
  if (groupIds.length === 0) return result;
  const rows = await db
    .selectFrom('group_members')
    .select(['group_id', 'user_id'])
    .where('group_id', 'in', groupIds)
    .orderBy('user_id')
    .execute();
  for (const r of rows) result.get(r.group_id)?.push(r.user_id);
  return result;
}

/**
 * `ordering` values and their columns. A Map, not an object literal: `ordering=constructor` (or any
 * `Object.prototype` name) must find nothing and fall back to the default, not hand Kysely a function.
 */
const GROUP_ORDERING: ReadonlyMap<string, keyof GroupsTable> = new Map([
  ['name', 'name'],
  ['is_superuser', 'is_superuser'],
  ['pk', 'group_uuid'],
  ['num_pk', 'id'],
]);

export async function listGroups(db: Db, query: GroupListQuery): Promise<Page<Group>> {
  const filter = (eb: ExpressionBuilder<Database, 'groups'>) => {
    const conditions = [];
    if (query.search) conditions.push(containsText('name', query.search));
    if (query.name !== undefined) conditions.push(eb('name', '=', query.name));
    if (query.is_superuser !== undefined) conditions.push(eb('is_superuser', '=', query.is_superuser));
    if (query.members_by_pk && query.members_by_pk.length > 0) {
      conditions.push(
        eb(
          'id',
          'in',
          eb.selectFrom('group_members').select('group_id').where('user_id', 'in', query.members_by_pk),
        ),
      );
    }
    if (query.members_by_username && query.members_by_username.length > 0) {
      conditions.push(
        eb(
          'id',
          'in',
          eb
            .selectFrom('group_members')
            .innerJoin('users', 'users.id', 'group_members.user_id')
            .select('group_members.group_id')
            .where('users.username', 'in', query.members_by_username),
        ),
      );
    }
    return eb.and(conditions);
  };
  const order = orderingOf(query.ordering, GROUP_ORDERING, 'name');
  const { rows, count } = await fetchPage(
    db.selectFrom('groups').where(filter),
    (q) => q.selectAll().orderBy(order.column, order.direction).orderBy('id'),
    query,
  );
  const parents = await parentsOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    results: rows.map((r) => toGroup(r, parents.get(r.id) ?? [])),
    count,
    page: query.page,
    page_size: query.page_size,
  };
}

function auditModel(group: { num_pk: number; group_uuid: string; name: string }) {
  return { app: 'conduit_core', model_name: 'group', pk: group.group_uuid, name: group.name };
}

async function resolveParents(
  trx: Transaction<Database>,
  groupId: number | null,
  parentUuids: string[],
): Promise<number[]> {
  if (parentUuids.length === 0) return [];
  const rows = await trx
    .selectFrom('groups')
    .select(['id', 'group_uuid'])
    .where('group_uuid', 'in', parentUuids)
    .execute();
  const missing = parentUuids.find((u) => !rows.some((r) => r.group_uuid === u));
  if (missing)
    throw DirectoryValidationError.field('parents', `Invalid pk "${missing}" - object does not exist.`);
  if (groupId !== null) {
    // A parent may not be the group itself or one of its descendants: nesting must stay acyclic.
    const descendants = new Set<number>([groupId]);
    let frontier = [groupId];
    while (frontier.length > 0) {
      const children = await trx
        .selectFrom('group_parents')
        .select('group_id')
        .where('parent_id', 'in', frontier)
        .execute();
      frontier = children.map((c) => c.group_id).filter((id) => !descendants.has(id));
      for (const id of frontier) descendants.add(id);
    }
    if (rows.some((r) => descendants.has(r.id))) {
      throw DirectoryValidationError.field(
        'parents',
        'A group cannot be its own parent or a parent of one of its ancestors.',
      );
    }
  }
  return rows.map((r) => r.id);
}

async function validateUsers(trx: Transaction<Database>, userPks: number[]): Promise<void> {
  if (userPks.length === 0) return;
  const rows = await trx.selectFrom('users').select('id').where('id', 'in', userPks).execute();
  const missing = userPks.find((pk) => !rows.some((r) => r.id === pk));
  if (missing !== undefined)
    throw DirectoryValidationError.field('users', `Invalid pk "${missing}" - object does not exist.`);
}

function nameConflict(error: unknown, name: string | undefined): never {
  if (isUniqueViolation(error))
    throw DirectoryValidationError.field('name', `A group with the name "${name}" already exists.`);
  throw error;
}

export async function createGroup(db: Db, input: GroupInput, actor: Actor): Promise<Group> {
  try {
    return await db.transaction().execute((trx) => insertGroup(trx, input, actor));
  } catch (error) {
    return nameConflict(error, input.name);
  }
}

/** Insert a group with its parents, members, outbox changes and audit event, inside the caller's transaction. */
export async function insertGroup(
  trx: Transaction<Database>,
  input: GroupInput,
  actor: Actor,
): Promise<Group> {
  const now = nowIso();
  const parentIds = await resolveParents(trx, null, input.parents ?? []);
  const userPks = [...new Set(input.users ?? [])];
  await validateUsers(trx, userPks);
  const row = await trx
    .insertInto('groups')
    .values({
      group_uuid: uuidv4(),
      name: input.name,
      is_superuser: input.is_superuser ?? false,
      attributes: writeJson(input.attributes ?? {}),
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  for (const parentId of parentIds)
    await trx.insertInto('group_parents').values({ group_id: row.id, parent_id: parentId }).execute();
  if (userPks.length > 0) {
    await trx
      .insertInto('group_members')
      .values(userPks.map((user_id) => ({ group_id: row.id, user_id })))
      .execute();
  }
  const group = toGroup(row, [...new Set(input.parents ?? [])]);
  await emitChange(trx, { topic: 'group.saved', group_id: row.id });
  if (userPks.length > 0)
    await emitChange(trx, { topic: 'group.members_added', group_id: row.id, user_ids: userPks });
  await auditModelChange(trx, 'model_created', auditModel(group), actor);
  return group;
}

export async function updateGroup(
  db: Db,
  groupUuid: string,
  patch: GroupPatch,
  actor: Actor,
): Promise<Group> {
  try {
    return await db.transaction().execute(async (trx) => {
      const existing = await rowByUuid(trx, groupUuid);
      const current = toGroup(existing, (await parentsOf(trx, [existing.id])).get(existing.id) ?? []);
      const members = (await membersOfGroups(trx, [existing.id])).get(existing.id) ?? [];
      // A save that changes nothing (the UI's Save on an untouched form) writes nothing: no outbox
      // row to sync, no audit event claiming an update.
      if (!groupPatchChanges(current, members, patch)) return current;
      const row = await trx
        .updateTable('groups')
        .set({
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.is_superuser !== undefined && { is_superuser: patch.is_superuser }),
          ...(patch.attributes !== undefined && { attributes: writeJson(patch.attributes) }),
          updated_at: nowIso(),
        })
        .where('id', '=', existing.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (patch.parents !== undefined) {
        const parentIds = await resolveParents(trx, existing.id, patch.parents);
        await trx.deleteFrom('group_parents').where('group_id', '=', existing.id).execute();
        for (const parentId of parentIds) {
          await trx
            .insertInto('group_parents')
            .values({ group_id: existing.id, parent_id: parentId })
            .execute();
        }
      }
      await emitChange(trx, { topic: 'group.saved', group_id: existing.id });
      if (patch.users !== undefined) await setMembers(trx, existing.id, patch.users);
      const group = toGroup(row, (await parentsOf(trx, [row.id])).get(row.id) ?? []);
      await auditModelChange(trx, 'model_updated', auditModel(group), actor);
      return group;
    });
  } catch (error) {
    return nameConflict(error, patch.name);
  }
}

function sameElements<T>(a: readonly T[], b: readonly T[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}

/** Whether applying `patch` would change the group, its parents or its members. */
function groupPatchChanges(current: Group, members: number[], patch: GroupPatch): boolean {
  return (
    (patch.name !== undefined && patch.name !== current.name) ||
    (patch.is_superuser !== undefined && patch.is_superuser !== current.is_superuser) ||
    (patch.attributes !== undefined && !isDeepStrictEqual(patch.attributes, current.attributes)) ||
    (patch.parents !== undefined && !sameElements(patch.parents, current.parents)) ||
    (patch.users !== undefined && !sameElements(patch.users, members))
  );
}

async function setMembers(trx: Transaction<Database>, groupId: number, userPks: number[]): Promise<void> {
  const wanted = new Set(userPks);
  await validateUsers(trx, [...wanted]);
  const current = new Set((await membersOfGroups(trx, [groupId])).get(groupId));
  const added = [...wanted].filter((pk) => !current.has(pk));
  const removed = [...current].filter((pk) => !wanted.has(pk));
  await addMembersInTransaction(trx, groupId, added);
  await removeMembersInTransaction(trx, groupId, removed);
}

async function addMembersInTransaction(
  trx: Transaction<Database>,
  groupId: number,
  userPks: number[],
): Promise<void> {
  if (userPks.length === 0) return;
  await trx
    .insertInto('group_members')
    .values(userPks.map((user_id) => ({ group_id: groupId, user_id })))
    .execute();
  await emitChange(trx, { topic: 'group.members_added', group_id: groupId, user_ids: userPks });
}

async function removeMembersInTransaction(
  trx: Transaction<Database>,
  groupId: number,
  userPks: number[],
): Promise<void> {
  if (userPks.length === 0) return;
  const links: Record<number, CapturedLink[]> = {};
  for (const pk of userPks) links[pk] = await captureLinks(trx, 'user', pk);
  await trx
    .deleteFrom('group_members')
    .where('group_id', '=', groupId)
    .where('user_id', 'in', userPks)
    .execute();
  await emitChange(trx, { topic: 'group.members_removed', group_id: groupId, user_ids: userPks, links });
}

/** A 400 on `pk` unless the user exists. */
async function requireUser(trx: Transaction<Database>, userPk: number): Promise<void> {
  await validateUsers(trx, [userPk]).catch(() => {
    throw DirectoryValidationError.field('pk', `Invalid pk "${userPk}" - object does not exist.`);
  });
}

/**
 * Add or remove one member in one transaction: the group by UUID (404 if none), whether the user is
 * a member now, the change only when it changes something, and its audit event.
 */
async function changeOneMember(
  db: Db,
  groupUuid: string,
  userPk: number,
  actor: Actor,
  change: 'add' | 'remove',
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const group = await rowByUuid(trx, groupUuid);
    if (change === 'add') await requireUser(trx, userPk);
    const member = await trx
      .selectFrom('group_members')
      .select('user_id')
      .where('group_id', '=', group.id)
      .where('user_id', '=', userPk)
      .executeTakeFirst();
    if ((member !== undefined) === (change === 'add')) {
      // Already as asked; removing a non-member still names an unknown user.
      if (change === 'remove') await requireUser(trx, userPk);
      return;
    }
    if (change === 'add') await addMembersInTransaction(trx, group.id, [userPk]);
    else await removeMembersInTransaction(trx, group.id, [userPk]);
    await auditModelChange(
      trx,
      'model_updated',
      auditModel({ num_pk: group.id, group_uuid: group.group_uuid, name: group.name }),
      actor,
      change === 'add' ? { members_added: [userPk] } : { members_removed: [userPk] },
    );
  });
}

/** Add one user to a group; adding an existing member changes nothing. */
export function addUserToGroup(db: Db, groupUuid: string, userPk: number, actor: Actor): Promise<void> {
  return changeOneMember(db, groupUuid, userPk, actor, 'add');
}

/** Remove one user from a group; removing a non-member changes nothing. */
export function removeUserFromGroup(db: Db, groupUuid: string, userPk: number, actor: Actor): Promise<void> {
  return changeOneMember(db, groupUuid, userPk, actor, 'remove');
}

/** Remove every member of a group (a "clear"): synced as removals, unlike authentik. */
export async function clearGroupMembers(db: Db, groupUuid: string, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const group = await rowByUuid(trx, groupUuid);
    const members = (await membersOfGroups(trx, [group.id])).get(group.id) ?? [];
    await removeMembersInTransaction(trx, group.id, members);
    await auditModelChange(
      trx,
      'model_updated',
      auditModel({ num_pk: group.id, group_uuid: group.group_uuid, name: group.name }),
      actor,
      {
        members_removed: members,
      },
    );
  });
}

export async function deleteGroup(db: Db, groupUuid: string, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await rowByUuid(trx, groupUuid);
    const links = await captureLinks(trx, 'group', row.id);
    await trx
      .deleteFrom('sync_links')
      .where('object_type', '=', 'group')
      .where('local_id', '=', row.id)
      .execute();
    // Providers filtering on this group fall back to no filter (ON DELETE SET NULL), as in authentik.
    await trx.deleteFrom('groups').where('id', '=', row.id).execute();
    await emitChange(trx, { topic: 'group.deleted', group_id: row.id, name: row.name, links });
    await auditModelChange(
      trx,
      'model_deleted',
      auditModel({ num_pk: row.id, group_uuid: row.group_uuid, name: row.name }),
      actor,
    );
  });
}
