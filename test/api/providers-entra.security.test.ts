/**
 * Issue 12's provider findings, through the API against the Graph emulator on both databases: the
 * stored credential is not sent to a new endpoint, Graph URLs carry their version, an
 * undecryptable credential is a provider error (not a 500), a provider failing on configuration
 * fails once instead of once per object, and a save that changes nothing writes nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/graph-emulator/index.js';
import { syncTaskHandlers } from '../../src/jobs/sync-tasks.js';
import { createSecretBox, generateSecretKey, parseSecretKeys } from '../../src/store/secret-box.js';
import { runFullSync } from '../../src/sync/full-sync.js';
import { readConfigurationError, writeConfigurationError } from '../../src/sync/provider-records.js';
import type { SyncLogger } from '../../src/sync/session.js';
import type { TestApi } from '../support/api.js';
import { makeCertificate } from '../support/certificates.js';
import { DIALECTS } from '../support/stores.js';
import { createSyncApi } from '../support/sync-api.js';
import { startEmulatorForTests } from '../support/sync-harness.js';

describe.each(DIALECTS)('Entra provider safety on %s', (dialect) => {
  let emulator: RunningEmulator;
  let api: TestApi & Awaited<ReturnType<typeof createSyncApi>>;
  let n = 0;
  beforeAll(async () => {
    emulator = await startEmulatorForTests();
    api = await createSyncApi(dialect, emulator);
  });
  afterAll(async () => {
    await api.close();
    await emulator.close();
  });
  beforeEach(() => {
    emulator.control.resetStats();
  });

  const base = '/api/v3/providers/microsoft_entra';
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) =>
    api.app.inject({
      method,
      url,
      headers: api.auth,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const providerBody = (extra: Record<string, unknown> = {}) => ({
    name: `safety-${dialect}-${++n}`,
    client_id: emulator.clientId,
    client_secret: emulator.clientSecret,
    tenant_id: emulator.tenantId,
    ...extra,
  });
  const createProvider = async (extra: Record<string, unknown> = {}) => {
    const res = await call('POST', `${base}/`, providerBody(extra));
    expect(res.statusCode).toBe(201);
    return res.json() as { pk: number; name: string; login_url: string; graph_url: string };
  };
  const assign = async (pk: number) => {
    const res = await call('POST', '/api/v3/core/applications/', {
      name: `App ${pk}`,
      slug: `app-${dialect}-${pk}`,
      backchannel_providers: [pk],
    });
    expect(res.statusCode).toBe(201);
  };
  const storedRow = (pk: number) =>
    api.store.db
      .selectFrom('providers')
      .select(['secrets', 'settings', 'config_error'])
      .where('id', '=', pk)
      .executeTakeFirstOrThrow();
  /** How many events of an action were recorded (repeats counted on one row included). */
  const eventCount = async (action: string, providerPk?: number) => {
    const rows = await api.store.db
      .selectFrom('events')
      .select(['context', 'repeat_count'])
      .where('action', '=', action)
      .execute();
    return rows
      .filter((r) => {
        if (providerPk === undefined) return true;
        const context = (typeof r.context === 'string' ? JSON.parse(r.context) : r.context) as {
          provider?: { pk?: number };
          model?: { pk?: number };
        };
        return (context.provider?.pk ?? context.model?.pk) === providerPk;
      })
      .reduce((sum, r) => sum + Number(r.repeat_count ?? 1), 0);
  };
  const outboxCount = async () =>
    Number(
      (
        await api.store.db
          .selectFrom('outbox')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses an endpoint change without the credential again, and audits the change made with it', async () => {
    const provider = await createProvider();
    const before = await storedRow(provider.pk);
    for (const change of [
      { graph_url: 'https://attacker.example/v1.0' },
      { login_url: 'https://attacker.example' },
      { cloud: 'global' },
      { cloud: 'usgov', client_secret: '' },
    ]) {
      const res = await call('PATCH', `${base}/${provider.pk}/`, change);
      expect(res.statusCode, JSON.stringify(change)).toBe(400);
      expect(res.json()).toEqual({
        client_secret: [expect.stringContaining('enter the client secret again')],
      });
    }
    const put = await call('PUT', `${base}/${provider.pk}/`, {
      name: provider.name,
      client_id: emulator.clientId,
      tenant_id: emulator.tenantId,
      cloud: 'custom',
      login_url: 'https://attacker.example',
      graph_url: provider.graph_url,
    });
    expect(put.statusCode).toBe(400);
    expect(Object.keys(put.json())).toEqual(['client_secret']);
    // Nothing was stored: neither the new endpoint nor anything else.
    expect(await storedRow(provider.pk)).toEqual(before);
    expect(await eventCount('provider_endpoints_changed', provider.pk)).toBe(0);

    // Another tenant or client id of the same cloud keeps the credential (same sign-in service).
    expect((await call('PATCH', `${base}/${provider.pk}/`, { tenant_id: 'other-tenant' })).statusCode).toBe(
      200,
    );

    const moved = await call('PATCH', `${base}/${provider.pk}/`, {
      login_url: 'https://login.example.org',
      client_secret: 'the-secret-for-the-new-host',
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().login_url).toBe('https://login.example.org');
    const events = await api.store.db
      .selectFrom('events')
      .select(['context', 'actor'])
      .where('action', '=', 'provider_endpoints_changed')
      .execute();
    const contexts = events.map((e) => (typeof e.context === 'string' ? JSON.parse(e.context) : e.context));
    expect(contexts).toContainEqual(
      expect.objectContaining({
        model: expect.objectContaining({ pk: provider.pk }),
        before: { login_url: provider.login_url, graph_url: provider.graph_url },
        after: { login_url: 'https://login.example.org', graph_url: provider.graph_url },
      }),
    );
    expect(JSON.stringify(contexts)).not.toContain('the-secret-for-the-new-host');
  });

  it('names the certificate when the provider signs in with one', async () => {
    const provider = await createProvider({
      client_secret: undefined,
      client_certificate: makeCertificate().pem,
    });
    const res = await call('PATCH', `${base}/${provider.pk}/`, {
      graph_url: 'https://elsewhere.example/v1.0',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      client_certificate: [expect.stringContaining('enter the certificate again')],
    });
  });

  it('refuses a custom Graph URL without its version segment', async () => {
    for (const graphUrl of [
      'https://graph.example.com',
      'https://graph.example.com/',
      'https://graph.example.com/beta2',
    ]) {
      const created = await call(
        'POST',
        `${base}/`,
        providerBody({ cloud: 'custom', login_url: emulator.loginUrl, graph_url: graphUrl }),
      );
      expect(created.statusCode, graphUrl).toBe(400);
      expect(created.json()).toEqual({ graph_url: [expect.stringContaining('/v1.0')] });
    }
    const provider = await createProvider();
    const patched = await call('PATCH', `${base}/${provider.pk}/`, {
      graph_url: new URL(emulator.graphUrl).origin,
      client_secret: emulator.clientSecret,
    });
    expect(patched.statusCode).toBe(400);
    expect(Object.keys(patched.json())).toEqual(['graph_url']);
    const slash = await call(
      'POST',
      `${base}/`,
      providerBody({ cloud: 'custom', login_url: emulator.loginUrl, graph_url: `${emulator.graphUrl}/` }),
    );
    expect(slash.statusCode).toBe(201);
  });

  it('reports a credential the configured keys cannot open as a provider error, and a sync records it', async () => {
    const provider = await createProvider();
    await assign(provider.pk);
    // Sealed by another installation's key: what a lost or replaced CONDUIT_SECRET_KEYS looks like.
    const otherBox = createSecretBox(parseSecretKeys(generateSecretKey()));
    await api.store.db
      .updateTable('providers')
      .set({
        secrets: otherBox.seal(
          JSON.stringify({ client_secret: emulator.clientSecret }),
          `providers.secrets.${provider.pk}`,
        ),
      })
      .where('id', '=', provider.pk)
      .execute();
    const tested = await call('POST', `${base}/${provider.pk}/test_connection/`);
    expect(tested.statusCode).toBe(409);
    expect(tested.json()).toMatchObject({
      detail: expect.stringContaining(
        'cannot be decrypted with the configured keys (CONDUIT_SECRET_KEYS / secret.key)',
      ),
      client_secret: [expect.stringContaining('enter the secret again')],
    });

    const user = (
      await call('POST', '/api/v3/core/users/', { username: `undecryptable-${dialect}`, name: 'U' })
    ).json();
    const synced = await call('POST', `${base}/${provider.pk}/sync/object/`, {
      sync_object_model: 'authentik.core.models.User',
      sync_object_id: String(user.pk),
    });
    expect(synced.statusCode).toBe(200);
    expect(JSON.stringify(synced.json().messages)).toContain('cannot be decrypted');
    expect(await eventCount('configuration_error', provider.pk)).toBe(1);
    expect((await readConfigurationError(api.store.db, provider.pk))?.message).toContain(
      'cannot be decrypted',
    );
    expect(emulator.control.getStats().tokenRequests).toBe(0);
    // A full sync (here its dry-run plan) stops on it the same way, as a configuration error.
    const plan = await call('POST', `${base}/${provider.pk}/sync/plan/`);
    expect(plan.statusCode).toBe(200);
    expect(plan.json().run).toMatchObject({
      status: 'error',
      error: expect.stringContaining('cannot be decrypted'),
    });
    expect(await eventCount('configuration_error', provider.pk)).toBe(2);

    // Entering the secret again fixes it.
    const fixed = await call('PATCH', `${base}/${provider.pk}/`, { client_secret: emulator.clientSecret });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json().configuration_error).toBeNull();
    expect((await call('POST', `${base}/${provider.pk}/test_connection/`)).json()).toMatchObject({
      ok: true,
    });
  });

  it('fails once on a configuration error: N object jobs make one token request, one event and one warning', async () => {
    const provider = await createProvider({ client_secret: 'a-wrong-secret' });
    await assign(provider.pk);
    const users = [];
    for (let i = 0; i < 6; i++)
      users.push(
        (
          await call('POST', '/api/v3/core/users/', {
            username: `flood-${dialect}-${i}`,
            name: `Flood ${i}`,
            email: `flood-${dialect}-${i}@${emulator.domain}`,
          })
        ).json() as { pk: number },
      );
    const warnings: string[] = [];
    const quiet = () => undefined;
    const logger: SyncLogger = {
      info: quiet,
      debug: quiet,
      error: quiet,
      warn: (_o, m) => warnings.push(String(m)),
    };
    const handlers = syncTaskHandlers({ ...api.sync.deps, logger }, null as never);
    const job = { attempt: 1 } as never;
    emulator.control.resetStats();
    for (const user of users)
      await handlers['sync.user']?.({ providerId: provider.pk, userId: user.pk }, job);

    expect(emulator.control.getStats().tokenRequests).toBe(1);
    expect(await eventCount('configuration_error', provider.pk)).toBe(1);
    expect(warnings).toHaveLength(1);
    const stored = await readConfigurationError(api.store.db, provider.pk);
    expect(stored?.message).toMatch(/7000215|secret/i);
    // The others are recorded, cheaply, with the stored reason.
    const results = (
      await call('GET', `${base}/${provider.pk}/sync/results/?status=skipped&object_type=user`)
    ).json();
    expect(results.pagination.count).toBe(users.length - 1);
    expect(results.results[0].message).toContain('configuration error');
    expect((await call('GET', `${base}/${provider.pk}/`)).json().configuration_error).toEqual({
      message: stored?.message,
      at: stored?.at,
    });
    expect((await call('GET', `${base}/${provider.pk}/sync/status/`)).json().configuration_error).toEqual({
      message: stored?.message,
      at: stored?.at,
    });

    // A deletion cannot be found again by a full sync: it is retried, still without a token request.
    await expect(
      handlers['sync.delete']?.(
        {
          providerId: provider.pk,
          type: 'user',
          remoteId: '00000000-0000-0000-0000-00000000abcd',
          label: 'gone',
        },
        job,
      ),
    ).rejects.toThrow(/configuration error/);
    expect(emulator.control.getStats().tokenRequests).toBe(1);

    // A save with the right secret clears the state; the jobs send again.
    const fixed = await call('PATCH', `${base}/${provider.pk}/`, { client_secret: emulator.clientSecret });
    expect(fixed.json().configuration_error).toBeNull();
    await handlers['sync.user']?.({ providerId: provider.pk, userId: users[1]?.pk as number }, job);
    const link = (
      await call('GET', `/api/v3/providers/microsoft_entra_users/?provider__id=${provider.pk}`)
    ).json();
    expect(link.results).toEqual([expect.objectContaining({ user: users[1]?.pk, state: 'synced' })]);
  });

  it('a working connection test clears a recorded configuration error', async () => {
    const provider = await createProvider();
    await writeConfigurationError(api.store.db, provider.pk, 'Insufficient privileges');
    expect((await call('GET', `${base}/${provider.pk}/`)).json().configuration_error).toMatchObject({
      message: 'Insufficient privileges',
    });
    expect((await call('POST', `${base}/${provider.pk}/test_connection/`)).json()).toMatchObject({
      ok: true,
    });
    expect(await readConfigurationError(api.store.db, provider.pk)).toBeNull();
  });

  it('a full sync that finishes clears a recorded configuration error', async () => {
    const provider = await createProvider();
    await assign(provider.pk);
    await writeConfigurationError(api.store.db, provider.pk, 'Insufficient privileges');
    const outcome = await runFullSync(api.sync.deps, provider.pk);
    expect(outcome.status).not.toBe('skipped');
    expect(await readConfigurationError(api.store.db, provider.pk)).toBeNull();
  });

  it('a save that changes nothing writes no outbox row and no event', async () => {
    const provider = await createProvider();
    const full = (await call('GET', `${base}/${provider.pk}/`)).json();
    const [outbox, updated] = [await outboxCount(), await eventCount('model_updated', provider.pk)];
    const same = [
      { name: provider.name },
      { dry_run: false, sync_page_size: 100, login_url: full.login_url },
      { property_mappings: [...full.property_mappings].reverse() },
      { client_secret: emulator.clientSecret },
    ];
    for (const patch of same) {
      const res = await call('PATCH', `${base}/${provider.pk}/`, patch);
      expect(res.statusCode).toBe(200);
    }
    const put = await call('PUT', `${base}/${provider.pk}/`, {
      name: full.name,
      client_id: full.client_id,
      tenant_id: full.tenant_id,
      cloud: full.cloud,
      login_url: full.login_url,
      graph_url: full.graph_url,
      user_delete_action: full.user_delete_action,
      property_mappings: full.property_mappings,
      property_mappings_group: full.property_mappings_group,
      filter_group: null,
    });
    expect(put.statusCode).toBe(200);
    expect(await outboxCount()).toBe(outbox);
    expect(await eventCount('model_updated', provider.pk)).toBe(updated);

    // A real change still writes both, naming only what changed.
    await call('PATCH', `${base}/${provider.pk}/`, { name: provider.name, dry_run: true });
    expect(await outboxCount()).toBe(outbox + 1);
    expect(await eventCount('model_updated', provider.pk)).toBe(updated + 1);
    const last = await api.store.db
      .selectFrom('events')
      .select('context')
      .where('action', '=', 'model_updated')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const context = typeof last.context === 'string' ? JSON.parse(last.context) : last.context;
    expect(context.changed).toEqual(['dry_run']);
  });
});
