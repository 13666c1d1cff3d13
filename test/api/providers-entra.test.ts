import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/graph-emulator/index.js';
import { emptyCounts, finishRun, startRun } from '../../src/sync/run-records.js';
import type { TestApi } from '../support/api.js';
import { DIALECTS } from '../support/stores.js';
import { createSyncApi } from '../support/sync-api.js';
import { startEmulatorForTests } from '../support/sync-harness.js';

describe.each(DIALECTS)('Entra provider API on %s', (dialect) => {
  let emulator: RunningEmulator;
  let api: TestApi;
  beforeAll(async () => {
    emulator = await startEmulatorForTests();
    api = await createSyncApi(dialect, emulator);
  });
  afterAll(async () => {
    await api.close();
    await emulator.close();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    api.app.inject({
      method,
      url,
      headers: api.auth,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const providerBody = (name: string) => ({
    name,
    client_id: emulator.clientId,
    client_secret: emulator.clientSecret,
    tenant_id: emulator.tenantId,
  });

  it('creates a provider with the managed mappings preselected; the secret is write-only and encrypted at rest', async () => {
    const res = await call('POST', '/api/v3/providers/microsoft_entra/', providerBody('Entra ID provider'));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      name: 'Entra ID provider',
      client_id: emulator.clientId,
      tenant_id: emulator.tenantId,
      user_delete_action: 'delete',
      group_delete_action: 'delete',
      sync_page_size: 100,
      sync_page_timeout: 'minutes=30',
      discovery_enabled: true,
      dry_run: false,
      assigned_backchannel_application_slug: null,
      component: 'ak-provider-microsoft-entra-form',
      meta_model_name: 'authentik_providers_microsoft_entra.microsoftentraprovider',
      has_client_secret: true,
      cloud: 'custom',
    });
    expect(body).not.toHaveProperty('client_secret');
    expect(body.property_mappings).toHaveLength(1);
    expect(body.property_mappings_group).toHaveLength(1);
    expect(
      JSON.stringify((await call('GET', `/api/v3/providers/microsoft_entra/${body.pk}/`)).json()),
    ).not.toContain(emulator.clientSecret);
    const row = await api.store.db
      .selectFrom('providers')
      .select(['secrets', 'settings'])
      .where('id', '=', body.pk)
      .executeTakeFirstOrThrow();
    expect(row.secrets).not.toContain(emulator.clientSecret);
    expect(JSON.stringify(row.settings)).not.toContain(emulator.clientSecret);
  });

  it('answers bad input with field-level errors', async () => {
    const res = await call('POST', '/api/v3/providers/microsoft_entra/', {
      name: '',
      client_id: 'x',
      tenant_id: 't',
      user_delete_action: 'explode',
      sync_page_size: 0,
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json())).toEqual(
      expect.arrayContaining(['name', 'client_secret', 'user_delete_action', 'sync_page_size']),
    );
    const suspendGroups = await call('POST', '/api/v3/providers/microsoft_entra/', {
      ...providerBody('p-suspend'),
      group_delete_action: 'suspend',
    });
    expect(suspendGroups.statusCode).toBe(400);
    expect(suspendGroups.json()).toEqual({
      group_delete_action: [expect.stringContaining('cannot be suspended')],
    });
    const custom = await call('POST', '/api/v3/providers/microsoft_entra/', {
      ...providerBody('p-custom'),
      cloud: 'custom',
      login_url: 'http://insecure',
      graph_url: null,
    });
    expect(custom.statusCode).toBe(400);
    expect(Object.keys(custom.json())).toEqual(expect.arrayContaining(['login_url']));
    const duplicate = await call(
      'POST',
      '/api/v3/providers/microsoft_entra/',
      providerBody('Entra ID provider'),
    );
    expect(duplicate.json()).toEqual({ name: [expect.stringContaining('already exists')] });
  });

  it('keeps the secret when a PATCH omits it, and replaces it when given', async () => {
    const created = (
      await call('POST', '/api/v3/providers/microsoft_entra/', providerBody('p-patch'))
    ).json();
    const before = await api.store.db
      .selectFrom('providers')
      .select('secrets')
      .where('id', '=', created.pk)
      .executeTakeFirstOrThrow();
    await call('PATCH', `/api/v3/providers/microsoft_entra/${created.pk}/`, { dry_run: true });
    const same = await api.store.db
      .selectFrom('providers')
      .select('secrets')
      .where('id', '=', created.pk)
      .executeTakeFirstOrThrow();
    expect(same.secrets).toBe(before.secrets);
    await call('PATCH', `/api/v3/providers/microsoft_entra/${created.pk}/`, {
      client_secret: 'a-new-secret',
    });
    const changed = await api.store.db
      .selectFrom('providers')
      .select('secrets')
      .where('id', '=', created.pk)
      .executeTakeFirstOrThrow();
    expect(changed.secrets).not.toBe(before.secrets);
  });

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
      sync_object_id: String(api.adminPk),
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
        email: `jane@${emulator.domain}`,
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
    emulator.control.resetStats();
    const plan = (await call('POST', `/api/v3/providers/microsoft_entra/${provider.pk}/sync/plan/`)).json();
    expect(emulator.control.getStats().writes).toBe(0);
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
        email: `newcomer@${emulator.domain}`,
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
    const run = await startRun(api.store.db, provider.pk, 'full', false, 10);
    await api.store.db
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
    await finishRun(api.store.db, run.id, 'done', emptyCounts());
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
      verifiedDomains: expect.arrayContaining([emulator.domain]),
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

  it('links a user manually and fills attributes from Graph; unlinking sends nothing to Graph', async () => {
    const provider = (
      await call('POST', '/api/v3/providers/microsoft_entra/', providerBody('p-manual'))
    ).json();
    const seeded = emulator.control.seed({
      users: [
        {
          displayName: 'Manual',
          userPrincipalName: `manual@${emulator.domain}`,
          mailNickname: 'manual',
          accountEnabled: true,
        },
      ],
    });
    const user = (await call('POST', '/api/v3/core/users/', { username: 'manual', name: 'Manual' })).json();
    const res = await call('POST', '/api/v3/providers/microsoft_entra_users/', {
      microsoft_id: seeded.users[0]?.id,
      user: user.pk,
      provider: provider.pk,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().attributes).toMatchObject({ userPrincipalName: `manual@${emulator.domain}` });
    // One Entra user, two local users: refused, or deleting either would delete the other's account.
    const other = (
      await call('POST', '/api/v3/core/users/', { username: 'manual2', name: 'Manual 2' })
    ).json();
    const twice = await call('POST', '/api/v3/providers/microsoft_entra_users/', {
      microsoft_id: seeded.users[0]?.id,
      user: other.pk,
      provider: provider.pk,
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json()).toEqual({
      microsoft_id: [
        `This Entra user is already linked to local user #${user.pk} for this provider; delete that link first.`,
      ],
    });
    emulator.control.clearRequestLog();
    expect(
      (await call('DELETE', `/api/v3/providers/microsoft_entra_users/${res.json().id}/`)).statusCode,
    ).toBe(204);
    expect(emulator.control.getRequestLog()).toEqual([]);
    const missing = await call('POST', '/api/v3/providers/microsoft_entra_users/', {
      microsoft_id: '00000000-0000-0000-0000-000000000000',
      user: user.pk,
      provider: provider.pk,
    });
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(missing.json())).toEqual(['microsoft_id']);
  });

  it('property mappings: CRUD, managed ones protected, authentik test endpoint, and live preview with SkipObject and errors', async () => {
    const list = (
      await call(
        'GET',
        '/api/v3/propertymappings/provider/microsoft_entra/?managed=conduit/providers/microsoft_entra/user',
      )
    ).json();
    expect(list.results).toHaveLength(1);
    const managed = list.results[0];
    expect(
      (await call('DELETE', `/api/v3/propertymappings/provider/microsoft_entra/${managed.pk}/`)).statusCode,
    ).toBe(405);
    const created = await call('POST', '/api/v3/propertymappings/provider/microsoft_entra/', {
      name: 'Job title',
      expression: 'return { jobTitle: user.attributes.title ?? null };',
    });
    expect(created.statusCode).toBe(201);
    const user = (
      await call('POST', '/api/v3/core/users/', {
        username: 'prev',
        name: 'Pre View',
        email: `prev@${emulator.domain}`,
        attributes: { title: 'Engineer' },
      })
    ).json();
    const tested = (
      await call('POST', `/api/v3/propertymappings/all/${created.json().pk}/test/`, { user: user.pk })
    ).json();
    expect(tested).toEqual({ successful: true, result: JSON.stringify({ jobTitle: 'Engineer' }) });
    const skip = (
      await call('POST', '/api/v3/propertymappings/provider/microsoft_entra/preview/', {
        expression: 'if (user.username === "prev") throw new SkipObject();\nreturn {};',
        user: user.pk,
      })
    ).json();
    expect(skip).toMatchObject({ status: 'skip', skipped_by: 'Unsaved mapping' });
    const broken = (
      await call('POST', '/api/v3/propertymappings/provider/microsoft_entra/preview/', {
        expression: 'const a = 1;\nreturn user.nope.deeper;',
        user: user.pk,
      })
    ).json();
    expect(broken).toMatchObject({ status: 'error', error: { mapping: 'Unsaved mapping', line: 2 } });
    const merged = (
      await call('POST', '/api/v3/propertymappings/provider/microsoft_entra/preview/', {
        mappings: [managed.pk, created.json().pk],
        user: user.pk,
      })
    ).json();
    expect(merged).toMatchObject({
      status: 'ok',
      body: { displayName: 'Pre View', jobTitle: 'Engineer', userPrincipalName: `prev@${emulator.domain}` },
    });
    const noTarget = await call('POST', '/api/v3/propertymappings/provider/microsoft_entra/preview/', {
      expression: 'return {}',
    });
    expect(noTarget.statusCode).toBe(400);
  });
});
