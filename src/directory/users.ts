/** Users: create, read, update, delete, with the outbox change and audit event in the same transaction. */
import { createHash } from 'node:crypto';
import { type ExpressionBuilder, type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { v4 as uuidv4 } from 'uuid';
import {
  isUniqueViolation,
  nowIso,
  readBool,
  readJson,
  readNullableTime,
  readTime,
  writeJson,
} from '../store/dialect.js';
import type { Database, UsersTable } from '../store/schema.js';
import { auditModelChange, captureLinks, emitChange } from './changes.js';
import { DirectoryNotFoundError, DirectoryValidationError } from './errors.js';
import { likePattern, type Page, type PageRequest, pageOffset } from './paging.js';
import { hashPassword } from './passwords.js';
import { superuserGroupIds } from './superusers.js';
import type { Actor, User, UserType } from './types.js';

type Db = Kysely<Database>;

export interface UserInput {
  username: string;
  name: string;
  email?: string;
  is_active?: boolean;
  type?: UserType;
  path?: string;
  attributes?: Record<string, unknown>;
  /** Group UUIDs the user is a direct member of. */
  groups?: string[];
  password?: string;
}

export type UserPatch = Partial<UserInput>;

export interface UserListQuery extends PageRequest {
  search?: string;
  username?: string;
  email?: string;
  name?: string;
  is_active?: boolean;
  type?: UserType[];
  path?: string;
  /** Only direct members of this group (by UUID). */
  group_uuid?: string;
  /** Only direct members of any of these groups (by UUID; authentik's `groups_by_pk`). */
  group_uuids?: string[];
  /** Only direct members of any of these groups (by name; authentik's `groups_by_name`). */
  group_names?: string[];
  /** Only superusers (`true`) or only non-superusers (`false`), counting inherited superuser groups. */
  is_superuser?: boolean;
  uuid?: string;
  path_startswith?: string;
  pks?: number[];
  ordering?: string;
}

export function toUser(row: Selectable<UsersTable>): User {
  return {
    pk: row.id,
    uuid: row.uuid,
    username: row.username,
    name: row.name,
    email: row.email,
    is_active: readBool(row.is_active),
    type: row.type as UserType,
    path: row.path,
    attributes: readJson(row.attributes, {}),
    last_login: readNullableTime(row.last_login),
    date_joined: readTime(row.date_joined),
    password_change_date: readNullableTime(row.password_change_date),
    last_updated: readTime(row.updated_at),
    has_password: row.password_hash !== null,
  };
}

/** authentik's `uid`: a stable hash identifying the user outside Conduit. */
export function userUid(user: Pick<User, 'uuid'>): string {
  return createHash('sha256').update(`conduit-user:${user.uuid}`).digest('hex');
}

function uniqueFieldError(error: unknown, input: { username?: string }): never {
  if (isUniqueViolation(error)) {
    throw DirectoryValidationError.field(
      'username',
      `A user with the username "${input.username}" already exists.`,
    );
  }
  throw error;
}

async function groupIdsByUuid(trx: Transaction<Database>, uuids: string[]): Promise<number[]> {
  if (uuids.length === 0) return [];
  const rows = await trx
    .selectFrom('groups')
    .select(['id', 'group_uuid'])
    .where('group_uuid', 'in', uuids)
    .execute();
  const missing = uuids.filter((u) => !rows.some((r) => r.group_uuid === u));
  if (missing.length > 0) {
    throw DirectoryValidationError.field('groups', `Invalid pk "${missing[0]}" - object does not exist.`);
  }
  return rows.map((r) => r.id);
}

export async function getUser(db: Db | Transaction<Database>, pk: number): Promise<User> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', pk).executeTakeFirst();
  if (!row) throw new DirectoryNotFoundError('user', pk);
  return toUser(row);
}

export async function findUserByUsername(
  db: Db,
  username: string,
): Promise<(User & { password_hash: string | null }) | null> {
  const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return row ? { ...toUser(row), password_hash: row.password_hash } : null;
}

/** Group UUIDs per user, for the given users (direct memberships). */
export async function groupUuidsOfUsers(
  db: Db | Transaction<Database>,
  userIds: number[],
): Promise<Map<number, string[]>> {
  const result = new Map<number, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return result;
  const rows = await db
    .selectFrom('group_members')
    .innerJoin('groups', 'groups.id', 'group_members.group_id')
    .select(['group_members.user_id', 'groups.group_uuid'])
    .where('group_members.user_id', 'in', userIds)
    .orderBy('groups.name')
    .execute();
  for (const r of rows) result.get(r.user_id)?.push(r.group_uuid);
  return result;
}

const USER_ORDERING: Record<string, keyof UsersTable> = {
  username: 'username',
  name: 'name',
  email: 'email',
  pk: 'id',
  last_login: 'last_login',
  date_joined: 'date_joined',
  is_active: 'is_active',
  type: 'type',
  path: 'path',
  uuid: 'uuid',
  last_updated: 'updated_at',
};

function memberIdsWhere(
  eb: ExpressionBuilder<Database, 'users'>,
  column: 'groups.group_uuid' | 'groups.name',
  values: string[],
) {
  return eb
    .selectFrom('group_members')
    .innerJoin('groups', 'groups.id', 'group_members.group_id')
    .select('group_members.user_id')
    .where(column, 'in', values);
}

export async function listUsers(db: Db, query: UserListQuery): Promise<Page<User>> {
  const superuserGroups = query.is_superuser === undefined ? null : [...(await superuserGroupIds(db))];
  const filter = (eb: ExpressionBuilder<Database, 'users'>) => {
    const conditions = [];
    if (query.search) {
      const p = likePattern(query.search.toLowerCase());
      conditions.push(
        eb.or([
          sql<boolean>`lower(username) like ${p} escape '\\'`,
          sql<boolean>`lower(name) like ${p} escape '\\'`,
          sql<boolean>`lower(email) like ${p} escape '\\'`,
        ]),
      );
    }
    if (query.username !== undefined) conditions.push(eb('username', '=', query.username));
    if (query.email !== undefined) conditions.push(eb('email', '=', query.email));
    if (query.name !== undefined) conditions.push(eb('name', '=', query.name));
    if (query.path !== undefined) conditions.push(eb('path', '=', query.path));
    if (query.is_active !== undefined) conditions.push(eb('is_active', '=', query.is_active));
    if (query.type && query.type.length > 0) conditions.push(eb('type', 'in', query.type));
    if (query.pks && query.pks.length > 0) conditions.push(eb('id', 'in', query.pks));
    if (query.uuid !== undefined) conditions.push(eb('uuid', '=', query.uuid));
    if (query.path_startswith !== undefined) {
      // substr, not LIKE: SQLite's LIKE ignores case, authentik's `path__startswith` does not.
      conditions.push(
        sql<boolean>`substr(path, 1, ${[...query.path_startswith].length}) = ${query.path_startswith}`,
      );
    }
    if (query.group_uuids && query.group_uuids.length > 0) {
      conditions.push(eb('id', 'in', memberIdsWhere(eb, 'groups.group_uuid', query.group_uuids)));
    }
    if (query.group_names && query.group_names.length > 0) {
      conditions.push(eb('id', 'in', memberIdsWhere(eb, 'groups.name', query.group_names)));
    }
    if (superuserGroups !== null) {
      const members = eb
        .selectFrom('group_members')
        .select('user_id')
        .where('group_id', 'in', superuserGroups.length > 0 ? superuserGroups : [-1]);
      conditions.push(query.is_superuser ? eb('id', 'in', members) : eb('id', 'not in', members));
    }
    if (query.group_uuid !== undefined) {
      conditions.push(
        eb(
          'id',
          'in',
          eb
            .selectFrom('group_members')
            .innerJoin('groups', 'groups.id', 'group_members.group_id')
            .select('group_members.user_id')
            .where('groups.group_uuid', '=', query.group_uuid),
        ),
      );
    }
    return eb.and(conditions);
  };
  const descending = query.ordering?.startsWith('-') ?? false;
  const orderColumn = USER_ORDERING[(query.ordering ?? 'username').replace(/^-/, '')] ?? 'username';
  const [rows, total] = await Promise.all([
    db
      .selectFrom('users')
      .selectAll()
      .where(filter)
      .orderBy(orderColumn, descending ? 'desc' : 'asc')
      .orderBy('id')
      .limit(query.page_size)
      .offset(pageOffset(query))
      .execute(),
    db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .where(filter)
      .executeTakeFirstOrThrow(),
  ]);
  return { results: rows.map(toUser), count: Number(total.n), page: query.page, page_size: query.page_size };
}

function auditModel(user: Pick<User, 'pk' | 'username'>) {
  return { app: 'conduit_core', model_name: 'user', pk: user.pk, name: user.username };
}

export async function createUser(db: Db, input: UserInput, actor: Actor): Promise<User> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  try {
    return await db.transaction().execute((trx) => insertUser(trx, input, passwordHash, actor));
  } catch (error) {
    return uniqueFieldError(error, input);
  }
}

/** Insert a user with its memberships, outbox changes and audit event, inside the caller's transaction. */
export async function insertUser(
  trx: Transaction<Database>,
  input: UserInput,
  passwordHash: string | null,
  actor: Actor,
): Promise<User> {
  const now = nowIso();
  const row = await trx
    .insertInto('users')
    .values({
      uuid: uuidv4(),
      username: input.username,
      name: input.name,
      email: input.email ?? '',
      is_active: input.is_active ?? true,
      type: input.type ?? 'internal',
      path: input.path ?? 'users',
      attributes: writeJson(input.attributes ?? {}),
      password_hash: passwordHash,
      password_change_date: passwordHash ? now : null,
      last_login: null,
      date_joined: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const user = toUser(row);
  const groupIds = await groupIdsByUuid(trx, input.groups ?? []);
  for (const groupId of groupIds) {
    await trx.insertInto('group_members').values({ group_id: groupId, user_id: user.pk }).execute();
  }
  await emitChange(trx, { topic: 'user.saved', user_id: user.pk });
  for (const groupId of groupIds) {
    await emitChange(trx, { topic: 'group.members_added', group_id: groupId, user_ids: [user.pk] });
  }
  await auditModelChange(trx, 'model_created', auditModel(user), actor);
  return user;
}

export async function updateUser(db: Db, pk: number, patch: UserPatch, actor: Actor): Promise<User> {
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
  try {
    return await db.transaction().execute(async (trx) => {
      const before = await getUser(trx, pk);
      const now = nowIso();
      const row = await trx
        .updateTable('users')
        .set({
          ...(patch.username !== undefined && { username: patch.username }),
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.email !== undefined && { email: patch.email }),
          ...(patch.is_active !== undefined && { is_active: patch.is_active }),
          ...(patch.type !== undefined && { type: patch.type }),
          ...(patch.path !== undefined && { path: patch.path }),
          ...(patch.attributes !== undefined && { attributes: writeJson(patch.attributes) }),
          ...(passwordHash !== undefined && { password_hash: passwordHash, password_change_date: now }),
          updated_at: now,
        })
        .where('id', '=', pk)
        .returningAll()
        .executeTakeFirstOrThrow();
      const user = toUser(row);
      await emitChange(trx, { topic: 'user.saved', user_id: pk });
      if (patch.groups !== undefined) await replaceUserGroups(trx, pk, patch.groups);
      const changed = Object.keys(patch).filter(
        (k) =>
          k !== 'password' &&
          JSON.stringify(before[k as keyof User]) !== JSON.stringify(user[k as keyof User]),
      );
      await auditModelChange(trx, 'model_updated', auditModel(user), actor, { changed });
      return user;
    });
  } catch (error) {
    return uniqueFieldError(error, patch);
  }
}

async function replaceUserGroups(
  trx: Transaction<Database>,
  userId: number,
  groupUuids: string[],
): Promise<void> {
  const wanted = new Set(await groupIdsByUuid(trx, groupUuids));
  const current = new Set(
    (await trx.selectFrom('group_members').select('group_id').where('user_id', '=', userId).execute()).map(
      (r) => r.group_id,
    ),
  );
  for (const groupId of wanted) {
    if (current.has(groupId)) continue;
    await trx.insertInto('group_members').values({ group_id: groupId, user_id: userId }).execute();
    await emitChange(trx, { topic: 'group.members_added', group_id: groupId, user_ids: [userId] });
  }
  for (const groupId of current) {
    if (wanted.has(groupId)) continue;
    const links = await captureLinks(trx, 'user', userId);
    await trx
      .deleteFrom('group_members')
      .where('group_id', '=', groupId)
      .where('user_id', '=', userId)
      .execute();
    await emitChange(trx, {
      topic: 'group.members_removed',
      group_id: groupId,
      user_ids: [userId],
      links: { [userId]: links },
    });
  }
}

/** Record a successful login. Deliberately emits no outbox change: a login is not a directory change. */
export async function touchLastLogin(db: Db, pk: number): Promise<void> {
  await db.updateTable('users').set({ last_login: nowIso() }).where('id', '=', pk).execute();
}

export async function deleteUser(db: Db, pk: number, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await getUser(trx, pk);
    // Remote ids must be read now: the links cascade away with the user.
    const links = await captureLinks(trx, 'user', pk);
    const groups = await trx
      .selectFrom('group_members')
      .select('group_id')
      .where('user_id', '=', pk)
      .execute();
    await trx.deleteFrom('sync_links').where('object_type', '=', 'user').where('local_id', '=', pk).execute();
    await trx.deleteFrom('users').where('id', '=', pk).execute();
    await emitChange(trx, { topic: 'user.deleted', user_id: pk, username: user.username, links });
    await auditModelChange(trx, 'model_deleted', auditModel(user), actor, {
      groups: groups.map((g) => g.group_id),
    });
  });
}

/** The distinct user paths, optionally only those containing `search` (authentik's `users/paths/`). */
export async function listUserPaths(db: Db, search?: string): Promise<string[]> {
  let query = db.selectFrom('users').select('path').distinct().orderBy('path');
  if (search)
    query = query.where(sql<boolean>`lower(path) like ${likePattern(search.toLowerCase())} escape '\\'`);
  return (await query.execute()).map((r) => r.path);
}
