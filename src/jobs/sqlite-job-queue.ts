/**
 * The embedded job queue: a `jobs` table in the SQLite file, worked by this process.
 *
 * Invariants:
 * - a job is claimed by one atomic `UPDATE … RETURNING` (SQLite runs one writer at a time);
 * - within a queue name, a job runs only when no earlier live job of that queue exists, so changes
 *   to one object apply in order (dead jobs do not block their queue);
 * - a job is deleted only after its handler succeeded; a crash leaves it locked, and the next start
 *   releases every lock (one process owns a SQLite file), so jobs survive a crash.
 */
import { hostname } from 'node:os';
import { type Kysely, sql, type Transaction } from 'kysely';
import { nowIso, readJson, readTime, writeJson } from '../store/dialect.js';
import type { Database } from '../store/schema.js';
import {
  type DeadJob,
  type JobQueue,
  type JobSpec,
  type QueueCounts,
  retryDelayMs,
  type TaskHandler,
  type TaskHandlers,
  type TaskName,
  type TaskPayloads,
} from './job-queue.js';

const DEFAULT_MAX_ATTEMPTS = 10;

export function createSqliteJobQueue(
  db: Kysely<Database>,
  options: { onError?: (error: unknown, job: { id: number; task: string }) => void } = {},
): JobQueue {
  const workerId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  let handlers: TaskHandlers | null = null;
  let running = 0;
  let concurrency = 4;
  let pollIntervalMs = 250;
  let stopping = false;
  let timer: NodeJS.Timeout | null = null;
  let pumping = false;
  let pumpAgain = false;
  const inFlight = new Set<Promise<void>>();

  async function add(trx: Transaction<Database> | Kysely<Database>, jobs: JobSpec[]): Promise<void> {
    const now = nowIso();
    for (const job of jobs) {
      const values = {
        task: job.task,
        payload: writeJson(job.payload),
        queue_name: job.queueName ?? null,
        job_key: job.jobKey ?? null,
        run_at: (job.runAt ?? new Date()).toISOString(),
        attempts: 0,
        max_attempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        last_error: null,
        locked_at: null,
        locked_by: null,
        created_at: now,
      };
      if (job.jobKey) {
        // Replace a pending job with the same key; leave a running one alone and queue behind it.
        const existing = await trx
          .selectFrom('jobs')
          .select(['id', 'locked_at'])
          .where('job_key', '=', job.jobKey)
          .executeTakeFirst();
        if (existing && existing.locked_at === null) {
          await trx
            .updateTable('jobs')
            .set({ payload: values.payload, run_at: values.run_at, attempts: 0, last_error: null })
            .where('id', '=', existing.id)
            .execute();
          continue;
        }
        if (existing) values.job_key = null;
      }
      await trx.insertInto('jobs').values(values).execute();
    }
  }

  async function claim(): Promise<{ id: number; task: string; payload: unknown; attempts: number } | null> {
    const now = nowIso();
    const result = await sql<{ id: number; task: string; payload: unknown; attempts: number }>`
      update jobs set locked_at = ${now}, locked_by = ${workerId}, attempts = attempts + 1
      where id = (
        select j.id from jobs j
        where j.locked_at is null and j.run_at <= ${now} and j.attempts < j.max_attempts
          and (j.queue_name is null or not exists (
            select 1 from jobs k where k.queue_name = j.queue_name and k.id < j.id and k.attempts < k.max_attempts
          ))
          and (j.queue_name is null or not exists (
            select 1 from jobs r where r.queue_name = j.queue_name and r.locked_at is not null
          ))
        order by j.run_at, j.id limit 1
      )
      returning id, task, payload, attempts`.execute(db);
    return result.rows[0] ?? null;
  }

  async function runJob(job: {
    id: number;
    task: string;
    payload: unknown;
    attempts: number;
  }): Promise<void> {
    const handler = handlers?.[job.task as TaskName] as TaskHandler<TaskName> | undefined;
    try {
      if (!handler) throw new Error(`No handler for task "${job.task}"`);
      // The payload is what the task's job builder wrote (see TaskPayloads).
      await handler(readJson(job.payload, {}) as TaskPayloads[TaskName], {
        attempt: job.attempts,
        jobId: String(job.id),
      });
      await db.deleteFrom('jobs').where('id', '=', job.id).execute();
    } catch (error) {
      options.onError?.(error, job);
      const message = error instanceof Error ? error.message : String(error);
      await db
        .updateTable('jobs')
        .set({
          locked_at: null,
          locked_by: null,
          last_error: message.slice(0, 2000),
          run_at: new Date(Date.now() + retryDelayMs(job.attempts)).toISOString(),
        })
        .where('id', '=', job.id)
        .execute();
    }
  }

  async function pump(): Promise<void> {
    if (pumping) {
      pumpAgain = true;
      return;
    }
    pumping = true;
    try {
      do {
        pumpAgain = false;
        while (!stopping && running < concurrency) {
          const job = await claim();
          if (!job) break;
          running++;
          const p = runJob(job).finally(() => {
            running--;
            inFlight.delete(p);
            if (!stopping) void pump();
          });
          inFlight.add(p);
        }
      } while (pumpAgain && !stopping);
    } finally {
      pumping = false;
    }
  }

  async function counts(): Promise<QueueCounts> {
    const rows = await db.selectFrom('jobs').select(['locked_at', 'attempts', 'max_attempts']).execute();
    let pending = 0;
    let runningCount = 0;
    let dead = 0;
    for (const r of rows) {
      if (r.locked_at !== null) runningCount++;
      else if (r.attempts >= r.max_attempts) dead++;
      else pending++;
    }
    return { pending, running: runningCount, dead };
  }

  return {
    kind: 'sqlite',
    addJobs: (trx, jobs) => add(trx, jobs),
    async start(h, o = {}) {
      handlers = h;
      concurrency = o.concurrency ?? concurrency;
      pollIntervalMs = o.pollIntervalMs ?? pollIntervalMs;
      stopping = false;
      // One process owns the SQLite file: anything still locked was left by a crashed run.
      await db
        .updateTable('jobs')
        .set({ locked_at: null, locked_by: null })
        .where('locked_at', 'is not', null)
        .execute();
      timer = setInterval(() => void pump(), pollIntervalMs);
      timer.unref();
      void pump();
    },
    wake() {
      if (handlers && !stopping) void pump();
    },
    async stop(graceMs = 10_000) {
      stopping = true;
      if (timer) clearInterval(timer);
      timer = null;
      await Promise.race([
        Promise.allSettled([...inFlight]),
        new Promise((r) => setTimeout(r, graceMs).unref()),
      ]);
    },
    async listDead(): Promise<DeadJob[]> {
      const rows = await db
        .selectFrom('jobs')
        .selectAll()
        .whereRef('attempts', '>=', 'max_attempts')
        .where('locked_at', 'is', null)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: String(r.id),
        task: r.task,
        payload: readJson(r.payload, {}),
        queueName: r.queue_name,
        attempts: r.attempts,
        lastError: r.last_error,
        createdAt: readTime(r.created_at),
      }));
    },
    async retryDead(id) {
      const result = await db
        .updateTable('jobs')
        .set({ attempts: 0, run_at: nowIso(), last_error: null })
        .where('id', '=', Number(id))
        .whereRef('attempts', '>=', 'max_attempts')
        .executeTakeFirst();
      this.wake();
      return Number(result.numUpdatedRows) > 0;
    },
    counts,
    async drain(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const c = await counts();
        const due = await db
          .selectFrom('jobs')
          .select('id')
          .where('locked_at', 'is', null)
          .whereRef('attempts', '<', 'max_attempts')
          .where('run_at', '<=', nowIso())
          .limit(1)
          .execute();
        if (c.running === 0 && due.length === 0) return;
        if (Date.now() > deadline)
          throw new Error(`Jobs did not drain within ${timeoutMs} ms (${JSON.stringify(c)})`);
        void pump();
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}
