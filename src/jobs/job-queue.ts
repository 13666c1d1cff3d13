/**
 * Terminology
 * - job: one unit of background work (a task name and a JSON payload), durable in the database.
 * - queue name: jobs sharing one run strictly one at a time, in order (per-object ordering).
 * - job key: at most one pending job per key; adding again replaces the pending one (de-duplication).
 * - dead job: a job that failed `maxAttempts` times; kept, visible, and retryable by an administrator.
 *
 * Two implementations share this interface: a `jobs` table in the SQLite file (embedded default)
 * and graphile-worker on PostgreSQL (several processes). Jobs are enqueued inside the caller's
 * transaction, so a job exists if and only if the change that caused it committed.
 */
import type { Transaction } from 'kysely';
import type { LdapSyncPayload } from '../sources/ldap/ldap-jobs.js';
import type { Database } from '../store/schema.js';
import type { FullSyncStep } from '../sync/full-sync.js';
import type { ObjectType } from '../sync/types.js';

/**
 * Each task's payload, by task name (graphile-worker's `Tasks` idiom). Payloads are JSON: what a
 * job builder in job-specs.ts writes is what its handler in sync-tasks.ts reads.
 */
export interface TaskPayloads {
  /** Start a full sync of one provider. */
  'sync.full': {
    providerId: number;
    /** Apply out-of-scope deletions even above the provider's deletion threshold. */
    confirmDeletions?: boolean;
  };
  /** One page of a running full sync. */
  'sync.full.page': Extract<FullSyncStep, { kind: 'page' }>;
  /** A full sync's move to its next phase, once every page of the current one is done. */
  'sync.full.advance': Extract<FullSyncStep, { kind: 'advance' }>;
  /** Direct sync of one user to one provider. */
  'sync.user': { providerId: number; userId: number };
  /** Direct sync of one group (not its members) to one provider. */
  'sync.group': { providerId: number; groupId: number };
  /** Members added to or removed from one group, for one provider. */
  'sync.members': {
    providerId: number;
    groupId: number;
    added: number[];
    removed: number[];
    /** Removed users' remote ids, captured from their links when the change was made. */
    captured?: Record<number, string>;
  };
  /** Delete one remote object whose local object is gone (its link captured before the delete). */
  'sync.delete': {
    providerId: number;
    type: ObjectType;
    remoteId: string;
    /** The local object's name, for results and events. */
    label: string;
    /** An administrator confirmed it: it is sent even above the deletion threshold. */
    confirmed?: boolean;
  };
  /** One sync of an LDAP source into the directory (src/sources/ldap). */
  'source.ldap.sync': LdapSyncPayload;
}

export type TaskName = keyof TaskPayloads;

/** A job to enqueue: a task, its payload, and how it is queued. */
export type JobSpec<K extends TaskName = TaskName> = {
  [T in K]: {
    task: T;
    payload: TaskPayloads[T];
    queueName?: string;
    jobKey?: string;
    runAt?: Date;
    maxAttempts?: number;
  };
}[K];

export interface JobContext {
  /** Attempt number, starting at 1. */
  attempt: number;
  jobId: string;
}

/** A task handler: throw to have the job retried with backoff. */
export type TaskHandler<K extends TaskName> = (
  payload: TaskPayloads[K],
  context: JobContext,
) => Promise<void>;
/** A handler for every task; the queues hand each the payload its job builder wrote. */
export type TaskHandlers = { [K in TaskName]: TaskHandler<K> };

export interface DeadJob {
  id: string;
  task: string;
  payload: Record<string, unknown>;
  queueName: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: string;
}

export interface QueueCounts {
  pending: number;
  running: number;
  dead: number;
}

export interface JobQueue {
  readonly kind: 'sqlite' | 'graphile-worker';
  /** Enqueue inside the given transaction. */
  addJobs(trx: Transaction<Database>, jobs: JobSpec[]): Promise<void>;
  /** Start executing jobs with the given handlers. */
  start(handlers: TaskHandlers, options?: { concurrency?: number; pollIntervalMs?: number }): Promise<void>;
  /** New work may be waiting: poll now instead of at the next interval. */
  wake(): void;
  /** Stop taking jobs, let running ones finish (up to `graceMs`), hand back the rest. */
  stop(graceMs?: number): Promise<void>;
  listDead(): Promise<DeadJob[]>;
  retryDead(id: string): Promise<boolean>;
  counts(): Promise<QueueCounts>;
  /** Resolves when no job is pending or running (tests, the demo). */
  drain(timeoutMs?: number): Promise<void>;
}

/** Retry delay after `attempt` failures: exponential, capped at an hour (as graphile-worker). */
export function retryDelayMs(attempt: number): number {
  return Math.min(3_600_000, Math.round(Math.exp(Math.min(attempt, 20)) * 1000));
}
