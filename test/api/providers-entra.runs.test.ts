/**
 * The Entra provider's run history (`src/api/providers-entra.runs.ts`): runs in pages, newest
 * first; one run with its results; every run's results filtered by object and status.
 */
import { describe, expect, it } from 'vitest';
import { emptyCounts, finishRun, recordResults, startRun } from '../../src/sync/run-records.js';
import { DIALECTS } from '../support/stores.js';
import { entraSuite } from '../support/sync-api.js';

describe.each(DIALECTS)('Entra provider run history on %s', (dialect) => {
  const suite = entraSuite(dialect);
  const { call, providerBody } = suite;
  const base = '/api/v3/providers/microsoft_entra';

  it('pages runs newest first, shows a run’s results by status, and filters results by object and status', async () => {
    const provider = (await call('POST', `${base}/`, providerBody('p-runs'))).json();
    const other = (await call('POST', `${base}/`, providerBody('p-runs-other'))).json();
    const db = suite.api.store.db;
    const first = await startRun(db, provider.pk, 'direct', false);
    await finishRun(db, first.id, 'done', emptyCounts());
    const second = await startRun(db, provider.pk, 'full', true, 3);
    const foreign = await startRun(db, other.pk, 'direct', false);
    await recordResults(db, [
      {
        runId: first.id,
        providerId: provider.pk,
        objectType: 'user',
        localId: 1,
        operation: 'update',
        status: 'ok',
      },
      {
        runId: second.id,
        providerId: provider.pk,
        objectType: 'user',
        localId: 1,
        operation: 'create',
        status: 'dry_run',
      },
      {
        runId: second.id,
        providerId: provider.pk,
        objectType: 'group',
        localId: 2,
        operation: 'update',
        status: 'error',
        message: 'Graph said no',
      },
      {
        runId: foreign.id,
        providerId: other.pk,
        objectType: 'user',
        localId: 1,
        operation: 'create',
        status: 'ok',
      },
    ]);

    const page1 = (await call('GET', `${base}/${provider.pk}/sync/runs/?page_size=1`)).json();
    expect(page1.pagination).toMatchObject({ count: 2, current: 1, next: 2, total_pages: 2 });
    expect(page1.results).toEqual([
      expect.objectContaining({ id: second.id, kind: 'full', status: 'running', dry_run: true, total: 3 }),
    ]);
    const page2 = (await call('GET', `${base}/${provider.pk}/sync/runs/?page_size=1&page=2`)).json();
    expect(page2.results).toEqual([expect.objectContaining({ id: first.id, status: 'done' })]);

    const errors = (await call('GET', `${base}/${provider.pk}/sync/runs/${second.id}/?status=error`)).json();
    expect(errors.run).toMatchObject({ id: second.id });
    expect(errors.results.pagination.count).toBe(1);
    expect(errors.results.results).toEqual([
      expect.objectContaining({
        object_type: 'group',
        object_id: 2,
        status: 'error',
        message: 'Graph said no',
      }),
    ]);
    // A run of another provider is not found under this one.
    expect((await call('GET', `${base}/${provider.pk}/sync/runs/${foreign.id}/`)).statusCode).toBe(404);

    const users = (await call('GET', `${base}/${provider.pk}/sync/results/?object_type=user`)).json();
    expect(users.pagination.count).toBe(2);
    expect(users.results.map((r: { run: string }) => r.run).sort()).toEqual([first.id, second.id].sort());
    const ok = (await call('GET', `${base}/${provider.pk}/sync/results/?object_type=user&status=ok`)).json();
    expect(ok.results).toEqual([
      expect.objectContaining({ run: first.id, operation: 'update', status: 'ok' }),
    ]);
    // Every status the engine records can be asked for, a deletion being sent among them.
    const sending = await call('GET', `${base}/${provider.pk}/sync/results/?status=sending`);
    expect(sending.statusCode).toBe(200);
    expect(sending.json().pagination.count).toBe(0);
    const bogus = await call('GET', `${base}/${provider.pk}/sync/results/?status=bogus`);
    expect(bogus.statusCode).toBe(400);
    expect(Object.keys(bogus.json())).toEqual(['status']);
    expect((await call('GET', `${base}/999999/sync/runs/`)).statusCode).toBe(404);
    await finishRun(db, second.id, 'done', emptyCounts());
    await finishRun(db, foreign.id, 'done', emptyCounts());
  });
});
