/**
 * `/api/v3/providers/microsoft_entra/` as in authentik's schema (client_secret write-only): list,
 * create, read, update, delete and `used_by`, plus the defaults the provider form starts from.
 * Conduit's additions live beside it by resource: sync actions (`providers-entra.sync.ts`), run
 * history (`providers-entra.runs.ts`), held deletions (`providers-entra.held.ts`) and the links
 * (`providers-entra.links.ts`). A provider has a certificate credential (`client_certificate`,
 * write-only) as well as the secret; exactly one of them is used.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listProviderIds } from '../directory/providers.js';
import {
  createEntraProvider,
  deleteEntraProvider,
  getEntraProvider,
  updateEntraProvider,
} from '../providers/entra/provider-service.js';
import { CLOUDS, ENTRA_PROVIDER_TYPE } from '../providers/entra/settings.js';
import { DEFAULT_SYNC_SETTINGS } from '../sync/provider-records.js';
import { actorOf, requireSuperuser } from './auth.js';
import type { ApiContext } from './context.js';
import { noContent, text, usedBySchema } from './core-fields.js';
import { pageQuery, paginated, queryBoolean, toEnvelope } from './pagination.js';
import {
  ENTRA_PROVIDERS_PATH,
  loadEntraProvider,
  providerIdParams,
  requireSyncService,
} from './providers-entra.common.js';
import {
  createProviderBody,
  type ProviderUpdate,
  patchProviderBody,
  putProviderBody,
} from './providers-entra.fields.js';
import { presentProvider, providerResponse, syncSettingsResponse } from './providers-entra.shapes.js';

const listQuerySchema = z.object({
  ...pageQuery,
  name: text(255).optional(),
  exclude_users_service_account: queryBoolean.optional(),
  filter_group: z.string().optional(),
});

/** The defaults a new provider starts from, and the demo's emulator tenant when it runs one. */
const providerDefaultsResponse = z.object({
  cloud: z.enum(CLOUDS),
  login_url: z.string().nullable(),
  graph_url: z.string().nullable(),
  demo_tenant: z
    .object({ tenant_id: z.string(), client_id: z.string(), client_secret: z.string(), domain: z.string() })
    .nullable()
    .optional(),
  /** The sync settings the provider form starts a new provider with. */
  settings: syncSettingsResponse,
});

/**
 * A new provider's starting settings in the form: the defaults a field takes when an API client leaves
 * it out (authentik's), except that the form starts with service accounts excluded — the safer choice
 * for a first provider, which the administrator can untick.
 */
const NEW_PROVIDER_SETTINGS = { ...DEFAULT_SYNC_SETTINGS, exclude_users_service_account: true };

/** The provider CRUD routes and `/api/v3/conduit/provider_defaults/`. */
export async function entraProviderRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;
  const guard = { onRequest: requireSuperuser(db) };
  const base = ENTRA_PROVIDERS_PATH;
  const tags = ['providers'];

  r.get(
    `${base}/`,
    {
      ...guard,
      schema: { tags, querystring: listQuerySchema, response: { 200: paginated(providerResponse) } },
    },
    async (request) => {
      const q = request.query;
      const page = await listProviderIds(db, ctx.store.dialect, {
        type: ENTRA_PROVIDER_TYPE,
        page: q.page,
        page_size: q.page_size,
        name: q.name,
        search: q.search,
        filter_group_uuid: q.filter_group,
        flags:
          q.exclude_users_service_account === undefined
            ? {}
            : { exclude_users_service_account: q.exclude_users_service_account },
      });
      const views = await Promise.all(page.results.map((id) => getEntraProvider(db, id)));
      const results = await Promise.all(views.map((v) => presentProvider(ctx, v)));
      return toEnvelope({ ...page, results }, (x) => x);
    },
  );

  r.post(
    `${base}/`,
    { ...guard, schema: { tags, body: createProviderBody, response: { 201: providerResponse } } },
    async (request, reply) => {
      const defaults = requireSyncService(ctx).defaults;
      const view = await createEntraProvider(db, ctx.secrets, request.body, actorOf(request), defaults);
      ctx.services.notifyChange?.();
      return reply.status(201).send(await presentProvider(ctx, view));
    },
  );

  r.get(
    `${base}/:id/`,
    { ...guard, schema: { tags, params: providerIdParams, response: { 200: providerResponse } } },
    async (request) => presentProvider(ctx, await loadEntraProvider(db, request.params.id)),
  );

  const update = async (id: number, body: ProviderUpdate, actor: ReturnType<typeof actorOf>) => {
    await loadEntraProvider(db, id);
    const view = await updateEntraProvider(db, ctx.secrets, id, body, actor);
    ctx.services.notifyChange?.();
    return presentProvider(ctx, view);
  };
  for (const method of ['PUT', 'PATCH'] as const) {
    r.route({
      method,
      url: `${base}/:id/`,
      ...guard,
      schema: {
        tags,
        params: providerIdParams,
        body: method === 'PUT' ? putProviderBody : patchProviderBody,
        response: { 200: providerResponse },
      },
      handler: async (request) => update(request.params.id, request.body, actorOf(request)),
    });
  }

  r.delete(
    `${base}/:id/`,
    { ...guard, schema: { tags, params: providerIdParams, response: { 204: noContent } } },
    async (request, reply) => {
      await loadEntraProvider(db, request.params.id);
      await deleteEntraProvider(db, request.params.id, actorOf(request));
      return reply.status(204).send(null);
    },
  );

  r.get(
    `${base}/:id/used_by/`,
    { ...guard, schema: { tags, params: providerIdParams, response: { 200: z.array(usedBySchema) } } },
    async (request) => {
      const view = await loadEntraProvider(db, request.params.id);
      const apps = await db
        .selectFrom('applications')
        .select(['uuid', 'slug', 'name'])
        .where((eb) =>
          eb.or([
            eb('uuid', '=', view.provider.backchannelApplicationUuid ?? ''),
            eb('provider_id', '=', view.provider.id),
          ]),
        )
        .execute();
      return apps.map((a) => ({
        app: 'authentik_core',
        model_name: 'application',
        pk: a.uuid,
        name: a.name,
        action: 'set_null' as const,
      }));
    },
  );

  r.get(
    '/api/v3/conduit/provider_defaults/',
    { ...guard, schema: { tags: ['conduit'], response: { 200: providerDefaultsResponse } } },
    async () => ({ ...requireSyncService(ctx).defaults, settings: NEW_PROVIDER_SETTINGS }),
  );
}
