/**
 * Authentication for `/api/v3/`: `Authorization: Bearer <token>` (API tokens) or the admin
 * session cookie. Cookie-authenticated writes must carry the session's CSRF token in
 * `X-CSRFToken`. Only active superusers may use the admin API; everyone else gets 403.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { findSession } from '../directory/sessions.js';
import { isSuperuser } from '../directory/superusers.js';
import { userIdForTokenKey } from '../directory/tokens.js';
import type { Actor, User } from '../directory/types.js';
import { getUser } from '../directory/users.js';
import type { Database } from '../store/schema.js';
import { ApiError } from './http-errors.js';

export const SESSION_COOKIE = 'conduit_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated admin, set by `requireSuperuser`. */
    admin?: User;
  }
}

export function actorOf(request: FastifyRequest): Actor {
  return request.admin ? { pk: request.admin.pk, username: request.admin.username } : null;
}

async function authenticate(db: Kysely<Database>, request: FastifyRequest): Promise<number | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new ApiError(403, { detail: 'Invalid token header. No credentials provided.' });
    const userId = await userIdForTokenKey(db, match[1]);
    if (userId === null) throw new ApiError(403, { detail: 'Token invalid/expired' });
    return userId;
  }
  const sessionId = request.cookies?.[SESSION_COOKIE];
  if (!sessionId) return null;
  const session = await findSession(db, sessionId);
  if (!session) return null;
  if (!SAFE_METHODS.has(request.method) && request.headers['x-csrftoken'] !== session.csrfToken) {
    throw new ApiError(403, { detail: 'CSRF Failed: CSRF token missing or incorrect.' });
  }
  return session.userId;
}

/** A preHandler that admits only active superusers. */
export function requireSuperuser(db: Kysely<Database>) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const userId = await authenticate(db, request);
    if (userId === null) throw new ApiError(403, { detail: 'Authentication credentials were not provided.' });
    const user = await getUser(db, userId).catch(() => null);
    if (!user?.is_active) throw new ApiError(403, { detail: 'User inactive or deleted.' });
    if (!(await isSuperuser(db, userId))) throw ApiError.forbidden();
    request.admin = user;
  };
}
