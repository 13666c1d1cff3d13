/**
 * The Entra provider routes (`src/api/providers-entra.ts`): create, validate and update a provider; the credential is write-only.
 */
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/stores.js';
import { entraSuite } from '../support/sync-api.js';

describe.each(DIALECTS)('Entra provider API on %s', (dialect) => {
  const suite = entraSuite(dialect);
  const { call, providerBody } = suite;

  it('creates a provider with the managed mappings preselected; the secret is write-only and encrypted at rest', async () => {
    const res = await call('POST', '/api/v3/providers/microsoft_entra/', providerBody('Entra ID provider'));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      name: 'Entra ID provider',
      client_id: suite.emulator.clientId,
      tenant_id: suite.emulator.tenantId,
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
    ).not.toContain(suite.emulator.clientSecret);
    const row = await suite.api.store.db
      .selectFrom('providers')
      .select(['secrets', 'settings'])
      .where('id', '=', body.pk)
      .executeTakeFirstOrThrow();
    expect(row.secrets).not.toContain(suite.emulator.clientSecret);
    expect(JSON.stringify(row.settings)).not.toContain(suite.emulator.clientSecret);
  });

  it("serves a new provider's starting settings for the form, which the API accepts as they are", async () => {
    const defaults = (await call('GET', '/api/v3/conduit/provider_defaults/')).json();
    expect(defaults.settings).toEqual({
      exclude_users_service_account: true,
      user_delete_action: 'delete',
      group_delete_action: 'delete',
      sync_page_size: 100,
      sync_page_timeout: 'minutes=30',
      discovery_enabled: true,
      dry_run: false,
      sync_interval_minutes: 240,
      out_of_scope_action: 'none',
      deletion_threshold: 20,
      group_filters: [],
      group_filters_include_children: false,
      filter_group_include_children: false,
      user_scoping_rules: [],
      suspend_then_delete_after_days: null,
      protected_group: null,
      delete_adopted_objects: false,
      held_changes_threshold: 20,
      held_changes_threshold_percent: 10,
      held_changes_window_minutes: 10,
      paused: false,
      sync_schedule: null,
      group_nesting: 'direct',
      external_users: 'skip',
      send_invitation_message: false,
      invite_redirect_url: null,
      default_usage_location: null,
    });
    const created = await call('POST', '/api/v3/providers/microsoft_entra/', {
      ...providerBody('p-defaults'),
      ...defaults.settings,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject(defaults.settings);
  });

  it('round-trips the scoping, safety, schedule and data-model settings, and refuses bad ones field by field', async () => {
    const group = (await call('POST', '/api/v3/core/groups/', { name: 'settings-scope' })).json();
    const settings = {
      group_filters: [group.pk],
      group_filters_include_children: true,
      filter_group_include_children: true,
      user_scoping_rules: [
        { clauses: [{ attribute: 'attributes.department', operator: 'in', value: ['Sales', 'HR'] }] },
        { clauses: [{ attribute: 'email', operator: 'ends_with', value: '@example.com' }] },
      ],
      suspend_then_delete_after_days: 30,
      protected_group: group.pk,
      delete_adopted_objects: true,
      held_changes_threshold: 5,
      held_changes_threshold_percent: 25,
      held_changes_window_minutes: 60,
      paused: true,
      sync_schedule: '0 */4 * * *',
      group_nesting: 'flatten',
      external_users: 'invite',
      send_invitation_message: true,
      invite_redirect_url: 'https://myapps.microsoft.com',
      default_usage_location: 'GB',
    };
    const created = await call('POST', '/api/v3/providers/microsoft_entra/', {
      ...providerBody('p-new-settings'),
      ...settings,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject(settings);
    const read = (await call('GET', `/api/v3/providers/microsoft_entra/${created.json().pk}/`)).json();
    expect(read).toMatchObject(settings);

    const bad = await call('PATCH', `/api/v3/providers/microsoft_entra/${created.json().pk}/`, {
      user_scoping_rules: [{ clauses: [{ attribute: 'shoe_size', operator: 'equals', value: '9' }] }],
      sync_schedule: 'every tuesday',
      group_nesting: 'deep',
      default_usage_location: 'gb',
      held_changes_threshold_percent: 101,
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json()).sort()).toEqual([
      'default_usage_location',
      'group_nesting',
      'held_changes_threshold_percent',
      'sync_schedule',
      'user_scoping_rules.0.clauses.0.attribute',
    ]);
    const missing = await call('PATCH', `/api/v3/providers/microsoft_entra/${created.json().pk}/`, {
      protected_group: '00000000-0000-4000-8000-000000000000',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().protected_group[0]).toContain('does not exist');
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
    const before = await suite.api.store.db
      .selectFrom('providers')
      .select('secrets')
      .where('id', '=', created.pk)
      .executeTakeFirstOrThrow();
    await call('PATCH', `/api/v3/providers/microsoft_entra/${created.pk}/`, { dry_run: true });
    const same = await suite.api.store.db
      .selectFrom('providers')
      .select('secrets')
      .where('id', '=', created.pk)
      .executeTakeFirstOrThrow();
    expect(same.secrets).toBe(before.secrets);
    await call('PATCH', `/api/v3/providers/microsoft_entra/${created.pk}/`, {
      client_secret: 'a-new-secret',
    });
    const changed = await suite.api.store.db
      .selectFrom('providers')
      .select('secrets')
      .where('id', '=', created.pk)
      .executeTakeFirstOrThrow();
    expect(changed.secrets).not.toBe(before.secrets);
  });

  it('lists providers filtered by name, search, service-account exclusion and filter group, counted per page', async () => {
    const base = '/api/v3/providers/microsoft_entra';
    const group = (await call('POST', '/api/v3/core/groups/', { name: 'list-scope' })).json();
    await call('POST', `${base}/`, { ...providerBody('list-a'), exclude_users_service_account: true });
    await call('POST', `${base}/`, { ...providerBody('list-b'), filter_group: group.pk });
    await call('POST', `${base}/`, providerBody('list-c'));
    const names = async (query: string) => {
      const page = (await call('GET', `${base}/?${query}`)).json();
      return { count: page.pagination.count, names: page.results.map((p: { name: string }) => p.name) };
    };
    expect(await names('search=LIST-')).toEqual({ count: 3, names: ['list-a', 'list-b', 'list-c'] });
    expect(await names('search=list-&page_size=2&page=2')).toEqual({ count: 3, names: ['list-c'] });
    expect(await names('name=list-b')).toEqual({ count: 1, names: ['list-b'] });
    expect(await names('name=list')).toEqual({ count: 0, names: [] });
    expect(await names('search=list-&exclude_users_service_account=true')).toEqual({
      count: 1,
      names: ['list-a'],
    });
    expect(await names('search=list-&exclude_users_service_account=false')).toEqual({
      count: 2,
      names: ['list-b', 'list-c'],
    });
    expect(await names(`filter_group=${group.pk}`)).toEqual({ count: 1, names: ['list-b'] });
    // `%` and `_` are matched literally.
    expect(await names('search=list%25')).toEqual({ count: 0, names: [] });
  });
});
