/**
 * Direct sync end to end on the PostgreSQL queue (graphile-worker): the same assertions as the
 * embedded queue's suite, plus dead jobs and the crash sweeper.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/directory/users.js';
import type { RunningEmulator } from '../../src/graph-emulator/index.js';
import { createGraphileJobQueue, type GraphileJobQueue } from '../../src/jobs/graphile-job-queue.js';
import type { JobContext } from '../../src/jobs/job-queue.js';
import { relayOutboxOnce, startOutboxRelay } from '../../src/jobs/outbox-relay.js';
import { syncTaskHandlers } from '../../src/jobs/sync-tasks.js';
import { directSyncCases } from '../support/direct-sync-cases.js';
import { everyTask } from '../support/jobs.js';
import {
  actor,
  createSyncHarness,
  type SyncHarness,
  startEmulatorForTests,
} from '../support/sync-harness.js';

const FAST = { sweepGraceMs: 300, sweepIntervalMs: 200, shutdownTimeoutMs: 2000 };

describe('direct sync through the graphile-worker queue', () => {
  let emulator: RunningEmulator;
  let h: SyncHarness;
  let queue: GraphileJobQueue;
  let relay: ReturnType<typeof startOutboxRelay>;

  beforeAll(async () => {
    emulator = await startEmulatorForTests();
    h = await createSyncHarness('postgres', { emulator });
    queue = await createGraphileJobQueue(h.store, FAST);
    await queue.start(syncTaskHandlers(h.deps, queue), { concurrency: 4, pollIntervalMs: 200 });
    relay = startOutboxRelay(h.store.db, 'postgres', queue, { intervalMs: 50 });
    await relay.flush();
    await queue.drain(20_000); // the initial full sync started by the assignment
  });
  afterAll(async () => {
    await relay?.stop();
    await queue?.stop();
    await h?.close();
    await emulator?.close();
  });

  directSyncCases(() => ({ emulator, h, queue, relay }));

  it('jobs survive a crash: a job left locked by a pool whose process is gone runs on the next worker', async () => {
    await relay.stop();
    await queue.stop();
    const carol = await createUser(
      h.store.db,
      { username: 'carol', name: 'Carol', email: `carol@${emulator.domain}` },
      actor,
    );
    await relayOutboxOnce(h.store.db, 'postgres', queue);
    // Simulate a crash mid-job: the job and its queue are locked by a pool that no longer exists.
    await sql`update graphile_worker._private_jobs set locked_at = now() - interval '1 minute', locked_by = 'pool-dead', attempts = 1`.execute(
      h.store.db,
    );
    await sql`update graphile_worker._private_job_queues set locked_at = now() - interval '1 minute', locked_by = 'pool-dead'
      where id in (select job_queue_id from graphile_worker._private_jobs)`.execute(h.store.db);
    const restarted = await createGraphileJobQueue(h.store, FAST);
    await restarted.start(syncTaskHandlers(h.deps, restarted), { pollIntervalMs: 200 });
    try {
      await restarted.drain(20_000);
    } finally {
      await restarted.stop();
    }
    expect(h.remote().users.some((u) => u.userPrincipalName === carol.email)).toBe(true);
    expect((await restarted.counts()).pending + (await restarted.counts()).running).toBe(0);
  });

  it('a job that keeps failing becomes dead, is listed with its error, and can be retried', async () => {
    let fail = true;
    const calls: number[] = [];
    const handler = async (_payload: unknown, context: JobContext) => {
      calls.push(context.attempt);
      if (fail) throw new Error('Graph is down');
    };
    const handlers = everyTask(handler);
    const q = await createGraphileJobQueue(h.store, FAST);
    await h.store.db.transaction().execute((trx) =>
      q.addJobs(trx, [
        {
          task: 'sync.user',
          payload: { providerId: 0, userId: 1 },
          maxAttempts: 1,
          queueName: 'p0:user:1',
        },
      ]),
    );
    await q.start(handlers, { pollIntervalMs: 100 });
    try {
      await q.drain(10_000);
      const dead = await q.listDead();
      expect(dead).toHaveLength(1);
      expect(dead[0]).toMatchObject({
        task: 'sync.user',
        payload: { providerId: 0, userId: 1 },
        queueName: 'p0:user:1',
        attempts: 1,
        lastError: expect.stringContaining('Graph is down'),
      });
      expect((await q.counts()).dead).toBe(1);
      fail = false;
      expect(await q.retryDead(dead[0]?.id as string)).toBe(true);
      expect(await q.retryDead('999999')).toBe(false);
      await q.drain(10_000);
      expect(calls).toEqual([1, 1]);
      expect(await q.counts()).toEqual({ pending: 0, running: 0, dead: 0 });
    } finally {
      await q.stop();
    }
  });
});
