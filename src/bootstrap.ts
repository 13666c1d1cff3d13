/**
 * First-start setup: the superuser group, the `admin` user and, optionally, an API token with a
 * chosen value — as the reference's bootstrap variables do — so automation can start from nothing.
 * Idempotent: running it again changes nothing that already exists, except applying a newly set
 * bootstrap password or token.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordEvent } from './directory/changes.js';
import { addUserToGroup, createGroup, listGroups } from './directory/groups.js';
import { createToken, hashTokenKey } from './directory/tokens.js';
import { createUser, findUserByUsername, updateUser } from './directory/users.js';
import type { Database } from './store/schema.js';

export const ADMIN_USERNAME = 'admin';
export const ADMIN_GROUP = 'Conduit Admins';
export const BOOTSTRAP_TOKEN_IDENTIFIER = 'conduit-bootstrap-token';

export interface BootstrapOptions {
  password?: string;
  token?: string;
  email?: string;
}

export interface BootstrapResult {
  adminPk: number;
  /** Set when the admin was created now with a generated password: print it once. */
  generatedPassword?: string;
  created: boolean;
}

export async function ensureBootstrap(
  db: Kysely<Database>,
  options: BootstrapOptions,
): Promise<BootstrapResult> {
  const groups = await listGroups(db, { page: 1, page_size: 1, name: ADMIN_GROUP });
  const group = groups.results[0] ?? (await createGroup(db, { name: ADMIN_GROUP, is_superuser: true }, null));
  let admin = await findUserByUsername(db, ADMIN_USERNAME);
  let generatedPassword: string | undefined;
  let created = false;
  if (!admin) {
    generatedPassword = options.password ? undefined : randomBytes(12).toString('base64url');
    const user = await createUser(
      db,
      {
        username: ADMIN_USERNAME,
        name: 'Conduit administrator',
        email: options.email ?? 'admin@localhost',
        password: options.password ?? generatedPassword,
        path: 'users',
      },
      null,
    );
    admin = { ...user, password_hash: 'set' };
    created = true;
    await recordEvent(db, { action: 'bootstrap', actor: null, context: { username: ADMIN_USERNAME } });
  } else if (options.password) {
    await updateUser(db, admin.pk, { password: options.password }, null);
  }
  await addUserToGroup(db, group.group_uuid, admin.pk, null);
  if (options.token) {
    const existing = await db
      .selectFrom('api_tokens')
      .select(['identifier', 'key_hash'])
      .where('identifier', '=', BOOTSTRAP_TOKEN_IDENTIFIER)
      .executeTakeFirst();
    if (existing && existing.key_hash !== hashTokenKey(options.token)) {
      await db.deleteFrom('api_tokens').where('identifier', '=', BOOTSTRAP_TOKEN_IDENTIFIER).execute();
    }
    if (!existing || existing.key_hash !== hashTokenKey(options.token)) {
      await createToken(
        db,
        {
          identifier: BOOTSTRAP_TOKEN_IDENTIFIER,
          user: admin.pk,
          key: options.token,
          expiring: false,
          description: 'Bootstrap token (CONDUIT_BOOTSTRAP_TOKEN)',
        },
        null,
      );
    }
  }
  return { adminPk: admin.pk, generatedPassword, created };
}
