/** Who may administer Conduit: members of a superuser group, directly or through a parent group (as in authentik). */
import type { Kysely } from 'kysely';
import { readBool } from '../store/dialect.js';
import type { Database } from '../store/schema.js';

/** Ids of the user's groups and all their ancestors. */
export async function allGroupIdsOfUser(db: Kysely<Database>, userId: number): Promise<Set<number>> {
  const direct = await db
    .selectFrom('group_members')
    .select('group_id')
    .where('user_id', '=', userId)
    .execute();
  const seen = new Set(direct.map((r) => r.group_id));
  let frontier = [...seen];
  while (frontier.length > 0) {
    const parents = await db
      .selectFrom('group_parents')
      .select('parent_id')
      .where('group_id', 'in', frontier)
      .execute();
    frontier = parents.map((p) => p.parent_id).filter((id) => !seen.has(id));
    for (const id of frontier) seen.add(id);
  }
  return seen;
}

export async function isSuperuser(db: Kysely<Database>, userId: number): Promise<boolean> {
  const groupIds = [...(await allGroupIdsOfUser(db, userId))];
  if (groupIds.length === 0) return false;
  const rows = await db.selectFrom('groups').select('is_superuser').where('id', 'in', groupIds).execute();
  return rows.some((r) => readBool(r.is_superuser));
}

/** Ids of the superuser groups and all their descendants: a member of any of them is a superuser. */
export async function superuserGroupIds(db: Kysely<Database>): Promise<Set<number>> {
  const roots = await db.selectFrom('groups').select('id').where('is_superuser', '=', true).execute();
  const seen = new Set(roots.map((r) => r.id));
  let frontier = [...seen];
  while (frontier.length > 0) {
    const children = await db
      .selectFrom('group_parents')
      .select('group_id')
      .where('parent_id', 'in', frontier)
      .execute();
    frontier = children.map((c) => c.group_id).filter((id) => !seen.has(id));
    for (const id of frontier) seen.add(id);
  }
  return seen;
}

/** Which of the given users are superusers, in two queries whatever the number of users (for list pages). */
export async function superusersAmong(db: Kysely<Database>, userIds: number[]): Promise<Set<number>> {
  if (userIds.length === 0) return new Set();
  const groups = [...(await superuserGroupIds(db))];
  if (groups.length === 0) return new Set();
  const rows = await db
    .selectFrom('group_members')
    .select('user_id')
    .where('user_id', 'in', userIds)
    .where('group_id', 'in', groups)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}
