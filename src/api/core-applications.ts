/** `/api/v3/core/applications/`: authentik's application endpoints, keyed by slug, with providers embedded as `Provider`. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  createApplication,
  deleteApplication,
  getApplication,
  listApplications,
  SLUG_PATTERN,
  updateApplication,
} from '../directory/applications.js';
import { providerSummaries } from '../directory/providers.js';
import type { Application } from '../directory/types.js';
import type { Database } from '../store/schema.js';
import { adminRoutes } from './admin-routes.js';
import { actorOf } from './auth.js';
import type { ApiContext } from './context.js';
import { int32, listQuery, noContent, requiredText, text, usedBySchema } from './core-fields.js';
import { providerSchema, toProvider } from './core-shapes.js';
import { paginated, toEnvelope } from './pagination.js';

const SLUG_MESSAGE = 'Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.';
/** An absolute URL, blank, or a template such as `https://{{ user.username }}.example.com` (authentik formats it). */
const launchUrl = text(2000).refine(
  (v) => v === '' || /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(v),
  'Enter a valid URL.',
);

const applicationFields = {
  name: requiredText(1000),
  slug: requiredText(50).refine((v) => SLUG_PATTERN.test(v), SLUG_MESSAGE),
  provider: int32.nullable().optional(),
  backchannel_providers: z.array(int32).max(1000).optional(),
  open_in_new_tab: z.boolean().optional(),
  meta_launch_url: launchUrl.optional(),
  meta_icon: text(2000).optional(),
  meta_description: text().optional(),
  meta_publisher: text(1000).optional(),
  policy_engine_mode: z.enum(['all', 'any']).optional(),
  group: text(1000).optional(),
  /** Accepted for compatibility; Conduit has no end-user application list to hide from. */
  meta_hide: z.boolean().optional(),
};
const applicationRequest = z.object(applicationFields);
const patchedApplicationRequest = z.object(applicationFields).partial();

export const applicationSchema = z.object({
  pk: z.string(),
  pbm_uuid: z.string(),
  name: z.string(),
  slug: z.string(),
  provider: z.number().nullable(),
  provider_obj: providerSchema.nullable(),
  backchannel_providers: z.array(z.number()),
  backchannel_providers_obj: z.array(providerSchema),
  launch_url: z.string().nullable(),
  open_in_new_tab: z.boolean(),
  meta_launch_url: z.string(),
  meta_icon: z.string(),
  meta_icon_url: z.string().nullable(),
  meta_icon_themed_urls: z.object({ light: z.string().nullable(), dark: z.string().nullable() }).nullable(),
  meta_description: z.string(),
  meta_publisher: z.string(),
  policy_engine_mode: z.enum(['all', 'any']),
  group: z.string(),
  meta_hide: z.boolean(),
});

const listQuerySchema = z.object({
  ...listQuery,
  name: text(1000).optional(),
  slug: text(50).optional(),
  group: text(1000).optional(),
  meta_description: text().optional(),
  meta_launch_url: text(2000).optional(),
  meta_publisher: text(1000).optional(),
});

const slugParams = z.object({ slug: text(50) });

async function presentApplications(
  db: Kysely<Database>,
  apps: Application[],
): Promise<Array<z.infer<typeof applicationSchema>>> {
  const ids = [
    ...new Set(
      apps.flatMap((a) => [...(a.provider !== null ? [a.provider] : []), ...a.backchannel_providers]),
    ),
  ];
  const providers = new Map((await providerSummaries(db, ids)).map((p) => [p.pk, toProvider(p)]));
  return apps.map((app) => {
    const icon = app.meta_icon ?? '';
    return {
      pk: app.uuid,
      pbm_uuid: app.uuid,
      name: app.name,
      slug: app.slug,
      provider: app.provider,
      provider_obj: app.provider !== null ? (providers.get(app.provider) ?? null) : null,
      backchannel_providers: app.backchannel_providers,
      backchannel_providers_obj: app.backchannel_providers.flatMap((id) => providers.get(id) ?? []),
      launch_url: app.meta_launch_url || null,
      open_in_new_tab: app.open_in_new_tab,
      meta_launch_url: app.meta_launch_url,
      meta_icon: icon,
      meta_icon_url: /^(https?:\/\/|data:|\/)/i.test(icon) ? icon : null,
      meta_icon_themed_urls: null,
      meta_description: app.meta_description,
      meta_publisher: app.meta_publisher,
      policy_engine_mode: app.policy_engine_mode,
      group: app.group,
      meta_hide: false,
    };
  });
}

async function presentApplication(db: Kysely<Database>, app: Application) {
  const [presented] = await presentApplications(db, [app]);
  return presented as z.infer<typeof applicationSchema>;
}

export async function coreApplicationRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const { r, db, onRequest, notify } = adminRoutes(app, ctx);

  r.get(
    '/api/v3/core/applications/',
    {
      onRequest,
      schema: {
        tags: ['core'],
        querystring: listQuerySchema,
        response: { 200: paginated(applicationSchema) },
      },
    },
    async (request) => {
      const page = await listApplications(db, request.query);
      return toEnvelope({ ...page, results: await presentApplications(db, page.results) }, (a) => a);
    },
  );

  r.post(
    '/api/v3/core/applications/',
    { onRequest, schema: { tags: ['core'], body: applicationRequest, response: { 201: applicationSchema } } },
    async (request, reply) => {
      const { meta_hide: _ignored, ...input } = request.body;
      const created = await createApplication(db, input, actorOf(request));
      notify();
      return reply.status(201).send(await presentApplication(db, created));
    },
  );

  r.get(
    '/api/v3/core/applications/:slug/',
    { onRequest, schema: { tags: ['core'], params: slugParams, response: { 200: applicationSchema } } },
    async (request) => presentApplication(db, await getApplication(db, request.params.slug)),
  );

  for (const method of ['PUT', 'PATCH'] as const) {
    r.route({
      method,
      url: '/api/v3/core/applications/:slug/',
      onRequest,
      schema: {
        tags: ['core'],
        params: slugParams,
        body: method === 'PUT' ? applicationRequest : patchedApplicationRequest,
        response: { 200: applicationSchema },
      },
      handler: async (request) => {
        const { meta_hide: _ignored, ...patch } = request.body;
        const updated = await updateApplication(db, request.params.slug, patch, actorOf(request));
        notify();
        return presentApplication(db, updated);
      },
    });
  }

  r.delete(
    '/api/v3/core/applications/:slug/',
    { onRequest, schema: { tags: ['core'], params: slugParams, response: { 204: noContent } } },
    async (request, reply) => {
      await deleteApplication(db, request.params.slug, actorOf(request));
      notify();
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v3/core/applications/:slug/used_by/',
    { onRequest, schema: { tags: ['core'], params: slugParams, response: { 200: z.array(usedBySchema) } } },
    async (request) => {
      await getApplication(db, request.params.slug);
      return [];
    },
  );
}
