/**
 * The Entra provider's held deletions (`src/api/providers-entra.held.ts`): listed with the
 * threshold; confirming needs a job queue and enqueues one confirmed `sync.delete` each;
 * a decision on nothing held records no event. (The whole path through a real sync is in
 * test/sync/held-deletions.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import type { JobQueue, JobSpec } from '../../src/jobs/job-queue.js';
import { recordResults } from '../../src/sync/run-records.js';
import { DIALECTS } from '../support/stores.js';
import { entraSuite } from '../support/sync-api.js';

describe.each(DIALECTS)('Entra provider held deletions on %s', (dialect) => {
  const suite = entraSuite(dialect);
  const { call, providerBody } = suite;
  const base = '/api/v3/providers/microsoft_entra';

  it('lists held deletions; confirming without a queue is a 503 and keeps them; with one, each becomes a confirmed sync.delete job', async () => {
    const provider = (
      await call('POST', `${base}/`, { ...providerBody('p-held'), deletion_threshold: 3 })
    ).json();
    const held = `${base}/${provider.pk}/sync/held_deletions/`;
    expect((await call('GET', held)).json()).toEqual({ count: 0, threshold: 3, results: [] });
    const db = suite.api.store.db;
    await recordResults(
      db,
      ['alice', 'bob'].map((name) => ({
        runId: null,
        providerId: provider.pk,
        objectType: 'user' as const,
        localId: null,
        remoteId: `remote-${name}`,
        operation: 'delete',
        status: 'held' as const,
        detail: { object: name },
      })),
    );
    const listed = (await call('GET', held)).json();
    expect(listed).toMatchObject({ count: 2, threshold: 3 });
    expect(listed.results).toEqual([
      expect.objectContaining({
        object_type: 'user',
        remote_id: 'remote-alice',
        object: 'alice',
        action: 'delete',
      }),
      expect.objectContaining({
        object_type: 'user',
        remote_id: 'remote-bob',
        object: 'bob',
        action: 'delete',
      }),
    ]);

    const noQueue = await call('POST', `${held}confirm/`);
    expect(noQueue.statusCode).toBe(503);
    expect(noQueue.json()).toEqual({ detail: 'No job queue runs in this process.' });
    expect((await call('GET', held)).json().count).toBe(2);

    const queued: JobSpec[] = [];
    let woken = 0;
    suite.api.sync.queue = {
      addJobs: async (_trx: unknown, jobs: JobSpec[]) => {
        queued.push(...jobs);
      },
      wake: () => {
        woken++;
      },
    } as unknown as JobQueue;
    try {
      const confirmed = await call('POST', `${held}confirm/`);
      expect(confirmed.statusCode).toBe(202);
      expect(confirmed.json()).toEqual({ confirmed: 2 });
    } finally {
      suite.api.sync.queue = null;
    }
    expect(queued.map((j) => [j.task, j.payload])).toEqual([
      [
        'sync.delete',
        { providerId: provider.pk, type: 'user', remoteId: 'remote-alice', label: 'alice', confirmed: true },
      ],
      [
        'sync.delete',
        { providerId: provider.pk, type: 'user', remoteId: 'remote-bob', label: 'bob', confirmed: true },
      ],
    ]);
    expect(woken).toBe(1);
    expect((await call('GET', held)).json().count).toBe(0);

    // Nothing left to decide: the answer says so and no event is recorded.
    expect((await call('POST', `${held}discard/`)).json()).toEqual({ discarded: 0 });
    const events = await db
      .selectFrom('events')
      .select(['action', 'context'])
      .where('action', 'in', ['sync_deletions_confirmed', 'sync_deletions_discarded'])
      .execute();
    expect(events.map((e) => e.action)).toEqual(['sync_deletions_confirmed']);
    expect((await call('GET', `${base}/999999/sync/held_deletions/`)).statusCode).toBe(404);
  });
});
