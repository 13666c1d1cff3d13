/** Admin web sessions: a random session id in an HttpOnly cookie, stored as its SHA-256 hash, with a CSRF token. */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { nowIso, readTime } from '../store/dialect.js';
import type { Database } from '../store/schema.js';

type Db = Kysely<Database>;

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

function hashId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

export async function createSession(
  db: Db,
  userId: number,
): Promise<{ id: string; csrfToken: string; expiresAt: string }> {
  const id = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS).toISOString();
  await db
    .insertInto('sessions')
    .values({
      id_hash: hashId(id),
      user_id: userId,
      csrf_token: csrfToken,
      expires_at: expiresAt,
      created_at: nowIso(),
    })
    .execute();
  return { id, csrfToken, expiresAt };
}

export async function findSession(db: Db, id: string): Promise<{ userId: number; csrfToken: string } | null> {
  const row = await db
    .selectFrom('sessions')
    .selectAll()
    .where('id_hash', '=', hashId(id))
    .executeTakeFirst();
  if (!row) return null;
  if (Date.parse(readTime(row.expires_at)) <= Date.now()) {
    await db.deleteFrom('sessions').where('id_hash', '=', row.id_hash).execute();
    return null;
  }
  return { userId: row.user_id, csrfToken: row.csrf_token };
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', hashId(id)).execute();
}
