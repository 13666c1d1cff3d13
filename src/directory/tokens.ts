/**
 * API tokens. The key is random, shown once when created, and stored only as its SHA-256 hash:
 * a database leak yields no usable token. Tokens may expire; an expired token authenticates nobody.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { v4 as uuidv4 } from 'uuid';
import { isUniqueViolation, nowIso, readBool, readNullableTime, readTime } from '../store/dialect.js';
import type { Database } from '../store/schema.js';
import { auditModelChange } from './changes.js';
import { DirectoryNotFoundError, DirectoryValidationError } from './errors.js';
import type { Page, PageRequest } from './paging.js';
import { pageOffset } from './paging.js';
import type { Actor } from './types.js';

type Db = Kysely<Database>;

export const TOKEN_INTENTS = ['api', 'app_password', 'recovery', 'verification'] as const;
export type TokenIntent = (typeof TOKEN_INTENTS)[number];

export interface ApiToken {
  pk: string;
  identifier: string;
  user: number;
  description: string;
  intent: TokenIntent;
  expiring: boolean;
  expires: string | null;
  managed: string | null;
  created: string;
}

export interface TokenInput {
  identifier: string;
  user: number;
  description?: string;
  intent?: TokenIntent;
  expiring?: boolean;
  expires?: string | null;
  /** Use this key instead of a random one (bootstrap token). */
  key?: string;
}

export function hashTokenKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function generateTokenKey(): string {
  return randomBytes(32).toString('base64url');
}

function toToken(row: {
  id: string;
  identifier: string;
  user_id: number;
  description: string;
  intent: string;
  expiring: unknown;
  expires: unknown;
  managed: string | null;
  created_at: unknown;
}): ApiToken {
  return {
    pk: row.id,
    identifier: row.identifier,
    user: row.user_id,
    description: row.description,
    intent: row.intent as TokenIntent,
    expiring: readBool(row.expiring),
    expires: readNullableTime(row.expires),
    managed: row.managed,
    created: readTime(row.created_at),
  };
}

/** Create a token; returns it with its key, which is not stored and cannot be read again. */
export async function createToken(db: Db, input: TokenInput, actor: Actor): Promise<ApiToken & { key: string }> {
  const key = input.key ?? generateTokenKey();
  const expiring = input.expiring ?? true;
  const expires = expiring ? (input.expires ?? new Date(Date.now() + 30 * 60_000).toISOString()) : null;
  try {
    return await db.transaction().execute(async (trx) => {
      const user = await trx.selectFrom('users').select(['id', 'username']).where('id', '=', input.user).executeTakeFirst();
      if (!user) throw DirectoryValidationError.field('user', `Invalid pk "${input.user}" - object does not exist.`);
      const row = await trx
        .insertInto('api_tokens')
        .values({
          id: uuidv4(),
          identifier: input.identifier,
          user_id: input.user,
          key_hash: hashTokenKey(key),
          description: input.description ?? '',
          intent: input.intent ?? 'api',
          expiring,
          expires,
          managed: null,
          created_at: nowIso(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await auditModelChange(trx, 'model_created', { app: 'conduit_core', model_name: 'token', pk: row.id, name: row.identifier }, actor);
      return { ...toToken(row), key };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw DirectoryValidationError.field('identifier', `Token with this identifier "${input.identifier}" already exists.`);
    }
    throw error;
  }
}

/** The active user a token key authenticates, or null (unknown, expired or inactive user). */
export async function userIdForTokenKey(db: Db, key: string): Promise<number | null> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.user_id', 'api_tokens.expiring', 'api_tokens.expires', 'api_tokens.intent', 'users.is_active'])
    .where('api_tokens.key_hash', '=', hashTokenKey(key))
    .executeTakeFirst();
  if (!row || !readBool(row.is_active) || row.intent !== 'api') return null;
  const expires = readNullableTime(row.expires);
  if (readBool(row.expiring) && expires !== null && Date.parse(expires) <= Date.now()) return null;
  return row.user_id;
}

export async function getToken(db: Db, identifier: string): Promise<ApiToken> {
  const row = await db.selectFrom('api_tokens').selectAll().where('identifier', '=', identifier).executeTakeFirst();
  if (!row) throw new DirectoryNotFoundError('token', identifier);
  return toToken(row);
}

export async function listTokens(
  db: Db,
  query: PageRequest & { user?: number; identifier?: string; intent?: string; search?: string },
): Promise<Page<ApiToken>> {
  let base = db.selectFrom('api_tokens');
  if (query.user !== undefined) base = base.where('user_id', '=', query.user);
  if (query.identifier !== undefined) base = base.where('identifier', '=', query.identifier);
  if (query.intent !== undefined) base = base.where('intent', '=', query.intent);
  if (query.search) base = base.where('identifier', 'like', `%${query.search}%`);
  const [rows, total] = await Promise.all([
    base.selectAll().orderBy('identifier').limit(query.page_size).offset(pageOffset(query)).execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { results: rows.map(toToken), count: Number(total.n), page: query.page, page_size: query.page_size };
}

export async function updateToken(
  db: Db,
  identifier: string,
  patch: { description?: string; expiring?: boolean; expires?: string | null; intent?: TokenIntent },
  actor: Actor,
): Promise<ApiToken> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('api_tokens')
      .set({
        ...(patch.description !== undefined && { description: patch.description }),
        ...(patch.expiring !== undefined && { expiring: patch.expiring }),
        ...(patch.expires !== undefined && { expires: patch.expires }),
        ...(patch.intent !== undefined && { intent: patch.intent }),
      })
      .where('identifier', '=', identifier)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new DirectoryNotFoundError('token', identifier);
    await auditModelChange(trx, 'model_updated', { app: 'conduit_core', model_name: 'token', pk: row.id, name: identifier }, actor);
    return toToken(row);
  });
}

export async function deleteToken(db: Db, identifier: string, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom('api_tokens').where('identifier', '=', identifier).returning('id').executeTakeFirst();
    if (!row) throw new DirectoryNotFoundError('token', identifier);
    await auditModelChange(trx, 'model_deleted', { app: 'conduit_core', model_name: 'token', pk: row.id, name: identifier }, actor);
  });
}
