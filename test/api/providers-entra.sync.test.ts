/**
 * The Entra provider's sync actions (`src/api/providers-entra.sync.ts`): status and progress, one object synced now, a dry-run plan, and the connection test.
 */
import { describe, expect, it } from 'vitest';
import { emptyCounts, finishRun, startRun } from '../../src/sync/run-records.js';
import { DIALECTS } from '../support/stores.js';
import { entraSuite } from '../support/sync-api.js';

describe.each(DIALECTS)('Entra provider sync actions on %s', (dialect) => {
  const suite = entraSuite(dialect);
  const { call, providerBody } = suite;

  it('reports assignment, syncs a single object, shows runs and results, and plans a dry run', async () => {
    const provider = (
      await call('POST', '/api/v3/providers/microsoft_entra/', providerBody('p-sync'))
    ).json();
    const notAssigned = (
      await call('GET', `/api/v3/providers/microsoft_entra/${provider.pk}/sync/status/`)
    ).json();
    expect(notAssigned).toMatchObject({ is_running: false, assigned: false });
    const skipped = await call('POST', `/api/v3/providers/microsoft_entra/${provider.pk}/sync/object/`, {
      sync_object_model: 'authentik.core.models.User',
      sync_object_id: String(suite.api.adminPk),
    });
    expect(skipped.json().messages[0].event).toContain('assigned to an application');

    expect(
      (
        await call('POST', '/api/v3/core/applications/', {
          name: 'Entra ID',
          slug: `entra-${provider.pk}`,
          backchannel_providers: [provider.pk],
        })
      ).statusCode,
    ).toBe(201);
    const user = (
      await call('POST', '/api/v3/core/users/', {
        username: 'jane',
        name: 'Jane Doe',
        email: `jane@${suite.emulator.domain}`,
      })
    ).json();
    const synced = await call('POST', `/api/v3/providers/microsoft_entra/${provider.pk}/sync/object/`, {
      sync_object_model: 'authentik.core.models.User',
      sync_object_id: String(user.pk),
    });
    expect(synced.statusCode).toBe(200);
    expect(synced.json().messages).toEqual([
      expect.objectContaining({
        log_level: 'info',
        attributes: expect.objectContaining({ operation: 'create', status: 'ok' }),
      }),
    ]);
    const links = (
      await call('GET', `/api/v3/providers/microsoft_entra_users/?provider__id=${provider.pk}`)
    ).json();
    expect(links.results).toEqual([
      expect.objectContaining({
        user: user.pk,
        state: 'synced',
        user_obj: expect.objectContaining({ username: 'jane' }),
      }),
    ]);
    // Filters on the local user: a match, and a name that matches nobody.
    const byName = (username: string) =>
      call(
        'GET',
        `/api/v3/providers/microsoft_entra_users/?provider__id=${provider.pk}&user__username=${username}`,
      );
    expect((await byName('jane')).json().results.map((l: { user: number }) => l.user)).toEqual([user.pk]);
    expect((await byName('nobody')).json().results).toEqual([]);

    await call('PATCH', `/api/v3/core/users/${user.pk}/`, { name: 'Jane Q. Doe' });
    suite.emulator.control.resetStats();
    const plan = (await call('POST', `/api/v3/providers/microsoft_entra/${provider.pk}/sync/plan/`)).json();
    expect(suite.emulator.control.getStats().writes).toBe(0);
    expect(plan.run).toMatchObject({ dry_run: true, status: expect.stringMatching(/done|warning/) });
    const update = plan.results.find(
      (r: { object_id: number; operation: string }) => r.object_id === user.pk && r.operation === 'update',
    );
    expect(update).toMatchObject({
      status: 'dry_run',
      detail: { diff: { displayName: { before: 'Jane Doe', after: 'Jane Q. Doe' } } },
    });

    const newcomer = (
      await call('POST', '/api/v3/core/users/', {
        username: 'newcomer',
        name: 'New Comer',
        email: `newcomer@${suite.emulator.domain}`,
      })
    ).json();
    const planned = (
      await call('POST', `/api/v3/providers/microsoft_entra/${provider.pk}/sync/plan/`)
    ).json();
    const create = planned.results.find(
      (r: { object_id: number; operation: string }) =>
        r.object_id === newcomer.pk && r.operation === 'create',
    );
    expect(create.detail.request.body.passwordProfile).toBe('[redacted]');
    expect(JSON.stringify(planned)).not.toMatch(/"password":/);
    const unchanged = await call('POST', `/api/v3/providers/microsoft_entra/${provider.pk}/sync/object/`, {
      sync_object_model: 'authentik.core.models.User',
      sync_object_id: String(user.pk),
      override_dry_run: false,
    });
    expect(unchanged.json().messages.length).toBeGreaterThan(0);

    const runs = (await call('GET', `/api/v3/providers/microsoft_entra/${provider.pk}/sync/runs/`)).json();
    expect(runs.pagination.count).toBeGreaterThanOrEqual(2);
    const status = (
      await call('GET', `/api/v3/providers/microsoft_entra/${provider.pk}/sync/status/`)
    ).json();
    expect(status).toMatchObject({ is_running: false, assigned: true, last_sync_status: expect.any(String) });
  });

  it('shows a running full sync with its progress and phase', async () => {
    const provider = (
      await call('POST', '/api/v3/providers/microsoft_entra/', providerBody('p-progress'))
    ).json();
    const run = await startRun(suite.api.store.db, provider.pk, 'full', false, 10);
    await suite.api.store.db
      .updateTable('sync_runs')
      .set({ phase: 'users', done: 4, started_at: new Date(Date.now() - 20_000).toISOString() })
      .where('id', '=', run.id)
      .execute();
    const status = (
      await call('GET', `/api/v3/providers/microsoft_entra/${provider.pk}/sync/status/`)
    ).json();
    expect(status).toMatchObject({
      is_running: true,
      progress: { done: 4, total: 10, phase: 'users', remaining: 6 },
      current_run: { id: run.id, phase: 'users', status: 'running' },
    });
    // 4 objects in 20 s: 0.2 per second, so the 6 left take about 30 s more.
    expect(status.progress.objects_per_second).toBeCloseTo(0.2, 1);
    const finishInS = (Date.parse(status.progress.estimated_finish_at) - Date.now()) / 1000;
    expect(finishInS).toBeGreaterThan(25);
    expect(finishInS).toBeLessThan(35);
    await finishRun(suite.api.store.db, run.id, 'done', emptyCounts());
  });

  it("shows a running full sync's writes: made, still to come, the paced rate, and a finish they hold back", async () => {
    const provider = (
      await call('POST', '/api/v3/providers/microsoft_entra/', providerBody('p-writes'))
    ).json();
    const run = await startRun(suite.api.store.db, provider.pk, 'full', false, 100);
    // 40 users created in 10 s (4 objects/s, the remaining 60 would take 15 s at that pace), but the
    // app is paced to 2 writes/s: the 60 writes still to come take 30 s, so the finish is 30 s away.
    await suite.api.store.db
      .updateTable('sync_runs')
      .set({
        phase: 'users',
        done: 40,
        counts: JSON.stringify({ ...emptyCounts(), created: 40, users: 40 }),
        started_at: new Date(Date.now() - 10_000).toISOString(),
      })
      .where('id', '=', run.id)
      .execute();
    const previous = suite.api.sync.writesPerSecond;
    suite.api.sync.writesPerSecond = 2;
    try {
      const status = (
        await call('GET', `/api/v3/providers/microsoft_entra/${provider.pk}/sync/status/`)
      ).json();
      expect(status.progress).toMatchObject({
        done: 40,
        remaining: 60,
        writes_done: 40,
        writes_remaining: 60,
        paced_writes_per_second: 2,
      });
      expect(status.progress.writes_per_second).toBeCloseTo(4, 0);
      const finishInS = (Date.parse(status.progress.estimated_finish_at) - Date.now()) / 1000;
      expect(finishInS).toBeGreaterThan(27);
      expect(finishInS).toBeLessThan(33);
    } finally {
      suite.api.sync.writesPerSecond = previous;
      await finishRun(suite.api.store.db, run.id, 'done', emptyCounts());
    }
  });

  it('tests the connection: verified domains and granted permissions', async () => {
    const provider = (
      await call('POST', '/api/v3/providers/microsoft_entra/', providerBody('p-conn'))
    ).json();
    const report = (
      await call('POST', `/api/v3/providers/microsoft_entra/${provider.pk}/test_connection/`)
    ).json();
    expect(report).toMatchObject({
      ok: true,
      verifiedDomains: expect.arrayContaining([suite.emulator.domain]),
      missingPermissions: [],
    });
    const bad = (
      await call('POST', '/api/v3/providers/microsoft_entra/', {
        ...providerBody('p-bad'),
        client_secret: 'wrong',
      })
    ).json();
    const failed = (
      await call('POST', `/api/v3/providers/microsoft_entra/${bad.pk}/test_connection/`)
    ).json();
    expect(failed.ok).toBe(false);
    expect(failed.error).toMatch(/7000215|secret/i);
  });
});
