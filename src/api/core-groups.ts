/** `/api/v3/core/groups/`: authentik's group endpoints, keyed by `group_uuid`. Membership changes go through the directory, which writes the outbox. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  addUserToGroup,
  childrenOf,
  createGroup,
  deleteGroup,
  getGroup,
  groupsByUuids,
  listGroups,
  membersOfGroups,
  removeUserFromGroup,
  updateGroup,
} from '../directory/groups.js';
import type { Group, User } from '../directory/types.js';
import { toUser } from '../directory/users.js';
import type { Database } from '../store/schema.js';
import { adminRoutes } from './admin-routes.js';
import { actorOf } from './auth.js';
import type { ApiContext } from './context.js';
import {
  attributesField,
  int32,
  jsonObject,
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
import { partialGroupSchema, partialUserSchema, roleSchema, toPartialUser } from './core-shapes.js';
import { paginated, queryBoolean, toEnvelope } from './pagination.js';

const groupFields = {
  name: requiredText(1000),
  is_superuser: z.boolean().optional(),
  parents: z.array(uuidField).max(1000).optional(),
  users: z.array(int32).max(10_000).optional(),
  attributes: attributesField.optional(),
  roles: noRolesField.optional(),
};
const groupRequest = z.object(groupFields);
const patchedGroupRequest = z.object(groupFields).partial();

/** authentik's `RelatedGroup`: a parent or child in a group's answer. */
const relatedGroupSchema = partialGroupSchema.omit({ num_pk: true }).extend({ group_uuid: z.string() });

export const groupSchema = z.object({
  pk: z.string(),
  num_pk: z.number(),
  name: z.string(),
  is_superuser: z.boolean(),
  parents: z.array(z.string()),
  parents_obj: z.array(relatedGroupSchema).nullable(),
  users: z.array(z.number()),
  users_obj: z.array(partialUserSchema).nullable(),
  attributes: jsonObject,
  roles: z.array(z.string()),
  roles_obj: z.array(roleSchema),
  inherited_roles_obj: z.array(roleSchema).nullable(),
  children: z.array(z.string()),
  children_obj: z.array(relatedGroupSchema).nullable(),
});

const includeQuery = {
  include_users: queryBoolean.default(true),
  include_children: queryBoolean.default(false),
  include_parents: queryBoolean.default(false),
  include_inherited_roles: queryBoolean.default(false),
};

const listQuerySchema = z.object({
  ...listQuery,
  ...includeQuery,
  name: text(1000).optional(),
  is_superuser: queryBoolean.optional(),
  members_by_pk: queryList(pkParam).optional(),
  members_by_username: queryList(text(150)).optional(),
});

const uuidParams = z.object({ group_uuid: text(100) });

interface Include {
  include_users: boolean;
  include_children: boolean;
  include_parents: boolean;
  include_inherited_roles: boolean;
}

const toRelated = (g: Group) => ({
  pk: g.group_uuid,
  name: g.name,
  is_superuser: g.is_superuser,
  attributes: g.attributes,
  group_uuid: g.group_uuid,
});

/** Groups in authentik's `Group` shape; related objects are read once for the whole list. */
async function presentGroups(
  db: Kysely<Database>,
  groups: Group[],
  include: Include,
): Promise<Array<z.infer<typeof groupSchema>>> {
  const ids = groups.map((g) => g.num_pk);
  const [members, children] = await Promise.all([membersOfGroups(db, ids), childrenOf(db, ids)]);
  const memberPks = [...new Set([...members.values()].flat())];
  const users: User[] = [];
  // In chunks: a large group must not exceed the databases' limits on bound parameters.
  for (let i = 0; include.include_users && i < memberPks.length; i += 5000) {
    const chunk = memberPks.slice(i, i + 5000);
    users.push(...(await db.selectFrom('users').selectAll().where('id', 'in', chunk).execute()).map(toUser));
  }
  const userByPk = new Map(users.map((u) => [u.pk, u]));
  const relatedUuids = [
    ...(include.include_parents ? groups.flatMap((g) => g.parents) : []),
    ...(include.include_children ? [...children.values()].flat() : []),
  ];
  const related = new Map(
    (await groupsByUuids(db, [...new Set(relatedUuids)])).map((g) => [g.group_uuid, g]),
  );
  const relatedObjs = (uuids: string[]) =>
    uuids
      .map((u) => related.get(u))
      .filter((g): g is Group => g !== undefined)
      .map(toRelated);
  return groups.map((group) => {
    const memberList = members.get(group.num_pk) ?? [];
    const childList = children.get(group.num_pk) ?? [];
    return {
      pk: group.group_uuid,
      num_pk: group.num_pk,
      name: group.name,
      is_superuser: group.is_superuser,
      parents: group.parents,
      parents_obj: include.include_parents ? relatedObjs(group.parents) : null,
      users: memberList,
      users_obj: include.include_users
        ? memberList
            .map((pk) => userByPk.get(pk))
            .filter((u): u is User => u !== undefined)
            .map(toPartialUser)
        : null,
      attributes: group.attributes,
      roles: [],
      roles_obj: [],
      inherited_roles_obj: include.include_inherited_roles ? [] : null,
      children: childList,
      children_obj: include.include_children ? relatedObjs(childList) : null,
    };
  });
}

const DEFAULT_INCLUDE: Include = {
  include_users: true,
  include_children: false,
  include_parents: false,
  include_inherited_roles: false,
};

async function presentGroup(db: Kysely<Database>, group: Group, include: Include = DEFAULT_INCLUDE) {
  const [presented] = await presentGroups(db, [group], include);
  return presented as z.infer<typeof groupSchema>;
}

export async function coreGroupRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const { r, db, onRequest, notify } = adminRoutes(app, ctx);

  r.get(
    '/api/v3/core/groups/',
    {
      onRequest,
      schema: { tags: ['core'], querystring: listQuerySchema, response: { 200: paginated(groupSchema) } },
    },
    async (request) => {
      const q = request.query;
      const page = await listGroups(db, q);
      return toEnvelope({ ...page, results: await presentGroups(db, page.results, q) }, (g) => g);
    },
  );

  r.post(
    '/api/v3/core/groups/',
    { onRequest, schema: { tags: ['core'], body: groupRequest, response: { 201: groupSchema } } },
    async (request, reply) => {
      const { roles: _none, ...input } = request.body;
      const group = await createGroup(db, input, actorOf(request));
      notify();
      return reply.status(201).send(await presentGroup(db, group));
    },
  );

  r.get(
    '/api/v3/core/groups/:group_uuid/',
    {
      onRequest,
      schema: {
        tags: ['core'],
        params: uuidParams,
        querystring: z.object(includeQuery),
        response: { 200: groupSchema },
      },
    },
    async (request) => presentGroup(db, await getGroup(db, request.params.group_uuid), request.query),
  );

  for (const method of ['PUT', 'PATCH'] as const) {
    r.route({
      method,
      url: '/api/v3/core/groups/:group_uuid/',
      onRequest,
      schema: {
        tags: ['core'],
        params: uuidParams,
        body: method === 'PUT' ? groupRequest : patchedGroupRequest,
        response: { 200: groupSchema },
      },
      handler: async (request) => {
        const { roles: _none, ...patch } = request.body;
        const group = await updateGroup(db, request.params.group_uuid, patch, actorOf(request));
        notify();
        return presentGroup(db, group);
      },
    });
  }

  r.delete(
    '/api/v3/core/groups/:group_uuid/',
    { onRequest, schema: { tags: ['core'], params: uuidParams, response: { 204: noContent } } },
    async (request, reply) => {
      await deleteGroup(db, request.params.group_uuid, actorOf(request));
      notify();
      return reply.status(204).send(null);
    },
  );

  const membership = { add_user: addUserToGroup, remove_user: removeUserFromGroup } as const;
  for (const [action, change] of Object.entries(membership)) {
    r.post(
      `/api/v3/core/groups/:group_uuid/${action}/`,
      {
        onRequest,
        schema: {
          tags: ['core'],
          params: uuidParams,
          body: z.object({ pk: int32 }),
          response: { 204: noContent },
        },
      },
      async (request, reply) => {
        await change(db, request.params.group_uuid, request.body.pk, actorOf(request));
        notify();
        return reply.status(204).send(null);
      },
    );
  }

  r.get(
    '/api/v3/core/groups/:group_uuid/used_by/',
    { onRequest, schema: { tags: ['core'], params: uuidParams, response: { 200: z.array(usedBySchema) } } },
    async (request) => {
      const group = await getGroup(db, request.params.group_uuid);
      // Providers filtering on the group fall back to no filter when it goes (as in authentik).
      const providers = await db
        .selectFrom('providers')
        .select(['id', 'name'])
        .where('filter_group_id', '=', group.num_pk)
        .orderBy('id')
        .execute();
      return providers.map((p) => ({
        app: 'authentik_providers_microsoft_entra',
        model_name: 'microsoftentraprovider',
        pk: String(p.id),
        name: p.name,
        action: 'set_null' as const,
      }));
    },
  );
}
