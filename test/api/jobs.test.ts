import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroup } from '../../src/directory/groups.js';
import { createUser } from '../../src/directory/users.js';
import type { JobQueue } from '../../src/jobs/job-queue.js';
import { createSqliteJobQueue } from '../../src/jobs/sqlite-job-queue.js';
import { nowIso, writeJson } from '../../src/store/dialect.js';
import { createTestApi, type TestApi } from '../support/api.js';
import { everyTask } from '../support/jobs.js';

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
    await queue.start(everyTask(fail), { pollIntervalMs: 20 });
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

describe('dead jobs say what they were about (embedded queue)', () => {
  let api: TestApi;
  let queue: JobQueue;
  beforeAll(async () => {
    const { apiRoutes } = await import('../../src/api/routes.js');
    api = await createTestApi('sqlite', apiRoutes);
    queue = createSqliteJobQueue(api.store.db);
    api.ctx.services.queue = queue;
    const fail = async () => {
      throw new Error('Token request to https://login.example/t/oauth2/v2.0/token failed: ECONNREFUSED');
    };
    await queue.start(everyTask(fail), { pollIntervalMs: 20 });
  });
  afterAll(async () => {
    await queue.stop();
    await api.close();
  });

  it('names the provider, the user or group, and says so when they no longer exist', async () => {
    const db = api.store.db;
    const provider = await db
      .insertInto('providers')
      .values({
        name: 'Contoso',
        type: 'microsoft_entra',
        backchannel_application_uuid: null,
        filter_group_id: null,
        settings: writeJson({}),
        secrets: null,
        created_at: nowIso(),
        updated_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await createUser(db, { username: 'megan.bowen', name: 'Megan Bowen' }, null);
    const group = await createGroup(db, { name: 'Engineering' }, null);
    const p = provider.id;
    await db.transaction().execute((trx) =>
      queue.addJobs(trx, [
        { task: 'sync.full', payload: { providerId: p, confirmDeletions: false }, maxAttempts: 1 },
        { task: 'sync.user', payload: { providerId: p, userId: user.pk }, maxAttempts: 1 },
        { task: 'sync.group', payload: { providerId: p, groupId: group.num_pk }, maxAttempts: 1 },
        {
          task: 'sync.members',
          payload: { providerId: p, groupId: group.num_pk, added: [user.pk], removed: [], captured: {} },
          maxAttempts: 1,
        },
        {
          task: 'sync.delete',
          payload: { providerId: p, type: 'user', remoteId: 'remote-1', label: 'lee.gu' },
          maxAttempts: 1,
        },
        { task: 'sync.user', payload: { providerId: 9999, userId: 9998 }, maxAttempts: 1 },
        {
          task: 'sync.full.page',
          payload: { kind: 'page', providerId: p, runId: 'r1', phase: 'groups', seq: 2 },
          maxAttempts: 1,
        },
      ]),
    );
    await queue.drain(10_000);
    const res = await api.app.inject({ url: '/api/v3/conduit/jobs/dead/', headers: api.auth });
    expect(res.statusCode).toBe(200);
    const dead = res.json() as Array<{
      summary: string;
      provider: unknown;
      object: unknown;
      last_error: string;
    }>;
    expect(dead.map((d) => d.summary)).toEqual([
      'Full sync to provider “Contoso”',
      'Sync user “megan.bowen” to provider “Contoso”',
      'Sync group “Engineering” to provider “Contoso”',
      'Membership change of group “Engineering” (1 added, 0 removed) to provider “Contoso”',
      'Delete user “lee.gu” (Entra object id remote-1) from Entra ID, provider “Contoso”',
      'Sync user user #9998 (no longer exists) to provider #9999 (deleted since)',
      'Full sync to provider “Contoso”: page 3 of the groups (run r1)',
    ]);
    expect(dead[1]).toMatchObject({
      provider: { pk: p, name: 'Contoso' },
      object: { type: 'user', pk: user.pk, name: 'megan.bowen' },
      last_error: expect.stringContaining('ECONNREFUSED'),
    });
    expect(dead[2]?.object).toEqual({
      type: 'group',
      pk: group.num_pk,
      name: 'Engineering',
      uuid: group.group_uuid,
    });
    expect(dead[5]).toMatchObject({
      provider: { pk: 9999, name: null },
      object: { type: 'user', pk: 9998, name: null },
    });
  });

  it('answers a queue-less process with no jobs, and a malformed id with a 400', async () => {
    const { apiRoutes } = await import('../../src/api/routes.js');
    const bare = await createTestApi('sqlite', apiRoutes);
    try {
      expect((await bare.app.inject({ url: '/api/v3/conduit/jobs/', headers: bare.auth })).json()).toEqual({
        kind: null,
        counts: { pending: 0, running: 0, dead: 0 },
      });
      expect(
        (await bare.app.inject({ url: '/api/v3/conduit/jobs/dead/', headers: bare.auth })).json(),
      ).toEqual([]);
      const bad = await bare.app.inject({
        method: 'POST',
        url: '/api/v3/conduit/jobs/abc/retry/',
        headers: bare.auth,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toEqual({ id: ['A job id is a number.'] });
    } finally {
      await bare.close();
    }
  });
});
