/**
 * Service accounts, created as authentik's `users/service_account/` does: a `service_account` user
 * with no usable password, optionally a group of the same name holding it, and an app-password
 * token — all in one transaction, so a name clash leaves nothing half-made.
 */
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../store/dialect.js';
import type { Database } from '../store/schema.js';
import { DirectoryValidationError } from './errors.js';
import { insertGroup } from './groups.js';
import { insertToken } from './tokens.js';
import type { Actor } from './types.js';
import { insertUser, userUid } from './users.js';

/** authentik's path for service accounts, kept so tools filtering on it work unchanged. */
export const SERVICE_ACCOUNT_PATH = 'goauthentik.io/service-accounts';
/** authentik's attribute recording whether the service account's token expires. */
export const TOKEN_EXPIRING_ATTRIBUTE = 'goauthentik.io/user/token-expires';
const DEFAULT_VALIDITY_MS = 360 * 24 * 60 * 60 * 1000;

export interface ServiceAccountInput {
  name: string;
  create_group?: boolean;
  expiring?: boolean;
  expires?: string;
}

export interface ServiceAccount {
  username: string;
  user_uid: string;
  user_pk: number;
  group_pk?: string;
  /** The token's key: shown once, stored only hashed. */
  token: string;
}

/** Django's `slugify`: ASCII letters, digits, `_` and `-`, lower case. */
export function slugify(text: string): string {
  return (
    text
      .normalize('NFKD')
      // Without the `u` flag `\w` is ASCII-only, so this also drops accents split off by NFKD.
      .replace(/[^\w\s-]/g, '')
      .toLowerCase()
      .trim()
      .replace(/[-\s]+/g, '-')
      .replace(/^[-_]+|[-_]+$/g, '')
  );
}

export async function createServiceAccount(
  db: Kysely<Database>,
  input: ServiceAccountInput,
  actor: Actor,
): Promise<ServiceAccount> {
  const expiring = input.expiring ?? true;
  try {
    return await db.transaction().execute(async (trx) => {
      const user = await insertUser(
        trx,
        {
          username: input.name,
          name: input.name,
          type: 'service_account',
          path: SERVICE_ACCOUNT_PATH,
          attributes: { [TOKEN_EXPIRING_ATTRIBUTE]: expiring },
        },
        null,
        actor,
      );
      const group = input.create_group
        ? await insertGroup(trx, { name: input.name, users: [user.pk] }, actor)
        : undefined;
      const token = await insertToken(
        trx,
        {
          identifier: slugify(`service-account-${input.name}-password`),
          user: user.pk,
          intent: 'app_password',
          expiring,
          expires: expiring
            ? (input.expires ?? new Date(Date.now() + DEFAULT_VALIDITY_MS).toISOString())
            : null,
        },
        actor,
      );
      return {
        username: user.username,
        user_uid: userUid(user),
        user_pk: user.pk,
        ...(group && { group_pk: group.group_uuid }),
        token: token.key,
      };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw DirectoryValidationError.field(
        'name',
        `A user, group or token named after "${input.name}" already exists.`,
      );
    }
    throw error;
  }
}
