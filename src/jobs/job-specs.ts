/**
 * Every job Conduit enqueues is built here: which task, which payload (see `TaskPayloads` in
 * job-queue.ts), and how it is queued.
 *
 * Invariants:
 * - changes to one object run in that object's queue (`p{provider}:user:{id}`, `p{provider}:group:{id}`),
 *   one at a time and in order;
 * - one pending full sync per provider (job key `p{provider}:full`), one pending step per page;
 * - one pending sync per LDAP source (job key `source.ldap.sync:{source}`), in the source's queue so
 *   two syncs of one source never run at once.
 */
import type { LdapSyncPayload } from '../sources/ldap/ldap-jobs.js';
import type { StepOutcome } from '../sync/full-sync.js';
import type { ObjectType } from '../sync/types.js';
import type { JobSpec, TaskPayloads } from './job-queue.js';

/** Attempts of a full-sync step before its run is ended with the error (the job is then dead). */
export const FULL_SYNC_STEP_ATTEMPTS = 5;

/** A transiently failed object is retried on its own after this long. */
const OBJECT_RETRY_DELAY_MS = 30_000;

/** The queue of one user's changes to one provider. */
export const userQueue = (providerId: number, userId: number) => `p${providerId}:user:${userId}`;
/** The queue of one group's changes (and its members') to one provider. */
export const groupQueue = (providerId: number, groupId: number) => `p${providerId}:group:${groupId}`;
const objectQueue = (providerId: number, type: ObjectType, localId: number) =>
  type === 'user' ? userQueue(providerId, localId) : groupQueue(providerId, localId);

/** Start a full sync of one provider (replaces a pending one). */
export function fullSyncJob(
  providerId: number,
  runAt?: Date,
  confirmDeletions = false,
): JobSpec<'sync.full'> {
  return {
    task: 'sync.full',
    payload: { providerId, confirmDeletions },
    queueName: `p${providerId}:full`,
    jobKey: `p${providerId}:full`,
    runAt,
    maxAttempts: 5,
  };
}

/** The jobs that carry a full sync's next steps; transient failures get their own retry jobs. */
export function fullSyncStepJobs(outcome: StepOutcome, now = Date.now()): JobSpec[] {
  const steps = outcome.next.map(
    (step): JobSpec =>
      step.kind === 'page'
        ? {
            task: 'sync.full.page',
            payload: { ...step },
            jobKey: `run:${step.runId}:${step.phase}:${step.seq}`,
            maxAttempts: FULL_SYNC_STEP_ATTEMPTS,
          }
        : {
            task: 'sync.full.advance',
            payload: { ...step },
            jobKey: `run:${step.runId}:${step.phase}:advance`,
            maxAttempts: FULL_SYNC_STEP_ATTEMPTS,
          },
  );
  // Objects that failed transiently get their own retry jobs, so they do not wait for the next full sync.
  const runAt = new Date(now + OBJECT_RETRY_DELAY_MS);
  const retries = outcome.transient.map((t) => objectSyncJob(t.providerId, t.type, t.localId, runAt));
  return [...steps, ...retries];
}

/** Sync one user or group to one provider, in that object's queue (changes apply in order). */
export function objectSyncJob(
  providerId: number,
  type: ObjectType,
  localId: number,
  runAt?: Date,
): JobSpec<'sync.user' | 'sync.group'> {
  return type === 'user'
    ? {
        task: 'sync.user',
        payload: { providerId, userId: localId },
        queueName: userQueue(providerId, localId),
        runAt,
      }
    : {
        task: 'sync.group',
        payload: { providerId, groupId: localId },
        queueName: groupQueue(providerId, localId),
        runAt,
      };
}

/** Members added to or removed from a group, in the group's queue. */
export function membersSyncJob(payload: TaskPayloads['sync.members']): JobSpec<'sync.members'> {
  return { task: 'sync.members', payload, queueName: groupQueue(payload.providerId, payload.groupId) };
}

/**
 * Delete one remote object. With the local id (a directory deletion) it runs in the object's
 * queue, after the object's earlier changes; a confirmed held deletion has no local object left.
 */
export function deletionSyncJob(
  payload: TaskPayloads['sync.delete'],
  localId?: number,
): JobSpec<'sync.delete'> {
  return {
    task: 'sync.delete',
    payload,
    queueName: localId === undefined ? undefined : objectQueue(payload.providerId, payload.type, localId),
  };
}

/** One sync of an LDAP source (scheduled or "sync now"); replaces a pending one of the same source. */
export function ldapSourceSyncJob(payload: LdapSyncPayload, runAt?: Date): JobSpec<'source.ldap.sync'> {
  return {
    task: 'source.ldap.sync',
    payload,
    jobKey: `source.ldap.sync:${payload.sourceId}`,
    queueName: `source.ldap:${payload.sourceId}`,
    runAt,
  };
}
