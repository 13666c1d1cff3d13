/**
 * `/api/v3/providers/microsoft_entra_users/` and `…_groups/`: the links between local objects
 * and Entra objects. Creating one links manually (and reads the remote object to fill
 * `attributes`); deleting one only forgets the link — nothing is sent to Graph.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { toUser } from '../directory/users.js';
import { readBool, readJson, readNullableTime } from '../store/dialect.js';
import { deleteLink, linkFor, localIdLinkedTo, upsertLink } from '../sync/link-records.js';
import { findProvider, readProviderSecrets } from '../sync/provider-records.js';
import type { LinkState, ObjectType } from '../sync/types.js';
import { TargetError } from '../sync/types.js';
import { requireSuperuser } from './auth.js';
import type { ApiContext } from './context.js';
import { int32, jsonObject, noContent, pkParam, requiredText, text, usedBySchema } from './core-fields.js';
import { partialGroupSchema, partialUserSchema, toPartialUser } from './core-shapes.js';
import { ApiError } from './http-errors.js';
import { pageQuery, paginated, toEnvelope } from './pagination.js';

/** Fields of both link kinds: authentik's `id`, `microsoft_id`, `provider`, `attributes`, and Conduit's state. */
const linkFields = {
  id: z.string(),
  microsoft_id: z.string(),
  provider: z.number(),
  /** The Entra object's properties as last read or written. */
  attributes: jsonObject,
  state: z.enum(['synced', 'pending', 'error', 'skipped']),
  last_error: z.string().nullable(),
  last_request_id: z.string().nullable(),
  last_synced_at: z.string().nullable(),
};

/** authentik's `MicrosoftEntraProviderUser`. */
const userLinkResponse = z.object({
  ...linkFields,
  user: z.number(),
  user_obj: partialUserSchema.nullable(),
});

/** authentik's `MicrosoftEntraProviderGroup`. */
const groupLinkResponse = z.object({
  ...linkFields,
  group: z.string(),
  group_obj: partialGroupSchema.nullable(),
});

export async function entraLinkRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;
  const guard = { onRequest: requireSuperuser(db) };

  for (const type of ['user', 'group'] as const) {
    const base = `/api/v3/providers/microsoft_entra_${type}s`;

    const serialize = async (row: {
      id: string;
      provider_id: number;
      local_id: number;
      remote_id: string | null;
      attributes: unknown;
      state: string;
      last_error: string | null;
      last_request_id: string | null;
      last_synced_at: unknown;
    }) => {
      const common = {
        id: row.id,
        microsoft_id: row.remote_id ?? '',
        provider: row.provider_id,
        attributes: readJson<Record<string, unknown>>(row.attributes, {}),
        state: row.state as LinkState,
        last_error: row.last_error,
        last_request_id: row.last_request_id,
        last_synced_at: readNullableTime(row.last_synced_at),
      };
      if (type === 'user') {
        const u = await db.selectFrom('users').selectAll().where('id', '=', row.local_id).executeTakeFirst();
        return {
          ...common,
          user: row.local_id,
          user_obj: u ? toPartialUser(toUser(u)) : null,
        };
      }
      const g = await db.selectFrom('groups').selectAll().where('id', '=', row.local_id).executeTakeFirst();
      return {
        ...common,
        group: g?.group_uuid ?? '',
        group_obj: g
          ? {
              pk: g.group_uuid,
              num_pk: g.id,
              name: g.name,
              is_superuser: readBool(g.is_superuser),
              attributes: readJson(g.attributes, {}),
            }
          : null,
      };
    };

    const listQuery = z.object({
      ...pageQuery,
      provider__id: pkParam.optional(),
      ...(type === 'user'
        ? { user__id: pkParam.optional(), user__username: text(255).optional() }
        : { group__name: text(255).optional(), group__group_uuid: z.string().optional() }),
      state: z.enum(['synced', 'pending', 'error', 'skipped']).optional(),
    });

    const linkResponse = type === 'user' ? userLinkResponse : groupLinkResponse;
    const idParams = z.object({ id: z.string() });

    r.get(
      `${base}/`,
      {
        ...guard,
        schema: { tags: ['providers'], querystring: listQuery, response: { 200: paginated(linkResponse) } },
      },
      async (request) => {
        const q = request.query as Record<string, unknown> & { page: number; page_size: number };
        let query = db.selectFrom('sync_links').where('object_type', '=', type);
        if (q.provider__id !== undefined) query = query.where('provider_id', '=', q.provider__id as number);
        if (q.state !== undefined) query = query.where('state', '=', q.state as string);
        if (q.user__id !== undefined) query = query.where('local_id', '=', q.user__id as number);
        // Filters on the local object's fields: a subquery of its ids each.
        const text = (v: unknown) => v as string;
        const localIds = [
          q.user__username !== undefined &&
            db.selectFrom('users').select('id').where('username', '=', text(q.user__username)),
          q.group__name !== undefined &&
            db.selectFrom('groups').select('id').where('name', '=', text(q.group__name)),
          q.group__group_uuid !== undefined &&
            db.selectFrom('groups').select('id').where('group_uuid', '=', text(q.group__group_uuid)),
        ];
        for (const ids of localIds) if (ids) query = query.where('local_id', 'in', ids);
        const [rows, total] = await Promise.all([
          query
            .selectAll()
            .orderBy('local_id')
            .limit(q.page_size)
            .offset((q.page - 1) * q.page_size)
            .execute(),
          query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
        ]);
        const results = await Promise.all(rows.map(serialize));
        return toEnvelope(
          { results, count: Number(total.n), page: q.page, page_size: q.page_size },
          (x) => x,
        );
      },
    );

    r.get(
      `${base}/:id/`,
      { ...guard, schema: { tags: ['providers'], params: idParams, response: { 200: linkResponse } } },
      async (request) => {
        const row = await db
          .selectFrom('sync_links')
          .selectAll()
          .where('id', '=', request.params.id)
          .where('object_type', '=', type)
          .executeTakeFirst();
        if (!row) throw ApiError.notFound();
        return serialize(row);
      },
    );

    r.get(
      `${base}/:id/used_by/`,
      {
        ...guard,
        schema: { tags: ['providers'], params: idParams, response: { 200: z.array(usedBySchema) } },
      },
      async () => [],
    );

    r.delete(
      `${base}/:id/`,
      { ...guard, schema: { tags: ['providers'], params: idParams, response: { 204: noContent } } },
      async (request, reply) => {
        const row = await db
          .selectFrom('sync_links')
          .select(['provider_id', 'local_id'])
          .where('id', '=', request.params.id)
          .where('object_type', '=', type)
          .executeTakeFirst();
        if (!row) throw ApiError.notFound();
        await deleteLink(db, row.provider_id, type, row.local_id);
        return reply.status(204).send(null);
      },
    );

    const createBody =
      type === 'user'
        ? z.object({ microsoft_id: requiredText(1024), user: int32, provider: int32 })
        : z.object({ microsoft_id: requiredText(1024), group: z.string().uuid(), provider: int32 });

    r.post(
      `${base}/`,
      { ...guard, schema: { tags: ['providers'], body: createBody, response: { 201: linkResponse } } },
      async (request, reply) => {
        const body = request.body as {
          microsoft_id: string;
          provider: number;
          user?: number;
          group?: string;
        };
        const provider = await findProvider(db, body.provider);
        if (!provider)
          throw ApiError.validation({ provider: [`Invalid pk "${body.provider}" - object does not exist.`] });
        const local =
          type === 'user'
            ? await db
                .selectFrom('users')
                .select('id')
                .where('id', '=', body.user as number)
                .executeTakeFirst()
            : await db
                .selectFrom('groups')
                .select('id')
                .where('group_uuid', '=', body.group as string)
                .executeTakeFirst();
        if (!local)
          throw ApiError.validation({
            [type]: [`Invalid pk "${type === 'user' ? body.user : body.group}" - object does not exist.`],
          });
        if (await linkFor(db, provider.id, type as ObjectType, local.id)) {
          throw ApiError.validation({
            non_field_errors: [`This ${type} is already linked for this provider; delete the link first.`],
          });
        }
        const holder = await localIdLinkedTo(db, provider.id, type as ObjectType, body.microsoft_id);
        if (holder !== null) {
          // Two local objects on one Entra object: deleting either would delete the other's account.
          throw ApiError.validation({
            microsoft_id: [
              `This Entra ${type} is already linked to local ${type} #${holder} for this provider; delete that link first.`,
            ],
          });
        }
        // Read the remote object, as authentik does, so `attributes` start out right.
        const sync = ctx.services.sync;
        let attributes: Record<string, unknown> = {};
        if (sync) {
          const factory = sync.deps.targets[provider.type];
          if (factory) {
            const target = await factory(provider, await readProviderSecrets(db, ctx.secrets, provider.id), {
              dryRun: false,
              lowPriority: false,
            });
            try {
              attributes = (await target.getRemote(type, body.microsoft_id)).properties;
            } catch (error) {
              const message = error instanceof TargetError ? error.failure.message : String(error);
              throw ApiError.validation({
                microsoft_id: [`Could not read this object from Entra ID: ${message}`],
              });
            } finally {
              await target.close();
            }
          }
        }
        const link = await upsertLink(db, provider.id, type, local.id, {
          remoteId: body.microsoft_id,
          attributes,
          state: 'synced',
        });
        const row = await db
          .selectFrom('sync_links')
          .selectAll()
          .where('id', '=', link.id)
          .executeTakeFirstOrThrow();
        return reply.status(201).send(await serialize(row));
      },
    );
  }
}
