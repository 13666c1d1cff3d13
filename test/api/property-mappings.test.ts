/**
 * Property mapping routes on both databases: managed defaults are read-only (405 naming the way
 * out), a clash of the `managed` key is reported as such, and an edited mapping lets the providers
 * it stopped try again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../src/api/routes.js';
import { MANAGED_USER_MAPPING_KEY } from '../../src/mappings/index.js';
import { ensureManagedMappings } from '../../src/sync/mapping-records.js';
import { readConfigurationError, writeConfigurationError } from '../../src/sync/provider-records.js';
import { createTestApi, type TestApi } from '../support/api.js';
import { DIALECTS } from '../support/stores.js';

describe.each(DIALECTS)('property mappings on %s', (dialect) => {
  let api: TestApi;
  const base = '/api/v3/propertymappings/provider/microsoft_entra';
  beforeAll(async () => {
    api = await createTestApi(dialect, apiRoutes);
    await ensureManagedMappings(api.store.db);
  });
  afterAll(async () => {
    await api.close();
  });
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    api.app.inject({
      method,
      url,
      headers: api.auth,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const managedUserMapping = async () =>
    (await call('GET', `${base}/?managed=${encodeURIComponent(MANAGED_USER_MAPPING_KEY)}`)).json()
      .results[0] as { pk: string; name: string; expression: string; managed: string };

  it('refuses to change or delete a managed mapping with 405, saying to duplicate it', async () => {
    const managed = await managedUserMapping();
    const attempts = [
      call('PATCH', `${base}/${managed.pk}/`, { expression: 'return { jobTitle: "x" };' }),
      call('PUT', `${base}/${managed.pk}/`, { name: managed.name, expression: 'return {};' }),
      call('PATCH', `${base}/${managed.pk}/`, { managed: null }),
      call('DELETE', `${base}/${managed.pk}/`),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode).toBe(405);
      expect(res.json()).toEqual({
        detail: expect.stringMatching(/is a managed mapping: .* Duplicate it/),
        managed: MANAGED_USER_MAPPING_KEY,
      });
    }
    // Unchanged, and no event claims it was.
    expect(await managedUserMapping()).toEqual(managed);
    const events = await api.store.db
      .selectFrom('events')
      .select('context')
      .where('action', 'in', ['model_updated', 'model_deleted'])
      .execute();
    expect(JSON.stringify(events)).not.toContain(managed.pk);

    // A duplicate (the UI's "Duplicate") is an ordinary, editable mapping.
    const copy = await call('POST', `${base}/`, {
      name: `${managed.name} (copy)`,
      expression: managed.expression,
    });
    expect(copy.statusCode).toBe(201);
    expect(copy.json().managed).toBeNull();
    const edited = await call('PATCH', `${base}/${copy.json().pk}/`, { expression: 'return {};' });
    expect(edited.statusCode).toBe(200);
    expect((await call('DELETE', `${base}/${copy.json().pk}/`)).statusCode).toBe(204);
  });

  it('reports a managed key clash as such, not as a name clash', async () => {
    const res = await call('POST', `${base}/`, {
      name: 'A fresh name',
      expression: 'return {};',
      managed: MANAGED_USER_MAPPING_KEY,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      managed: [expect.stringContaining(`managed key "${MANAGED_USER_MAPPING_KEY}"`)],
    });

    const managed = await managedUserMapping();
    const both = await call('POST', `${base}/`, {
      name: managed.name,
      expression: 'return {};',
      managed: MANAGED_USER_MAPPING_KEY,
    });
    expect(Object.keys(both.json()).sort()).toEqual(['managed', 'name']);

    const custom = (await call('POST', `${base}/`, { name: 'Custom one', expression: 'return {};' })).json();
    const renamed = await call('PATCH', `${base}/${custom.pk}/`, { managed: MANAGED_USER_MAPPING_KEY });
    expect(renamed.statusCode).toBe(400);
    expect(Object.keys(renamed.json())).toEqual(['managed']);
    const nameClash = await call('POST', `${base}/`, { name: 'Custom one', expression: 'return {};' });
    expect(nameClash.json()).toEqual({ name: [expect.stringContaining('already exists')] });
  });

  it('an edited mapping lets the providers it stopped try again', async () => {
    const mapping = (
      await call('POST', `${base}/`, { name: 'Stops everything', expression: 'return { nope: 1 };' })
    ).json();
    const now = new Date().toISOString();
    const provider = await api.store.db
      .insertInto('providers')
      .values({
        name: `p-${dialect}`,
        type: 'microsoft_entra',
        backchannel_application_uuid: null,
        filter_group_id: null,
        settings: JSON.stringify({}),
        secrets: null,
        created_at: now,
        updated_at: now,
        config_error: null,
        config_error_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await api.store.db
      .insertInto('provider_mappings')
      .values({ provider_id: provider.id, mapping_uuid: mapping.pk, kind: 'user' })
      .execute();
    await writeConfigurationError(api.store.db, provider.id, 'Unknown Graph property "nope"');
    expect((await call('PATCH', `${base}/${mapping.pk}/`, { expression: 'return {};' })).statusCode).toBe(
      200,
    );
    expect(await readConfigurationError(api.store.db, provider.id)).toBeNull();
  });

  it('lists with filters, order and count in SQL: name any case, expression exact case, managed first', async () => {
    await call('POST', `${base}/`, { name: 'Alpha title', expression: 'return { jobTitle: "Lead" };' });
    await call('POST', `${base}/`, { name: 'beta dept', expression: 'return { department: "Sales" };' });
    const list = async (query: string) => {
      const page = (await call('GET', `${base}/?${query}`)).json();
      return {
        count: page.pagination.count as number,
        names: page.results.map((m: { name: string }) => m.name) as string[],
        managed: page.results.map((m: { managed: string | null }) => m.managed) as Array<string | null>,
      };
    };
    expect((await list('search=ALPHA')).names).toEqual(['Alpha title']);
    expect((await list('search=Sales')).names).toEqual(['beta dept']);
    expect((await list('search=sales')).names).not.toContain('beta dept');
    expect((await list('name=beta%20dept')).count).toBe(1);
    const managedOnly = await list('managed__isnull=false&page_size=1');
    expect(managedOnly.count).toBeGreaterThanOrEqual(2);
    expect(managedOnly.names).toHaveLength(1);
    const handWritten = await list('managed__isnull=true&page_size=1000');
    expect(handWritten.managed.every((m) => m === null)).toBe(true);
    expect(handWritten.names).toEqual(expect.arrayContaining(['Alpha title', 'beta dept']));
    const byManaged = await list('ordering=managed&page_size=1000');
    const firstHandWritten = byManaged.managed.indexOf(null);
    expect(firstHandWritten).toBeGreaterThan(0);
    expect(byManaged.managed.slice(firstHandWritten).every((m) => m === null)).toBe(true);
  });
});
