/**
 * `/api/v3/propertymappings/provider/microsoft_entra/` (CRUD as in authentik's schema, keyed by
 * `pm_uuid`), `/api/v3/propertymappings/all/{pm_uuid}/test/` (authentik's test endpoint), and
 * Conduit's live preview of unsaved expressions or a provider's whole mapping set.
 * Managed mappings are Conduit's: kept up to date at start, so they are read-only here (405 on
 * PUT, PATCH and DELETE, naming the way out: duplicate it). An edit would be undone at the next
 * start without a word, which is worse than refusing it.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { v4 as uuidv4 } from 'uuid';
import { z } from 'zod';
import { recordEvent } from '../directory/changes.js';
import {
  MAX_EXPRESSION_CHARS,
  type MappingContext,
  type MappingDefinition,
  type MappingObjectKind,
  type MappingOutcome,
  PropertyMappingError,
  previewMappings,
} from '../mappings/index.js';
import { isUniqueViolation, nowIso } from '../store/dialect.js';
import { linkFor } from '../sync/link-records.js';
import { listMappingPage } from '../sync/mapping-list.js';
import { listStoredMappings } from '../sync/mapping-records.js';
import { clearConfigurationError, findProvider, providerMappings } from '../sync/provider-records.js';
import { loadMappingGroups, loadMappingUsers } from '../sync/scope.js';
import { actorOf, requireSuperuser } from './auth.js';
import type { ApiContext } from './context.js';
import { int32, jsonObject, noContent, requiredText, text, usedBySchema } from './core-fields.js';
import { ApiError } from './http-errors.js';
import { pageQuery, paginated, toEnvelope } from './pagination.js';

const COMPONENT = 'ak-property-mapping-provider-microsoft-entra-form';
const META = 'authentik_providers_microsoft_entra.microsoftentraprovidermapping';

/** A property mapping as authentik answers it (provider and source mappings alike). */
export const mappingResponse = z.object({
  pk: z.string(),
  managed: z.string().nullable(),
  name: z.string(),
  expression: z.string(),
  component: z.string(),
  verbose_name: z.string(),
  verbose_name_plural: z.string(),
  meta_model_name: z.string(),
});

const mappingBody = z.object({
  name: requiredText(255),
  expression: requiredText(MAX_EXPRESSION_CHARS),
  managed: requiredText(255).nullable().optional(),
});

type Row = { uuid?: string; pk?: string; name: string; expression: string; managed: string | null };
const serialize = (m: Row) => ({
  pk: (m.uuid ?? m.pk) as string,
  managed: m.managed,
  name: m.name,
  expression: m.expression,
  component: COMPONENT,
  verbose_name: 'Microsoft Entra Provider Mapping',
  verbose_name_plural: 'Microsoft Entra Provider Mappings',
  meta_model_name: META,
});

/** A line a mapping logged while it ran. */
const logLineSchema = z.object({
  mapping: z.string(),
  level: z.enum(['debug', 'info', 'warning', 'error']),
  message: z.string(),
});

/** The preview's answer: which mappings ran on which kind of object, and their merged outcome. */
const previewResponse = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), body: jsonObject, logs: z.array(logLineSchema) }),
  z.object({ status: z.literal('skip'), skipped_by: z.string(), logs: z.array(logLineSchema) }),
  z.object({
    status: z.literal('error'),
    error: z.object({
      message: z.string(),
      code: z.string(),
      /** The mapping that failed, when one did (not the engine). */
      mapping: z.string().optional(),
      line: z.number().optional(),
      column: z.number().optional(),
    }),
    logs: z.array(logLineSchema),
  }),
]);

const previewAnswer = z.intersection(
  z.object({ kind: z.enum(['user', 'group']), mappings: z.array(z.string()) }),
  previewResponse,
);

/** An outcome as JSON for the preview: the merged body, a skip, or the error with its line. */
export function outcomeJson(outcome: MappingOutcome) {
  if (outcome.status === 'ok') return { status: 'ok' as const, body: outcome.body, logs: outcome.logs };
  if (outcome.status === 'skip')
    return { status: 'skip' as const, skipped_by: outcome.mapping, logs: outcome.logs };
  const e = outcome.error;
  return {
    status: 'error' as const,
    error: {
      message: e.message,
      code: (e as { code?: string }).code ?? 'error',
      mapping: 'mappingName' in e ? (e as { mappingName?: string }).mappingName : undefined,
      line: e instanceof PropertyMappingError ? e.line : undefined,
      column: e instanceof PropertyMappingError ? e.column : undefined,
    },
    logs: outcome.logs,
  };
}

async function contextFor(
  ctx: ApiContext,
  input: {
    user?: number | null;
    group?: string | null;
    provider?: number | null;
    context?: Record<string, unknown>;
  },
): Promise<{ kind: MappingObjectKind; context: MappingContext }> {
  const db = ctx.store.db;
  const provider = input.provider ? await findProvider(db, input.provider) : null;
  if (input.provider && !provider)
    throw ApiError.validation({ provider: [`Invalid pk "${input.provider}" - object does not exist.`] });
  const mappingProvider = provider
    ? {
        pk: provider.id,
        name: provider.name,
        tenant_id: String(provider.settings.tenant_id ?? ''),
        client_id: String(provider.settings.client_id ?? ''),
      }
    : { pk: 0, name: 'preview', tenant_id: '', client_id: '' };
  if (input.user !== undefined && input.user !== null) {
    const user = (await loadMappingUsers(db, [input.user])).get(input.user);
    if (!user) throw ApiError.validation({ user: [`Invalid pk "${input.user}" - object does not exist.`] });
    const link = provider ? await linkFor(db, provider.id, 'user', user.pk) : null;
    return {
      kind: 'user',
      context: {
        user,
        provider: mappingProvider,
        connection: link?.remoteId ? { remote_id: link.remoteId, attributes: link.attributes } : null,
      },
    };
  }
  if (input.group !== undefined && input.group !== null) {
    const row = await db
      .selectFrom('groups')
      .select('id')
      .where('group_uuid', '=', input.group)
      .executeTakeFirst();
    const group = row ? (await loadMappingGroups(db, [row.id])).get(row.id) : undefined;
    if (!group)
      throw ApiError.validation({ group: [`Invalid pk "${input.group}" - object does not exist.`] });
    const link = provider ? await linkFor(db, provider.id, 'group', group.num_pk) : null;
    return {
      kind: 'group',
      context: {
        group,
        provider: mappingProvider,
        connection: link?.remoteId ? { remote_id: link.remoteId, attributes: link.attributes } : null,
      },
    };
  }
  throw ApiError.validation({
    non_field_errors: ['Choose a user or a group to evaluate the mappings against.'],
  });
}

export async function propertyMappingRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;
  const guard = { onRequest: requireSuperuser(db) };
  const base = '/api/v3/propertymappings/provider/microsoft_entra';
  const pkParams = z.object({ pm_uuid: z.string().uuid() });
  const load = async (uuid: string) => {
    const [m] = await listStoredMappings(db, { uuids: [uuid] });
    if (!m) throw ApiError.notFound();
    return m;
  };
  /** A unique violation as the field errors of whichever keys clash: the name, the managed key, or both. */
  const conflict = async (
    error: unknown,
    body: { name?: string; managed?: string | null },
    uuid?: string,
  ): Promise<never> => {
    if (!isUniqueViolation(error)) throw error;
    const clash = async (column: 'name' | 'managed', value: string | null | undefined) => {
      if (value === undefined || value === null) return false;
      let q = db.selectFrom('property_mappings').select('uuid').where(column, '=', value);
      if (uuid) q = q.where('uuid', '!=', uuid);
      return (await q.executeTakeFirst()) !== undefined;
    };
    const fields: Record<string, string[]> = {};
    if (await clash('managed', body.managed))
      fields.managed = [
        `A property mapping with the managed key "${body.managed}" already exists: managed keys identify Conduit's defaults and are unique. Leave "managed" empty for your own mappings.`,
      ];
    if (await clash('name', body.name))
      fields.name = [`Property mapping with this name "${body.name}" already exists.`];
    if (Object.keys(fields).length === 0) throw error;
    throw ApiError.validation(fields);
  };
  /** Managed mappings are read-only: 405 with the way out. */
  const refuseManaged = (m: { name: string; managed: string | null }, verb: 'changed' | 'deleted') => {
    if (!m.managed) return;
    throw new ApiError(405, {
      detail: `"${m.name}" is a managed mapping: Conduit keeps it up to date, so it cannot be ${verb}. Duplicate it and ${
        verb === 'changed' ? 'edit the copy' : 'remove it from the provider instead'
      }.`,
      managed: m.managed,
    });
  };

  r.get(
    `${base}/`,
    {
      ...guard,
      schema: {
        tags: ['propertymappings'],
        querystring: z.object({
          ...pageQuery,
          managed: z.union([z.string(), z.array(z.string())]).optional(),
          managed__isnull: z.enum(['true', 'false']).optional(),
          name: text(255).optional(),
        }),
        response: { 200: paginated(mappingResponse) },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await listMappingPage(db, ctx.store.dialect, {
        type: 'microsoft_entra',
        page: q.page,
        page_size: q.page_size,
        managed: q.managed === undefined ? undefined : Array.isArray(q.managed) ? q.managed : [q.managed],
        managed_isnull: q.managed__isnull === undefined ? undefined : q.managed__isnull === 'true',
        name: q.name,
        search: q.search,
        ordering: q.ordering,
      });
      return toEnvelope(page, serialize);
    },
  );

  r.post(
    `${base}/`,
    {
      ...guard,
      schema: { tags: ['propertymappings'], body: mappingBody, response: { 201: mappingResponse } },
    },
    async (request, reply) => {
      const now = nowIso();
      const uuid = uuidv4();
      try {
        await db
          .insertInto('property_mappings')
          .values({
            uuid,
            name: request.body.name,
            type: 'microsoft_entra',
            expression: request.body.expression,
            managed: request.body.managed ?? null,
            created_at: now,
            updated_at: now,
          })
          .execute();
      } catch (error) {
        await conflict(error, request.body);
      }
      await recordEvent(db, {
        action: 'model_created',
        actor: actorOf(request),
        context: {
          model: {
            app: 'conduit_providers_microsoft_entra',
            model_name: 'microsoftentraprovidermapping',
            pk: uuid,
            name: request.body.name,
          },
        },
      });
      return reply.status(201).send(serialize(await load(uuid)));
    },
  );

  r.get(
    `${base}/:pm_uuid/`,
    {
      ...guard,
      schema: { tags: ['propertymappings'], params: pkParams, response: { 200: mappingResponse } },
    },
    async (request) => serialize(await load(request.params.pm_uuid)),
  );

  const update = async (
    uuid: string,
    body: Partial<z.infer<typeof mappingBody>>,
    actor: ReturnType<typeof actorOf>,
  ) => {
    const existing = await load(uuid);
    refuseManaged(existing, 'changed');
    try {
      await db
        .updateTable('property_mappings')
        .set({
          ...(body.name !== undefined && { name: body.name }),
          ...(body.expression !== undefined && { expression: body.expression }),
          ...(body.managed !== undefined && { managed: body.managed }),
          updated_at: nowIso(),
        })
        .where('uuid', '=', uuid)
        .execute();
    } catch (error) {
      await conflict(error, body, uuid);
    }
    // A mapping that failed every object stopped its providers; the edited one is tried again.
    const users = await db
      .selectFrom('provider_mappings')
      .select('provider_id')
      .where('mapping_uuid', '=', uuid)
      .execute();
    for (const { provider_id } of users) await clearConfigurationError(db, provider_id);
    await recordEvent(db, {
      action: 'model_updated',
      actor,
      context: {
        model: {
          app: 'conduit_providers_microsoft_entra',
          model_name: 'microsoftentraprovidermapping',
          pk: uuid,
          name: body.name ?? existing.name,
        },
      },
    });
    return serialize(await load(uuid));
  };
  r.put(
    `${base}/:pm_uuid/`,
    {
      ...guard,
      schema: {
        tags: ['propertymappings'],
        params: pkParams,
        body: mappingBody,
        response: { 200: mappingResponse },
      },
    },
    async (request) => update(request.params.pm_uuid, request.body, actorOf(request)),
  );
  r.patch(
    `${base}/:pm_uuid/`,
    {
      ...guard,
      schema: {
        tags: ['propertymappings'],
        params: pkParams,
        body: mappingBody.partial(),
        response: { 200: mappingResponse },
      },
    },
    async (request) => update(request.params.pm_uuid, request.body, actorOf(request)),
  );

  r.delete(
    `${base}/:pm_uuid/`,
    { ...guard, schema: { tags: ['propertymappings'], params: pkParams, response: { 204: noContent } } },
    async (request, reply) => {
      const m = await load(request.params.pm_uuid);
      refuseManaged(m, 'deleted');
      await db.deleteFrom('property_mappings').where('uuid', '=', m.pk).execute();
      await recordEvent(db, {
        action: 'model_deleted',
        actor: actorOf(request),
        context: {
          model: {
            app: 'conduit_providers_microsoft_entra',
            model_name: 'microsoftentraprovidermapping',
            pk: m.pk,
            name: m.name,
          },
        },
      });
      return reply.status(204).send(null);
    },
  );

  r.get(
    `${base}/:pm_uuid/used_by/`,
    {
      ...guard,
      schema: { tags: ['propertymappings'], params: pkParams, response: { 200: z.array(usedBySchema) } },
    },
    async (request) => {
      await load(request.params.pm_uuid);
      const rows = await db
        .selectFrom('provider_mappings')
        .innerJoin('providers', 'providers.id', 'provider_mappings.provider_id')
        .select(['providers.id', 'providers.name'])
        .where('provider_mappings.mapping_uuid', '=', request.params.pm_uuid)
        .execute();
      return rows.map((p) => ({
        app: 'authentik_providers_microsoft_entra',
        model_name: 'microsoftentraprovider',
        pk: String(p.id),
        name: p.name,
        action: 'set_null' as const,
      }));
    },
  );

  const testBody = z.object({
    user: int32.nullable().optional(),
    group: z.string().uuid().nullable().optional(),
    context: z.record(z.string(), z.unknown()).optional(),
  });
  r.post(
    '/api/v3/propertymappings/all/:pm_uuid/test/',
    {
      ...guard,
      schema: {
        tags: ['propertymappings'],
        params: pkParams,
        body: testBody,
        querystring: z.object({ format_result: z.string().optional() }),
        response: { 200: z.object({ result: z.string(), successful: z.boolean() }) },
      },
    },
    async (request) => {
      const m = await load(request.params.pm_uuid);
      const { kind, context } = await contextFor(ctx, request.body);
      const outcome = await previewMappings(
        [{ id: m.pk, name: m.name, expression: m.expression }],
        kind,
        context,
      );
      const json = outcomeJson(outcome);
      const result =
        json.status === 'ok'
          ? json.body
          : json.status === 'skip'
            ? { skipped: true, skipped_by: json.skipped_by }
            : json.error.message;
      return {
        result:
          typeof result === 'string'
            ? result
            : JSON.stringify(result, null, request.query.format_result ? 4 : undefined),
        successful: json.status !== 'error',
      };
    },
  );

  r.post(
    '/api/v3/propertymappings/provider/microsoft_entra/preview/',
    {
      ...guard,
      schema: {
        tags: ['propertymappings'],
        body: z
          .object({
            expression: text(MAX_EXPRESSION_CHARS).optional(),
            name: text(255).optional(),
            mappings: z.array(z.string().uuid()).optional(),
            provider: int32.optional(),
            user: int32.nullable().optional(),
            group: z.string().uuid().nullable().optional(),
          })
          .refine((b) => b.expression !== undefined || b.mappings !== undefined || b.provider !== undefined, {
            message: 'Give an expression, a list of mappings, or a provider whose mapping set to evaluate.',
            path: ['expression'],
          }),
        response: { 200: previewAnswer },
      },
    },
    async (request) => {
      const body = request.body;
      const { kind, context } = await contextFor(ctx, body);
      let definitions: MappingDefinition[] = [];
      if (body.mappings)
        definitions = (await listStoredMappings(db, { uuids: body.mappings })).map((m) => ({
          id: m.pk,
          name: m.name,
          expression: m.expression,
        }));
      else if (body.provider !== undefined && body.expression === undefined)
        definitions = await providerMappings(db, body.provider, kind);
      if (body.expression !== undefined)
        definitions.push({
          id: 'unsaved',
          name: body.name ?? 'Unsaved mapping',
          expression: body.expression,
        });
      return {
        kind,
        mappings: definitions.map((d) => d.name),
        ...outcomeJson(await previewMappings(definitions, kind, context)),
      };
    },
  );
}
