/**
 * The sync engine's work as job handlers. A handler throws when its work should be retried
 * (a transient failure); everything else is recorded as results and the job completes.
 */
import { syncDeletion, syncGroup, syncMembershipChange, syncUser } from '../sync/direct-sync.js';
import { runFullSync } from '../sync/full-sync.js';
import type { SyncDeps } from '../sync/session.js';
import type { ObjectType } from '../sync/types.js';
import type { JobQueue, TaskHandlers } from './job-queue.js';
import { groupQueue, userQueue } from './outbox-relay.js';

export class RetryableSyncError extends Error {
  readonly code = 'retryable_sync_error';
}

function retryIfTransient(outcome: { status: string; transient?: boolean; error?: string }): void {
  if (outcome.status !== 'skipped' && outcome.transient) {
    throw new RetryableSyncError(
      outcome.error ?? 'A transient failure occurred; the job will be retried with backoff.',
    );
  }
}

const num = (v: unknown) => Number(v);

export function syncTaskHandlers(deps: SyncDeps, queue: JobQueue): TaskHandlers {
  return {
    async 'sync.full'(payload) {
      const providerId = num(payload.providerId);
      const outcome = await runFullSync(deps, providerId, {
        confirmDeletions: payload.confirmDeletions === true,
      });
      if (outcome.status === 'skipped') return;
      // Objects that failed transiently get their own retry jobs, so they do not wait 4 hours.
      if (outcome.transient.length > 0) {
        const runAt = new Date(Date.now() + 30_000);
        await deps.db.transaction().execute((trx) =>
          queue.addJobs(
            trx,
            outcome.transient.map((t) =>
              t.type === 'user'
                ? {
                    task: 'sync.user' as const,
                    payload: { providerId, userId: t.localId },
                    queueName: userQueue(providerId, t.localId),
                    runAt,
                  }
                : {
                    task: 'sync.group' as const,
                    payload: { providerId, groupId: t.localId },
                    queueName: groupQueue(providerId, t.localId),
                    runAt,
                  },
            ),
          ),
        );
      }
    },
    async 'sync.user'(payload) {
      retryIfTransient(await syncUser(deps, num(payload.providerId), num(payload.userId)));
    },
    async 'sync.group'(payload) {
      retryIfTransient(await syncGroup(deps, num(payload.providerId), num(payload.groupId)));
    },
    async 'sync.members'(payload) {
      const captured = (payload.captured ?? {}) as Record<number, string>;
      retryIfTransient(
        await syncMembershipChange(deps, num(payload.providerId), {
          groupId: num(payload.groupId),
          added: ((payload.added as unknown[]) ?? []).map(num),
          removed: ((payload.removed as unknown[]) ?? []).map(num),
          capturedRemoteIds: captured,
        }),
      );
    },
    async 'sync.delete'(payload) {
      retryIfTransient(
        await syncDeletion(
          deps,
          num(payload.providerId),
          payload.type as ObjectType,
          String(payload.remoteId),
          String(payload.label ?? ''),
        ),
      );
    },
  };
}
