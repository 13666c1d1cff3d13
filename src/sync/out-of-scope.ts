/**
 * Users who leave a provider's scope (removed from the filter group, turned into a service account).
 * The reference ignores them forever, leaving orphaned accounts; Conduit applies the provider's
 * `out_of_scope_action` (none by default, as in the reference; or suspend; or delete) during full
 * syncs, and holds a mass change above `deletion_threshold` until an administrator confirms it.
 */
import { recordEvent } from '../directory/changes.js';
import { readJson } from '../store/dialect.js';
import { deleteLink, upsertLink } from './link-records.js';
import { rememberedState } from './plan.js';
import { outOfScopeUserLinks } from './scope.js';
import { SyncConfigurationError, type SyncSession } from './session.js';

export interface OutOfScopeOutcome {
  applied: number;
  held: number;
}

export async function applyOutOfScopeAction(
  session: SyncSession,
  options: { confirmed: boolean },
): Promise<OutOfScopeOutcome> {
  const { provider, deps, target } = session;
  const action = provider.settings.out_of_scope_action;
  if (action === 'none') return { applied: 0, held: 0 };
  const links = (await outOfScopeUserLinks(deps.db, provider)).filter(
    // Already suspended by an earlier run: nothing more to do.
    (l) =>
      !(
        action === 'suspend' &&
        l.state === 'skipped' &&
        readJson<Record<string, unknown>>(l.attributes, {}).accountEnabled === false
      ),
  );
  if (links.length === 0) return { applied: 0, held: 0 };
  const threshold = provider.settings.deletion_threshold;
  if (threshold > 0 && links.length > threshold && !options.confirmed) {
    const message = `${links.length} users left the scope of provider "${provider.name}"; ${action === 'delete' ? 'deleting' : 'suspending'} more than ${threshold} accounts at once is held until confirmed (POST …/sync/full/ with {"confirm_deletions": true}).`;
    await recordEvent(deps.db, {
      action: 'sync_deletions_held',
      app: 'conduit.sync',
      actor: null,
      context: {
        provider: { pk: provider.id, name: provider.name },
        count: links.length,
        threshold,
        action,
        message,
      },
    });
    for (const l of links.slice(0, 200)) {
      session.pending.push({
        runId: session.runId,
        providerId: provider.id,
        objectType: 'user',
        localId: l.localId,
        remoteId: l.remoteId,
        operation: action,
        status: 'skipped',
        message,
      });
    }
    session.counts.held += links.length;
    return { applied: 0, held: links.length };
  }
  const results =
    action === 'delete'
      ? await target.deleteMany(
          'user',
          links.map((l) => l.remoteId),
        )
      : await target.updateMany(
          'user',
          links.map((l) => ({ remoteId: l.remoteId, patch: target.suspendPatch('user') ?? {} })),
        );
  let applied = 0;
  for (const [i, link] of links.entries()) {
    const result = results[i];
    if (!result) continue;
    if (!result.ok) {
      if (result.failure.kind === 'configuration') throw new SyncConfigurationError(result.failure.message);
      const dry = result.failure.kind === 'dry_run';
      session.pending.push({
        runId: session.runId,
        providerId: provider.id,
        objectType: 'user',
        localId: link.localId,
        remoteId: link.remoteId,
        operation: action,
        status: dry ? 'dry_run' : 'error',
        message: dry ? `Dry run: out-of-scope ${action} not sent` : result.failure.message,
        graphRequestId: result.failure.requestId ?? null,
      });
      if (dry) session.counts.dry_run++;
      else session.counts.failed++;
      continue;
    }
    applied++;
    if (action === 'delete') {
      await deleteLink(deps.db, provider.id, 'user', link.localId);
      session.counts.deleted++;
    } else {
      const patch = target.suspendPatch('user') ?? {};
      await upsertLink(deps.db, provider.id, 'user', link.localId, {
        attributes: rememberedState(readJson(link.attributes, {}), patch, new Set()),
        state: 'skipped',
        lastError: 'Out of scope: suspended',
        synced: true,
      });
      session.counts.suspended++;
    }
    session.pending.push({
      runId: session.runId,
      providerId: provider.id,
      objectType: 'user',
      localId: link.localId,
      remoteId: link.remoteId,
      operation: action,
      status: 'ok',
      message: `Out of the provider's scope: ${action === 'delete' ? 'deleted' : 'suspended'} in Entra ID`,
      graphRequestId: result.requestId ?? null,
    });
  }
  return { applied, held: 0 };
}
