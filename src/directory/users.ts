/**
 * Users: create, read, update, delete, with the outbox change and audit event in the same transaction.
 * A save that changes nothing writes nothing: no outbox row (no sync job) and no audit event.
 */
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
import { auditModelChange, captureLinks, emitChange, recordEvent } from './changes.js';
import { DirectoryNotFoundError, DirectoryValidationError } from './errors.js';
import { containsText, fetchPage, orderingOf, type Page, type PageRequest } from './paging.js';
import { checkPasswordStrength, hashPassword } from './passwords.js';
import { endSessionsOfUser } from './sessions.js';
import { superuserGroupIds } from './superusers.js';
import type { Actor, User, UserType } from './types.js';
import { MAX_USERNAME_LENGTH, normaliseUsername, usernameSkeleton } from './usernames.js';

export { MAX_USERNAME_LENGTH };

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

/** A user just created or updated, with what the administrator should know about the save. */
export interface SavedUser extends User {
  /** Reasons to look twice, e.g. a username that looks like another user's. The save happened. */
  warnings: string[];
}

/** Options of `updateUser`. */
export interface UpdateUserOptions {
  /**
   * The session making the change, kept when the change ends the user's sessions (a password change
   * or a deactivation): an administrator changing their own password stays signed in there.
   */
  keepSessionId?: string;
}

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

function uniqueFieldError(error: unknown, input: { username?: string | undefined }): never {
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

/** `ordering` values and their columns. A Map: `ordering=constructor` must find nothing, not Object's. */
const USER_ORDERING: ReadonlyMap<string, keyof UsersTable> = new Map([
  ['username', 'username'],
  ['name', 'name'],
  ['email', 'email'],
  ['pk', 'id'],
  ['last_login', 'last_login'],
  ['date_joined', 'date_joined'],
  ['is_active', 'is_active'],
  ['type', 'type'],
  ['path', 'path'],
  ['uuid', 'uuid'],
  ['last_updated', 'updated_at'],
]);

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
    const search = query.search;
    if (search) conditions.push(eb.or(['username', 'name', 'email'].map((c) => containsText(c, search))));
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
  const order = orderingOf(query.ordering, USER_ORDERING, 'username');
  const { rows, count } = await fetchPage(
    db.selectFrom('users').where(filter),
    (q) => q.selectAll().orderBy(order.column, order.direction).orderBy('id'),
    query,
  );
  return { results: rows.map(toUser), count, page: query.page, page_size: query.page_size };
}

function auditModel(user: Pick<User, 'pk' | 'username'>) {
  return { app: 'conduit_core', model_name: 'user', pk: user.pk, name: user.username };
}

/** A validation error on `password` unless the password is acceptable (`checkPasswordStrength`). */
function assertPasswordStrength(password: string): void {
  const problem = checkPasswordStrength(password);
  if (problem) throw DirectoryValidationError.field('password', problem);
}

/**
 * Existing usernames that look like `username` without being it (Cyrillic "аdmin" for "admin").
 * Only a username with characters outside ASCII can imitate another, so only those are compared,
 * against the lower-case form of the others: the common case costs no query.
 */
async function lookalikeUsernames(
  trx: Transaction<Database>,
  username: string,
  exceptPk?: number,
): Promise<string[]> {
  if ([...username].every((c) => c.charCodeAt(0) < 0x80)) return [];
  const skeleton = usernameSkeleton(username);
  let query = trx
    .selectFrom('users')
    .select('username')
    .where(sql<boolean>`lower(username) = ${skeleton}`)
    .where('username', '!=', username)
    .orderBy('username')
    .limit(10);
  if (exceptPk !== undefined) query = query.where('id', '!=', exceptPk);
  return (await query.execute()).map((r) => r.username);
}

/**
 * Warn about lookalikes of an existing username: a warning for the response and a
 * `suspicious_request` audit event (authentik's action for requests that deserve a second look).
 */
async function warnAboutLookalikes(
  trx: Transaction<Database>,
  username: string,
  actor: Actor,
  exceptPk?: number,
): Promise<string[]> {
  const lookalikes = await lookalikeUsernames(trx, username, exceptPk);
  if (lookalikes.length === 0) return [];
  const message = `The username "${username}" looks like the existing username${lookalikes.length > 1 ? 's' : ''} ${lookalikes.map((u) => `"${u}"`).join(', ')}: different characters that render alike.`;
  await recordEvent(trx, {
    action: 'suspicious_request',
    actor,
    context: { message, username, resembles: lookalikes },
  });
  return [message];
}

/** Create a user (password checked and hashed), its memberships, outbox changes and audit event. */
export async function createUser(db: Db, input: UserInput, actor: Actor): Promise<SavedUser> {
  const username = normaliseUsername(input.username);
  if (input.password !== undefined) assertPasswordStrength(input.password);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  try {
    return await db
      .transaction()
      .execute((trx) => insertUser(trx, { ...input, username }, passwordHash, actor));
  } catch (error) {
    return uniqueFieldError(error, { username });
  }
}

/** Insert a user with its memberships, outbox changes and audit event, inside the caller's transaction. */
export async function insertUser(
  trx: Transaction<Database>,
  input: UserInput,
  passwordHash: string | null,
  actor: Actor,
): Promise<SavedUser> {
  const username = normaliseUsername(input.username);
  const now = nowIso();
  const row = await trx
    .insertInto('users')
    .values({
      uuid: uuidv4(),
      username,
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
  const warnings = await warnAboutLookalikes(trx, username, actor, user.pk);
  return { ...user, warnings };
}

/** JSON text with object keys sorted, so two values that differ only in key order compare equal. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** The patched columns whose value differs from the stored user's: what a save would really change. */
function changedColumns(before: User, patch: UserPatch & { username?: string }) {
  const differs = <K extends keyof User>(key: K, value: User[K] | undefined): value is User[K] =>
    value !== undefined && canonicalJson(value) !== canonicalJson(before[key]);
  return {
    ...(differs('username', patch.username) && { username: patch.username }),
    ...(differs('name', patch.name) && { name: patch.name }),
    ...(differs('email', patch.email) && { email: patch.email }),
    ...(differs('is_active', patch.is_active) && { is_active: patch.is_active }),
    ...(differs('type', patch.type) && { type: patch.type }),
    ...(differs('path', patch.path) && { path: patch.path }),
    ...(differs('attributes', patch.attributes) && { attributes: writeJson(patch.attributes) }),
  };
}

/**
 * Update a user. Only what really changes is written: a patch equal to the stored values writes no
 * outbox row and no event. A new password (checked by `checkPasswordStrength`) or a deactivation
 * ends the user's other sessions.
 */
export async function updateUser(
  db: Db,
  pk: number,
  patch: UserPatch,
  actor: Actor,
  options: UpdateUserOptions = {},
): Promise<SavedUser> {
  if (patch.username !== undefined) normaliseUsername(patch.username); // refused before the password, as always
  if (patch.password !== undefined) assertPasswordStrength(patch.password);
  // Hashed before the transaction opens, so no write lock is held while argon2 runs.
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
  const { password: _password, ...rest } = patch;
  return db.transaction().execute((trx) => patchUser(trx, pk, rest, actor, { ...options, passwordHash }));
}

/**
 * `updateUser` inside the caller's transaction (a CSV import applies a batch of rows in one). The
 * patch carries no password: a new password is hashed by `updateUser` before its transaction opens.
 */
export async function patchUser(
  trx: Transaction<Database>,
  pk: number,
  patch: Omit<UserPatch, 'password'>,
  actor: Actor,
  options: UpdateUserOptions & { passwordHash?: string } = {},
): Promise<SavedUser> {
  const username = patch.username === undefined ? undefined : normaliseUsername(patch.username);
  const { passwordHash } = options;
  try {
    const before = await getUser(trx, pk);
    const columns = changedColumns(before, { ...patch, username });
    const groupsChanged = patch.groups !== undefined && (await replaceUserGroups(trx, pk, patch.groups));
    const changed = [...Object.keys(columns), ...(groupsChanged ? ['groups'] : [])];
    if (changed.length === 0 && passwordHash === undefined) return { ...before, warnings: [] };
    const now = nowIso();
    const row = await trx
      .updateTable('users')
      .set({
        ...columns,
        ...(passwordHash !== undefined && { password_hash: passwordHash, password_change_date: now }),
        updated_at: now,
      })
      .where('id', '=', pk)
      .returningAll()
      .executeTakeFirstOrThrow();
    const user = toUser(row);
    // Memberships announce themselves (group.members_*); the password is not synced.
    if (Object.keys(columns).length > 0) await emitChange(trx, { topic: 'user.saved', user_id: pk });
    if (changed.length > 0)
      await auditModelChange(trx, 'model_updated', auditModel(user), actor, { changed });
    if (passwordHash !== undefined) {
      await recordEvent(trx, { action: 'password_set', actor, context: { model: auditModel(user) } });
    }
    if (passwordHash !== undefined || (before.is_active && !user.is_active)) {
      await endSessionsOfUser(trx, pk, options.keepSessionId);
    }
    const warnings = columns.username ? await warnAboutLookalikes(trx, columns.username, actor, pk) : [];
    return { ...user, warnings };
  } catch (error) {
    return uniqueFieldError(error, { username });
  }
}

/** Make the user a direct member of exactly these groups; whether any membership changed. */
async function replaceUserGroups(
  trx: Transaction<Database>,
  userId: number,
  groupUuids: string[],
): Promise<boolean> {
  const wanted = new Set(await groupIdsByUuid(trx, groupUuids));
  const current = new Set(
    (await trx.selectFrom('group_members').select('group_id').where('user_id', '=', userId).execute()).map(
      (r) => r.group_id,
    ),
  );
  let changed = false;
  for (const groupId of wanted) {
    if (current.has(groupId)) continue;
    changed = true;
    await trx.insertInto('group_members').values({ group_id: groupId, user_id: userId }).execute();
    await emitChange(trx, { topic: 'group.members_added', group_id: groupId, user_ids: [userId] });
  }
  for (const groupId of current) {
    if (wanted.has(groupId)) continue;
    changed = true;
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
  return changed;
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
  if (search) query = query.where(containsText('path', search));
  return (await query.execute()).map((r) => r.path);
}
