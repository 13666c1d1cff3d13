/**
 * The `sync.full` job when its run cannot start: a transient failure (Graph answering 503 to the
 * discovery listing) fails that run and has the job retried with backoff; a configuration error
 * (a wrong client secret) fails the run and waits for a person.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/graph-emulator/index.js';
import { createSqliteJobQueue } from '../../src/jobs/sqlite-job-queue.js';
import { RetryableSyncError, syncTaskHandlers } from '../../src/jobs/sync-tasks.js';
import { updateEntraProvider } from '../../src/providers/entra/provider-service.js';
import { latestRun } from '../../src/sync/run-records.js';
import {
  actor,
  createSyncHarness,
  type SyncHarness,
  startEmulatorForTests,
} from '../support/sync-harness.js';

describe('starting a full sync from its job', () => {
  let emulator: RunningEmulator;
  let h: SyncHarness;
  const context = { attempt: 1, jobId: '1' };

  beforeAll(async () => {
    emulator = await startEmulatorForTests();
  });
  beforeEach(async () => {
    emulator.control.reset();
    if (h) await h.close();
    h = await createSyncHarness('sqlite', { emulator });
  });
  afterAll(async () => {
    await h?.close();
    await emulator.close();
  });

  it('is retried when discovery fails transiently, and the retry starts a run', async () => {
    const handlers = syncTaskHandlers(h.deps, createSqliteJobQueue(h.store.db));
    emulator.control.addFault({
      method: 'GET',
      path: '^/users',
      status: 503,
      count: 1000,
      retryAfterSeconds: 0.01,
    });
    await expect(handlers['sync.full']({ providerId: h.providerId }, context)).rejects.toThrow(
      RetryableSyncError,
    );
    const failed = await latestRun(h.store.db, h.providerId, 'full', true);
    expect(failed).toMatchObject({ status: 'error' });
    expect(failed?.error).toContain('503');

    emulator.control.clearFaults();
    await handlers['sync.full']({ providerId: h.providerId }, { ...context, attempt: 2 });
    // A new run, past discovery: its user pages are queued.
    const started = await latestRun(h.store.db, h.providerId, 'full', false);
    expect(started?.id).not.toBe(failed?.id);
    expect(started).toMatchObject({ status: 'running', phase: 'users' });
  });

  it('is not retried when the credentials are wrong: the run fails and says why', async () => {
    await updateEntraProvider(
      h.store.db,
      h.deps.secrets,
      h.providerId,
      { client_secret: 'not-the-secret' },
      actor,
    );
    const handlers = syncTaskHandlers(h.deps, createSqliteJobQueue(h.store.db));
    await handlers['sync.full']({ providerId: h.providerId }, context);
    const run = await latestRun(h.store.db, h.providerId, 'full', true);
    expect(run).toMatchObject({ status: 'error' });
    expect(run?.error).toMatch(/7000215|secret/i);
  });
});
