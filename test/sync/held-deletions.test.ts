/**
 * A mass delete in the directory does not become a mass delete in Entra ID: past the provider's
 * deletion threshold, deletions are held until an administrator confirms or discards them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/graph-emulator/index.js';
import type { JobQueue, JobSpec } from '../../src/jobs/job-queue.js';
import { syncTaskHandlers } from '../../src/jobs/sync-tasks.js';
import { syncDeletion } from '../../src/sync/direct-sync.js';
import { runFullSync } from '../../src/sync/full-sync.js';
import { linkFor } from '../../src/sync/link-records.js';
import type { TestApi } from '../support/api.js';
import { DIALECTS } from '../support/stores.js';
import { createSyncApi } from '../support/sync-api.js';
import { startEmulatorForTests } from '../support/sync-harness.js';

describe.each(DIALECTS)('held deletions on %s', (dialect) => {
  let emulator: RunningEmulator;
  let api: TestApi & Awaited<ReturnType<typeof createSyncApi>>;
  const queued: JobSpec[] = [];
  // Collects the jobs the API enqueues; the test runs them through the real task handlers.
  const queue = {
    addJobs: async (_trx: unknown, jobs: JobSpec[]) => {
      queued.push(...jobs);
    },
    wake: () => undefined,
  } as unknown as JobQueue;

  beforeAll(async () => {
    emulator = await startEmulatorForTests();
    api = await createSyncApi(dialect, emulator);
    api.sync.queue = queue;
  });
  afterAll(async () => {
    await api.close();
    await emulator.close();
  });

  const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) => {
    const res = await api.app.inject({ method, url, headers: api.auth, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.body ? res.json() : null };
  };
  const remoteUpns = () =>
    (emulator.control.getState(emulator.tenantId)[0]?.users ?? []).map(
      (u) => (u as { userPrincipalName: string }).userPrincipalName,
    );

  it('deletes up to the threshold, holds the rest, and sends them only once confirmed; discarding keeps them', async () => {
    const provider = (
      await call('POST', '/api/v3/providers/microsoft_entra/', {
        name: 'Contoso',
        client_id: emulator.clientId,
        client_secret: emulator.clientSecret,
        tenant_id: emulator.tenantId,
        deletion_threshold: 2,
      })
    ).body as { pk: number };
    await call('POST', '/api/v3/core/applications/', {
      name: 'Entra',
      slug: `entra-${dialect}`,
      backchannel_providers: [provider.pk],
    });
    const users: Array<{ pk: number; username: string; email: string }> = [];
    for (let i = 0; i < 7; i++)
      users.push(
        (
          await call('POST', '/api/v3/core/users/', {
            username: `mass${i}`,
            name: `Mass ${i}`,
            email: `mass${i}@${emulator.domain}`,
          })
        ).body,
      );
    await runFullSync(api.sync.deps, provider.pk);
    const remoteIds = new Map<number, string>();
    for (const u of users)
      remoteIds.set(u.pk, (await linkFor(api.store.db, provider.pk, 'user', u.pk))?.remoteId as string);
    expect(remoteUpns()).toHaveLength(7);

    // Four users deleted at once: two reach Entra ID, two are held.
    const deleteInDirectory = async (u: (typeof users)[number]) => {
      await call('DELETE', `/api/v3/core/users/${u.pk}/`);
      return syncDeletion(api.sync.deps, provider.pk, 'user', remoteIds.get(u.pk) as string, u.username);
    };
    const outcomes = [];
    for (const u of users.slice(0, 4)) outcomes.push(await deleteInDirectory(u));
    expect(outcomes.map((o) => o.status)).toEqual(['done', 'done', 'done', 'done']);
    expect(remoteUpns()).toHaveLength(5);
    const held = await call('GET', `/api/v3/providers/microsoft_entra/${provider.pk}/sync/held_deletions/`);
    expect(held.body).toMatchObject({ count: 2, threshold: 2 });
    expect(held.body.results.map((r: { object: string; action: string }) => [r.object, r.action])).toEqual([
      ['mass2', 'delete'],
      ['mass3', 'delete'],
    ]);

    // Confirmed: a job per held deletion, which skips the threshold.
    const confirm = await call(
      'POST',
      `/api/v3/providers/microsoft_entra/${provider.pk}/sync/held_deletions/confirm/`,
    );
    expect(confirm).toEqual({ status: 202, body: { confirmed: 2 } });
    expect(queued.map((j) => [j.task, j.task === 'sync.delete' ? j.payload.confirmed : undefined])).toEqual([
      ['sync.delete', true],
      ['sync.delete', true],
    ]);
    const handlers = syncTaskHandlers(api.sync.deps, queue);
    for (const job of queued.splice(0))
      if (job.task === 'sync.delete') await handlers['sync.delete'](job.payload, { attempt: 1, jobId: '1' });
    expect(remoteUpns()).toHaveLength(3);
    expect(
      (await call('GET', `/api/v3/providers/microsoft_entra/${provider.pk}/sync/held_deletions/`)).body.count,
    ).toBe(0);

    // Still within the window: the next deletions are held; discarding leaves them in Entra ID.
    for (const u of users.slice(4, 6)) await deleteInDirectory(u);
    expect(remoteUpns()).toHaveLength(3);
    const discard = await call(
      'POST',
      `/api/v3/providers/microsoft_entra/${provider.pk}/sync/held_deletions/discard/`,
    );
    expect(discard).toEqual({ status: 200, body: { discarded: 2 } });
    expect(queued).toEqual([]);
    expect(remoteUpns()).toHaveLength(3);
    const events = await api.store.db
      .selectFrom('events')
      .select('action')
      .where('action', 'in', ['sync_deletions_confirmed', 'sync_deletions_discarded'])
      .execute();
    expect(events.map((e) => e.action).sort()).toEqual([
      'sync_deletions_confirmed',
      'sync_deletions_discarded',
    ]);
  });
});
