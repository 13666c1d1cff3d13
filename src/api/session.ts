/**
 * Admin login for the web UI: `POST /api/v3/conduit/session/` with username and password sets an
 * HttpOnly, SameSite=Strict session cookie and returns the CSRF token that cookie-authenticated
 * writes must send. Failed logins are rate-limited per client address and username.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordEvent } from '../directory/changes.js';
import { verifyPassword } from '../directory/passwords.js';
import { createSession, deleteSession, findSession, SESSION_TTL_MS } from '../directory/sessions.js';
import { isSuperuser } from '../directory/superusers.js';
import { findUserByUsername, getUser, touchLastLogin } from '../directory/users.js';
import { SESSION_COOKIE } from './auth.js';
import type { ApiContext } from './context.js';
import { ApiError } from './http-errors.js';

const WINDOW_MS = 5 * 60_000;
const MAX_FAILURES = 5;

/** Counts failed logins per key in a sliding window. In-memory: per process, reset on restart. */
export function createLoginLimiter(now: () => number = Date.now) {
  const failures = new Map<string, number[]>();
  return {
    blocked(key: string): number {
      const recent = (failures.get(key) ?? []).filter((t) => now() - t < WINDOW_MS);
      failures.set(key, recent);
      return recent.length >= MAX_FAILURES
        ? Math.ceil((WINDOW_MS - (now() - (recent[0] ?? now()))) / 1000)
        : 0;
    },
    fail(key: string) {
      failures.set(key, [...(failures.get(key) ?? []), now()]);
    },
    succeed(key: string) {
      failures.delete(key);
    },
  };
}

export async function sessionRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;
  const limiter = createLoginLimiter();

  r.post(
    '/api/v3/conduit/session/',
    { schema: { body: z.object({ username: z.string().min(1), password: z.string().min(1) }).strict() } },
    async (request, reply) => {
      const key = `${request.ip}:${request.body.username}`;
      const retryAfter = limiter.blocked(key);
      if (retryAfter > 0) {
        reply.header('retry-after', String(retryAfter));
        throw new ApiError(429, { detail: `Too many failed logins. Try again in ${retryAfter} seconds.` });
      }
      const user = await findUserByUsername(db, request.body.username);
      const ok = user?.password_hash
        ? await verifyPassword(user.password_hash, request.body.password)
        : false;
      if (!user || !ok || !user.is_active) {
        limiter.fail(key);
        await recordEvent(db, {
          action: 'login_failed',
          actor: null,
          client_ip: request.ip,
          context: { username: request.body.username },
        });
        throw new ApiError(400, { non_field_errors: ['Invalid username or password.'] });
      }
      if (!(await isSuperuser(db, user.pk))) {
        throw new ApiError(403, {
          detail: 'Only administrators (members of a superuser group) may sign in to the admin interface.',
        });
      }
      limiter.succeed(key);
      const session = await createSession(db, user.pk);
      await touchLastLogin(db, user.pk);
      await recordEvent(db, {
        action: 'login',
        actor: { pk: user.pk, username: user.username },
        client_ip: request.ip,
        context: {},
      });
      reply.setCookie(SESSION_COOKIE, session.id, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        maxAge: SESSION_TTL_MS / 1000,
      });
      return {
        csrf_token: session.csrfToken,
        user: { pk: user.pk, username: user.username, name: user.name },
      };
    },
  );

  r.get('/api/v3/conduit/session/', async (request) => {
    const sessionId = request.cookies[SESSION_COOKIE];
    const session = sessionId ? await findSession(db, sessionId) : null;
    if (!session) throw new ApiError(403, { detail: 'Authentication credentials were not provided.' });
    const user = await getUser(db, session.userId);
    return { csrf_token: session.csrfToken, user: { pk: user.pk, username: user.username, name: user.name } };
  });

  r.delete('/api/v3/conduit/session/', async (request, reply) => {
    const sessionId = request.cookies[SESSION_COOKIE];
    if (sessionId) {
      const session = await findSession(db, sessionId);
      if (session) {
        if (request.headers['x-csrftoken'] !== session.csrfToken) {
          throw new ApiError(403, { detail: 'CSRF Failed: CSRF token missing or incorrect.' });
        }
        await deleteSession(db, sessionId);
      }
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });
}
