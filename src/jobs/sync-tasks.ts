/**
 * The handler of every task (see `TaskPayloads` in job-queue.ts): the sync engine's work and the
 * LDAP source's. A handler throws when its work should be retried (a transient failure);
 * everything else is recorded as results and the job completes.
 */
import { type LdapSyncDeps, runLdapSourceSync } from '../sources/ldap/ldap-jobs.js';
import { syncDeletion, syncGroup, syncMembershipChange, syncUser } from '../sync/direct-sync.js';
import {
  type FullSyncDriver,
  type FullSyncStep,
  failFullSync,
  runFullSyncStep,
  startFullSync,
} from '../sync/full-sync.js';
import type { SyncDeps } from '../sync/session.js';
import type { JobQueue, TaskHandlers } from './job-queue.js';
import { FULL_SYNC_STEP_ATTEMPTS, fullSyncStepJobs } from './job-specs.js';

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

/**
 * The handlers for a process's queue. `ldap` is what LDAP source syncs need; a process built
 * without it fails those jobs with an error that says so (they are retried, then dead).
 */
export function syncTaskHandlers(deps: SyncDeps, queue: JobQueue, ldap?: LdapSyncDeps): TaskHandlers {
  const driver: FullSyncDriver = {
    deps,
    durable: true,
    schedule: (trx, outcome) => queue.addJobs(trx, fullSyncStepJobs(outcome)),
  };
  async function runStep(step: FullSyncStep, attempt: number): Promise<void> {
    try {
      await runFullSyncStep(driver, step);
    } catch (error) {
      // The last attempt ends the run with the error, so it does not stay "running" until it goes stale.
      if (attempt >= FULL_SYNC_STEP_ATTEMPTS) await failFullSync(deps, step.runId, error);
      throw error;
    }
  }
  return {
    async 'sync.full'(payload) {
      const started = await startFullSync(driver, payload.providerId, {
        confirmDeletions: payload.confirmDeletions === true,
      });
      // Discovery or the first pages failed on a 5xx, throttling or a lost connection: that run is
      // recorded as failed, and the job starts a new one with backoff instead of waiting for the
      // next period. Configuration errors (credentials, permissions, mappings) wait for a person.
      if (started.status === 'error' && started.transient)
        throw new RetryableSyncError(
          `The full sync could not start: ${started.run.error ?? 'a transient failure'}. It is started again with backoff.`,
        );
    },
    async 'sync.full.page'(payload, context) {
      await runStep({ ...payload, kind: 'page' }, context.attempt);
    },
    async 'sync.full.advance'(payload, context) {
      await runStep({ ...payload, kind: 'advance' }, context.attempt);
    },
    async 'sync.user'(payload) {
      retryIfTransient(await syncUser(deps, payload.providerId, payload.userId));
    },
    async 'sync.group'(payload) {
      retryIfTransient(await syncGroup(deps, payload.providerId, payload.groupId));
    },
    async 'sync.members'(payload) {
      retryIfTransient(
        await syncMembershipChange(deps, payload.providerId, {
          groupId: payload.groupId,
          added: payload.added ?? [],
          removed: payload.removed ?? [],
          capturedRemoteIds: payload.captured ?? {},
        }),
      );
    },
    async 'sync.delete'(payload) {
      retryIfTransient(
        await syncDeletion(deps, payload.providerId, payload.type, payload.remoteId, payload.label ?? '', {
          confirmed: payload.confirmed === true,
        }),
      );
    },
    async 'source.ldap.sync'(payload) {
      if (!ldap)
        throw new Error(
          `LDAP source ${payload.sourceId} cannot sync in this process: its job handlers were built without the LDAP source's dependencies (pass them to syncTaskHandlers).`,
        );
      await runLdapSourceSync(ldap, payload);
    },
  };
}
