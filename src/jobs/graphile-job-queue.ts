/**
 * The PostgreSQL job queue: `JobQueue` on graphile-worker 0.17, for several Conduit processes
 * (API servers and workers, on one or more machines) sharing one database.
 *
 * Invariants:
 * - a job is enqueued by `graphile_worker.add_jobs(...)` on the caller's Kysely transaction, so it
 *   exists if and only if the directory change that caused it committed (no dual write);
 * - a job key has at most one pending job (graphile-worker's "replace" mode); a job with that key
 *   that is already running keeps running and the new one queues behind it;
 * - a queue name runs one job at a time, in order: graphile-worker locks the queue row with the job,
 *   so two changes to one object never apply concurrently or out of order;
 * - a job is deleted only after its handler resolved; a throw reschedules it with graphile-worker's
 *   exponential backoff (`exp(attempts)` seconds, as `retryDelayMs`); after `maxAttempts` it is
 *   dead: kept, listed by `listDead`, retried by `retryDead`;
 * - crash safety: every worker pool holds a session-level advisory lock for as long as its process
 *   lives (the lock goes when PostgreSQL notices the connection closed, e.g. after `kill -9`). The
 *   crash sweeper (run by every started queue) unlocks the jobs and queues of pools whose lock is
 *   gone with `force_unlock_workers`, instead of graphile-worker's 4-hour stale-lock timeout, and
 *   marks the full-sync run such a pool was executing as interrupted so the retried job can claim
 *   a new one. Only locks older than `sweepGraceMs` are considered: a pool takes its advisory lock
 *   just after it starts. Handlers must be idempotent (a job can run twice: at-least-once).
 */
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import {
  Logger,
  type Runner,
  run,
  runMigrations,
  type Task,
  type TaskList,
  type WorkerEvents,
} from 'graphile-worker';
import { type Kysely, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { nowIso } from '../store/dialect.js';
import type { Database } from '../store/schema.js';
import type {
  DeadJob,
  JobQueue,
  JobSpec,
  QueueCounts,
  TaskHandler,
  TaskHandlers,
  TaskName,
  TaskPayloads,
} from './job-queue.js';

const DEFAULT_MAX_ATTEMPTS = 10;
/** First key of the two-key advisory locks that mark live worker pools ("CND"). */
export const POOL_LIVENESS_LOCK_NAMESPACE = 0x434e44;
/** Serialises schema installation between processes starting together. */
const MIGRATION_LOCK_KEY = 0x434e44_01;

/** Log lines from graphile-worker, at the levels Conduit's logger knows. */
export interface QueueLogger {
  error(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

/** What the queue needs of the store: Conduit's Kysely handle and the same database's URL. */
export interface GraphileQueueStore {
  db: Kysely<Database>;
  /** The PostgreSQL database holding both Conduit's tables and the `graphile_worker` schema. */
  postgresUrl?: string;
}

export interface GraphileJobQueueOptions {
  /** Connections of the worker's own pool (default concurrency + 4). */
  maxPoolSize?: number;
  /** How long a pool may hold a job before the sweeper checks its liveness (default 10 s). */
  sweepGraceMs?: number;
  /** How often the crash sweeper runs (default 5 s). */
  sweepIntervalMs?: number;
  /** graphile-worker's graceful-shutdown abort timeout (default 10 s). */
  shutdownTimeoutMs?: number;
  logger?: QueueLogger;
  onError?: (error: unknown, job: { id: string; task: string }) => void;
}

/** A `JobQueue` on PostgreSQL, with the crash sweeper exposed for tests and operators. */
export interface GraphileJobQueue extends JobQueue {
  readonly kind: 'graphile-worker';
  /** The running pool's id (graphile-worker's `locked_by`), once started. */
  poolId(): string | null;
  /** Unlock the jobs of pools whose process is gone; returns their ids. */
  recoverCrashedPools(): Promise<string[]>;
}

interface RawDeadJob {
  id: string;
  task: string;
  payload: unknown;
  queue_name: string | null;
  attempts: number;
  last_error: string | null;
  created_at: Date | string;
}

/** Install (or upgrade) graphile-worker's schema, one process at a time. */
export async function installGraphileSchema(connectionString: string, logger?: QueueLogger): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await runMigrations({ connectionString, logger: graphileLogger(logger) });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

function graphileLogger(logger: QueueLogger | undefined): Logger {
  return new Logger((scope) => (level, message, meta) => {
    if (!logger) return;
    const obj = { ...scope, ...(meta ?? {}), component: 'graphile-worker' };
    if (level === 'error') logger.error(obj, message);
    else if (level === 'warning') logger.warn(obj, message);
    else if (level === 'info') logger.debug(obj, message);
    else logger.debug(obj, message);
  });
}

/**
 * Create the PostgreSQL job queue; installs graphile-worker's schema first, so API-only processes
 * can enqueue before any worker started.
 */
export async function createGraphileJobQueue(
  store: GraphileQueueStore,
  options: GraphileJobQueueOptions = {},
): Promise<GraphileJobQueue> {
  const { db } = store;
  const connectionString = store.postgresUrl;
  if (!connectionString)
    throw new Error('The graphile-worker job queue needs a PostgreSQL store (DATABASE_URL=postgres://…).');
  await installGraphileSchema(connectionString, options.logger);

  const sweepGraceMs = options.sweepGraceMs ?? 10_000;
  const sweepIntervalMs = options.sweepIntervalMs ?? 5_000;
  let runner: Runner | null = null;
  let currentPoolId: string | null = null;
  let livenessClient: pg.Client | null = null;
  let sweepTimer: NodeJS.Timeout | null = null;
  let sweeping: Promise<string[]> | null = null;

  async function holdLiveness(poolId: string): Promise<void> {
    const client = new pg.Client({
      connectionString,
      application_name: `conduit-worker ${hostname()}:${process.pid}`,
    });
    client.on('error', (error) =>
      options.logger?.error(
        { err: error, pool: poolId },
        'the worker liveness connection failed; other workers may take over this pool’s jobs',
      ),
    );
    await client.connect();
    await client.query('select pg_advisory_lock($1, hashtext($2))', [POOL_LIVENESS_LOCK_NAMESPACE, poolId]);
    livenessClient = client;
  }

  async function recoverCrashedPools(): Promise<string[]> {
    return db.transaction().execute(async (trx) => {
      const dead = await sql<{ locked_by: string }>`
        select distinct l.locked_by from (
          select locked_by, locked_at from graphile_worker._private_jobs where locked_by is not null
          union all
          select locked_by, locked_at from graphile_worker._private_job_queues where locked_by is not null
        ) l
        where l.locked_at < now() - make_interval(secs => ${sweepGraceMs / 1000})
          and not exists (
            select 1 from pg_locks k
            where k.locktype = 'advisory' and k.granted and k.objsubid = 2
              and k.classid::int8 = ${POOL_LIVENESS_LOCK_NAMESPACE}
              and k.objid::int8 = (hashtext(l.locked_by)::int8 & 4294967295)
          )`.execute(trx);
      const pools = dead.rows.map((r) => r.locked_by);
      if (pools.length === 0) return [];
      // The full syncs those pools were running stopped with them: mark their runs interrupted so
      // the unlocked job can start a new run at once (not after the 2-minute stale heartbeat).
      const fullSyncs = await sql<{ provider_id: string }>`
        select distinct (j.payload->>'providerId') as provider_id
        from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
        where t.identifier = 'sync.full' and j.locked_by = any(${pools}::text[])`.execute(trx);
      const providerIds = fullSyncs.rows.map((r) => Number(r.provider_id)).filter((n) => Number.isFinite(n));
      if (providerIds.length > 0) {
        await trx
          .updateTable('sync_runs')
          .set({
            status: 'error',
            error: 'Interrupted: the worker running this sync stopped. The job was handed to another worker.',
            finished_at: nowIso(),
          })
          .where('provider_id', 'in', providerIds)
          .where('kind', '=', 'full')
          .where('status', '=', 'running')
          .execute();
      }
      await sql`select graphile_worker.force_unlock_workers(${pools}::text[])`.execute(trx);
      await sql`select pg_notify('jobs:insert', '{"count":1}')`.execute(trx);
      options.logger?.warn(
        { pools, providers: providerIds },
        'unlocked the jobs of worker pools whose process is gone',
      );
      return pools;
    });
  }

  function sweep(): void {
    if (sweeping) return;
    sweeping = recoverCrashedPools()
      .catch((error) => {
        options.logger?.error({ err: error }, 'crash sweep failed');
        return [];
      })
      .finally(() => {
        sweeping = null;
      });
  }

  async function counts(): Promise<QueueCounts> {
    const row = await sql<{ pending: string; running: string; dead: string }>`
      select
        count(*) filter (where locked_at is null and attempts < max_attempts) as pending,
        count(*) filter (where locked_at is not null) as running,
        count(*) filter (where locked_at is null and attempts >= max_attempts) as dead
      from graphile_worker._private_jobs`.execute(db);
    const r = row.rows[0];
    return { pending: Number(r?.pending ?? 0), running: Number(r?.running ?? 0), dead: Number(r?.dead ?? 0) };
  }

  const queue: GraphileJobQueue = {
    kind: 'graphile-worker',

    async addJobs(trx: Transaction<Database>, jobs: JobSpec[]): Promise<void> {
      if (jobs.length === 0) return;
      // One statement for the batch; within it a key may appear once (the last spec wins, as
      // repeated add_job calls would leave it).
      const byKey = new Map<string, JobSpec>();
      const specs: JobSpec[] = [];
      for (const job of jobs) {
        if (job.jobKey) byKey.set(job.jobKey, job);
        else specs.push(job);
      }
      specs.push(...byKey.values());
      const rows = specs.map((job) => ({
        identifier: job.task,
        payload: job.payload,
        queue_name: job.queueName ?? null,
        run_at: (job.runAt ?? new Date()).toISOString(),
        max_attempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        job_key: job.jobKey ?? null,
      }));
      await sql`
        select count(*) from graphile_worker.add_jobs(array(
          select row(s.identifier, s.payload, s.queue_name, s.run_at, s.max_attempts::smallint, s.job_key, null::smallint, null::text[])::graphile_worker.job_spec
          from json_to_recordset(${JSON.stringify(rows)}::json)
            as s(identifier text, payload json, queue_name text, run_at timestamptz, max_attempts int, job_key text)
        ))`.execute(trx);
    },

    async start(handlers: TaskHandlers, startOptions = {}) {
      if (runner) throw new Error('The job queue is already started.');
      const concurrency = startOptions.concurrency ?? 4;
      const taskList: TaskList = {};
      for (const [name, handler] of Object.entries(handlers) as Array<[TaskName, TaskHandler<TaskName>]>) {
        const task: Task = async (payload, helpers) => {
          try {
            // The payload is what the task's job builder wrote (see TaskPayloads).
            await handler((payload ?? {}) as TaskPayloads[TaskName], {
              attempt: helpers.job.attempts,
              jobId: String(helpers.job.id),
            });
          } catch (error) {
            options.onError?.(error, { id: String(helpers.job.id), task: name });
            throw error;
          }
        };
        taskList[name] = task;
      }
      const events: WorkerEvents = new EventEmitter() as WorkerEvents;
      const liveness: Promise<void>[] = [];
      events.on('pool:create', ({ workerPool }) => {
        currentPoolId = workerPool.id;
        liveness.push(holdLiveness(workerPool.id));
      });
      runner = await run({
        connectionString,
        maxPoolSize: options.maxPoolSize ?? concurrency + 4,
        concurrency,
        pollInterval: startOptions.pollIntervalMs ?? 2000,
        noHandleSignals: true,
        taskList,
        events,
        logger: graphileLogger(options.logger),
        preset: { worker: { gracefulShutdownAbortTimeout: options.shutdownTimeoutMs ?? 10_000 } },
      });
      await Promise.all(liveness);
      sweepTimer = setInterval(sweep, sweepIntervalMs);
      sweepTimer.unref();
      sweep();
    },

    wake() {
      // graphile-worker listens for the NOTIFY that add_jobs sends on commit: nothing to do.
    },

    async stop(graceMs = 10_000) {
      if (sweepTimer) clearInterval(sweepTimer);
      sweepTimer = null;
      await sweeping;
      const current = runner;
      runner = null;
      if (current) {
        // Graceful: stop taking jobs, let running ones finish; graphile-worker fails (hands back,
        // to be retried) whatever is still running when its abort timeout passes.
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), graceMs + 1000);
        });
        const outcome = await Promise.race([current.stop().then(() => 'stopped' as const), timedOut]);
        clearTimeout(timer);
        if (outcome === 'timeout') await current.kill().catch(() => undefined);
      }
      const client = livenessClient;
      livenessClient = null;
      currentPoolId = null;
      if (client) await client.end().catch(() => undefined);
    },

    async listDead(): Promise<DeadJob[]> {
      const result = await sql<RawDeadJob>`
        select j.id::text as id, t.identifier as task, j.payload, q.queue_name, j.attempts, j.last_error, j.created_at
        from graphile_worker._private_jobs j
        join graphile_worker._private_tasks t on t.id = j.task_id
        left join graphile_worker._private_job_queues q on q.id = j.job_queue_id
        where j.locked_at is null and j.attempts >= j.max_attempts
        order by j.id`.execute(db);
      return result.rows.map((r) => ({
        id: r.id,
        task: r.task,
        payload: (r.payload ?? {}) as Record<string, unknown>,
        queueName: r.queue_name,
        attempts: Number(r.attempts),
        lastError: r.last_error,
        createdAt: new Date(r.created_at).toISOString(),
      }));
    },

    async retryDead(id: string): Promise<boolean> {
      if (!/^\d+$/.test(id)) return false;
      const result = await sql<{ id: string }>`
        select r.id::text as id from graphile_worker.reschedule_jobs(
          array(select j.id from graphile_worker._private_jobs j where j.id = ${id}::bigint and j.locked_at is null and j.attempts >= j.max_attempts),
          run_at := now(), attempts := 0) r`.execute(db);
      if (result.rows.length > 0) await sql`select pg_notify('jobs:insert', '{"count":1}')`.execute(db);
      return result.rows.length > 0;
    },

    counts,

    async drain(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const result = await sql<{ busy: number }>`
          select count(*)::int as busy from graphile_worker._private_jobs
          where locked_at is not null or (attempts < max_attempts and run_at <= now())`.execute(db);
        if ((result.rows[0]?.busy ?? 0) === 0) return;
        if (Date.now() > deadline)
          throw new Error(`Jobs did not drain within ${timeoutMs} ms (${JSON.stringify(await counts())})`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },

    poolId: () => currentPoolId,
    recoverCrashedPools,
  };
  return queue;
}
