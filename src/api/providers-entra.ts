/**
 * `/api/v3/providers/microsoft_entra/` as in authentik's schema (client_secret write-only), plus
 * Conduit's additions: a certificate credential (`client_certificate`, write-only; exactly one of
 * it and `client_secret` is used), run history, per-object results, a dry-run plan, "run full sync
 * now" and "test connection". Also the link endpoints `microsoft_entra_users/` and
 * `microsoft_entra_groups/`.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordEvent } from '../directory/changes.js';
import { DirectoryNotFoundError } from '../directory/errors.js';
import { fullSyncJob } from '../jobs/outbox-relay.js';
import {
  ClientCertificateError,
  MAX_CLIENT_CERTIFICATE_LENGTH,
  parseClientCertificate,
} from '../providers/entra/client-certificate.js';
import {
  createEntraProvider,
  deleteEntraProvider,
  type EntraProviderView,
  getEntraProvider,
  updateEntraProvider,
} from '../providers/entra/provider-service.js';
import { CLOUDS, ENTRA_PROVIDER_TYPE, graphBaseUrl, httpsUrl } from '../providers/entra/settings.js';
import { syncGroup, syncUser } from '../sync/direct-sync.js';
import { runFullSync } from '../sync/full-sync.js';
import { type HeldDeletion, listHeldDeletions, settleHeldDeletions } from '../sync/held-deletions.js';
import {
  clearConfigurationError,
  ProviderSecretUnreadableError,
  readConfigurationError,
} from '../sync/provider-records.js';
import {
  estimateRunProgress,
  getRun,
  latestRun,
  latestSuccessfulRun,
  listResults,
  listRuns,
  type SyncResultRecord,
  type SyncRun,
} from '../sync/run-records.js';
import { parseTimedelta } from '../sync/timedelta.js';
import { actorOf, requireSuperuser } from './auth.js';
import type { ApiContext } from './context.js';
import { int32, pkParam, requiredText, text } from './core-fields.js';
import { ApiError } from './http-errors.js';
import { pageQuery, queryBoolean, toEnvelope } from './pagination.js';
import type { SyncService } from './sync-service.js';

const deleteAction = z.enum(['do_nothing', 'delete', 'suspend']);
const timedelta = z
  .string()
  .min(1)
  .refine(
    (v) => (parseTimedelta(v) ?? 0) > 0,
    'Use the time-delta syntax, e.g. "minutes=30" or "hours=1;minutes=30" (weeks, days, hours, minutes, seconds).',
  );

const providerFields = {
  name: requiredText(255),
  property_mappings: z.array(z.string().uuid()).optional(),
  property_mappings_group: z.array(z.string().uuid()).optional(),
  client_id: requiredText(1024),
  /** Write-only. Give this or `client_certificate`; empty in an update means unchanged. */
  client_secret: text(1024).optional(),
  /** Write-only PEM: the certificate's private key and the certificate (and optionally its chain). */
  client_certificate: text(MAX_CLIENT_CERTIFICATE_LENGTH).optional(),
  tenant_id: requiredText(1024),
  exclude_users_service_account: z.boolean().optional(),
  filter_group: z.string().uuid().nullable().optional(),
  user_delete_action: deleteAction.optional(),
  group_delete_action: deleteAction.optional(),
  sync_page_size: int32.pipe(z.number().min(1)).optional(),
  sync_page_timeout: timedelta.optional(),
  discovery_enabled: z.boolean().optional(),
  dry_run: z.boolean().optional(),
  sync_interval_minutes: int32
    .min(5)
    .max(7 * 24 * 60)
    .optional(),
  out_of_scope_action: z.enum(['none', 'suspend', 'delete']).optional(),
  deletion_threshold: int32.pipe(z.number().min(0)).optional(),
  cloud: z.enum(CLOUDS).optional(),
  login_url: httpsUrl.nullable().optional(),
  graph_url: graphBaseUrl.nullable().optional(),
};

type CredentialFields = { client_secret?: unknown; client_certificate?: unknown };

/**
 * Field errors of the credential fields, reported with the others in one 400: both given, or a
 * certificate that cannot be used (the provider service checks again before storing).
 */
function checkCredential(v: CredentialFields, ctx: z.RefinementCtx, required: boolean): void {
  // A field of the wrong type already has its own error.
  const typed = (x: unknown) => x === undefined || typeof x === 'string';
  if (!typed(v.client_secret) || !typed(v.client_certificate)) return;
  const secret = typeof v.client_secret === 'string' && v.client_secret !== '';
  const pem = typeof v.client_certificate === 'string' ? v.client_certificate.trim() : '';
  if (secret && pem) {
    ctx.addIssue({
      code: 'custom',
      path: ['client_certificate'],
      message: 'Give either a client secret or a certificate, not both: the provider uses exactly one.',
    });
  } else if (pem) {
    try {
      parseClientCertificate(pem);
    } catch (error) {
      if (!(error instanceof ClientCertificateError)) throw error;
      ctx.addIssue({ code: 'custom', path: ['client_certificate'], message: error.message });
    }
  } else if (!secret && required) {
    ctx.addIssue({
      code: 'custom',
      path: ['client_secret'],
      message:
        v.client_secret === ''
          ? 'This field may not be blank.'
          : 'Enter the app registration’s client secret, or give a certificate (client_certificate) instead.',
    });
  }
}

/** Run the body-level checks even when a field failed, so one 400 lists every field's error. */
const always = {
  when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null,
};

const createBody = z.object(providerFields).superRefine((v, ctx) => {
  checkCredential(v, ctx, true);
  if (v.cloud === 'custom') {
    if (!v.login_url)
      ctx.addIssue({ code: 'custom', path: ['login_url'], message: 'Required when the cloud is "custom".' });
    if (!v.graph_url)
      ctx.addIssue({ code: 'custom', path: ['graph_url'], message: 'Required when the cloud is "custom".' });
  }
}, always);
const patchFields = z.object(providerFields).partial();
const patchBody = patchFields.superRefine((v, ctx) => checkCredential(v, ctx, false), always);
const putBody = patchFields
  .required({ name: true, client_id: true, tenant_id: true })
  .superRefine((v, ctx) => checkCredential(v, ctx, false), always);

const providerResponse = z.object({
  pk: z.number(),
  name: z.string(),
  property_mappings: z.array(z.string()),
  property_mappings_group: z.array(z.string()),
  component: z.string(),
  assigned_backchannel_application_slug: z.string().nullable(),
  assigned_backchannel_application_name: z.string().nullable(),
  verbose_name: z.string(),
  verbose_name_plural: z.string(),
  meta_model_name: z.string(),
  client_id: z.string(),
  tenant_id: z.string(),
  exclude_users_service_account: z.boolean(),
  filter_group: z.string().nullable(),
  user_delete_action: deleteAction,
  group_delete_action: deleteAction,
  sync_page_size: z.number(),
  sync_page_timeout: z.string(),
  discovery_enabled: z.boolean(),
  dry_run: z.boolean(),
  sync_interval_minutes: z.number(),
  out_of_scope_action: z.enum(['none', 'suspend', 'delete']),
  deletion_threshold: z.number(),
  cloud: z.enum(CLOUDS),
  login_url: z.string().nullable(),
  graph_url: z.string().nullable(),
  /** A client secret is the credential (it is never returned). */
  has_client_secret: z.boolean(),
  /** A certificate is the credential (its private key is never returned). */
  has_client_certificate: z.boolean(),
  /** Which credential the provider signs in with; null when none is stored. */
  credential_type: z.enum(['client_secret', 'client_certificate']).nullable(),
  /** SHA-1 thumbprint as the Entra admin center shows it under "Certificates & secrets". */
  client_certificate_thumbprint: z.string().nullable(),
  client_certificate_thumbprint_sha256: z.string().nullable(),
  client_certificate_subject: z.string().nullable(),
  /** When the certificate expires (ISO 8601): renew it before then. */
  client_certificate_expires: z.string().nullable(),
  /**
   * The configuration error (credential, permission, mapping) that stopped the provider's sync, or
   * null. While set, object changes are not sent; a save, a working connection test or a
   * successful sync clears it.
   */
  configuration_error: z.object({ message: z.string(), at: z.string() }).nullable(),
});

async function serialize(
  ctx: ApiContext,
  view: EntraProviderView,
): Promise<z.infer<typeof providerResponse>> {
  const p = view.provider;
  const s = p.settings as Record<string, unknown>;
  const app = p.backchannelApplicationUuid
    ? await ctx.store.db
        .selectFrom('applications')
        .select(['slug', 'name'])
        .where('uuid', '=', p.backchannelApplicationUuid)
        .executeTakeFirst()
    : undefined;
  return {
    pk: p.id,
    name: p.name,
    property_mappings: view.userMappings,
    property_mappings_group: view.groupMappings,
    component: 'ak-provider-microsoft-entra-form',
    assigned_backchannel_application_slug: app?.slug ?? null,
    assigned_backchannel_application_name: app?.name ?? null,
    verbose_name: 'Microsoft Entra Provider',
    verbose_name_plural: 'Microsoft Entra Providers',
    meta_model_name: 'authentik_providers_microsoft_entra.microsoftentraprovider',
    client_id: String(s.client_id ?? ''),
    tenant_id: String(s.tenant_id ?? ''),
    exclude_users_service_account: p.settings.exclude_users_service_account,
    filter_group: view.filterGroupUuid,
    user_delete_action: p.settings.user_delete_action,
    group_delete_action: p.settings.group_delete_action,
    sync_page_size: p.settings.sync_page_size,
    sync_page_timeout: p.settings.sync_page_timeout,
    discovery_enabled: p.settings.discovery_enabled,
    dry_run: p.settings.dry_run,
    sync_interval_minutes: p.settings.sync_interval_minutes,
    out_of_scope_action: p.settings.out_of_scope_action,
    deletion_threshold: p.settings.deletion_threshold,
    cloud: (s.cloud as z.infer<typeof providerResponse>['cloud']) ?? 'global',
    login_url: (s.login_url as string | null) ?? null,
    graph_url: (s.graph_url as string | null) ?? null,
    has_client_secret: view.credential === 'client_secret',
    has_client_certificate: view.credential === 'client_certificate',
    credential_type: view.credential,
    client_certificate_thumbprint: view.certificate?.thumbprint ?? null,
    client_certificate_thumbprint_sha256: view.certificate?.thumbprint_sha256 ?? null,
    client_certificate_subject: view.certificate?.subject ?? null,
    client_certificate_expires: view.certificate?.not_after ?? null,
    configuration_error: await readConfigurationError(ctx.store.db, p.id),
  };
}

const runResponse = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.string(),
  dry_run: z.boolean(),
  total: z.number(),
  done: z.number(),
  counts: z.record(z.string(), z.number()),
  error: z.string().nullable(),
  phase: z.string().nullable(),
  started_at: z.string(),
  finished_at: z.string().nullable(),
});

function runJson(run: SyncRun): z.infer<typeof runResponse> {
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    dry_run: run.dryRun,
    total: run.total,
    done: run.done,
    counts: { ...run.counts },
    error: run.error,
    phase: run.phase,
    started_at: run.startedAt,
    finished_at: run.finishedAt,
  };
}

const resultResponse = z.object({
  id: z.string(),
  run: z.string().nullable(),
  object_type: z.string(),
  object_id: z.number().nullable(),
  remote_id: z.string().nullable(),
  operation: z.string(),
  status: z.string(),
  message: z.string().nullable(),
  graph_request_id: z.string().nullable(),
  detail: z.unknown(),
  created: z.string(),
});

function resultJson(r: SyncResultRecord): z.infer<typeof resultResponse> {
  return {
    id: r.id,
    run: r.runId,
    object_type: r.objectType,
    object_id: r.localId,
    remote_id: r.remoteId,
    operation: r.operation,
    status: r.status,
    message: r.message,
    graph_request_id: r.graphRequestId,
    detail: r.detail,
    created: r.createdAt,
  };
}

const LOG_LEVEL: Record<string, string> = {
  ok: 'info',
  unchanged: 'debug',
  skipped: 'debug',
  dry_run: 'info',
  error: 'error',
};

function logEvents(results: SyncResultRecord[]) {
  return results
    .slice()
    .reverse()
    .map((r) => ({
      timestamp: r.createdAt,
      log_level: LOG_LEVEL[r.status] ?? 'info',
      logger: 'conduit.sync',
      event: r.message ?? `${r.operation} ${r.status}`,
      attributes: {
        operation: r.operation,
        status: r.status,
        object_type: r.objectType,
        remote_id: r.remoteId,
        graph_request_id: r.graphRequestId,
        detail: r.detail,
      },
    }));
}

const idParams = z.object({ id: pkParam.pipe(z.number().min(1)) });

/** A running full sync's progress: objects done and remaining, the pace so far and when it should finish. */
function progressJson(run: SyncRun) {
  const estimate = estimateRunProgress(run);
  return {
    done: run.done,
    total: run.total,
    phase: run.phase,
    remaining: estimate.remaining,
    objects_per_second: estimate.objectsPerSecond,
    estimated_finish_at: estimate.estimatedFinishAt,
  };
}

export async function entraProviderRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;
  const guard = { onRequest: requireSuperuser(db) };
  const service = () => {
    const s = ctx.services.sync as SyncService | undefined;
    if (!s) throw new ApiError(503, { detail: 'The sync engine is not running in this process.' });
    return s;
  };
  const load = async (id: number) => {
    try {
      return await getEntraProvider(db, id);
    } catch (error) {
      if (error instanceof DirectoryNotFoundError) throw ApiError.notFound();
      throw error;
    }
  };
  const base = '/api/v3/providers/microsoft_entra';

  r.get(
    `${base}/`,
    {
      ...guard,
      schema: {
        tags: ['providers'],
        querystring: z.object({
          ...pageQuery,
          name: text(255).optional(),
          exclude_users_service_account: queryBoolean.optional(),
          filter_group: z.string().optional(),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await db
        .selectFrom('providers')
        .select('id')
        .where('type', '=', ENTRA_PROVIDER_TYPE)
        .orderBy('name')
        .execute();
      let views = await Promise.all(rows.map((row) => getEntraProvider(db, row.id)));
      if (q.name !== undefined) views = views.filter((v) => v.provider.name === q.name);
      if (q.search)
        views = views.filter((v) =>
          v.provider.name.toLowerCase().includes((q.search as string).toLowerCase()),
        );
      if (q.exclude_users_service_account !== undefined)
        views = views.filter(
          (v) => v.provider.settings.exclude_users_service_account === q.exclude_users_service_account,
        );
      if (q.filter_group !== undefined) views = views.filter((v) => v.filterGroupUuid === q.filter_group);
      const start = (q.page - 1) * q.page_size;
      const page = {
        results: views.slice(start, start + q.page_size),
        count: views.length,
        page: q.page,
        page_size: q.page_size,
      };
      const serialized = await Promise.all(page.results.map((v) => serialize(ctx, v)));
      return toEnvelope({ ...page, results: serialized }, (x) => x);
    },
  );

  r.post(
    `${base}/`,
    { ...guard, schema: { tags: ['providers'], body: createBody, response: { 201: providerResponse } } },
    async (request, reply) => {
      const view = await createEntraProvider(
        db,
        ctx.secrets,
        request.body,
        actorOf(request),
        service().defaults,
      );
      ctx.services.notifyChange?.();
      return reply.status(201).send(await serialize(ctx, view));
    },
  );

  r.get(
    `${base}/:id/`,
    { ...guard, schema: { tags: ['providers'], params: idParams, response: { 200: providerResponse } } },
    async (request) => serialize(ctx, await load(request.params.id)),
  );

  const update = async (id: number, body: z.infer<typeof patchBody>, actor: ReturnType<typeof actorOf>) => {
    await load(id);
    const view = await updateEntraProvider(db, ctx.secrets, id, body, actor);
    ctx.services.notifyChange?.();
    return serialize(ctx, view);
  };
  r.put(
    `${base}/:id/`,
    {
      ...guard,
      schema: {
        tags: ['providers'],
        params: idParams,
        body: putBody,
        response: { 200: providerResponse },
      },
    },
    async (request) => update(request.params.id, request.body, actorOf(request)),
  );
  r.patch(
    `${base}/:id/`,
    {
      ...guard,
      schema: { tags: ['providers'], params: idParams, body: patchBody, response: { 200: providerResponse } },
    },
    async (request) => update(request.params.id, request.body, actorOf(request)),
  );

  r.delete(
    `${base}/:id/`,
    { ...guard, schema: { tags: ['providers'], params: idParams } },
    async (request, reply) => {
      await load(request.params.id);
      await deleteEntraProvider(db, request.params.id, actorOf(request));
      return reply.status(204).send();
    },
  );

  r.get(
    `${base}/:id/used_by/`,
    { ...guard, schema: { tags: ['providers'], params: idParams } },
    async (request) => {
      const view = await load(request.params.id);
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
        action: 'set_null',
      }));
    },
  );

  r.get(
    `${base}/:id/sync/status/`,
    { ...guard, schema: { tags: ['providers'], params: idParams } },
    async (request) => {
      const id = request.params.id;
      const view = await load(id);
      const [running, last, success, configurationError] = await Promise.all([
        latestRun(db, id, 'full', false),
        latestRun(db, id, 'full', true),
        latestSuccessfulRun(db, id),
        readConfigurationError(db, id),
      ]);
      return {
        is_running: running !== null,
        ...(success?.finishedAt ? { last_successful_sync: success.finishedAt } : {}),
        ...(last ? { last_sync_status: last.status === 'cancelled' ? 'error' : last.status } : {}),
        assigned: view.provider.backchannelApplicationUuid !== null,
        progress: running ? progressJson(running) : null,
        current_run: running ? runJson(running) : null,
        last_run: last ? runJson(last) : null,
        /** Set while object changes are held back by a configuration error (see the provider's field). */
        configuration_error: configurationError,
      };
    },
  );

  r.post(
    `${base}/:id/sync/object/`,
    {
      ...guard,
      schema: {
        tags: ['providers'],
        params: idParams,
        body: z.object({
          sync_object_model: z.enum(['authentik.core.models.User', 'authentik.core.models.Group']),
          sync_object_id: requiredText(1024),
          override_dry_run: z.boolean().default(false),
        }),
      },
    },
    async (request) => {
      const { id } = request.params;
      const view = await load(id);
      const deps = service().deps;
      const options = { recordRun: true, ...(request.body.override_dry_run ? { dryRun: false } : {}) };
      let outcome: Awaited<ReturnType<typeof syncUser>>;
      if (request.body.sync_object_model === 'authentik.core.models.User') {
        const userId = Number(request.body.sync_object_id);
        const exists =
          Number.isInteger(userId) &&
          (await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst());
        if (!exists)
          throw ApiError.validation({
            sync_object_id: [`No user with pk "${request.body.sync_object_id}".`],
          });
        outcome = await syncUser(deps, id, userId, options);
      } else {
        const group = await db
          .selectFrom('groups')
          .select('id')
          .where((eb) =>
            eb.or([
              eb('group_uuid', '=', request.body.sync_object_id),
              eb('id', '=', Number(request.body.sync_object_id) || -1),
            ]),
          )
          .executeTakeFirst();
        if (!group)
          throw ApiError.validation({
            sync_object_id: [`No group with pk "${request.body.sync_object_id}".`],
          });
        outcome = await syncGroup(deps, id, group.id, options);
      }
      if (outcome.status === 'skipped') {
        return {
          messages: [
            {
              timestamp: new Date().toISOString(),
              log_level: 'warning',
              logger: 'conduit.sync',
              event: outcome.reason,
              attributes: { provider: view.provider.name },
            },
          ],
        };
      }
      const runId = 'runId' in outcome ? outcome.runId : undefined;
      const results = runId ? (await listResults(db, { runId }, 200)).results : [];
      const messages = logEvents(results);
      if (messages.length === 0 && outcome.status !== 'error') {
        messages.push({
          timestamp: new Date().toISOString(),
          log_level: 'info',
          logger: 'conduit.sync',
          event: 'Already in sync: nothing needed to change.',
          attributes: {} as never,
        });
      }
      if (outcome.status === 'error' && outcome.error) {
        messages.push({
          timestamp: new Date().toISOString(),
          log_level: 'error',
          logger: 'conduit.sync',
          event: outcome.error,
          attributes: {} as never,
        });
      }
      return { messages };
    },
  );

  r.post(
    `${base}/:id/sync/full/`,
    {
      ...guard,
      schema: {
        tags: ['providers'],
        params: idParams,
        body: z
          .object({ confirm_deletions: z.boolean().default(false) })
          .default({ confirm_deletions: false }),
      },
    },
    async (request, reply) => {
      const view = await load(request.params.id);
      if (!view.provider.backchannelApplicationUuid) {
        throw ApiError.validation({
          non_field_errors: [
            'Provider is not assigned to an application as backchannel provider: it does not sync.',
          ],
        });
      }
      const queue = service().queue;
      if (!queue) throw new ApiError(503, { detail: 'No job queue runs in this process.' });
      await db
        .transaction()
        .execute((trx) =>
          queue.addJobs(trx, [fullSyncJob(view.provider.id, undefined, request.body.confirm_deletions)]),
        );
      queue.wake();
      return reply.status(202).send({ detail: 'A full sync was queued.' });
    },
  );

  const heldJson = (h: HeldDeletion) => ({
    id: h.id,
    object_type: h.objectType,
    remote_id: h.remoteId,
    object: h.label,
    action: h.action,
    held_at: h.heldAt,
  });

  r.get(
    `${base}/:id/sync/held_deletions/`,
    { ...guard, schema: { tags: ['providers'], params: idParams } },
    async (request) => {
      const view = await load(request.params.id);
      const held = await listHeldDeletions(db, view.provider.id);
      return {
        count: held.length,
        threshold: view.provider.settings.deletion_threshold,
        results: held.map(heldJson),
      };
    },
  );

  r.post(
    `${base}/:id/sync/held_deletions/confirm/`,
    { ...guard, schema: { tags: ['providers'], params: idParams } },
    async (request, reply) => {
      const view = await load(request.params.id);
      const queue = service().queue;
      if (!queue) throw new ApiError(503, { detail: 'No job queue runs in this process.' });
      const confirmed = await db.transaction().execute(async (trx) => {
        const held = await settleHeldDeletions(trx, view.provider.id, 'confirmed');
        await queue.addJobs(
          trx,
          held.map((h) => ({
            task: 'sync.delete' as const,
            payload: {
              providerId: view.provider.id,
              type: h.objectType,
              remoteId: h.remoteId,
              label: h.label,
              confirmed: true,
            },
          })),
        );
        if (held.length > 0)
          await recordEvent(trx, {
            action: 'sync_deletions_confirmed',
            app: 'conduit.sync',
            actor: actorOf(request),
            context: { provider: { pk: view.provider.id, name: view.provider.name }, count: held.length },
          });
        return held.length;
      });
      queue.wake();
      return reply.status(202).send({ confirmed });
    },
  );

  r.post(
    `${base}/:id/sync/held_deletions/discard/`,
    { ...guard, schema: { tags: ['providers'], params: idParams } },
    async (request) => {
      const view = await load(request.params.id);
      const discarded = await db.transaction().execute(async (trx) => {
        const held = await settleHeldDeletions(trx, view.provider.id, 'discarded');
        if (held.length > 0)
          await recordEvent(trx, {
            action: 'sync_deletions_discarded',
            app: 'conduit.sync',
            actor: actorOf(request),
            context: {
              provider: { pk: view.provider.id, name: view.provider.name },
              count: held.length,
              remote_ids: held.slice(0, 100).map((h) => h.remoteId),
            },
          });
        return held.length;
      });
      return { discarded };
    },
  );

  r.post(
    `${base}/:id/sync/plan/`,
    { ...guard, schema: { tags: ['providers'], params: idParams } },
    async (request) => {
      const view = await load(request.params.id);
      if (!view.provider.backchannelApplicationUuid) {
        throw ApiError.validation({
          non_field_errors: [
            'Provider is not assigned to an application as backchannel provider: it does not sync.',
          ],
        });
      }
      const outcome = await runFullSync(service().deps, view.provider.id, { dryRun: true });
      if (outcome.status === 'skipped') throw ApiError.validation({ non_field_errors: [outcome.reason] });
      const results = await listResults(db, { runId: outcome.run.id }, 1000);
      return {
        run: runJson((await getRun(db, outcome.run.id)) as SyncRun),
        results: results.results.map(resultJson),
        count: results.count,
      };
    },
  );

  r.get(
    `${base}/:id/sync/runs/`,
    {
      ...guard,
      schema: {
        tags: ['providers'],
        params: idParams,
        querystring: z.object({ page: pageQuery.page, page_size: pageQuery.page_size }),
      },
    },
    async (request) => {
      await load(request.params.id);
      const { page, page_size } = request.query;
      const { runs, count } = await listRuns(db, request.params.id, page_size, (page - 1) * page_size);
      return toEnvelope({ results: runs, count, page, page_size }, runJson);
    },
  );

  r.get(
    `${base}/:id/sync/runs/:run/`,
    {
      ...guard,
      schema: {
        tags: ['providers'],
        params: z.object({ id: pkParam.pipe(z.number().min(1)), run: requiredText(1024) }),
        querystring: z.object({
          page: pageQuery.page,
          page_size: pageQuery.page_size,
          status: z
            .enum(['ok', 'error', 'skipped', 'dry_run', 'unchanged', 'held', 'confirmed', 'discarded'])
            .optional(),
        }),
      },
    },
    async (request) => {
      const run = await getRun(db, request.params.run);
      if (!run || run.providerId !== request.params.id) throw ApiError.notFound();
      const { page, page_size, status } = request.query;
      const { results, count } = await listResults(
        db,
        { runId: run.id, status },
        page_size,
        (page - 1) * page_size,
      );
      return { run: runJson(run), results: toEnvelope({ results, count, page, page_size }, resultJson) };
    },
  );

  r.get(
    `${base}/:id/sync/results/`,
    {
      ...guard,
      schema: {
        tags: ['providers'],
        params: idParams,
        querystring: z.object({
          page: pageQuery.page,
          page_size: pageQuery.page_size,
          object_type: z.enum(['user', 'group']).optional(),
          object_id: pkParam.optional(),
          status: z
            .enum(['ok', 'error', 'skipped', 'dry_run', 'unchanged', 'held', 'confirmed', 'discarded'])
            .optional(),
        }),
      },
    },
    async (request) => {
      await load(request.params.id);
      const { page, page_size, object_type, object_id, status } = request.query;
      const { results, count } = await listResults(
        db,
        { providerId: request.params.id, objectType: object_type, localId: object_id, status },
        page_size,
        (page - 1) * page_size,
      );
      return toEnvelope({ results, count, page, page_size }, resultJson);
    },
  );

  r.post(
    `${base}/:id/test_connection/`,
    { ...guard, schema: { tags: ['providers'], params: idParams } },
    async (request) => {
      await load(request.params.id);
      try {
        const report = await service().testConnection(request.params.id);
        // A working connection ends the provider's configuration-error state: its jobs send again.
        if (report.ok) await clearConfigurationError(db, request.params.id);
        return report;
      } catch (error) {
        // A key that no longer opens the credential is the provider's state, not a server fault.
        if (error instanceof ProviderSecretUnreadableError)
          throw new ApiError(409, {
            detail: error.message,
            code: error.code,
            [error.field]: [error.message],
          });
        throw error;
      }
    },
  );

  r.get(
    '/api/v3/conduit/provider_defaults/',
    { ...guard, schema: { tags: ['conduit'] } },
    async () => service().defaults,
  );
}
