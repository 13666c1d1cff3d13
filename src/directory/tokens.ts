/**
 * API tokens. The key is random, shown once when created, and stored only as its SHA-256 hash:
 * a database leak yields no usable token. Tokens may expire; an expired token authenticates nobody.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import { v4 as uuidv4 } from 'uuid';
import { isUniqueViolation, nowIso, readBool, readNullableTime, readTime } from '../store/dialect.js';
import type { Database } from '../store/schema.js';
import { auditModelChange, recordEvent } from './changes.js';
import { DirectoryNotFoundError, DirectoryValidationError } from './errors.js';
import { likePattern, type Page, type PageRequest, pageOffset } from './paging.js';
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
  managed?: string | null;
}

export interface TokenListQuery extends PageRequest {
  user?: number;
  user__username?: string;
  identifier?: string;
  intent?: string;
  description?: string;
  expiring?: boolean;
  managed?: string;
  search?: string;
  ordering?: string;
}

export interface TokenPatch {
  identifier?: string;
  user?: number;
  description?: string;
  expiring?: boolean;
  expires?: string | null;
  intent?: TokenIntent;
  managed?: string | null;
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
export async function createToken(
  db: Db,
  input: TokenInput,
  actor: Actor,
): Promise<ApiToken & { key: string }> {
  try {
    return await db.transaction().execute((trx) => insertToken(trx, input, actor));
  } catch (error) {
    return identifierConflict(error, input.identifier);
  }
}

function identifierConflict(error: unknown, identifier: string | undefined): never {
  if (isUniqueViolation(error)) {
    throw DirectoryValidationError.field(
      'identifier',
      `Token with this identifier "${identifier}" already exists.`,
    );
  }
  throw error;
}

/** Insert a token and its audit event inside the caller's transaction; returns it with its key. */
export async function insertToken(
  trx: Transaction<Database>,
  input: TokenInput,
  actor: Actor,
): Promise<ApiToken & { key: string }> {
  const key = input.key ?? generateTokenKey();
  const expiring = input.expiring ?? true;
  const expires = expiring ? (input.expires ?? new Date(Date.now() + 30 * 60_000).toISOString()) : null;
  const user = await trx
    .selectFrom('users')
    .select(['id', 'username'])
    .where('id', '=', input.user)
    .executeTakeFirst();
  if (!user)
    throw DirectoryValidationError.field('user', `Invalid pk "${input.user}" - object does not exist.`);
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
      managed: input.managed ?? null,
      created_at: nowIso(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await auditModelChange(
    trx,
    'model_created',
    { app: 'conduit_core', model_name: 'token', pk: row.id, name: row.identifier },
    actor,
  );
  return { ...toToken(row), key };
}

/** The active user a token key authenticates, or null (unknown, expired or inactive user). */
export async function userIdForTokenKey(db: Db, key: string): Promise<number | null> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.user_id',
      'api_tokens.expiring',
      'api_tokens.expires',
      'api_tokens.intent',
      'users.is_active',
    ])
    .where('api_tokens.key_hash', '=', hashTokenKey(key))
    .executeTakeFirst();
  if (!row || !readBool(row.is_active) || row.intent !== 'api') return null;
  const expires = readNullableTime(row.expires);
  // An expiring token without a date is treated as expired: failing closed, it cannot live forever.
  if (readBool(row.expiring) && (expires === null || Date.parse(expires) <= Date.now())) return null;
  return row.user_id;
}

export async function getToken(db: Db, identifier: string): Promise<ApiToken> {
  const row = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('identifier', '=', identifier)
    .executeTakeFirst();
  if (!row) throw new DirectoryNotFoundError('token', identifier);
  return toToken(row);
}

/** `ordering` values and their columns. A Map: `ordering=constructor` must find nothing, not Object's. */
const TOKEN_ORDERING = new Map([
  ['identifier', 'api_tokens.identifier'],
  ['expires', 'api_tokens.expires'],
  ['intent', 'api_tokens.intent'],
  ['description', 'api_tokens.description'],
  ['user__username', 'users.username'],
  ['created', 'api_tokens.created_at'],
] as const);

export async function listTokens(db: Db, query: TokenListQuery): Promise<Page<ApiToken>> {
  let base = db.selectFrom('api_tokens').innerJoin('users', 'users.id', 'api_tokens.user_id');
  if (query.user !== undefined) base = base.where('api_tokens.user_id', '=', query.user);
  if (query.user__username !== undefined) base = base.where('users.username', '=', query.user__username);
  if (query.identifier !== undefined) base = base.where('api_tokens.identifier', '=', query.identifier);
  if (query.intent !== undefined) base = base.where('api_tokens.intent', '=', query.intent);
  if (query.description !== undefined) base = base.where('api_tokens.description', '=', query.description);
  if (query.expiring !== undefined) base = base.where('api_tokens.expiring', '=', query.expiring);
  if (query.managed !== undefined) base = base.where('api_tokens.managed', '=', query.managed);
  if (query.search) {
    const p = likePattern(query.search.toLowerCase());
    base = base.where(({ or }) =>
      or([
        sql<boolean>`lower(api_tokens.identifier) like ${p} escape '\\'`,
        sql<boolean>`lower(api_tokens.description) like ${p} escape '\\'`,
        sql<boolean>`lower(users.username) like ${p} escape '\\'`,
      ]),
    );
  }
  const descending = query.ordering?.startsWith('-') ?? false;
  const key = (query.ordering ?? 'identifier').replace(/^-/, '');
  const column = TOKEN_ORDERING.get(key as never) ?? 'api_tokens.identifier';
  const [rows, total] = await Promise.all([
    base
      .selectAll('api_tokens')
      .orderBy(column, descending ? 'desc' : 'asc')
      .orderBy('api_tokens.id')
      .limit(query.page_size)
      .offset(pageOffset(query))
      .execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { results: rows.map(toToken), count: Number(total.n), page: query.page, page_size: query.page_size };
}

export async function updateToken(
  db: Db,
  identifier: string,
  patch: TokenPatch,
  actor: Actor,
): Promise<ApiToken> {
  try {
    return await db.transaction().execute(async (trx) => {
      if (patch.user !== undefined) {
        const user = await trx
          .selectFrom('users')
          .select('id')
          .where('id', '=', patch.user)
          .executeTakeFirst();
        if (!user)
          throw DirectoryValidationError.field('user', `Invalid pk "${patch.user}" - object does not exist.`);
      }
      const current = await trx
        .selectFrom('api_tokens')
        .select(['expiring', 'expires'])
        .where('identifier', '=', identifier)
        .executeTakeFirst();
      if (!current) throw new DirectoryNotFoundError('token', identifier);
      const expires = expiryAfterPatch(readBool(current.expiring), patch);
      const changes = {
        ...(patch.identifier !== undefined && { identifier: patch.identifier }),
        ...(patch.user !== undefined && { user_id: patch.user }),
        ...(patch.description !== undefined && { description: patch.description }),
        ...(patch.expiring !== undefined && { expiring: patch.expiring }),
        ...(expires !== undefined && { expires }),
        ...(patch.intent !== undefined && { intent: patch.intent }),
        ...(patch.managed !== undefined && { managed: patch.managed }),
      };
      // An empty patch is valid (a PATCH of `{}`), but `UPDATE … SET` with no column is not SQL.
      const row =
        Object.keys(changes).length === 0
          ? await trx
              .selectFrom('api_tokens')
              .selectAll()
              .where('identifier', '=', identifier)
              .executeTakeFirst()
          : await trx
              .updateTable('api_tokens')
              .set(changes)
              .where('identifier', '=', identifier)
              .returningAll()
              .executeTakeFirst();
      if (!row) throw new DirectoryNotFoundError('token', identifier);
      await auditModelChange(
        trx,
        'model_updated',
        { app: 'conduit_core', model_name: 'token', pk: row.id, name: row.identifier },
        actor,
      );
      return toToken(row);
    });
  } catch (error) {
    return identifierConflict(error, patch.identifier);
  }
}

/**
 * The `expires` column after a patch, or undefined to leave it. A token that stops expiring loses its
 * date; one that starts expiring without a date gets the default. An expiring token cannot be given
 * no date (`expires: null`): that used to make an expired token valid forever.
 */
function expiryAfterPatch(wasExpiring: boolean, patch: TokenPatch): string | null | undefined {
  const expiring = patch.expiring ?? wasExpiring;
  if (!expiring) return patch.expiring === false ? null : patch.expires;
  if (patch.expires === null) {
    throw DirectoryValidationError.field(
      'expires',
      'An expiring token needs an expiry date. To make a token that never expires, set "expiring" to false.',
    );
  }
  if (patch.expires === undefined && !wasExpiring) return new Date(Date.now() + 30 * 60_000).toISOString();
  return patch.expires;
}

/** The shortest key `set_key/` accepts: as long as a 192-bit random key in base64. */
export const MIN_TOKEN_KEY_LENGTH = 32;

/** Said of any key that cannot be used, whatever the reason, so the answer reveals no other token's key. */
const UNUSABLE_KEY =
  'This key cannot be used. Choose a different key: at least 32 random characters, for example from "openssl rand -base64 32".';

/**
 * What is wrong with a key chosen for `set_key/`, or null. Length and characters are said plainly;
 * a key that is too regular and a key already in use get the same answer (`UNUSABLE_KEY`).
 */
function tokenKeyProblem(key: string): string | null {
  if (key.length < MIN_TOKEN_KEY_LENGTH) {
    return `Ensure this field has at least ${MIN_TOKEN_KEY_LENGTH} characters.`;
  }
  // RFC 6750's b64token allows only these; anything else cannot be sent as `Bearer <key>`.
  if (!/^[A-Za-z0-9\-._~+/]+=*$/.test(key)) {
    return 'Use only letters, digits and - . _ ~ + / (and = at the end): the key is sent in an Authorization header.';
  }
  if (new Set(key).size < 8 || /^(.{1,8})\1+$/s.test(key)) return UNUSABLE_KEY;
  return null;
}

/** Replace a token's key (authentik's `set_key/`): the old key stops working at once. */
export async function setTokenKey(db: Db, identifier: string, key: string, actor: Actor): Promise<void> {
  const problem = tokenKeyProblem(key);
  if (problem) throw DirectoryValidationError.field('key', problem);
  try {
    await setKeyInTransaction(db, identifier, key, actor);
  } catch (error) {
    if (isUniqueViolation(error)) throw DirectoryValidationError.field('key', UNUSABLE_KEY);
    throw error;
  }
}

async function setKeyInTransaction(db: Db, identifier: string, key: string, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('api_tokens')
      .set({ key_hash: hashTokenKey(key) })
      .where('identifier', '=', identifier)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new DirectoryNotFoundError('token', identifier);
    await recordEvent(trx, {
      action: 'secret_rotate',
      actor,
      context: { model: { app: 'conduit_core', model_name: 'token', pk: row.id, name: identifier } },
    });
  });
}

export async function deleteToken(db: Db, identifier: string, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom('api_tokens')
      .where('identifier', '=', identifier)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new DirectoryNotFoundError('token', identifier);
    await auditModelChange(
      trx,
      'model_deleted',
      { app: 'conduit_core', model_name: 'token', pk: row.id, name: identifier },
      actor,
    );
  });
}
