/**
 * Response shapes of the Entra provider routes, each a zod schema (so the served OpenAPI document
 * describes it) with the function that fills it. The provider keeps authentik's
 * `MicrosoftEntraProvider` fields exactly and adds Conduit's; runs, results and held deletions are
 * Conduit's own.
 */
import { z } from 'zod';
import type { EntraProviderView } from '../providers/entra/provider-service.js';
import { CLOUDS } from '../providers/entra/settings.js';
import type { HeldDeletion } from '../sync/held-deletions.js';
import { readConfigurationError } from '../sync/provider-records.js';
import {
  estimateRunProgress,
  estimateRunWrites,
  type SyncResultRecord,
  type SyncRun,
} from '../sync/run-records.js';
import { OPERATIONS, type OutgoingSyncSettings, RESULT_STATUSES, SCOPING_OPERATORS } from '../sync/types.js';
import type { ApiContext } from './context.js';
import { deleteAction, externalUsers, groupNesting, outOfScopeAction } from './providers-entra.fields.js';

/** The configuration error that stopped a provider's sync, or null. */
const configurationErrorSchema = z.object({ message: z.string(), at: z.string() }).nullable();

/** A provider's outgoing sync settings (authentik's names), as a provider and its defaults carry them. */
export const syncSettingsResponse = z.object({
  exclude_users_service_account: z.boolean(),
  user_delete_action: deleteAction,
  group_delete_action: deleteAction,
  sync_page_size: z.number(),
  sync_page_timeout: z.string(),
  discovery_enabled: z.boolean(),
  dry_run: z.boolean(),
  sync_interval_minutes: z.number(),
  out_of_scope_action: outOfScopeAction,
  deletion_threshold: z.number(),
  group_filters: z.array(z.string()),
  group_filters_include_children: z.boolean(),
  filter_group_include_children: z.boolean(),
  user_scoping_rules: z.array(
    z.object({
      clauses: z.array(
        z.object({
          attribute: z.string(),
          operator: z.enum(SCOPING_OPERATORS),
          value: z.union([z.string(), z.array(z.string())]).optional(),
        }),
      ),
    }),
  ),
  suspend_then_delete_after_days: z.number().nullable(),
  protected_group: z.string().nullable(),
  delete_adopted_objects: z.boolean(),
  held_changes_threshold: z.number(),
  held_changes_threshold_percent: z.number(),
  held_changes_window_minutes: z.number(),
  paused: z.boolean(),
  sync_schedule: z.string().nullable(),
  group_nesting: groupNesting,
  external_users: externalUsers,
  send_invitation_message: z.boolean(),
  invite_redirect_url: z.string().nullable(),
  default_usage_location: z.string().nullable(),
});

/** The settings added after authentik's, as stored (the provider's defaults fill what is absent). */
export function newSyncSettings(s: OutgoingSyncSettings) {
  return {
    group_filters: s.group_filters,
    group_filters_include_children: s.group_filters_include_children,
    filter_group_include_children: s.filter_group_include_children,
    user_scoping_rules: s.user_scoping_rules,
    suspend_then_delete_after_days: s.suspend_then_delete_after_days,
    protected_group: s.protected_group,
    delete_adopted_objects: s.delete_adopted_objects,
    held_changes_threshold: s.held_changes_threshold,
    held_changes_threshold_percent: s.held_changes_threshold_percent,
    held_changes_window_minutes: s.held_changes_window_minutes,
    paused: s.paused,
    sync_schedule: s.sync_schedule,
    group_nesting: s.group_nesting,
    external_users: s.external_users,
    send_invitation_message: s.send_invitation_message,
    invite_redirect_url: s.invite_redirect_url,
    default_usage_location: s.default_usage_location,
  };
}

/** authentik's `MicrosoftEntraProvider`, with Conduit's credential, sync and cloud fields. */
export const providerResponse = z.object({
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
  filter_group: z.string().nullable(),
  ...syncSettingsResponse.shape,
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
  configuration_error: configurationErrorSchema,
});

export type ProviderResponse = z.infer<typeof providerResponse>;

/** A provider in its response shape (reads its backchannel application and configuration error). */
export async function presentProvider(ctx: ApiContext, view: EntraProviderView): Promise<ProviderResponse> {
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
    ...newSyncSettings(p.settings),
    cloud: (s.cloud as ProviderResponse['cloud']) ?? 'global',
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

/** The status of one result: what happened to the object (`ResultStatus` of the engine). */
export const resultStatusSchema = z.enum(RESULT_STATUSES);

/** One sync run: a full sync, a direct sync of changes, or one object synced on demand. */
export const runResponse = z.object({
  id: z.string(),
  kind: z.enum(['full', 'direct', 'object']),
  status: z.enum(['running', 'done', 'warning', 'error', 'cancelled']),
  dry_run: z.boolean(),
  total: z.number(),
  done: z.number(),
  counts: z.record(z.string(), z.number()),
  error: z.string().nullable(),
  phase: z.string().nullable(),
  started_at: z.string(),
  finished_at: z.string().nullable(),
});

/** A run in its response shape. */
export function presentRun(run: SyncRun): z.infer<typeof runResponse> {
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

/** What one operation on one object did (or would do, in a dry run). */
export const resultResponse = z.object({
  id: z.string(),
  run: z.string().nullable(),
  object_type: z.enum(['user', 'group']),
  object_id: z.number().nullable(),
  remote_id: z.string().nullable(),
  operation: z.enum(OPERATIONS),
  status: resultStatusSchema,
  message: z.string().nullable(),
  graph_request_id: z.string().nullable(),
  /** The request a dry run would send, a diff, or the error's details. */
  detail: z.unknown(),
  created: z.string(),
});

/** A result in its response shape. */
export function presentResult(r: SyncResultRecord): z.infer<typeof resultResponse> {
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

/**
 * A running full sync's progress: objects done and remaining, the pace so far, its Graph writes (made,
 * still to come at the run's mix, measured and paced rate) and when it should finish — the later of
 * the finish at the objects' pace and the finish of the remaining writes at the paced write rate.
 */
export const progressResponse = z.object({
  done: z.number(),
  total: z.number(),
  phase: z.string().nullable(),
  remaining: z.number(),
  objects_per_second: z.number().nullable(),
  writes_done: z.number(),
  writes_remaining: z.number().nullable(),
  writes_per_second: z.number().nullable(),
  paced_writes_per_second: z.number().nullable(),
  estimated_finish_at: z.string().nullable(),
});

/** A running run's progress in its response shape; `pacedWritesPerSecond` is the app's write pace. */
export function presentProgress(
  run: SyncRun,
  pacedWritesPerSecond: number | null = null,
  now: Date = new Date(),
): z.infer<typeof progressResponse> {
  const estimate = estimateRunProgress(run, now);
  const writes = estimateRunWrites(run, pacedWritesPerSecond, now);
  const finishes = [estimate.estimatedFinishAt, writes.writesFinishAt].filter((t): t is string => t !== null);
  return {
    done: run.done,
    total: run.total,
    phase: run.phase,
    remaining: estimate.remaining,
    objects_per_second: estimate.objectsPerSecond,
    writes_done: writes.writesDone,
    writes_remaining: writes.writesRemaining,
    writes_per_second: writes.writesPerSecond,
    paced_writes_per_second: writes.pacedWritesPerSecond,
    estimated_finish_at: finishes.length > 0 ? (finishes.sort().at(-1) ?? null) : null,
  };
}

/** authentik's `SyncStatus` (`is_running`, `last_successful_sync`, `last_sync_status`) and Conduit's run details. */
export const syncStatusResponse = z.object({
  is_running: z.boolean(),
  last_successful_sync: z.string().optional(),
  last_sync_status: z.string().optional(),
  /** The provider is some application's backchannel provider (otherwise it does not sync). */
  assigned: z.boolean(),
  progress: progressResponse.nullable(),
  current_run: runResponse.nullable(),
  last_run: runResponse.nullable(),
  /** Set while object changes are held back by a configuration error (see the provider's field). */
  configuration_error: configurationErrorSchema,
});

/** authentik's `LogEvent`: one line of a sync's log. */
export const logEventSchema = z.object({
  timestamp: z.string(),
  log_level: z.enum(['critical', 'exception', 'error', 'warn', 'warning', 'info', 'debug', 'notset']),
  logger: z.string(),
  event: z.string(),
  attributes: z.record(z.string(), z.unknown()),
});

type LogEvent = z.infer<typeof logEventSchema>;

const LOG_LEVEL: Record<string, LogEvent['log_level']> = {
  ok: 'info',
  unchanged: 'debug',
  skipped: 'debug',
  dry_run: 'info',
  error: 'error',
};

/** A line of the sync log that is not a result (a skip reason, "already in sync", an error). */
export function logLine(log_level: LogEvent['log_level'], event: string, attributes = {}): LogEvent {
  return { timestamp: new Date().toISOString(), log_level, logger: 'conduit.sync', event, attributes };
}

/** Results as authentik's log events, oldest first. */
export function resultLogEvents(results: SyncResultRecord[]): LogEvent[] {
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

/** A deletion above the provider's threshold, waiting for an administrator. */
export const heldDeletionResponse = z.object({
  id: z.string(),
  object_type: z.enum(['user', 'group']),
  remote_id: z.string(),
  /** The local object's name when it was deleted. */
  object: z.string(),
  action: z.string(),
  held_at: z.string(),
});

/** A held deletion in its response shape. */
export function presentHeldDeletion(h: HeldDeletion): z.infer<typeof heldDeletionResponse> {
  return {
    id: h.id,
    object_type: h.objectType,
    remote_id: h.remoteId,
    object: h.label,
    action: h.action,
    held_at: h.heldAt,
  };
}
