import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobQueue } from '../../src/jobs/job-queue.js';
import { createSqliteJobQueue } from '../../src/jobs/sqlite-job-queue.js';
import { createTestApi, type TestApi } from '../support/api.js';

describe('job queue API (embedded queue)', () => {
  let api: TestApi;
  let queue: JobQueue;
  let attempts = 0;
  beforeAll(async () => {
    const { apiRoutes } = await import('../../src/api/routes.js');
    api = await createTestApi('sqlite', apiRoutes);
    queue = createSqliteJobQueue(api.store.db);
    api.ctx.services.queue = queue;
    const fail = async () => {
      attempts++;
      if (attempts <= 2) throw new Error('Graph said no (request-id abc)');
    };
    await queue.start(
      { 'sync.full': fail, 'sync.user': fail, 'sync.group': fail, 'sync.members': fail, 'sync.delete': fail },
      { pollIntervalMs: 20 },
    );
  });
  afterAll(async () => {
    await queue.stop();
    await api.close();
  });

  it('lists a dead job with its last error, and retries it', async () => {
    await api.store.db
      .transaction()
      .execute((trx) =>
        queue.addJobs(trx, [{ task: 'sync.user', payload: { providerId: 1, userId: 1 }, maxAttempts: 2 }]),
      );
    queue.wake();
    const deadline = Date.now() + 20_000;
    let dead: Array<{ id: string; last_error: string; attempts: number }> = [];
    while (dead.length === 0 && Date.now() < deadline) {
      // Retries back off exponentially: pull the retry forward instead of waiting.
      await api.store.db
        .updateTable('jobs')
        .set({ run_at: new Date(0).toISOString() })
        .where('locked_at', 'is', null)
        .execute();
      queue.wake();
      await new Promise((r) => setTimeout(r, 50));
      dead = (await api.app.inject({ url: '/api/v3/conduit/jobs/dead/', headers: api.auth })).json();
    }
    expect(dead).toEqual([
      expect.objectContaining({ attempts: 2, last_error: 'Graph said no (request-id abc)' }),
    ]);
    const counts = (await api.app.inject({ url: '/api/v3/conduit/jobs/', headers: api.auth })).json();
    expect(counts).toEqual({ kind: 'sqlite', counts: { pending: 0, running: 0, dead: 1 } });
    const retry = await api.app.inject({
      method: 'POST',
      url: `/api/v3/conduit/jobs/${dead[0]?.id}/retry/`,
      headers: api.auth,
    });
    expect(retry.statusCode).toBe(202);
    await queue.drain(10_000);
    expect((await api.app.inject({ url: '/api/v3/conduit/jobs/dead/', headers: api.auth })).json()).toEqual(
      [],
    );
    expect(attempts).toBe(3);
    expect(
      (await api.app.inject({ method: 'POST', url: '/api/v3/conduit/jobs/999/retry/', headers: api.auth }))
        .statusCode,
    ).toBe(404);
  });
});
