/**
 * Users who leave a provider's scope (removed from the filter group, turned into a service account).
 * authentik ignores them forever, leaving orphaned accounts; Conduit applies the provider's
 * `out_of_scope_action` (none by default, compatible with authentik; or suspend; or delete) during
 * full syncs, and holds a mass change above `deletion_threshold` until an administrator confirms it.
 */
import { recordEvent } from '../directory/changes.js';
import { readJson } from '../store/dialect.js';
import { rememberedState } from './plan.js';
import { outOfScopeUserLinks } from './scope.js';
import type { SyncSession } from './session.js';
import { report, throwIfConfiguration } from './sync-report.js';

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
    for (const l of links.slice(0, 200))
      await report(
        session,
        'user',
        { localId: l.localId },
        { operation: action, status: 'skipped', remoteId: l.remoteId, message, counts: {} },
      );
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
  const suspendPatch = target.suspendPatch('user') ?? {};
  for (const [i, link] of links.entries()) {
    const result = results[i];
    if (!result) continue;
    const object = { localId: link.localId };
    if (result.status === 'failed') {
      throwIfConfiguration(result.failure);
      await report(session, 'user', object, {
        operation: action,
        status: 'error',
        remoteId: link.remoteId,
        message: result.failure.message,
        requestId: result.failure.requestId,
      });
      continue;
    }
    if (result.status === 'notSent') {
      await report(session, 'user', object, {
        operation: action,
        status: 'dry_run',
        remoteId: link.remoteId,
        message: `Dry run: out-of-scope ${action} not sent`,
      });
      continue;
    }
    applied++;
    await report(session, 'user', object, {
      operation: action,
      status: 'ok',
      remoteId: link.remoteId,
      message: `Out of the provider's scope: ${action === 'delete' ? 'deleted' : 'suspended'} in Entra ID`,
      requestId: result.requestId,
      link:
        action === 'delete'
          ? 'delete'
          : {
              attributes: rememberedState(readJson(link.attributes, {}), suspendPatch, new Set()),
              state: 'skipped',
              lastError: 'Out of scope: suspended',
              synced: true,
            },
    });
  }
  return { applied, held: 0 };
}
