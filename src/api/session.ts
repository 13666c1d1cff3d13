/**
 * Admin login for the web UI: `POST /api/v3/conduit/session/` with username and password sets an
 * HttpOnly, SameSite=Strict session cookie and returns the CSRF token that cookie-authenticated
 * writes must send.
 *
 * A login answers only "signed in" or "Invalid username or password.": an unknown user, a wrong
 * password, an inactive user and a correct password of someone who is not an administrator are
 * indistinguishable, in body and in time (unknown users verify against a dummy hash). Attempts are
 * limited before the password is checked (`login-limiter.ts`), and every string is bounded.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordEvent } from '../directory/changes.js';
import { MAX_PASSWORD_LENGTH, verifyPassword } from '../directory/passwords.js';
import { createSession, deleteSession, findSession, SESSION_TTL_MS } from '../directory/sessions.js';
import { isSuperuser } from '../directory/superusers.js';
import { findUserByUsername, getUser, MAX_USERNAME_LENGTH, touchLastLogin } from '../directory/users.js';
import { SESSION_COOKIE } from './auth.js';
import type { ApiContext } from './context.js';
import { noContent, requiredText } from './core-fields.js';
import { ApiError } from './http-errors.js';
import { createLoginLimiter } from './login-limiter.js';

const loginRequest = z
  .object({ username: requiredText(MAX_USERNAME_LENGTH), password: requiredText(MAX_PASSWORD_LENGTH) })
  .strict();

/** Room for the two bounded fields even if every character arrives as a `\uXXXX` escape. */
const LOGIN_BODY_LIMIT = 16 * 1024;

const INVALID_LOGIN = 'Invalid username or password.';

/** A signed-in session: the CSRF token cookie-authenticated writes must send, and who signed in. */
const sessionResponse = z.object({
  csrf_token: z.string(),
  user: z.object({ pk: z.number(), username: z.string(), name: z.string() }),
});

/** The admin session routes: sign in, who am I, sign out. */
export async function sessionRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;
  const limiter = createLoginLimiter();

  r.post(
    '/api/v3/conduit/session/',
    {
      bodyLimit: LOGIN_BODY_LIMIT,
      schema: { tags: ['conduit'], body: loginRequest, response: { 200: sessionResponse } },
    },
    async (request, reply) => {
      // Usernames are stored in NFC (users.ts), so a login typed in another normal form still matches.
      const username = request.body.username.normalize('NFC');
      const attempt = limiter.begin(request.ip, username);
      if (attempt.blocked) {
        reply.header('retry-after', String(attempt.retryAfter));
        throw new ApiError(429, {
          detail: `Too many failed logins. Try again in ${attempt.retryAfter} seconds.`,
        });
      }
      const user = await findUserByUsername(db, username);
      const passwordOk = await verifyPassword(user?.password_hash ?? null, request.body.password);
      const admitted = passwordOk && user?.is_active === true && (await isSuperuser(db, user.pk));
      if (!admitted || !user) {
        await recordEvent(db, {
          action: 'login_failed',
          actor: null,
          client_ip: request.ip,
          context: { username },
        });
        throw new ApiError(400, { non_field_errors: [INVALID_LOGIN] });
      }
      attempt.succeeded();
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

  const session = { schema: { tags: ['conduit'], response: { 200: sessionResponse } } };
  r.get('/api/v3/conduit/session/', session, async (request) => {
    const sessionId = request.cookies[SESSION_COOKIE];
    const session = sessionId ? await findSession(db, sessionId) : null;
    if (!session) throw new ApiError(403, { detail: 'Authentication credentials were not provided.' });
    const user = await getUser(db, session.userId);
    return { csrf_token: session.csrfToken, user: { pk: user.pk, username: user.username, name: user.name } };
  });

  const signOut = { schema: { tags: ['conduit'], response: { 204: noContent } } };
  r.delete('/api/v3/conduit/session/', signOut, async (request, reply) => {
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
    return reply.status(204).send(null);
  });
}
