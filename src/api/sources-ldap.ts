/**
 * `/api/v3/sources/ldap/` as in authentik's schema (`bind_password` write-only), `{slug}/sync/status/`
 * and `{slug}/debug/`, plus Conduit's additions: "sync now" (`POST {slug}/sync/`), a connectivity
 * check (`POST {slug}/check/`), run history and per-object results. Registers the LDAP property
 * mapping routes and the user/group connection routes too (docs/admin/ldap-sources.md).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DirectoryNotFoundError } from '../directory/errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { ldapSourceSyncJob } from '../jobs/job-specs.js';
import { checkConnectivity } from '../sources/ldap/connectivity.js';
import { LdapConnectionError } from '../sources/ldap/ldap-client.js';
import {
  ensureManagedLdapMappings,
  LDAP_PRESETS,
  managedLdapMappingUuids,
  presetFor,
} from '../sources/ldap/managed-mappings.js';
import { nextScheduledSync } from '../sources/ldap/schedule.js';
import { sampleSourceEntries } from '../sources/ldap/source-debug.js';
import {
  createLdapSource,
  deleteLdapSource,
  getLdapSource,
  type LdapSource,
  type LdapSourcePatch,
  listLdapSources,
  readBindPassword,
  saveConnectivity,
  updateLdapSource,
} from '../sources/ldap/source-records.js';
import { certificateId, type LdapSourceSettings } from '../sources/ldap/source-settings.js';
import {
  getSourceRun,
  isLive,
  lastSuccessfulSourceRun,
  latestSourceRun,
  listSourceResults,
  listSourceRuns,
  type SourceRun,
} from '../sources/ldap/sync-runs.js';
import { actorOf, requireSuperuser } from './auth.js';
import type { ApiContext } from './context.js';
import { listQuery, noContent, text } from './core-fields.js';
import { ApiError } from './http-errors.js';
import { paginated, queryBoolean, toEnvelope } from './pagination.js';
import { ldapConnectionRoutes } from './sources-ldap.connections.js';
import { listEnvelope } from './sources-ldap.lists.js';
import { ldapMappingRoutes } from './sources-ldap.mappings.js';
import {
  connectivityResponse,
  createSourceBody,
  debugResponse,
  patchSourceBody,
  presetResponse,
  putSourceBody,
  type SourceBody,
  sourceResponse,
  sourceResultSchema,
  sourceRunSchema,
  syncNowBody,
  syncStatusResponse,
} from './sources-ldap.schemas.js';

const BASE = '/api/v3/sources/ldap';
const tags = ['sources'];
const slugParams = z.object({ slug: text(50) });

/** A source as authentik's `LDAPSource`, with Conduit's fields. */
export function serializeSource(s: LdapSource): z.infer<typeof sourceResponse> {
  const x = s.settings;
  return {
    pk: s.uuid,
    name: s.name,
    slug: s.slug,
    enabled: s.enabled,
    promoted: x.promoted,
    authentication_flow: null,
    enrollment_flow: null,
    user_property_mappings: s.userMappings,
    group_property_mappings: s.groupMappings,
    component: 'ak-source-ldap-form',
    verbose_name: 'LDAP Source',
    verbose_name_plural: 'LDAP Sources',
    meta_model_name: 'authentik_sources_ldap.ldapsource',
    policy_engine_mode: x.policy_engine_mode,
    user_matching_mode: x.user_matching_mode,
    managed: null,
    user_path_template: x.user_path_template,
    icon: x.icon,
    icon_url: '',
    icon_themed_urls: null,
    server_uri: x.server_uri,
    peer_certificate: certificateId(x.peer_certificate_pem),
    client_certificate: null,
    bind_cn: x.bind_cn,
    start_tls: x.start_tls,
    sni: x.sni,
    base_dn: x.base_dn,
    additional_user_dn: x.additional_user_dn,
    additional_group_dn: x.additional_group_dn,
    user_object_filter: x.user_object_filter,
    group_object_filter: x.group_object_filter,
    group_membership_field: x.group_membership_field,
    user_membership_attribute: x.user_membership_attribute,
    object_uniqueness_field: x.object_uniqueness_field,
    password_login_update_internal_password: x.password_login_update_internal_password,
    sync_users: x.sync_users,
    sync_users_password: x.sync_users_password,
    sync_groups: x.sync_groups,
    sync_parent_group: x.sync_parent_group,
    connectivity: s.connectivity,
    lookup_groups_from_user: x.lookup_groups_from_user,
    delete_not_found_objects: x.delete_not_found_objects,
    sync_outgoing_trigger_mode: x.sync_outgoing_trigger_mode,
    sync_group_hierarchy: x.sync_group_hierarchy,
    peer_certificate_pem: x.peer_certificate_pem,
    has_bind_password: s.hasBindPassword,
    sync_interval_minutes: x.sync_interval_minutes,
    sync_page_size: x.sync_page_size,
    deletion_limit_percent: x.deletion_limit_percent,
  };
}

/** A run as the API shows it. */
export function serializeRun(run: SourceRun): z.infer<typeof sourceRunSchema> {
  return {
    id: run.id,
    status: run.status,
    trigger: run.trigger,
    mode: run.mode,
    phase: run.phase,
    total: run.total,
    done: run.done,
    counts: run.counts,
    error: run.error,
    held_deletions: run.heldDeletions,
    started: run.started,
    finished: run.finished,
  };
}

const SETTING_KEYS = [
  'promoted',
  'policy_engine_mode',
  'user_matching_mode',
  'user_path_template',
  'icon',
  'server_uri',
  'bind_cn',
  'start_tls',
  'sni',
  'base_dn',
  'additional_user_dn',
  'additional_group_dn',
  'user_object_filter',
  'group_object_filter',
  'group_membership_field',
  'user_membership_attribute',
  'object_uniqueness_field',
  'password_login_update_internal_password',
  'sync_users',
  'sync_users_password',
  'sync_groups',
  'sync_parent_group',
  'lookup_groups_from_user',
  'delete_not_found_objects',
  'sync_outgoing_trigger_mode',
  'sync_group_hierarchy',
  'sync_interval_minutes',
  'sync_page_size',
  'deletion_limit_percent',
] as const satisfies ReadonlyArray<keyof LdapSourceSettings & keyof SourceBody>;

/**
 * The records' patch for a request body. `peer_certificate` keeps its authentik meaning as far as
 * Conduit can: null removes the CA, the current id keeps it, another id is unknown here.
 */
function toPatch(body: SourceBody, before: LdapSource | null): LdapSourcePatch {
  const settings: Partial<LdapSourceSettings> = {};
  for (const key of SETTING_KEYS) {
    if (body[key] !== undefined) (settings as Record<string, unknown>)[key] = body[key];
  }
  if (body.peer_certificate_pem !== undefined) {
    settings.peer_certificate_pem = body.peer_certificate_pem?.trim()
      ? body.peer_certificate_pem.trim()
      : null;
  } else if (body.peer_certificate === null) {
    settings.peer_certificate_pem = null;
  } else if (body.peer_certificate !== undefined) {
    const current = certificateId(before?.settings.peer_certificate_pem ?? null);
    if (body.peer_certificate !== current) {
      throw ApiError.validation({
        peer_certificate: [
          `Conduit has no certificate "${body.peer_certificate}": paste the CA certificate as PEM in peer_certificate_pem instead.`,
        ],
      });
    }
  }
  return {
    ...(body.name !== undefined && { name: body.name }),
    ...(body.slug !== undefined && { slug: body.slug }),
    ...(body.enabled !== undefined && { enabled: body.enabled }),
    ...(body.bind_password !== undefined &&
      body.bind_password !== '' && { bind_password: body.bind_password }),
    ...(body.user_property_mappings !== undefined && { user_property_mappings: body.user_property_mappings }),
    ...(body.group_property_mappings !== undefined && {
      group_property_mappings: body.group_property_mappings,
    }),
    settings,
  };
}

async function load(ctx: ApiContext, slug: string): Promise<LdapSource> {
  try {
    return await getLdapSource(ctx.store.db, slug);
  } catch (error) {
    if (error instanceof DirectoryNotFoundError) throw ApiError.notFound();
    throw error;
  }
}

/** The job queue of this process, or a 503 naming why "sync now" cannot work here. */
function requireQueue(ctx: ApiContext): JobQueue {
  const queue = ctx.services.queue;
  if (!queue)
    throw new ApiError(503, {
      detail:
        'This Conduit process runs no job queue, so it cannot start a sync: use a process started with "conduit start".',
    });
  return queue;
}

function matches(s: LdapSource, q: Record<string, unknown>): boolean {
  const view = serializeSource(s) as Record<string, unknown>;
  for (const [key, value] of Object.entries(q)) {
    if (value === undefined || ['page', 'page_size', 'ordering', 'search'].includes(key)) continue;
    if (key === 'pbm_uuid' ? s.uuid !== value : view[key] !== value) return false;
  }
  if (typeof q.search === 'string' && q.search !== '') {
    const needle = q.search.toLowerCase();
    if (
      ![s.name, s.slug, s.settings.server_uri, s.settings.base_dn].some((v) =>
        v.toLowerCase().includes(needle),
      )
    )
      return false;
  }
  return true;
}

function order(list: LdapSource[], ordering: string | undefined): LdapSource[] {
  const key = ordering?.replace(/^-/, '') ?? 'name';
  const sign = ordering?.startsWith('-') ? -1 : 1;
  const value = (s: LdapSource) => String((serializeSource(s) as Record<string, unknown>)[key] ?? s.name);
  return [...list].sort((a, b) => sign * value(a).localeCompare(value(b)));
}

const listFilters = {
  ...listQuery,
  name: text(255).optional(),
  slug: text(50).optional(),
  pbm_uuid: z.uuid().optional(),
  enabled: queryBoolean.optional(),
  server_uri: text(4096).optional(),
  base_dn: text(2048).optional(),
  bind_cn: text(2048).optional(),
  start_tls: queryBoolean.optional(),
  sni: queryBoolean.optional(),
  sync_users: queryBoolean.optional(),
  sync_groups: queryBoolean.optional(),
  delete_not_found_objects: queryBoolean.optional(),
  lookup_groups_from_user: queryBoolean.optional(),
  sync_group_hierarchy: queryBoolean.optional(),
  object_uniqueness_field: text(255).optional(),
};

export async function ldapSourceRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  await ensureManagedLdapMappings(ctx.store.db);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const guard = { onRequest: requireSuperuser(ctx.store.db) };
  const db = ctx.store.db;

  r.get(
    `${BASE}/`,
    {
      ...guard,
      schema: { tags, querystring: z.object(listFilters), response: { 200: paginated(sourceResponse) } },
    },
    async (request) => {
      const q = request.query;
      const all = order(
        (await listLdapSources(db)).filter((s) => matches(s, q)),
        q.ordering,
      );
      return listEnvelope(all, q, serializeSource);
    },
  );

  r.post(
    `${BASE}/`,
    { ...guard, schema: { tags, body: createSourceBody, response: { 201: sourceResponse } } },
    async (request, reply) => {
      const patch = toPatch(request.body, null);
      // Without mappings a source can make nobody: omitted lists get the managed defaults that
      // suit the directory (Active Directory when the uniqueness field is objectGUID/objectSid).
      const preset = presetFor(request.body.object_uniqueness_field);
      patch.user_property_mappings ??= await managedLdapMappingUuids(db, preset.userMappingKeys);
      patch.group_property_mappings ??= await managedLdapMappingUuids(db, preset.groupMappingKeys);
      const created = await createLdapSource(
        db,
        ctx.secrets,
        {
          ...patch,
          name: request.body.name,
          slug: request.body.slug,
          settings: { ...patch.settings, server_uri: request.body.server_uri, base_dn: request.body.base_dn },
        },
        actorOf(request),
      );
      return reply.status(201).send(serializeSource(created));
    },
  );

  r.get(
    `${BASE}/:slug/`,
    { ...guard, schema: { tags, params: slugParams, response: { 200: sourceResponse } } },
    async (request) => serializeSource(await load(ctx, request.params.slug)),
  );

  for (const method of ['put', 'patch'] as const) {
    r[method](
      `${BASE}/:slug/`,
      {
        ...guard,
        schema: {
          tags,
          params: slugParams,
          body: method === 'put' ? putSourceBody : patchSourceBody,
          response: { 200: sourceResponse },
        },
      },
      async (request) => {
        const before = await load(ctx, request.params.slug);
        const updated = await updateLdapSource(
          db,
          ctx.secrets,
          before.slug,
          toPatch(request.body, before),
          actorOf(request),
        );
        return serializeSource(updated);
      },
    );
  }

  r.delete(
    `${BASE}/:slug/`,
    { ...guard, schema: { tags, params: slugParams, response: { 204: noContent } } },
    async (request, reply) => {
      const source = await load(ctx, request.params.slug);
      await deleteLdapSource(db, source.slug, actorOf(request));
      return reply.status(204).send(null);
    },
  );

  r.get(
    `${BASE}/:slug/sync/status/`,
    { ...guard, schema: { tags, params: slugParams, response: { 200: syncStatusResponse } } },
    async (request) => {
      const source = await load(ctx, request.params.slug);
      const latest = await latestSourceRun(db, source.id);
      const success = await lastSuccessfulSourceRun(db, source.id);
      const next = nextScheduledSync(source, latest);
      return {
        is_running: latest !== null && isLive(latest),
        ...(success?.finished ? { last_successful_sync: success.finished } : {}),
        ...(latest ? { last_sync_status: latest.status } : {}),
        run: latest ? serializeRun(latest) : null,
        next_sync: next ? next.toISOString() : null,
      };
    },
  );

  r.post(
    `${BASE}/:slug/sync/`,
    {
      ...guard,
      schema: {
        tags: ['conduit'],
        params: slugParams,
        body: syncNowBody,
        response: { 202: z.object({ detail: z.string() }) },
      },
    },
    async (request, reply) => {
      const source = await load(ctx, request.params.slug);
      if (!source.enabled)
        throw ApiError.validation({
          enabled: [`The source "${source.name}" is disabled: enable it to sync.`],
        });
      const queue = requireQueue(ctx);
      const confirm = request.body?.confirm_deletions === true;
      await db.transaction().execute((trx) =>
        queue.addJobs(trx, [
          ldapSourceSyncJob({
            sourceId: source.id,
            trigger: 'manual',
            ...(confirm && { confirmDeletions: true }),
          }),
        ]),
      );
      queue.wake();
      return reply.status(202).send({ detail: `A sync of "${source.name}" was queued.` });
    },
  );

  r.post(
    `${BASE}/:slug/check/`,
    { ...guard, schema: { tags: ['conduit'], params: slugParams, response: { 200: connectivityResponse } } },
    async (request) => {
      const source = await load(ctx, request.params.slug);
      const report = await checkConnectivity(
        source.settings,
        await readBindPassword(db, ctx.secrets, source),
      );
      await saveConnectivity(db, source.id, report.connectivity);
      return report;
    },
  );

  r.get(
    `${BASE}/:slug/debug/`,
    { ...guard, schema: { tags, params: slugParams, response: { 200: debugResponse } } },
    async (request) => {
      const source = await load(ctx, request.params.slug);
      try {
        return await sampleSourceEntries(source.settings, await readBindPassword(db, ctx.secrets, source));
      } catch (error) {
        if (error instanceof LdapConnectionError)
          throw new ApiError(400, { non_field_errors: [error.message], stage: error.stage });
        throw error;
      }
    },
  );

  r.get(
    `${BASE}/:slug/runs/`,
    {
      ...guard,
      schema: { tags: ['conduit'], params: slugParams, response: { 200: z.array(sourceRunSchema) } },
    },
    async (request) => {
      const source = await load(ctx, request.params.slug);
      return (await listSourceRuns(db, source.id)).map(serializeRun);
    },
  );

  r.get(
    `${BASE}/:slug/runs/:run/results/`,
    {
      ...guard,
      schema: {
        tags: ['conduit'],
        params: slugParams.extend({ run: z.uuid() }),
        querystring: z.object({
          ...listQuery,
          status: z.enum(['ok', 'error', 'skipped', 'held']).optional(),
        }),
        response: { 200: paginated(sourceResultSchema) },
      },
    },
    async (request) => {
      const source = await load(ctx, request.params.slug);
      const run = await getSourceRun(db, request.params.run);
      if (!run || run.sourceId !== source.id) throw ApiError.notFound();
      const q = request.query;
      const { count, results } = await listSourceResults(db, run.id, {
        ...(q.status ? { status: q.status } : {}),
        limit: q.page_size,
        offset: (q.page - 1) * q.page_size,
      });
      return toEnvelope({ results, count, page: q.page, page_size: q.page_size }, (x) => ({
        id: x.id,
        object_type: x.objectType,
        dn: x.dn,
        local_id: x.localId,
        operation: x.operation,
        status: x.status,
        message: x.message,
        created: x.created,
      }));
    },
  );

  r.get(
    '/api/v3/conduit/sources/ldap/presets/',
    { ...guard, schema: { tags: ['conduit'], response: { 200: z.record(z.string(), presetResponse) } } },
    async () => {
      const out: Record<string, z.infer<typeof presetResponse>> = {};
      for (const [key, preset] of Object.entries(LDAP_PRESETS)) {
        out[key] = {
          label: preset.label,
          settings: preset.settings,
          user_property_mappings: await managedLdapMappingUuids(db, preset.userMappingKeys),
          group_property_mappings: await managedLdapMappingUuids(db, preset.groupMappingKeys),
        };
      }
      return out;
    },
  );

  await ldapMappingRoutes(app, ctx);
  await ldapConnectionRoutes(app, ctx);
}
