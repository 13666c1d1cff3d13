/**
 * Which local objects a provider syncs, and the plain contexts its mappings see.
 * Users: every user, minus service accounts when excluded, and only direct members of the
 * filter group when one is set. Groups: every group. Both in primary-key order.
 */
import type { Kysely, Transaction } from 'kysely';
import { userUid } from '../directory/users.js';
import type { MappingGroup, MappingGroupRef, MappingUser } from '../mappings/index.js';
import { readBool, readJson, readNullableTime } from '../store/dialect.js';
import type { Database } from '../store/schema.js';
import type { SyncProvider } from './types.js';

type Conn = Kysely<Database> | Transaction<Database>;

const SERVICE_ACCOUNT_TYPES = ['service_account', 'internal_service_account'];

function userScopeQuery(db: Conn, provider: SyncProvider) {
  let q = db.selectFrom('users');
  if (provider.settings.exclude_users_service_account) q = q.where('type', 'not in', SERVICE_ACCOUNT_TYPES);
  if (provider.filterGroupId !== null) {
    const groupId = provider.filterGroupId;
    q = q.where('id', 'in', (eb) =>
      eb.selectFrom('group_members').select('user_id').where('group_id', '=', groupId),
    );
  }
  return q;
}

export async function countUsersInScope(db: Conn, provider: SyncProvider): Promise<number> {
  const row = await userScopeQuery(db, provider)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countGroupsInScope(db: Conn): Promise<number> {
  const row = await db
    .selectFrom('groups')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * In-scope ids in `(after, until]` (`until` omitted: no upper bound), in id order, at most `limit`
 * (keyset paging, stable under concurrent inserts).
 */
export interface IdRange {
  after: number;
  until?: number | null;
  limit?: number;
}

export async function userIdsInScope(db: Conn, provider: SyncProvider, range: IdRange): Promise<number[]> {
  let q = userScopeQuery(db, provider).select('id').where('id', '>', range.after);
  if (range.until != null) q = q.where('id', '<=', range.until);
  if (range.limit !== undefined) q = q.limit(range.limit);
  return (await q.orderBy('id').execute()).map((r) => r.id);
}

export async function groupIdsInScope(db: Conn, range: IdRange): Promise<number[]> {
  let q = db.selectFrom('groups').select('id').where('id', '>', range.after);
  if (range.until != null) q = q.where('id', '<=', range.until);
  if (range.limit !== undefined) q = q.limit(range.limit);
  return (await q.orderBy('id').execute()).map((r) => r.id);
}

export async function isUserInScope(db: Conn, provider: SyncProvider, userId: number): Promise<boolean> {
  const row = await userScopeQuery(db, provider).select('id').where('id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

/**
 * The given groups, their ancestors and the parent links between them — only what a page's
 * contexts mention, fetched level by level (nesting is shallow), not every group of the directory.
 */
async function groupGraph(
  db: Conn,
  groupIds: Iterable<number>,
  depth: 'ancestors' | 'parents',
): Promise<{ refs: Map<number, MappingGroupRef>; parents: Map<number, number[]> }> {
  const parents = new Map<number, number[]>();
  const seen = new Set(groupIds);
  let frontier = [...seen];
  while (frontier.length > 0) {
    const links = [];
    for (let i = 0; i < frontier.length; i += 500) {
      links.push(
        ...(await db
          .selectFrom('group_parents')
          .select(['group_id', 'parent_id'])
          .where('group_id', 'in', frontier.slice(i, i + 500))
          .execute()),
      );
    }
    const next: number[] = [];
    for (const l of links) {
      parents.set(l.group_id, [...(parents.get(l.group_id) ?? []), l.parent_id]);
      if (!seen.has(l.parent_id)) {
        seen.add(l.parent_id);
        next.push(l.parent_id);
      }
    }
    frontier = depth === 'ancestors' ? next : [];
  }
  const refs = new Map<number, MappingGroupRef>();
  const ids = [...seen];
  for (let i = 0; i < ids.length; i += 500) {
    const groups = await db
      .selectFrom('groups')
      .select(['id', 'group_uuid', 'name', 'attributes'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const g of groups)
      refs.set(g.id, {
        pk: g.group_uuid,
        num_pk: g.id,
        name: g.name,
        attributes: readJson(g.attributes, {}),
      });
  }
  return { refs, parents };
}

function ancestorsAndSelf(groupIds: number[], parents: Map<number, number[]>): Set<number> {
  const seen = new Set(groupIds);
  const stack = [...groupIds];
  while (stack.length > 0) {
    for (const p of parents.get(stack.pop() as number) ?? []) {
      if (!seen.has(p)) {
        seen.add(p);
        stack.push(p);
      }
    }
  }
  return seen;
}

/** Mapping contexts for many users at once: three queries whatever the count. */
export async function loadMappingUsers(db: Conn, userIds: number[]): Promise<Map<number, MappingUser>> {
  const result = new Map<number, MappingUser>();
  if (userIds.length === 0) return result;
  const [rows, memberships] = await Promise.all([
    // Only what a context shows (never the password hash).
    db
      .selectFrom('users')
      .select([
        'id',
        'uuid',
        'username',
        'name',
        'email',
        'is_active',
        'type',
        'path',
        'attributes',
        'last_login',
      ])
      .where('id', 'in', userIds)
      .execute(),
    db.selectFrom('group_members').select(['user_id', 'group_id']).where('user_id', 'in', userIds).execute(),
  ]);
  const byUser = new Map<number, number[]>();
  for (const m of memberships) byUser.set(m.user_id, [...(byUser.get(m.user_id) ?? []), m.group_id]);
  const graph = await groupGraph(
    db,
    memberships.map((m) => m.group_id),
    'ancestors',
  );
  for (const row of rows) {
    const direct = byUser.get(row.id) ?? [];
    const all = ancestorsAndSelf(direct, graph.parents);
    result.set(row.id, {
      pk: row.id,
      uid: userUid({ uuid: row.uuid }),
      username: row.username,
      name: row.name,
      email: row.email,
      is_active: readBool(row.is_active),
      type: row.type as MappingUser['type'],
      path: row.path,
      attributes: readJson(row.attributes, {}),
      last_login: readNullableTime(row.last_login),
      groups: direct.map((id) => graph.refs.get(id)).filter((g): g is MappingGroupRef => g !== undefined),
      all_group_names: [...all]
        .map((id) => graph.refs.get(id)?.name)
        .filter((n): n is string => n !== undefined),
    });
  }
  return result;
}

export async function loadMappingGroups(db: Conn, groupIds: number[]): Promise<Map<number, MappingGroup>> {
  const result = new Map<number, MappingGroup>();
  if (groupIds.length === 0) return result;
  const [rows, counts, graph] = await Promise.all([
    db.selectFrom('groups').selectAll().where('id', 'in', groupIds).execute(),
    db
      .selectFrom('group_members')
      .select(['group_id', (eb) => eb.fn.countAll().as('n')])
      .where('group_id', 'in', groupIds)
      .groupBy('group_id')
      .execute(),
    groupGraph(db, groupIds, 'parents'),
  ]);
  const countBy = new Map(counts.map((c) => [c.group_id, Number(c.n)]));
  for (const row of rows) {
    result.set(row.id, {
      pk: row.group_uuid,
      num_pk: row.id,
      name: row.name,
      attributes: readJson(row.attributes, {}),
      is_superuser: readBool(row.is_superuser),
      parents: (graph.parents.get(row.id) ?? [])
        .map((id) => graph.refs.get(id))
        .filter((g): g is MappingGroupRef => g !== undefined),
      member_count: countBy.get(row.id) ?? 0,
    });
  }
  return result;
}

/** Links of users who are no longer in the provider's scope (the user still exists locally). */
export async function outOfScopeUserLinks(
  db: Conn,
  provider: SyncProvider,
): Promise<Array<{ localId: number; remoteId: string; state: string; attributes: unknown }>> {
  const rows = await db
    .selectFrom('sync_links')
    .select(['local_id', 'remote_id', 'state', 'attributes'])
    .where('provider_id', '=', provider.id)
    .where('object_type', '=', 'user')
    .where('remote_id', 'is not', null)
    .where('local_id', 'not in', userScopeQuery(db, provider).select('id'))
    .orderBy('local_id')
    .execute();
  return rows.map((r) => ({
    localId: r.local_id,
    remoteId: r.remote_id as string,
    state: r.state,
    attributes: r.attributes,
  }));
}
