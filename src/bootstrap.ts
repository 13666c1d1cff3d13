/**
 * First-start setup: the superuser group, the `admin` user and, optionally, an API token with a
 * chosen value — as authentik's bootstrap variables do, for compatibility — so automation can start from nothing.
 *
 * Invariant: the bootstrap variables are applied only while no active superuser exists (a fresh
 * database, or one whose every administrator was removed), or when an operator asks for it with
 * `conduit start --reset-admin` (docs/deployment.md). Otherwise they change nothing: a password
 * changed in the UI stays, a deleted bootstrap token stays deleted, an administrator removed from
 * the admin group stays removed — leaving the variables set in a service file must be harmless.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordEvent } from './directory/changes.js';
import { addUserToGroup, createGroup, listGroups } from './directory/groups.js';
import { superuserGroupIds } from './directory/superusers.js';
import { createToken, hashTokenKey } from './directory/tokens.js';
import { createUser, findUserByUsername, updateUser } from './directory/users.js';
import type { Database } from './store/schema.js';

export const ADMIN_USERNAME = 'admin';
export const ADMIN_GROUP = 'Conduit Admins';
export const BOOTSTRAP_TOKEN_IDENTIFIER = 'conduit-bootstrap-token';

export interface BootstrapOptions {
  /** CONDUIT_BOOTSTRAP_PASSWORD: the admin's password; generated (and printed once) when unset. */
  password?: string;
  /** CONDUIT_BOOTSTRAP_TOKEN: a non-expiring API token of the admin with this value. */
  token?: string;
  /** CONDUIT_BOOTSTRAP_EMAIL: the admin's email when it is created. */
  email?: string;
  /**
   * `conduit start --reset-admin`: apply the variables although a superuser exists — the admin gets
   * the bootstrap password (or a new generated one), is active and in the admin group again, and
   * the bootstrap token is recreated with its value.
   */
  reset?: boolean;
}

export interface BootstrapResult {
  /** The `admin` user, or (when bootstrap was not applied and `admin` is gone) another superuser. */
  adminPk: number;
  /** Set when a password was generated now: print it once; it is never stored in clear. */
  generatedPassword?: string;
  /** Whether the `admin` user was created now. */
  created: boolean;
  /** Whether the bootstrap variables were applied (no superuser existed, or `reset`). */
  applied: boolean;
}

/** The first active user that is a superuser (directly or through a parent group), if any. */
export async function findActiveSuperuser(db: Kysely<Database>): Promise<number | undefined> {
  const groups = [...(await superuserGroupIds(db))];
  if (groups.length === 0) return undefined;
  const row = await db
    .selectFrom('group_members')
    .innerJoin('users', 'users.id', 'group_members.user_id')
    .select('users.id')
    .where('group_members.group_id', 'in', groups)
    .where('users.is_active', '=', true)
    .orderBy('users.id')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/** The `Conduit Admins` superuser group, created when missing. */
export async function ensureAdminGroup(db: Kysely<Database>): Promise<{ group_uuid: string }> {
  const groups = await listGroups(db, { page: 1, page_size: 1, name: ADMIN_GROUP });
  return groups.results[0] ?? (await createGroup(db, { name: ADMIN_GROUP, is_superuser: true }, null));
}

/**
 * Apply the bootstrap variables when no active superuser exists or `options.reset` is set;
 * otherwise change nothing (see the invariant above).
 */
export async function ensureBootstrap(
  db: Kysely<Database>,
  options: BootstrapOptions,
): Promise<BootstrapResult> {
  const superuser = await findActiveSuperuser(db);
  if (superuser !== undefined && !options.reset) {
    const admin = await findUserByUsername(db, ADMIN_USERNAME);
    return { adminPk: admin?.pk ?? superuser, created: false, applied: false };
  }
  const group = await ensureAdminGroup(db);
  const existing = await findUserByUsername(db, ADMIN_USERNAME);
  // A supplied password is used as it is; without one, a new admin (or a reset) gets a generated
  // one, while an existing admin re-promoted because no superuser was left keeps its own.
  const generatedPassword =
    options.password || (existing && !options.reset) ? undefined : randomBytes(12).toString('base64url');
  const password = options.password ?? generatedPassword;
  let adminPk: number;
  if (existing) {
    adminPk = existing.pk;
    await updateUser(db, existing.pk, { is_active: true, ...(password ? { password } : {}) }, null);
  } else {
    const user = await createUser(
      db,
      {
        username: ADMIN_USERNAME,
        name: 'Conduit administrator',
        email: options.email ?? 'admin@localhost',
        password,
        path: 'users',
      },
      null,
    );
    adminPk = user.pk;
  }
  await addUserToGroup(db, group.group_uuid, adminPk, null);
  if (options.token) await ensureBootstrapToken(db, adminPk, options.token);
  await recordEvent(db, {
    action: 'bootstrap',
    actor: null,
    context: { username: ADMIN_USERNAME, reset: options.reset === true, created: !existing },
  });
  return { adminPk, generatedPassword, created: !existing, applied: true };
}

/** The bootstrap token with exactly this value: an older one with another value is replaced. */
async function ensureBootstrapToken(db: Kysely<Database>, adminPk: number, token: string): Promise<void> {
  const existing = await db
    .selectFrom('api_tokens')
    .select(['identifier', 'key_hash'])
    .where('identifier', '=', BOOTSTRAP_TOKEN_IDENTIFIER)
    .executeTakeFirst();
  if (existing?.key_hash === hashTokenKey(token)) return;
  if (existing)
    await db.deleteFrom('api_tokens').where('identifier', '=', BOOTSTRAP_TOKEN_IDENTIFIER).execute();
  await createToken(
    db,
    {
      identifier: BOOTSTRAP_TOKEN_IDENTIFIER,
      user: adminPk,
      key: token,
      expiring: false,
      description: 'Bootstrap token (CONDUIT_BOOTSTRAP_TOKEN)',
    },
    null,
  );
}
