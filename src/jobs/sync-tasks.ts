/**
 * The sync engine's work as job handlers. A handler throws when its work should be retried
 * (a transient failure); everything else is recorded as results and the job completes.
 */
import { syncDeletion, syncGroup, syncMembershipChange, syncUser } from '../sync/direct-sync.js';
import {
  type FullSyncDriver,
  type FullSyncStep,
  failFullSync,
  type Phase,
  runFullSyncStep,
  type StepOutcome,
  startFullSync,
} from '../sync/full-sync.js';
import type { SyncDeps } from '../sync/session.js';
import type { ObjectType } from '../sync/types.js';
import type { JobQueue, JobSpec, TaskHandlers } from './job-queue.js';
import { objectSyncJob } from './outbox-relay.js';

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

/** Attempts of a full-sync step before its run is ended with the error (the job is then dead). */
export const FULL_SYNC_STEP_ATTEMPTS = 5;

const phaseOf = (payload: Record<string, unknown>): Phase =>
  payload.phase === 'groups' ? 'groups' : 'users';

/** The jobs that carry a full sync's next steps; transient failures get their own retry jobs. */
export function fullSyncStepJobs(outcome: StepOutcome): JobSpec[] {
  const steps = outcome.next.map(
    (step): JobSpec => ({
      task: step.kind === 'page' ? 'sync.full.page' : 'sync.full.advance',
      payload: { ...step },
      jobKey:
        step.kind === 'page'
          ? `run:${step.runId}:${step.phase}:${step.seq}`
          : `run:${step.runId}:${step.phase}:advance`,
      maxAttempts: FULL_SYNC_STEP_ATTEMPTS,
    }),
  );
  // Objects that failed transiently get their own retry jobs, so they do not wait for the next full sync.
  const runAt = new Date(Date.now() + 30_000);
  const retries = outcome.transient.map((t) => objectSyncJob(t.providerId, t.type, t.localId, runAt));
  return [...steps, ...retries];
}

export function syncTaskHandlers(deps: SyncDeps, queue: JobQueue): TaskHandlers {
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
      const started = await startFullSync(driver, num(payload.providerId), {
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
      await runStep(
        {
          kind: 'page',
          providerId: num(payload.providerId),
          runId: String(payload.runId),
          phase: phaseOf(payload),
          seq: num(payload.seq),
        },
        context.attempt,
      );
    },
    async 'sync.full.advance'(payload, context) {
      await runStep(
        {
          kind: 'advance',
          providerId: num(payload.providerId),
          runId: String(payload.runId),
          phase: phaseOf(payload),
        },
        context.attempt,
      );
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
          { confirmed: payload.confirmed === true },
        ),
      );
    },
  };
}
