/** Who may administer Conduit: members of a superuser group, directly or through a parent group (as in the reference). */
import type { Kysely } from 'kysely';
import { readBool } from '../store/dialect.js';
import type { Database } from '../store/schema.js';

/** Ids of the user's groups and all their ancestors. */
export async function allGroupIdsOfUser(db: Kysely<Database>, userId: number): Promise<Set<number>> {
  const direct = await db.selectFrom('group_members').select('group_id').where('user_id', '=', userId).execute();
  const seen = new Set(direct.map((r) => r.group_id));
  let frontier = [...seen];
  while (frontier.length > 0) {
    const parents = await db.selectFrom('group_parents').select('parent_id').where('group_id', 'in', frontier).execute();
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
