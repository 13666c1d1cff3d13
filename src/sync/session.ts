/**
 * A sync session: one provider's compiled mappings, its remote target and the run being recorded.
 * Opened once per full sync (mappings compiled once, discovery once) or per direct-sync job.
 */
import type { Kysely } from 'kysely';
import { recordEvent } from '../directory/changes.js';
import {
  type CompiledMappingSet,
  EmptyMappingResultError,
  type MappingProvider,
  UnknownGraphPropertyError,
} from '../mappings/index.js';
import type { Database } from '../store/schema.js';
import type { SecretBox } from '../store/secret-box.js';
import type { DiscoveryHandle } from './discovery.js';
import { createMappingCache, type MappingCache, type MappingLease } from './mapping-cache.js';
import {
  ProviderSecretUnreadableError,
  providerMappings,
  readProviderSecrets,
  writeConfigurationError,
} from './provider-records.js';
import { emptyCounts, type ResultInput, type RunCounts } from './run-records.js';
import { type SyncProvider, type SyncTarget, TargetError } from './types.js';

/** Builds the remote side of a provider of one type. */
export type TargetFactory = (
  provider: SyncProvider,
  secrets: Record<string, string>,
  options: { dryRun: boolean; lowPriority: boolean },
) => Promise<SyncTarget>;

export interface SyncLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export interface SyncDeps {
  /** Compiled mapping sets shared across sessions; without one, each session compiles its own. */
  mappingCache?: MappingCache;
  db: Kysely<Database>;
  dialect: 'sqlite' | 'postgres';
  secrets: SecretBox;
  targets: Record<string, TargetFactory>;
  logger?: SyncLogger;
}

/** A provider-level failure: the run stops, an event says why, nothing more is sent. */
export class SyncConfigurationError extends Error {
  readonly code = 'sync_configuration_error';
  constructor(
    message: string,
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface SyncSession {
  deps: SyncDeps;
  provider: SyncProvider;
  target: SyncTarget;
  userMappings: CompiledMappingSet;
  groupMappings: CompiledMappingSet;
  mappingProvider: MappingProvider;
  dryRun: boolean;
  runId: string | null;
  /** Who this session's create claims belong to: `run:{id}` in a full sync, `direct` otherwise. */
  claimer: string;
  counts: RunCounts;
  /** Results not yet written. */
  pending: ResultInput[];
  /** A full sync's discovery (matching reads it page by page); null outside full syncs. */
  discovery: DiscoveryHandle | null;
  /** Objects whose failure was transient: worth a retry job. */
  transient: Array<{ type: 'user' | 'group'; localId: number }>;
  /** Gives the compiled mapping sets back when the session closes. */
  releaseMappings: () => void;
}

export interface OpenSessionOptions {
  dryRun?: boolean;
  runId?: string | null;
  /** Defaults to `direct`: the per-object jobs, which run one at a time per object. */
  claimer?: string;
  lowPriority?: boolean;
}

export async function openSession(
  deps: SyncDeps,
  provider: SyncProvider,
  options: OpenSessionOptions = {},
): Promise<SyncSession> {
  const factory = deps.targets[provider.type];
  if (!factory)
    throw new SyncConfigurationError(`No sync target is registered for provider type "${provider.type}".`);
  const [userDefs, groupDefs, secrets] = await Promise.all([
    providerMappings(deps.db, provider.id, 'user'),
    providerMappings(deps.db, provider.id, 'group'),
    readProviderSecrets(deps.db, deps.secrets, provider.id).catch((error: unknown) => {
      // A key that no longer opens the credential is the provider's configuration, not a crash.
      if (error instanceof ProviderSecretUnreadableError)
        throw new SyncConfigurationError(error.message, { stage: 'read_secrets', field: error.field });
      throw error;
    }),
  ]);
  const dryRun = options.dryRun ?? provider.settings.dry_run;
  const cache = deps.mappingCache ?? createMappingCache();
  const owner = `provider:${provider.id}`;
  let leases: MappingLease[];
  try {
    leases = await Promise.all([
      cache.acquire(owner, userDefs, 'user'),
      cache.acquire(owner, groupDefs, 'group'),
    ]);
  } catch (error) {
    throw new SyncConfigurationError(error instanceof Error ? error.message : String(error), {
      stage: 'compile_mappings',
    });
  }
  const [userLease, groupLease] = leases as [MappingLease, MappingLease];
  const releaseMappings = () => {
    for (const lease of leases) lease.release();
    if (!deps.mappingCache) cache.clear();
  };
  const userMappings = userLease.set;
  const groupMappings = groupLease.set;
  let target: SyncTarget;
  try {
    target = await factory(provider, secrets, { dryRun, lowPriority: options.lowPriority ?? false });
  } catch (error) {
    releaseMappings();
    throw error;
  }
  const { client_secret: _secret, ...publicSettings } = provider.settings as Record<string, unknown>;
  return {
    deps,
    provider,
    target,
    userMappings,
    groupMappings,
    mappingProvider: {
      ...publicSettings,
      pk: provider.id,
      name: provider.name,
      tenant_id: String(provider.settings.tenant_id ?? ''),
      client_id: String(provider.settings.client_id ?? ''),
    },
    dryRun,
    runId: options.runId ?? null,
    claimer: options.claimer ?? 'direct',
    counts: emptyCounts(),
    pending: [],
    discovery: null,
    transient: [],
    releaseMappings,
  };
}

export async function closeSession(session: SyncSession): Promise<void> {
  session.releaseMappings();
  await session.target.close();
}

/** A remote failure that concerns the provider (credentials, permissions), as a configuration error; null otherwise. */
export function asConfigurationError(error: unknown): SyncConfigurationError | null {
  if (error instanceof SyncConfigurationError) return error;
  if (error instanceof TargetError && error.failure.kind === 'configuration') {
    return new SyncConfigurationError(error.failure.message, {
      status: error.failure.status,
      code: error.failure.code,
      request_id: error.failure.requestId,
    });
  }
  return null;
}

/**
 * Mapping errors that concern every object stop the run: no mappings configured at all, or a
 * mapping returning a property Graph does not have. Mappings that produce nothing for one object
 * (they return null for it) fail that object alone: one object never stops the others.
 */
export function isProviderLevelMappingError(error: unknown): boolean {
  if (error instanceof EmptyMappingResultError) return error.mappingNames.length === 0;
  return error instanceof UnknownGraphPropertyError;
}

/**
 * A provider-level failure: the provider remembers it (`providers.config_error`, so its direct
 * sync jobs stop sending until it is fixed), a warning is logged and a `configuration_error`
 * event written. With `once`, nothing is logged or written when an error is already recorded:
 * of many object jobs that fail together, one reports it. Returns whether it was reported.
 */
export async function recordConfigurationError(
  deps: SyncDeps,
  provider: SyncProvider,
  message: string,
  detail: Record<string, unknown> = {},
  options: { once?: boolean } = {},
): Promise<boolean> {
  const first = await writeConfigurationError(deps.db, provider.id, message, { onlyIfClear: options.once });
  if (options.once && !first) return false;
  deps.logger?.warn({ provider: provider.id, ...detail }, message);
  await recordEvent(deps.db, {
    action: 'configuration_error',
    app: 'conduit.sync',
    actor: null,
    context: { message, provider: { pk: provider.id, name: provider.name }, ...detail },
  });
  return true;
}
