/**
 * The Entra provider's sync actions: its status (authentik's `sync/status/` with Conduit's run and
 * progress), syncing one object now (authentik's `sync/object/`), queueing a full sync, planning a
 * dry run, and testing the connection.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { fullSyncJob } from '../jobs/job-specs.js';
import type { Database } from '../store/schema.js';
import { syncGroup, syncUser } from '../sync/direct-sync.js';
import { runFullSync } from '../sync/full-sync.js';
import {
  clearConfigurationError,
  ProviderSecretUnreadableError,
  readConfigurationError,
} from '../sync/provider-records.js';
import { getRun, latestRun, latestSuccessfulRun, listResults, type SyncRun } from '../sync/run-records.js';
import { requireSuperuser } from './auth.js';
import type { ApiContext } from './context.js';
import { requiredText } from './core-fields.js';
import { ApiError } from './http-errors.js';
import {
  ENTRA_PROVIDERS_PATH,
  loadEntraProvider,
  providerIdParams,
  requireAssigned,
  requireQueue,
  requireSyncService,
} from './providers-entra.common.js';
import {
  logEventSchema,
  logLine,
  presentProgress,
  presentResult,
  presentRun,
  resultLogEvents,
  resultResponse,
  runResponse,
  syncStatusResponse,
} from './providers-entra.shapes.js';

const USER_MODEL = 'authentik.core.models.User';
const GROUP_MODEL = 'authentik.core.models.Group';

const syncObjectBody = z.object({
  sync_object_model: z.enum([USER_MODEL, GROUP_MODEL]),
  sync_object_id: requiredText(1024),
  override_dry_run: z.boolean().default(false),
});

/** What `test_connection/` found: the tenant's verified domains and the granted Graph permissions. */
const connectionReportResponse = z.object({
  ok: z.boolean(),
  verifiedDomains: z.array(z.string()),
  grantedPermissions: z.array(z.string()),
  missingPermissions: z.array(z.string()),
  error: z.string().optional(),
});

/** The local id of the object `sync/object/` names (a user's pk; a group's UUID or number), or a 400. */
async function localObjectId(db: Kysely<Database>, body: z.infer<typeof syncObjectBody>): Promise<number> {
  const given = body.sync_object_id;
  if (body.sync_object_model === USER_MODEL) {
    const userId = Number(given);
    const exists =
      Number.isInteger(userId) &&
      (await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst());
    if (!exists) throw ApiError.validation({ sync_object_id: [`No user with pk "${given}".`] });
    return userId;
  }
  const group = await db
    .selectFrom('groups')
    .select('id')
    .where((eb) => eb.or([eb('group_uuid', '=', given), eb('id', '=', Number(given) || -1)]))
    .executeTakeFirst();
  if (!group) throw ApiError.validation({ sync_object_id: [`No group with pk "${given}".`] });
  return group.id;
}

/** The sync-action routes of the Entra provider. */
export async function entraProviderSyncRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;
  const guard = { onRequest: requireSuperuser(db) };
  const base = `${ENTRA_PROVIDERS_PATH}/:id`;
  const tags = ['providers'];

  r.get(
    `${base}/sync/status/`,
    { ...guard, schema: { tags, params: providerIdParams, response: { 200: syncStatusResponse } } },
    async (request) => {
      const id = request.params.id;
      const view = await loadEntraProvider(db, id);
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
        progress: running ? presentProgress(running, ctx.services.sync?.writesPerSecond ?? null) : null,
        current_run: running ? presentRun(running) : null,
        last_run: last ? presentRun(last) : null,
        configuration_error: configurationError,
      };
    },
  );

  r.post(
    `${base}/sync/object/`,
    {
      ...guard,
      schema: {
        tags,
        params: providerIdParams,
        body: syncObjectBody,
        response: { 200: z.object({ messages: z.array(logEventSchema) }) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const view = await loadEntraProvider(db, id);
      const deps = requireSyncService(ctx).deps;
      const options = { recordRun: true, ...(request.body.override_dry_run ? { dryRun: false } : {}) };
      const localId = await localObjectId(db, request.body);
      const outcome =
        request.body.sync_object_model === USER_MODEL
          ? await syncUser(deps, id, localId, options)
          : await syncGroup(deps, id, localId, options);
      if (outcome.status === 'skipped') {
        return { messages: [logLine('warning', outcome.reason, { provider: view.provider.name })] };
      }
      const runId = 'runId' in outcome ? outcome.runId : undefined;
      const results = runId ? (await listResults(db, { runId }, 200)).results : [];
      const messages = resultLogEvents(results);
      if (messages.length === 0 && outcome.status !== 'error')
        messages.push(logLine('info', 'Already in sync: nothing needed to change.'));
      if (outcome.status === 'error' && outcome.error) messages.push(logLine('error', outcome.error));
      return { messages };
    },
  );

  r.post(
    `${base}/sync/full/`,
    {
      ...guard,
      schema: {
        tags,
        params: providerIdParams,
        body: z
          .object({ confirm_deletions: z.boolean().default(false) })
          .default({ confirm_deletions: false }),
        response: { 202: z.object({ detail: z.string() }) },
      },
    },
    async (request, reply) => {
      const view = await loadEntraProvider(db, request.params.id);
      requireAssigned(view);
      const queue = requireQueue(ctx);
      const job = fullSyncJob(view.provider.id, undefined, request.body.confirm_deletions);
      await db.transaction().execute((trx) => queue.addJobs(trx, [job]));
      queue.wake();
      return reply.status(202).send({ detail: 'A full sync was queued.' });
    },
  );

  r.post(
    `${base}/sync/plan/`,
    {
      ...guard,
      schema: {
        tags,
        params: providerIdParams,
        response: {
          200: z.object({ run: runResponse, results: z.array(resultResponse), count: z.number() }),
        },
      },
    },
    async (request) => {
      const view = await loadEntraProvider(db, request.params.id);
      requireAssigned(view);
      const outcome = await runFullSync(requireSyncService(ctx).deps, view.provider.id, { dryRun: true });
      if (outcome.status === 'skipped') throw ApiError.validation({ non_field_errors: [outcome.reason] });
      const results = await listResults(db, { runId: outcome.run.id }, 1000);
      return {
        run: presentRun((await getRun(db, outcome.run.id)) as SyncRun),
        results: results.results.map(presentResult),
        count: results.count,
      };
    },
  );

  r.post(
    `${base}/test_connection/`,
    { ...guard, schema: { tags, params: providerIdParams, response: { 200: connectionReportResponse } } },
    async (request) => {
      await loadEntraProvider(db, request.params.id);
      try {
        const report = await requireSyncService(ctx).testConnection(request.params.id);
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
}
