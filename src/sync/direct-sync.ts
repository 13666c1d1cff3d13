/**
 * Direct sync: one directory change reaches the remote side without waiting for a full sync.
 * Each function is one job's work; all share the error policy of `apply-objects.ts` (per-object
 * results, configuration errors recorded as events) — unlike authentik, where bad requests in
 * direct and membership jobs failed the job.
 */

import { v7 as uuidv7 } from 'uuid';
import { membersOfGroups } from '../directory/groups.js';
import { applyMemberChanges, reconcileMembers } from './apply-members.js';
import { syncObjects } from './apply-objects.js';
import { linkFor, linksFor } from './link-records.js';
import { clearConfigurationError, findProvider, readConfigurationError } from './provider-records.js';
import { emptyCounts, finishRun, type RunCounts, recordResults, startRun } from './run-records.js';
import { isUserInScope } from './scope.js';
import {
  asConfigurationError,
  closeSession,
  openSession,
  recordConfigurationError,
  type SyncDeps,
  type SyncSession,
} from './session.js';
import { flushResults, report, throwIfConfiguration } from './sync-report.js';
import type { ObjectType, Operation, SyncProvider, WriteResult } from './types.js';

export type DirectOutcome =
  | { status: 'skipped'; reason: string }
  | { status: 'done' | 'warning' | 'error'; counts: RunCounts; transient: boolean; error?: string };

interface DirectOptions {
  /** Override the provider's dry-run setting (the `sync/object` endpoint's `override_dry_run`). */
  dryRun?: boolean;
  /** Record the work as a run of this kind (single-object syncs from the API are `object` runs). */
  recordRun?: boolean;
  /** A deletion an administrator confirmed after it was held: the deletion threshold does not apply. */
  confirmed?: boolean;
}

/** Deletions of one provider within this window count toward its deletion threshold. */
export const DELETION_BURST_WINDOW_MS = 10 * 60_000;

/**
 * Reserve a deletion against the provider's threshold, or hold it. Within the window, deletions
 * and suspensions sent, being sent or held count; once they reach the threshold, the next one is
 * held for an administrator instead of sent. A mass delete in the directory (a mistaken bulk
 * action, an import gone wrong) then waits instead of deleting every account in Entra ID, where a
 * deleted security group cannot be restored with its members.
 *
 * Concurrent jobs decide one at a time (the provider row is locked; SQLite serialises writers), and
 * each decision is written before any deletion is sent: a burst of jobs cannot all see room left.
 * Returns the reserved result row to complete, `held`, or null when no threshold applies.
 */
async function reserveDeletion(
  deps: SyncDeps,
  provider: SyncProvider,
  entry: { runId: string | null; type: ObjectType; remoteId: string; label: string; action: Operation },
): Promise<{ reservation: string } | 'held' | null> {
  const threshold = provider.settings.deletion_threshold;
  if (threshold <= 0) return null;
  return deps.db.transaction().execute(async (trx) => {
    let lock = trx.selectFrom('providers').select('id').where('id', '=', provider.id);
    if (deps.dialect === 'postgres') lock = lock.forUpdate();
    await lock.executeTakeFirst();
    const since = new Date(Date.now() - DELETION_BURST_WINDOW_MS).toISOString();
    const row = await trx
      .selectFrom('sync_results')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('provider_id', '=', provider.id)
      .where('local_id', 'is', null)
      .where('operation', 'in', ['delete', 'suspend'])
      .where('status', 'in', ['ok', 'held', 'sending'])
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    const held = Number(row.n) >= threshold;
    const id = uuidv7();
    await recordResults(trx, [
      {
        id,
        runId: entry.runId,
        providerId: provider.id,
        objectType: entry.type,
        localId: null,
        remoteId: entry.remoteId,
        operation: entry.action,
        status: held ? 'held' : 'sending',
        message: held
          ? `Held: more than ${threshold} deletions within ${DELETION_BURST_WINDOW_MS / 60_000} minutes. Confirm or discard the held deletions on the provider page.`
          : null,
        detail: { object: entry.label, action: entry.action },
      },
    ]);
    return held ? 'held' : { reservation: id };
  });
}

async function activeProvider(deps: SyncDeps, providerId: number): Promise<SyncProvider | string> {
  const provider = await findProvider(deps.db, providerId);
  if (!provider) return `Provider ${providerId} does not exist.`;
  if (!provider.backchannelApplicationUuid)
    return 'No provider found. Is it assigned to an application as a backchannel provider?';
  return provider;
}

/** What a direct-sync job is about: the object its result is recorded against. */
interface JobSubject {
  type: ObjectType;
  localId: number | null;
  remoteId?: string | null;
  label: string;
  /** A deletion: its remote id exists only in the job, so it must wait, not be dropped. */
  deletion?: boolean;
}

/**
 * The provider stopped on a configuration error (bad credential, missing permission, a mapping
 * that fails every object): a job sends nothing — no token request, no event, no warning per
 * object — and records why in one result row. A user, group or membership change is left for the
 * full sync that fixing the provider starts (a save queues one); a deletion is retried with
 * backoff instead, because no full sync can find its remote object again (the link is gone), and
 * once it has used its attempts it stays as a dead job an administrator can retry.
 */
async function notSentWhileMisconfigured(
  deps: SyncDeps,
  provider: SyncProvider,
  subject: JobSubject,
): Promise<DirectOutcome | null> {
  const stored = await readConfigurationError(deps.db, provider.id);
  if (!stored) return null;
  const reason = `Not sent: the provider stopped on a configuration error at ${stored.at} (${stored.message}). Fix it and save the provider or test its connection; ${
    subject.deletion ? 'this deletion is retried until then.' : 'the next full sync sends this change.'
  }`;
  await recordResults(deps.db, [
    {
      runId: null,
      providerId: provider.id,
      objectType: subject.type,
      localId: subject.localId,
      remoteId: subject.remoteId ?? null,
      operation: subject.deletion ? 'delete' : 'sync',
      status: 'skipped',
      message: reason,
      detail: { object: subject.label, configuration_error_at: stored.at },
    },
  ]);
  if (subject.deletion) return { status: 'error', counts: emptyCounts(), transient: true, error: reason };
  return { status: 'skipped', reason };
}

/** Open a direct-sync job's session, run `work`, record results, and turn failures into an outcome. */
async function withJobSession(
  deps: SyncDeps,
  provider: SyncProvider,
  options: DirectOptions,
  subject: JobSubject,
  work: (session: SyncSession) => Promise<void>,
): Promise<DirectOutcome & { runId?: string }> {
  // An administrator's own sync of one object (`recordRun`) still tries: it is how a fix is checked.
  if (!options.recordRun) {
    const notSent = await notSentWhileMisconfigured(deps, provider, subject);
    if (notSent) return notSent;
  }
  const dryRun = options.dryRun ?? provider.settings.dry_run;
  const run = options.recordRun ? await startRun(deps.db, provider.id, 'object', dryRun, 1) : null;
  let session: SyncSession | null = null;
  try {
    session = await openSession(deps, provider, { dryRun, runId: run?.id ?? null });
    await work(session);
    const status = session.counts.failed > 0 ? 'warning' : 'done';
    if (run) await finishRun(deps.db, run.id, status, session.counts);
    // Only the administrator's sync clears the state: an object job runs only while none is set.
    if (run) await clearConfigurationError(deps.db, provider.id);
    return { status, counts: session.counts, transient: session.transient.length > 0, runId: run?.id };
  } catch (caught) {
    const message = caught instanceof Error ? caught.message : String(caught);
    const configuration = asConfigurationError(caught);
    if (configuration) {
      // Jobs started before the first failure was recorded report nothing more.
      await recordConfigurationError(
        deps,
        provider,
        `Stopping sync due to a configuration error: ${message}`,
        configuration.detail,
        { once: true },
      );
    } else {
      deps.logger?.error({ err: caught, provider: provider.id }, 'direct sync failed');
    }
    if (run) await finishRun(deps.db, run.id, 'error', session?.counts ?? emptyCounts(), message);
    // An unexpected error (network, database) is worth retrying; a configuration error is not.
    return {
      status: 'error',
      counts: session?.counts ?? emptyCounts(),
      transient: configuration === null,
      error: message,
      runId: run?.id,
    };
  } finally {
    if (session) {
      await flushResults(session).catch(() => undefined);
      await closeSession(session).catch(() => undefined);
    }
  }
}

/** Push one user; after creating it, add it to its groups that already exist remotely. */
export async function syncUser(
  deps: SyncDeps,
  providerId: number,
  userId: number,
  options: DirectOptions = {},
) {
  const provider = await activeProvider(deps, providerId);
  if (typeof provider === 'string') return { status: 'skipped' as const, reason: provider };
  if (!(await isUserInScope(deps.db, provider, userId))) {
    return {
      status: 'skipped' as const,
      reason: 'The user is out of scope for this provider (filter group or service-account exclusion).',
    };
  }
  const subject = { type: 'user' as const, localId: userId, label: `user ${userId}` };
  return withJobSession(deps, provider, options, subject, async (session) => {
    const outcome = await syncObjects(session, 'user', [userId]);
    const remoteId = outcome.remoteIds.get(userId);
    if (!remoteId || !outcome.created.has(userId)) return;
    const groups = await deps.db
      .selectFrom('group_members')
      .select('group_id')
      .where('user_id', '=', userId)
      .execute();
    const groupLinks = await linksFor(
      deps.db,
      provider.id,
      'group',
      groups.map((g) => g.group_id),
    );
    for (const link of groupLinks.values()) {
      if (link.remoteId)
        await applyMemberChanges(
          session,
          { localId: link.localId, label: `group ${link.localId}`, remoteId: link.remoteId },
          [remoteId],
          [],
        );
    }
  });
}

/** Push one group, then reconcile its members. */
export async function syncGroup(
  deps: SyncDeps,
  providerId: number,
  groupId: number,
  options: DirectOptions = {},
) {
  const provider = await activeProvider(deps, providerId);
  if (typeof provider === 'string') return { status: 'skipped' as const, reason: provider };
  const subject = { type: 'group' as const, localId: groupId, label: `group ${groupId}` };
  return withJobSession(deps, provider, options, subject, async (session) => {
    // Graph allows duplicate group names, so a direct create looks for an existing group first;
    // a new group carries its first members in the create, as in a full sync (one write up to 20).
    const outcome = await syncObjects(session, 'group', [groupId], {
      lookupBeforeCreate: true,
      initialMembers: true,
    });
    const remoteId = outcome.remoteIds.get(groupId);
    if (!remoteId) return;
    await reconcileMembers(
      session,
      { localId: groupId, label: `group ${groupId}`, remoteId },
      { knownEmpty: outcome.created.has(groupId), knownMembers: outcome.createdMembers.get(groupId) },
    );
  });
}

/**
 * Members were added to or removed from a group. Removed users may be gone already, so their
 * remote ids come from the change (captured before the delete) when no link remains.
 */
export async function syncMembershipChange(
  deps: SyncDeps,
  providerId: number,
  change: { groupId: number; added: number[]; removed: number[]; capturedRemoteIds?: Record<number, string> },
) {
  const provider = await activeProvider(deps, providerId);
  if (typeof provider === 'string') return { status: 'skipped' as const, reason: provider };
  const groupLink = await linkFor(deps.db, provider.id, 'group', change.groupId);
  if (!groupLink?.remoteId) {
    // The group does not exist remotely yet: creating it pushes all its current members.
    return syncGroup(deps, providerId, change.groupId);
  }
  const remoteGroupId = groupLink.remoteId;
  const subject = { type: 'group' as const, localId: change.groupId, label: `group ${change.groupId}` };
  return withJobSession(deps, provider, {}, subject, async (session) => {
    const members = new Set((await membersOfGroups(deps.db, [change.groupId])).get(change.groupId));
    const userLinks = await linksFor(deps.db, provider.id, 'user', [...change.added, ...change.removed]);
    // Apply the current state, not the event: a later change may already have reversed this one.
    const add = change.added
      .filter((id) => members.has(id))
      .map((id) => userLinks.get(id)?.remoteId)
      .filter((id): id is string => !!id);
    const remove = change.removed
      .filter((id) => !members.has(id))
      .map((id) => userLinks.get(id)?.remoteId ?? change.capturedRemoteIds?.[id])
      .filter((id): id is string => !!id);
    await applyMemberChanges(
      session,
      { localId: change.groupId, label: `group ${change.groupId}`, remoteId: remoteGroupId },
      add,
      remove,
    );
  });
}

/**
 * A user or group was deleted locally: apply the provider's deletion action to the remote object
 * whose id was captured before the local delete. Groups cannot be suspended: suspend does nothing.
 */
export async function syncDeletion(
  deps: SyncDeps,
  providerId: number,
  type: ObjectType,
  remoteId: string,
  label: string,
  options: DirectOptions = {},
) {
  const provider = await activeProvider(deps, providerId);
  if (typeof provider === 'string') return { status: 'skipped' as const, reason: provider };
  const action =
    type === 'user' ? provider.settings.user_delete_action : provider.settings.group_delete_action;
  const subject = { type, localId: null, remoteId, label, deletion: true };
  return withJobSession(deps, provider, options, subject, async (session) => {
    const suspendPatch = action === 'suspend' ? session.target.suspendPatch(type) : null;
    if (action !== 'delete' && suspendPatch === null) {
      await report(
        session,
        type,
        { localId: null, label },
        {
          operation: 'unlink',
          status: 'ok',
          remoteId,
          message: 'Deletion action "do nothing": the remote object is left as it is',
          detail: { action },
        },
      );
      return;
    }
    const operation: Operation = action === 'delete' ? 'delete' : 'suspend';
    // A reserved deletion's outcome completes its reservation (which kept its place in the count).
    let reservation: string | undefined;
    if (!session.dryRun && !options.confirmed) {
      const decision = await reserveDeletion(deps, provider, {
        runId: session.runId,
        type,
        remoteId,
        label,
        action: operation,
      });
      if (decision === 'held') {
        session.counts.held++;
        return;
      }
      reservation = decision?.reservation;
    }
    const [result] =
      action === 'delete'
        ? await session.target.deleteMany(type, [remoteId])
        : await session.target.updateMany(type, [{ remoteId, patch: suspendPatch ?? {} }]);
    if (result)
      await reportDeletion(session, type, { remoteId, label, action, operation, reservation }, result);
  });
}

/** The outcome of a deletion or suspension sent for a local deletion. */
async function reportDeletion(
  session: SyncSession,
  type: ObjectType,
  sent: { remoteId: string; label: string; action: string; operation: Operation; reservation?: string },
  result: WriteResult,
): Promise<void> {
  const base = {
    operation: sent.operation,
    remoteId: sent.remoteId,
    completes: sent.reservation,
    detail: { action: sent.action },
  };
  const object = { localId: null, label: sent.label };
  if (result.status === 'sent') {
    await report(session, type, object, { ...base, status: 'ok', requestId: result.requestId });
    return;
  }
  if (result.status === 'notSent') {
    // A dry run records the request that would have been sent.
    await report(session, type, object, {
      ...base,
      status: 'dry_run',
      message: `Dry run: ${result.request.method} ${result.request.url} was not sent`,
      detail: { ...base.detail, request: result.request },
    });
    return;
  }
  const failure = result.failure;
  if (failure.kind === 'not_found') {
    await report(session, type, object, {
      ...base,
      status: 'ok',
      message: 'Object not found in remote provider',
      requestId: failure.requestId,
      counts: {},
    });
    return;
  }
  const transient = failure.kind === 'transient';
  await report(session, type, object, {
    ...base,
    status: 'error',
    message: failure.message,
    requestId: failure.requestId,
    // A transient failure is retried (the job throws); it is not counted as failed.
    counts: transient ? {} : { failed: 1 },
    transient,
  });
  throwIfConfiguration(failure);
}
