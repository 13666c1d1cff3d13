/**
 * Memberships and group nesting of a source's groups, computed from what the run stored on the
 * connections (no further LDAP reads): a group's member values name users by
 * `user_membership_attribute` (their DN by default), or, with `lookup_groups_from_user`, each user
 * lists its groups. With `sync_group_hierarchy`, groups named as members become child groups.
 * Members and parents that did not come from this source are kept: the source owns only its own.
 */
import { updateGroup } from '../../directory/groups.js';
import { readJson } from '../../store/dialect.js';
import { normaliseDn } from './dn.js';
import type { SyncSession } from './sync-session.js';

function sameSet(a: Iterable<number | string>, b: Set<number | string>): boolean {
  const left = new Set(a);
  return left.size === b.size && [...left].every((x) => b.has(x));
}

/** Bring every source group's members (and, with the hierarchy on, parents) in line with LDAP. */
export async function syncMemberships(session: SyncSession): Promise<void> {
  const { db, source } = session;
  const s = source.settings;
  const counts = session.run.counts.memberships;
  const users = await db
    .selectFrom('source_user_connections')
    .select(['user_id', 'member_key', 'member_of'])
    .where('source_id', '=', source.id)
    .execute();
  const groups = await db
    .selectFrom('source_group_connections as c')
    .innerJoin('groups as g', 'g.id', 'c.group_id')
    .select(['c.group_id', 'c.dn', 'c.members', 'g.group_uuid', 'g.name'])
    .where('c.source_id', '=', source.id)
    .execute();
  if (groups.length === 0) return;
  const sourceUsers = new Set(users.map((u) => u.user_id));
  const sourceGroups = new Set(groups.map((g) => g.group_id));
  const userByKey = new Map<string, number>();
  for (const u of users) if (u.member_key) userByKey.set(u.member_key, u.user_id);
  const groupByDn = new Map(groups.map((g) => [normaliseDn(g.dn), g]));

  const wantedMembers = new Map<number, Set<number>>(groups.map((g) => [g.group_id, new Set<number>()]));
  const wantedParents = new Map<number, Set<number>>(groups.map((g) => [g.group_id, new Set<number>()]));
  for (const g of groups) {
    const values = readJson<string[]>(g.members, []);
    for (const value of values) {
      if (!s.lookup_groups_from_user) {
        const user = userByKey.get(value);
        if (user !== undefined) wantedMembers.get(g.group_id)?.add(user);
      }
      if (!s.sync_group_hierarchy) continue;
      // Without the lookup, a group's values are its members; with it, the groups it belongs to.
      const other = groupByDn.get(value);
      if (!other || other.group_id === g.group_id) continue;
      if (s.lookup_groups_from_user) wantedParents.get(g.group_id)?.add(other.group_id);
      else wantedParents.get(other.group_id)?.add(g.group_id);
    }
  }
  if (s.lookup_groups_from_user) {
    for (const u of users) {
      for (const dn of readJson<string[]>(u.member_of, [])) {
        const g = groupByDn.get(dn);
        if (g) wantedMembers.get(g.group_id)?.add(u.user_id);
      }
    }
  }
  let parentGroupId: number | null = null;
  let parentUuid: string | null = null;
  if (s.sync_parent_group) {
    const row = await db
      .selectFrom('groups')
      .select(['id', 'group_uuid'])
      .where('group_uuid', '=', s.sync_parent_group)
      .executeTakeFirst();
    if (row) {
      parentGroupId = row.id;
      parentUuid = row.group_uuid;
    }
  }

  const groupIds = groups.map((g) => g.group_id);
  const currentMembers = new Map<number, Set<number>>(groupIds.map((id) => [id, new Set<number>()]));
  const currentParents = new Map<number, Set<number>>(groupIds.map((id) => [id, new Set<number>()]));
  for (let i = 0; i < groupIds.length; i += 500) {
    const chunk = groupIds.slice(i, i + 500);
    for (const r of await db
      .selectFrom('group_members')
      .select(['group_id', 'user_id'])
      .where('group_id', 'in', chunk)
      .execute())
      currentMembers.get(r.group_id)?.add(r.user_id);
    for (const r of await db
      .selectFrom('group_parents')
      .select(['group_id', 'parent_id'])
      .where('group_id', 'in', chunk)
      .execute())
      currentParents.get(r.group_id)?.add(r.parent_id);
  }
  const uuidById = new Map<number, string>(groups.map((g) => [g.group_id, g.group_uuid]));
  if (parentGroupId !== null && parentUuid !== null) uuidById.set(parentGroupId, parentUuid);
  const missingParents = [...new Set([...currentParents.values()].flatMap((set) => [...set]))].filter(
    (id) => !uuidById.has(id),
  );
  for (let i = 0; i < missingParents.length; i += 500) {
    const rows = await db
      .selectFrom('groups')
      .select(['id', 'group_uuid'])
      .where('id', 'in', missingParents.slice(i, i + 500))
      .execute();
    for (const r of rows) uuidById.set(r.id, r.group_uuid);
  }

  for (const g of groups) {
    const current = currentMembers.get(g.group_id) ?? new Set<number>();
    const members = new Set(wantedMembers.get(g.group_id));
    for (const id of current) if (!sourceUsers.has(id)) members.add(id);
    const parents = new Set(wantedParents.get(g.group_id));
    const currentP = currentParents.get(g.group_id) ?? new Set<number>();
    for (const id of currentP) if (!sourceGroups.has(id) && id !== parentGroupId) parents.add(id);
    if (parentGroupId !== null && g.group_id !== parentGroupId) parents.add(parentGroupId);
    const membersChanged = !sameSet(members, current as Set<number | string>);
    const parentsChanged = !sameSet(parents, currentP as Set<number | string>);
    if (!membersChanged && !parentsChanged) {
      counts.unchanged++;
      continue;
    }
    try {
      await updateGroup(
        db,
        g.group_uuid,
        {
          ...(membersChanged && { users: [...members] }),
          ...(parentsChanged && {
            parents: [...parents].map((id) => uuidById.get(id) as string).filter(Boolean),
          }),
        },
        null,
      );
      counts.updated++;
      const added = [...members].filter((id) => !current.has(id)).length;
      const removed = [...current].filter((id) => !members.has(id)).length;
      session.result({
        objectType: 'membership',
        dn: g.dn,
        localId: g.group_id,
        operation: parentsChanged && !membersChanged ? 'parents' : 'members',
        status: 'ok',
        message: `${g.name}: ${added} added, ${removed} removed${parentsChanged ? `, parents now ${parents.size}` : ''}.`,
      });
    } catch (error) {
      counts.errors++;
      session.result({
        objectType: 'membership',
        dn: g.dn,
        localId: g.group_id,
        operation: 'members',
        status: 'error',
        message: `${g.name}: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
}
