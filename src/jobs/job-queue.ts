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
import type { Database } from '../store/schema.js';

export type TaskName =
  | 'sync.full'
  | 'sync.full.page'
  | 'sync.full.advance'
  | 'sync.user'
  | 'sync.group'
  | 'sync.members'
  | 'sync.delete';

export interface JobSpec {
  task: TaskName;
  payload: Record<string, unknown>;
  queueName?: string;
  jobKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}

export interface JobContext {
  /** Attempt number, starting at 1. */
  attempt: number;
  jobId: string;
}

/** A task handler: throw to have the job retried with backoff. */
export type TaskHandler = (payload: Record<string, unknown>, context: JobContext) => Promise<void>;
export type TaskHandlers = Record<TaskName, TaskHandler>;

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
