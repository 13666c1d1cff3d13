/** `/api/v3/core/users/`: authentik's user endpoints over the directory. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { createServiceAccount } from '../directory/service-accounts.js';
import { createUser, deleteUser, getUser, listUserPaths, listUsers, updateUser } from '../directory/users.js';
import { adminRoutes } from './admin-routes.js';
import { actorOf, SESSION_COOKIE } from './auth.js';
import type { ApiContext } from './context.js';
import {
  attributesField,
  dateTimeField,
  emailField,
  listQuery,
  noContent,
  noRolesField,
  pkParam,
  queryList,
  requiredText,
  text,
  usedBySchema,
  uuidField,
} from './core-fields.js';
import { initialsAvatar, presentUser, presentUsers, userSchema, userTypeSchema } from './core-shapes.js';
import { ApiError } from './http-errors.js';
import { paginated, queryBoolean, toEnvelope } from './pagination.js';

const userFields = {
  username: requiredText(150),
  name: text(),
  is_active: z.boolean().optional(),
  /** Accepted for compatibility; Conduit records logins itself and ignores this. */
  last_login: dateTimeField.nullable().optional(),
  groups: z.array(uuidField).max(1000).optional(),
  roles: noRolesField.optional(),
  email: emailField.optional(),
  attributes: attributesField.optional(),
  path: requiredText(1000).optional(),
  type: userTypeSchema.optional(),
};

/**
 * A saved user, with `warnings` when the save deserves a second look (a username resembling another
 * user's). Not in authentik's schema; its clients ignore the extra field.
 */
const savedUserSchema = userSchema.extend({ warnings: z.array(z.string()).optional() });

/** The session cookie of the request when it belongs to user `pk`: kept when that user's sessions end. */
function ownSessionId(request: FastifyRequest, pk: number): string | undefined {
  return request.admin?.pk === pk ? request.cookies?.[SESSION_COOKIE] : undefined;
}

const userRequest = z.object(userFields);
const patchedUserRequest = z.object(userFields).partial();

/** `{warnings}` when there are any, nothing otherwise: a plain save answers in authentik's exact shape. */
function withWarnings(warnings: string[]): { warnings?: string[] } {
  return warnings.length > 0 ? { warnings } : {};
}

const listQuerySchema = z.object({
  ...listQuery,
  username: text(150).optional(),
  email: text(254).optional(),
  name: text().optional(),
  uuid: uuidField.optional(),
  path: text(1000).optional(),
  path_startswith: text(1000).optional(),
  is_active: queryBoolean.optional(),
  is_superuser: queryBoolean.optional(),
  type: queryList(userTypeSchema).optional(),
  groups_by_pk: queryList(uuidField).optional(),
  groups_by_name: queryList(text(1000)).optional(),
  include_groups: queryBoolean.default(true),
  include_roles: queryBoolean.optional(),
});

const idParams = z.object({ id: pkParam });

const serviceAccountRequest = z.object({
  name: requiredText(150),
  create_group: z.boolean().default(false),
  expiring: z.boolean().default(true),
  expires: dateTimeField.optional(),
});

const serviceAccountResponse = z.object({
  username: z.string(),
  token: z.string(),
  user_uid: z.string(),
  user_pk: z.number(),
  group_pk: z.string().optional(),
});

const userSelfSchema = z.object({
  pk: z.number(),
  username: z.string(),
  name: z.string(),
  is_active: z.boolean(),
  is_superuser: z.boolean(),
  is_current: z.boolean(),
  groups: z.array(z.object({ name: z.string(), pk: z.string() })),
  roles: z.array(z.object({ name: z.string(), pk: z.string() })),
  email: z.string(),
  avatar: z.string(),
  uid: z.string(),
  settings: z.record(z.string(), z.unknown()),
  type: userTypeSchema,
  system_permissions: z.array(z.string()),
});

export async function coreUserRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const { r, db, onRequest, notify } = adminRoutes(app, ctx);

  r.get(
    '/api/v3/core/users/',
    {
      onRequest,
      schema: { tags: ['core'], querystring: listQuerySchema, response: { 200: paginated(userSchema) } },
    },
    async (request) => {
      const q = request.query;
      const page = await listUsers(db, { ...q, group_uuids: q.groups_by_pk, group_names: q.groups_by_name });
      const users = await presentUsers(db, page.results, { includeGroups: q.include_groups });
      return toEnvelope({ ...page, results: users }, (u) => u);
    },
  );

  r.post(
    '/api/v3/core/users/',
    { onRequest, schema: { tags: ['core'], body: userRequest, response: { 201: savedUserSchema } } },
    async (request, reply) => {
      const { last_login: _ignored, roles: _none, ...input } = request.body;
      const user = await createUser(db, input, actorOf(request));
      notify();
      return reply.status(201).send({ ...(await presentUser(db, user)), ...withWarnings(user.warnings) });
    },
  );

  r.get(
    '/api/v3/core/users/me/',
    {
      onRequest,
      schema: {
        tags: ['core'],
        response: { 200: z.object({ user: userSelfSchema, users: z.array(userSelfSchema) }) },
      },
    },
    async (request) => {
      const admin = request.admin;
      if (!admin) throw ApiError.forbidden();
      const presented = await presentUser(db, admin);
      const self = {
        pk: presented.pk,
        username: presented.username,
        name: presented.name,
        is_active: presented.is_active,
        is_superuser: presented.is_superuser,
        is_current: true,
        groups: (presented.groups_obj ?? []).map((g) => ({ name: g.name, pk: g.pk })),
        roles: [],
        email: presented.email,
        avatar: initialsAvatar(admin),
        uid: presented.uid,
        settings: {},
        type: presented.type,
        system_permissions: [],
      };
      return { user: self, users: [self] };
    },
  );

  r.get(
    '/api/v3/core/users/paths/',
    {
      onRequest,
      schema: {
        tags: ['core'],
        querystring: z.object({ search: text(500).optional() }),
        response: { 200: z.object({ paths: z.array(z.string()) }) },
      },
    },
    async (request) => ({ paths: await listUserPaths(db, request.query.search) }),
  );

  r.post(
    '/api/v3/core/users/service_account/',
    {
      onRequest,
      schema: { tags: ['core'], body: serviceAccountRequest, response: { 200: serviceAccountResponse } },
    },
    async (request) => {
      const account = await createServiceAccount(db, request.body, actorOf(request));
      notify();
      return account;
    },
  );

  r.get(
    '/api/v3/core/users/:id/',
    { onRequest, schema: { tags: ['core'], params: idParams, response: { 200: userSchema } } },
    async (request) => presentUser(db, await getUser(db, request.params.id)),
  );

  for (const method of ['PUT', 'PATCH'] as const) {
    r.route({
      method,
      url: '/api/v3/core/users/:id/',
      onRequest,
      schema: {
        tags: ['core'],
        params: idParams,
        body: method === 'PUT' ? userRequest : patchedUserRequest,
        response: { 200: savedUserSchema },
      },
      handler: async (request) => {
        const { last_login: _ignored, roles: _none, ...patch } = request.body;
        const user = await updateUser(db, request.params.id, patch, actorOf(request), {
          keepSessionId: ownSessionId(request, request.params.id),
        });
        notify();
        return { ...(await presentUser(db, user)), ...withWarnings(user.warnings) };
      },
    });
  }

  r.delete(
    '/api/v3/core/users/:id/',
    { onRequest, schema: { tags: ['core'], params: idParams, response: { 204: noContent } } },
    async (request, reply) => {
      // Deleting yourself would also delete the token or session making this request: refuse, so an
      // administrator cannot lock themselves out by accident.
      if (request.admin?.pk === request.params.id) {
        throw ApiError.validation({ non_field_errors: ['You cannot delete your own account.'] });
      }
      await deleteUser(db, request.params.id, actorOf(request));
      notify();
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/v3/core/users/:id/set_password/',
    {
      onRequest,
      schema: {
        tags: ['core'],
        params: idParams,
        body: z.object({ password: requiredText(4096) }),
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await updateUser(db, request.params.id, { password: request.body.password }, actorOf(request), {
        keepSessionId: ownSessionId(request, request.params.id),
      });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v3/core/users/:id/used_by/',
    { onRequest, schema: { tags: ['core'], params: idParams, response: { 200: z.array(usedBySchema) } } },
    async (request) => {
      await getUser(db, request.params.id);
      const tokens = await db
        .selectFrom('api_tokens')
        .select(['id', 'identifier'])
        .where('user_id', '=', request.params.id)
        .orderBy('identifier')
        .execute();
      return tokens.map((t) => ({
        app: 'authentik_core',
        model_name: 'token',
        pk: t.id,
        name: t.identifier,
        action: 'cascade' as const,
      }));
    },
  );
}
