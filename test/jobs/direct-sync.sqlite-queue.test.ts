/**
 * Direct sync end to end on the embedded queue: a directory write → outbox → relay → job →
 * Graph emulator, with no full sync involved; and jobs that survive a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/directory/users.js';
import type { RunningEmulator } from '../../src/graph-emulator/index.js';
import type { JobQueue } from '../../src/jobs/job-queue.js';
import { relayOutboxOnce, startOutboxRelay } from '../../src/jobs/outbox-relay.js';
import { createSqliteJobQueue } from '../../src/jobs/sqlite-job-queue.js';
import { syncTaskHandlers } from '../../src/jobs/sync-tasks.js';
import { directSyncCases } from '../support/direct-sync-cases.js';
import {
  actor,
  createSyncHarness,
  type SyncHarness,
  startEmulatorForTests,
} from '../support/sync-harness.js';

describe('direct sync through the embedded job queue', () => {
  let emulator: RunningEmulator;
  let h: SyncHarness;
  let queue: JobQueue;
  let relay: ReturnType<typeof startOutboxRelay>;

  beforeAll(async () => {
    emulator = await startEmulatorForTests();
    h = await createSyncHarness('sqlite', { emulator });
    queue = createSqliteJobQueue(h.store.db);
    await queue.start(syncTaskHandlers(h.deps, queue), { concurrency: 4, pollIntervalMs: 50 });
    relay = startOutboxRelay(h.store.db, 'sqlite', queue, { intervalMs: 50 });
    await relay.flush();
    await queue.drain(); // the initial full sync started by the assignment
  });
  afterAll(async () => {
    await relay.stop();
    await queue.stop();
    await h.close();
    await emulator.close();
  });

  directSyncCases(() => ({ emulator, h, queue, relay }));

  it('jobs survive a restart: a job left locked by a crashed process runs after the next start', async () => {
    await queue.stop();
    await relay.stop();
    const carol = await createUser(
      h.store.db,
      { username: 'carol', name: 'Carol', email: `carol@${emulator.domain}` },
      actor,
    );
    await relayOutboxOnce(h.store.db, 'sqlite', queue);
    // Simulate a crash mid-job: the job is locked by a process that no longer exists.
    await h.store.db
      .updateTable('jobs')
      .set({ locked_at: new Date().toISOString(), locked_by: 'dead-process', attempts: 1 })
      .execute();
    const restarted = createSqliteJobQueue(h.store.db);
    await restarted.start(syncTaskHandlers(h.deps, restarted), { pollIntervalMs: 50 });
    await restarted.drain(20_000);
    await restarted.stop();
    expect(h.remote().users.some((u) => u.userPrincipalName === carol.email)).toBe(true);
    expect(await h.store.db.selectFrom('jobs').selectAll().execute()).toEqual([]);
  });
});
