/**
 * `/api/v3/core/tokens/`: authentik's token endpoints, keyed by identifier. Conduit stores only a
 * hash of each key, so the key appears once — in the create response — and `view_key/` explains
 * that it cannot be shown again instead of returning it.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  type ApiToken,
  createToken,
  deleteToken,
  getToken,
  listTokens,
  setTokenKey,
  TOKEN_INTENTS,
  updateToken,
} from '../directory/tokens.js';
import { toUser } from '../directory/users.js';
import type { Database } from '../store/schema.js';
import { adminRoutes } from './admin-routes.js';
import { actorOf } from './auth.js';
import type { ApiContext } from './context.js';
import {
  dateTimeField,
  int32,
  listQuery,
  noContent,
  requiredText,
  text,
  usedBySchema,
} from './core-fields.js';
import { presentUsers, userSchema } from './core-shapes.js';
import { ApiError } from './http-errors.js';
import { paginated, queryBoolean, toEnvelope } from './pagination.js';

const IDENTIFIER_PATTERN = /^[-a-zA-Z0-9_]+$/;
const intentSchema = z.enum(TOKEN_INTENTS);
/** Only API tokens and app passwords can be made through the API (as in authentik). */
const CREATABLE_INTENTS = new Set(['api', 'app_password']);

const tokenFields = {
  managed: requiredText(1000).nullable().optional(),
  identifier: requiredText(255).refine(
    (v) => IDENTIFIER_PATTERN.test(v),
    'Enter a valid identifier: letters, numbers, underscores or hyphens.',
  ),
  intent: intentSchema
    .refine(
      (v) => CREATABLE_INTENTS.has(v),
      'Invalid intent: only "api" and "app_password" tokens can be made through the API.',
    )
    .optional(),
  user: int32.optional(),
  description: text().optional(),
  expires: dateTimeField.nullable().optional(),
  expiring: z.boolean().optional(),
};
const tokenRequest = z.object(tokenFields);
const patchedTokenRequest = z.object(tokenFields).partial();

const tokenSchema = z.object({
  pk: z.string(),
  managed: z.string().nullable(),
  identifier: z.string(),
  intent: intentSchema,
  user: z.number(),
  user_obj: userSchema,
  description: z.string(),
  expires: z.string().nullable(),
  expiring: z.boolean(),
});
/** The create response also carries the key: the only time it is ever shown. */
const createdTokenSchema = tokenSchema.extend({ key: z.string() });

const listQuerySchema = z.object({
  ...listQuery,
  identifier: text(255).optional(),
  intent: intentSchema.optional(),
  description: text().optional(),
  expiring: queryBoolean.optional(),
  managed: text(1000).optional(),
  user__username: text(150).optional(),
});

const identifierParams = z.object({ identifier: text(255) });

async function presentTokens(
  db: Kysely<Database>,
  tokens: ApiToken[],
): Promise<Array<z.infer<typeof tokenSchema>>> {
  const userPks = [...new Set(tokens.map((t) => t.user))];
  const rows =
    userPks.length > 0 ? await db.selectFrom('users').selectAll().where('id', 'in', userPks).execute() : [];
  const users = new Map((await presentUsers(db, rows.map(toUser))).map((u) => [u.pk, u]));
  return tokens.flatMap((token) => {
    const user = users.get(token.user);
    if (!user) return [];
    return [
      {
        pk: token.pk,
        managed: token.managed,
        identifier: token.identifier,
        intent: token.intent,
        user: token.user,
        user_obj: user,
        description: token.description,
        expires: token.expires,
        expiring: token.expiring,
      },
    ];
  });
}

async function presentToken(db: Kysely<Database>, token: ApiToken) {
  const [presented] = await presentTokens(db, [token]);
  if (!presented) throw ApiError.notFound();
  return presented;
}

export async function coreTokenRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const { r, db, onRequest } = adminRoutes(app, ctx);

  r.get(
    '/api/v3/core/tokens/',
    {
      onRequest,
      schema: { tags: ['core'], querystring: listQuerySchema, response: { 200: paginated(tokenSchema) } },
    },
    async (request) => {
      const page = await listTokens(db, request.query);
      return toEnvelope({ ...page, results: await presentTokens(db, page.results) }, (t) => t);
    },
  );

  r.post(
    '/api/v3/core/tokens/',
    { onRequest, schema: { tags: ['core'], body: tokenRequest, response: { 201: createdTokenSchema } } },
    async (request, reply) => {
      const body = request.body;
      if (!request.admin) throw ApiError.forbidden();
      const created = await createToken(
        db,
        {
          identifier: body.identifier,
          // As in authentik: without a user, the token belongs to whoever creates it.
          user: body.user ?? request.admin.pk,
          description: body.description,
          intent: body.intent ?? 'api',
          expiring: body.expiring,
          expires: body.expires ?? undefined,
          managed: body.managed ?? null,
        },
        actorOf(request),
      );
      const { key, ...token } = created;
      return reply.status(201).send({ ...(await presentToken(db, token)), key });
    },
  );

  r.get(
    '/api/v3/core/tokens/:identifier/',
    { onRequest, schema: { tags: ['core'], params: identifierParams, response: { 200: tokenSchema } } },
    async (request) => presentToken(db, await getToken(db, request.params.identifier)),
  );

  for (const method of ['PUT', 'PATCH'] as const) {
    r.route({
      method,
      url: '/api/v3/core/tokens/:identifier/',
      onRequest,
      schema: {
        tags: ['core'],
        params: identifierParams,
        body: method === 'PUT' ? tokenRequest : patchedTokenRequest,
        response: { 200: tokenSchema },
      },
      handler: async (request) => {
        const token = await updateToken(db, request.params.identifier, request.body, actorOf(request));
        return presentToken(db, token);
      },
    });
  }

  r.delete(
    '/api/v3/core/tokens/:identifier/',
    { onRequest, schema: { tags: ['core'], params: identifierParams, response: { 204: noContent } } },
    async (request, reply) => {
      await deleteToken(db, request.params.identifier, actorOf(request));
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v3/core/tokens/:identifier/view_key/',
    {
      onRequest,
      schema: {
        tags: ['core'],
        description:
          'Conduit stores token keys hashed, so a key cannot be shown after the token is created: answers 400.',
        params: identifierParams,
        response: { 400: z.object({ non_field_errors: z.array(z.string()), code: z.string() }) },
      },
    },
    async (request) => {
      await getToken(db, request.params.identifier);
      throw new ApiError(400, {
        non_field_errors: [
          'Conduit stores only a hash of each token key, so the key cannot be shown again: it was returned once, when the token was created. Use set_key/ to set a new key, or create a new token.',
        ],
        code: 'token_key_not_retrievable',
      });
    },
  );

  r.post(
    '/api/v3/core/tokens/:identifier/set_key/',
    {
      onRequest,
      schema: {
        tags: ['core'],
        params: identifierParams,
        body: z.object({ key: requiredText(1000) }),
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await setTokenKey(db, request.params.identifier, request.body.key, actorOf(request));
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v3/core/tokens/:identifier/used_by/',
    {
      onRequest,
      schema: { tags: ['core'], params: identifierParams, response: { 200: z.array(usedBySchema) } },
    },
    async (request) => {
      await getToken(db, request.params.identifier);
      return [];
    },
  );
}
