/**
 * Full sync of one provider: discovery once, then users, then groups with their memberships,
 * in pages of `sync_page_size`. Progress (done/total) and counts are written after each page so
 * the UI can show a running sync; results are kept per object.
 */

import { reconcileMembers, syncObjects } from './apply-objects.js';
import { linkedRemoteIds } from './link-records.js';
import { applyOutOfScopeAction } from './out-of-scope.js';
import { findProvider } from './provider-records.js';
import {
  claimFullSyncRun,
  emptyCounts,
  finishRun,
  type RunStatus,
  recordResults,
  type SyncRun,
  updateRunProgress,
} from './run-records.js';
import { countGroupsInScope, countUsersInScope, groupIdsInScope, userIdsInScope } from './scope.js';
import {
  asConfigurationError,
  closeSession,
  openSession,
  type RemoteIndex,
  recordConfigurationError,
  type SyncDeps,
  type SyncSession,
} from './session.js';

export interface FullSyncOptions {
  /** Override the provider's dry-run setting for this run. */
  dryRun?: boolean;
  /** Apply out-of-scope suspensions/deletions even above the provider's deletion threshold. */
  confirmDeletions?: boolean;
}

export type FullSyncOutcome =
  | { status: 'skipped'; reason: string }
  | { status: RunStatus; run: SyncRun; transient: SyncSession['transient'] };

const MEMBERSHIP_CONCURRENCY = 16;

async function forEachConcurrently<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++] as T);
  });
  await Promise.all(lanes);
}

export async function flushResults(session: SyncSession): Promise<void> {
  const pending = session.pending.splice(0);
  await recordResults(session.deps.db, pending);
}

/** Read the remote directory once and index it by the keys objects are matched on. */
export async function discover(session: SyncSession): Promise<RemoteIndex> {
  const index: RemoteIndex = {
    users: { byUpn: new Map(), byMail: new Map(), ids: new Set() },
    groups: { byName: new Map(), ids: new Set() },
    readAt: new Date().toISOString(),
  };
  const push = (map: Map<string, unknown[]>, key: unknown, value: unknown) => {
    if (typeof key !== 'string' || key === '') return;
    const k = key.toLowerCase();
    map.set(k, [...(map.get(k) ?? []), value]);
  };
  // Objects already linked can never be adopted: keep only their ids (to notice deletions), so a
  // steady-state tenant of 100k users costs a set of ids, not 100k objects held for the whole run.
  const [linkedUsers, linkedGroups] = await Promise.all([
    linkedRemoteIds(session.deps.db, session.provider.id, 'user'),
    linkedRemoteIds(session.deps.db, session.provider.id, 'group'),
  ]);
  for await (const page of session.target.listRemote('user')) {
    for (const remote of page) {
      index.users.ids.add(remote.id);
      if (linkedUsers.has(remote.id)) continue;
      push(index.users.byUpn as Map<string, unknown[]>, remote.properties.userPrincipalName, remote);
      push(index.users.byMail as Map<string, unknown[]>, remote.properties.mail, remote);
    }
  }
  for await (const page of session.target.listRemote('group')) {
    for (const remote of page) {
      index.groups.ids.add(remote.id);
      if (linkedGroups.has(remote.id)) continue;
      push(index.groups.byName as Map<string, unknown[]>, remote.properties.displayName, remote);
    }
  }
  return index;
}

export async function runFullSync(
  deps: SyncDeps,
  providerId: number,
  options: FullSyncOptions = {},
): Promise<FullSyncOutcome> {
  const provider = await findProvider(deps.db, providerId);
  if (!provider) return { status: 'skipped', reason: `Provider ${providerId} does not exist.` };
  if (!provider.backchannelApplicationUuid) {
    return {
      status: 'skipped',
      reason: 'No provider found. Is it assigned to an application as a backchannel provider?',
    };
  }
  const dryRun = options.dryRun ?? provider.settings.dry_run;
  const run = await claimFullSyncRun(deps.db, deps.dialect, providerId, dryRun);
  if (!run) return { status: 'skipped', reason: 'Synchronization is already running. Skipping.' };

  let session: SyncSession | null = null;
  let status: RunStatus = 'done';
  let error: string | null = null;
  try {
    session = await openSession(deps, provider, { dryRun, runId: run.id, lowPriority: true });
    const total = (await countUsersInScope(deps.db, provider)) + (await countGroupsInScope(deps.db));
    await updateRunProgress(deps.db, run.id, { total });
    if (provider.settings.discovery_enabled) session.remoteIndex = await discover(session);
    const pageSize = Math.max(1, provider.settings.sync_page_size);
    let done = 0;

    for (let after = 0; ; ) {
      const ids = await userIdsInScope(deps.db, provider, after, pageSize);
      if (ids.length === 0) break;
      await syncObjects(session, 'user', ids);
      await flushResults(session);
      done += ids.length;
      after = ids.at(-1) as number;
      await updateRunProgress(deps.db, run.id, { done, counts: session.counts });
    }

    const scope = await applyOutOfScopeAction(session, { confirmed: options.confirmDeletions ?? false });
    await flushResults(session);

    const managed = await linkedRemoteIds(deps.db, provider.id, 'user');
    for (let after = 0; ; ) {
      const ids = await groupIdsInScope(deps.db, after, pageSize);
      if (ids.length === 0) break;
      const open = session;
      const outcome = await syncObjects(open, 'group', ids);
      // Groups' memberships are independent: reconcile several at once (the Graph client paces writes).
      await forEachConcurrently([...outcome.remoteIds], MEMBERSHIP_CONCURRENCY, ([localId, remoteId]) =>
        reconcileMembers(open, { localId, label: `group ${localId}`, remoteId }, managed, {
          knownEmpty: outcome.created.has(localId),
        }),
      );
      await flushResults(session);
      done += ids.length;
      after = ids.at(-1) as number;
      await updateRunProgress(deps.db, run.id, { done, counts: session.counts });
    }
    if (session.counts.failed > 0 || scope.held > 0) status = 'warning';
  } catch (caught) {
    status = 'error';
    error = caught instanceof Error ? caught.message : String(caught);
    const configuration = asConfigurationError(caught);
    if (configuration) {
      await recordConfigurationError(deps, provider, `Stopping sync due to a configuration error: ${error}`, {
        run: run.id,
        ...configuration.detail,
      });
    } else {
      deps.logger?.error({ err: caught, provider: provider.id, run: run.id }, 'full sync failed');
    }
  } finally {
    if (session) {
      await flushResults(session).catch(() => undefined);
      await closeSession(session).catch(() => undefined);
    }
  }
  const counts = session?.counts ?? emptyCounts();
  await finishRun(deps.db, run.id, status, counts, error);
  return { status, run: { ...run, status, counts, error }, transient: session?.transient ?? [] };
}
