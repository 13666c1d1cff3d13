/** Admin web sessions: a random session id in an HttpOnly cookie, stored as its SHA-256 hash, with a CSRF token. */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { nowIso, readTime } from '../store/dialect.js';
import type { Database } from '../store/schema.js';

type Db = Kysely<Database>;

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

function hashId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** Open a session for a user; returns the session id (for the cookie) and its CSRF token. */
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

/** The live session with this id, or null (unknown or expired; an expired one is deleted). */
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

/** End one session (sign out). */
export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', hashId(id)).execute();
}

/**
 * End every session of a user, except `keepSessionId` (the session making the change, when it is
 * that user's own): after a password change or a deactivation, a session opened with the old
 * password or by the deactivated user must not stay valid for its remaining 12 hours.
 */
export async function endSessionsOfUser(
  db: Db | Transaction<Database>,
  userId: number,
  keepSessionId?: string,
): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId !== undefined) query = query.where('id_hash', '!=', hashId(keepSessionId));
  await query.execute();
}
