/**
 * Filters, search, ordering and the pagination envelope of the core list endpoints, and the
 * "bad input" rules: field-level 400s (never 500), uniqueness named by field, unknown fields ignored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreRoutes } from '../../src/api/core-routes.js';
import { nowIso, writeJson } from '../../src/store/dialect.js';
import { createTestApi, type TestApi } from '../support/api.js';
import { DIALECTS } from '../support/stores.js';

describe.each(DIALECTS)('core list queries and bad input on %s', (dialect) => {
  let api: TestApi;
  const ids: Record<string, number> = {};
  const groups: Record<string, string> = {};

  async function get(url: string) {
    const res = await api.app.inject({ url, headers: api.auth });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json();
  }
  async function send(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
    return api.app.inject({
      method,
      url,
      headers: api.auth,
      ...(payload !== undefined && { payload: payload as object }),
    });
  }
  const names = (body: {
    results: Array<{ username?: string; name?: string; slug?: string; identifier?: string }>;
  }) => body.results.map((r) => r.username ?? r.identifier ?? r.slug ?? r.name);

  beforeAll(async () => {
    api = await createTestApi(dialect, coreRoutes);
    const eng = (await send('POST', '/api/v3/core/groups/', { name: 'Engineering' })).json();
    const ops = (await send('POST', '/api/v3/core/groups/', { name: 'Ops_100%' })).json();
    groups.eng = eng.pk;
    groups.ops = ops.pk;
    const people = [
      {
        username: 'alice',
        name: 'Alice Archer',
        email: 'alice@example.com',
        path: 'users/eng',
        groups: [eng.pk],
      },
      {
        username: 'bob',
        name: 'Bob Baker',
        email: 'bob@example.org',
        path: 'users/eng/platform',
        groups: [eng.pk, ops.pk],
      },
      {
        username: 'carol',
        name: 'Carol Cook',
        email: 'carol@example.com',
        path: 'users/sales',
        is_active: false,
      },
      {
        username: 'dave',
        name: 'Dave Diver',
        email: 'dave@partner.test',
        path: 'partners',
        type: 'external',
      },
    ];
    for (const p of people) {
      const res = await send('POST', '/api/v3/core/users/', p);
      expect(res.statusCode, res.body).toBe(201);
      ids[p.username] = res.json().pk;
    }
  });
  afterAll(async () => api.close());

  it('filters users by exact fields, type, path prefix, groups and superuser status', async () => {
    expect(names(await get('/api/v3/core/users/?username=alice'))).toEqual(['alice']);
    expect(names(await get('/api/v3/core/users/?email=bob%40example.org'))).toEqual(['bob']);
    expect(names(await get('/api/v3/core/users/?name=Carol%20Cook'))).toEqual(['carol']);
    expect(names(await get('/api/v3/core/users/?is_active=false'))).toEqual(['carol']);
    expect(names(await get('/api/v3/core/users/?type=external'))).toEqual(['dave']);
    expect(names(await get('/api/v3/core/users/?type=external&type=internal&ordering=username')).length).toBe(
      5,
    );
    expect(names(await get('/api/v3/core/users/?path=users%2Feng'))).toEqual(['alice']);
    expect(names(await get('/api/v3/core/users/?path_startswith=users%2Feng&ordering=username'))).toEqual([
      'alice',
      'bob',
    ]);
    expect(names(await get(`/api/v3/core/users/?groups_by_pk=${groups.ops}`))).toEqual(['bob']);
    expect(
      names(
        await get(
          '/api/v3/core/users/?groups_by_name=Engineering&groups_by_name=Ops_100%25&ordering=username',
        ),
      ),
    ).toEqual(['alice', 'bob']);
    expect(names(await get('/api/v3/core/users/?is_superuser=true'))).toEqual(['admin']);
    expect(names(await get('/api/v3/core/users/?is_superuser=false')).length).toBe(4);
    const alice = (await get(`/api/v3/core/users/${ids.alice}/`)) as { uuid: string };
    expect(names(await get(`/api/v3/core/users/?uuid=${alice.uuid}`))).toEqual(['alice']);
  });

  it('searches users case-insensitively with LIKE wildcards taken literally, and orders them', async () => {
    expect(names(await get('/api/v3/core/users/?search=ARCHER'))).toEqual(['alice']);
    expect(names(await get('/api/v3/core/users/?search=example.com&ordering=-username'))).toEqual([
      'carol',
      'alice',
    ]);
    expect(names(await get('/api/v3/core/users/?search=%25'))).toEqual([]);
    expect(names(await get('/api/v3/core/users/?search=_'))).toEqual([]);
    expect(names(await get('/api/v3/core/users/?ordering=-pk')).at(0)).toBe('dave');
    // An unknown ordering field is ignored, as DRF does.
    expect((await get('/api/v3/core/users/?ordering=password_hash')).pagination.count).toBe(5);
  });

  it('answers the pagination envelope with page numbers, counts and indexes', async () => {
    const page2 = await get('/api/v3/core/users/?page=2&page_size=2&ordering=username');
    expect(page2.pagination).toEqual({
      next: 3,
      previous: 1,
      count: 5,
      current: 2,
      total_pages: 3,
      start_index: 3,
      end_index: 4,
    });
    expect(names(page2)).toEqual(['bob', 'carol']);
    expect(page2.autocomplete).toEqual({});
    const empty = await get('/api/v3/core/users/?username=nobody');
    expect(empty.pagination).toEqual({
      next: 0,
      previous: 0,
      count: 0,
      current: 1,
      total_pages: 1,
      start_index: 0,
      end_index: 0,
    });
    const noGroups = await get('/api/v3/core/users/?username=bob&include_groups=false');
    expect(noGroups.results[0]).toMatchObject({ groups: expect.any(Array), groups_obj: null });
    expect((await send('POST', '/api/v3/core/users/', undefined)).statusCode).toBe(400);
    for (const bad of [
      'page=0',
      'page_size=0',
      'page_size=100000',
      'page=abc',
      'is_active=maybe',
      'type=robot',
      'uuid=not-a-uuid',
    ]) {
      const res = await api.app.inject({ url: `/api/v3/core/users/?${bad}`, headers: api.auth });
      expect(res.statusCode, bad).toBe(400);
    }
  });

  it('filters groups by members, superuser status and name, and includes related objects on request', async () => {
    expect(names(await get(`/api/v3/core/groups/?members_by_pk=${ids.bob}&ordering=name`))).toEqual([
      'Engineering',
      'Ops_100%',
    ]);
    expect(names(await get('/api/v3/core/groups/?members_by_username=alice'))).toEqual(['Engineering']);
    expect(names(await get('/api/v3/core/groups/?is_superuser=true'))).toEqual(['Conduit Admins']);
    expect(names(await get('/api/v3/core/groups/?search=ops'))).toEqual(['Ops_100%']);
    expect(names(await get('/api/v3/core/groups/?name=Engineering'))).toEqual(['Engineering']);
    const plain = await get(`/api/v3/core/groups/${groups.eng}/?include_users=false`);
    expect(plain).toMatchObject({
      users: [ids.alice, ids.bob],
      users_obj: null,
      parents_obj: null,
      children_obj: null,
      children: [],
    });
  });

  it('filters tokens, applications, events and providers', async () => {
    await send('POST', '/api/v3/core/tokens/', { identifier: 'alice-api', user: ids.alice, expiring: false });
    await send('POST', '/api/v3/core/tokens/', {
      identifier: 'alice-app',
      user: ids.alice,
      intent: 'app_password',
    });
    expect(names(await get('/api/v3/core/tokens/?user__username=alice&ordering=-identifier'))).toEqual([
      'alice-app',
      'alice-api',
    ]);
    expect(names(await get('/api/v3/core/tokens/?intent=app_password'))).toEqual(['alice-app']);
    expect(names(await get('/api/v3/core/tokens/?expiring=false&search=alice'))).toEqual(['alice-api']);

    const provider = await api.store.db
      .insertInto('providers')
      .values({
        name: 'Entra',
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
    await send('POST', '/api/v3/core/applications/', {
      name: 'Payroll',
      slug: 'payroll',
      group: 'HR',
      meta_publisher: 'Acme',
    });
    await send('POST', '/api/v3/core/applications/', { name: 'Wiki', slug: 'wiki', provider: provider.id });
    expect(names(await get('/api/v3/core/applications/?group=HR'))).toEqual(['payroll']);
    expect(names(await get('/api/v3/core/applications/?meta_publisher=Acme'))).toEqual(['payroll']);
    expect(names(await get('/api/v3/core/applications/?search=wik'))).toEqual(['wiki']);
    expect(names(await get('/api/v3/core/applications/?ordering=-slug'))).toEqual(['wiki', 'payroll']);
    expect(names(await get('/api/v3/providers/all/?application__isnull=false'))).toEqual(['Entra']);
    expect(names(await get('/api/v3/providers/all/?application__isnull=true'))).toEqual([]);
    expect(names(await get('/api/v3/providers/all/?backchannel=true'))).toEqual(['Entra']);
    expect(names(await get('/api/v3/providers/all/?backchannel=false'))).toEqual([]);
    expect((await get(`/api/v3/providers/all/${provider.id}/`)).assigned_application_slug).toBe('wiki');

    const created = await get(
      `/api/v3/events/events/?action=model_created&context_model_name=user&context_model_pk=${ids.bob}`,
    );
    expect(created.results).toHaveLength(1);
    expect(created.results[0].context.model).toMatchObject({ name: 'bob' });
    expect(
      (await get('/api/v3/events/events/?context_model_app=conduit_core&username=admin')).pagination.count,
    ).toBeGreaterThan(5);
    expect((await get('/api/v3/events/events/?username=nobody')).pagination.count).toBe(0);
    expect(
      (await get('/api/v3/events/events/?actions=model_created&actions=model_deleted&search=carol')).results,
    ).toHaveLength(1);
    const ascending = (await get('/api/v3/events/events/?ordering=created&page_size=100')).results.map(
      (e: { created: string }) => e.created,
    );
    expect(ascending).toEqual([...ascending].sort());
    expect(
      (await get('/api/v3/events/events/actions/')).map((a: { description: string }) => a.description),
    ).toContain('model_created');
    expect((await api.app.inject({ url: '/api/v3/events/events/0000/', headers: api.auth })).statusCode).toBe(
      404,
    );
  });

  it('falls back to the default order for an Object.prototype name as ordering, never a 500', async () => {
    const lists = [
      '/api/v3/core/users/',
      '/api/v3/core/groups/',
      '/api/v3/core/applications/',
      '/api/v3/core/tokens/',
      '/api/v3/events/events/',
    ];
    for (const list of lists) {
      const plain = (await get(list)).pagination.count;
      for (const name of ['constructor', '-toString', '__proto__', 'hasOwnProperty', '-valueOf']) {
        const res = await api.app.inject({ url: `${list}?ordering=${name}`, headers: api.auth });
        expect(res.statusCode, `${list}?ordering=${name}: ${res.body}`).toBe(200);
        expect(res.json().pagination.count, `${list}?ordering=${name}`).toBe(plain);
      }
    }
    expect(names(await get('/api/v3/core/groups/?ordering=constructor'))).toEqual(
      names(await get('/api/v3/core/groups/?ordering=name')),
    );
  });

  it('refuses attributes nested past the depth limit with a 400 that names the limit', async () => {
    const depth = 50_000;
    const deep = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const cases: Array<[string, string, string]> = [
      ['POST', '/api/v3/core/users/', `{"username":"deep","name":"Deep","attributes":${deep}}`],
      ['PATCH', `/api/v3/core/users/${ids.alice}/`, `{"attributes":${deep}}`],
      ['POST', '/api/v3/core/groups/', `{"name":"deep","attributes":${deep}}`],
      ['PATCH', `/api/v3/core/groups/${groups.eng}/`, `{"attributes":${deep}}`],
    ];
    for (const [method, url, payload] of cases) {
      const res = await api.app.inject({
        method: method as 'POST',
        url,
        headers: { ...api.auth, 'content-type': 'application/json' },
        payload,
      });
      expect(res.statusCode, `${method} ${url}: ${res.body.slice(0, 300)}`).toBe(400);
      expect(res.json().attributes, `${method} ${url}`).toEqual([
        'JSON may be nested at most 64 levels deep.',
      ]);
    }
    // At the limit is fine: `{"attributes": {...}}` with 64 levels inside attributes.
    const atLimit = JSON.parse(`${'{"a":'.repeat(63)}1${'}'.repeat(63)}`);
    const ok = await send('PATCH', `/api/v3/core/groups/${groups.eng}/`, { attributes: atLimit });
    expect(ok.statusCode, ok.body.slice(0, 300)).toBe(200);
    expect((await send('PATCH', `/api/v3/core/groups/${groups.eng}/`, { attributes: {} })).statusCode).toBe(
      200,
    );
  });

  it('names the field of a uniqueness violation in a 400', async () => {
    const cases: Array<[string, string, unknown, string]> = [
      ['POST', '/api/v3/core/users/', { username: 'alice', name: 'Another Alice' }, 'username'],
      ['PATCH', `/api/v3/core/users/${ids.bob}/`, { username: 'alice' }, 'username'],
      ['POST', '/api/v3/core/groups/', { name: 'Engineering' }, 'name'],
      ['PATCH', `/api/v3/core/groups/${groups.ops}/`, { name: 'Engineering' }, 'name'],
      ['POST', '/api/v3/core/applications/', { name: 'Payroll 2', slug: 'payroll' }, 'slug'],
      ['POST', '/api/v3/core/tokens/', { identifier: 'alice-api' }, 'identifier'],
    ];
    for (const [method, url, payload, field] of cases) {
      const res = await send(method as 'POST', url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(400);
      expect(Object.keys(res.json()), `${method} ${url}`).toEqual([field]);
    }
  });

  it('answers bad values with field-level 400s, never 500', async () => {
    const cases: Array<[string, string, unknown, string]> = [
      ['POST', '/api/v3/core/users/', { username: '', name: 'x' }, 'username'],
      ['POST', '/api/v3/core/users/', { username: 'u1', name: 'x', email: 'not-an-email' }, 'email'],
      ['POST', '/api/v3/core/users/', { username: 'u1', name: 'x', type: 'robot' }, 'type'],
      ['POST', '/api/v3/core/users/', { username: 'u1', name: 'x', groups: ['not-a-uuid'] }, 'groups.0'],
      [
        'POST',
        '/api/v3/core/users/',
        { username: 'u1', name: 'x', groups: ['5d1f8b0e-58b0-4b0c-9f39-0a3d8c1e2f3a'] },
        'groups',
      ],
      ['POST', '/api/v3/core/users/', { username: 'u\u0000', name: 'x' }, 'username'],
      [
        'POST',
        '/api/v3/core/users/',
        { username: 'u1', name: 'x', attributes: { k: 'a\u0000b' } },
        'attributes',
      ],
      [
        'POST',
        '/api/v3/core/users/',
        { username: 'u1', name: 'x', attributes: ['not', 'an', 'object'] },
        'attributes',
      ],
      [
        'POST',
        '/api/v3/core/users/',
        { username: 'u1', name: 'x', roles: ['5d1f8b0e-58b0-4b0c-9f39-0a3d8c1e2f3a'] },
        'roles',
      ],
      ['POST', '/api/v3/core/groups/', { name: 'g1', users: [2_147_483_648] }, 'users.0'],
      ['POST', '/api/v3/core/groups/', { name: 'g1', users: [999_999] }, 'users'],
      ['POST', `/api/v3/core/groups/${groups.eng}/add_user/`, { pk: 999_999 }, 'pk'],
      ['POST', `/api/v3/core/groups/${groups.eng}/add_user/`, { pk: 'one' }, 'pk'],
      ['PATCH', `/api/v3/core/groups/${groups.eng}/`, { parents: [groups.eng] }, 'parents'],
      ['POST', '/api/v3/core/applications/', { name: 'x', slug: 'not a slug' }, 'slug'],
      ['POST', '/api/v3/core/applications/', { name: 'x', slug: 'x1', provider: 999_999 }, 'provider'],
      [
        'POST',
        '/api/v3/core/applications/',
        { name: 'x', slug: 'x1', policy_engine_mode: 'most' },
        'policy_engine_mode',
      ],
      ['POST', '/api/v3/core/tokens/', { identifier: 'has space' }, 'identifier'],
      ['POST', '/api/v3/core/tokens/', { identifier: 't1', intent: 'recovery' }, 'intent'],
      ['POST', '/api/v3/core/tokens/', { identifier: 't1', user: 999_999 }, 'user'],
      ['POST', '/api/v3/core/tokens/', { identifier: 't1', expires: 'tomorrow' }, 'expires'],
    ];
    for (const [method, url, payload, field] of cases) {
      const res = await send(method as 'POST', url, payload);
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(payload)}: ${res.body}`).toBe(400);
      expect(Object.keys(res.json()), `${method} ${url} ${JSON.stringify(payload)}`).toContain(field);
    }
    const notFound = [
      `/api/v3/core/users/999999/`,
      `/api/v3/core/groups/nope/`,
      `/api/v3/core/applications/nope/`,
      `/api/v3/core/tokens/nope/`,
      '/api/v3/providers/all/999999/',
    ];
    for (const url of notFound)
      expect((await api.app.inject({ url, headers: api.auth })).statusCode, url).toBe(404);
    expect(
      (await api.app.inject({ url: '/api/v3/core/users/99999999999/', headers: api.auth })).statusCode,
    ).toBe(400);
  });

  it('ignores unknown and read-only fields, as DRF does', async () => {
    const before = (await get(`/api/v3/core/users/${ids.dave}/`)) as Record<string, unknown>;
    const res = await send('PUT', `/api/v3/core/users/${ids.dave}/`, {
      ...before,
      name: 'Dave D.',
      pk: 12345,
      uid: 'forged',
      is_superuser: true,
      no_such_field: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ pk: ids.dave, name: 'Dave D.', uid: before.uid, is_superuser: false });
    expect(res.json()).not.toHaveProperty('no_such_field');
  });

  it("refuses to delete the caller's own account, and clears a provider filter when its group goes", async () => {
    const self = await send('DELETE', `/api/v3/core/users/${api.adminPk}/`);
    expect(self.statusCode).toBe(400);
    const group = (await send('POST', '/api/v3/core/groups/', { name: 'Synced' })).json();
    const provider = await api.store.db
      .insertInto('providers')
      .values({
        name: 'Filtered',
        type: 'microsoft_entra',
        backchannel_application_uuid: null,
        filter_group_id: group.num_pk,
        settings: writeJson({}),
        secrets: null,
        created_at: nowIso(),
        updated_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await get(`/api/v3/core/groups/${group.pk}/used_by/`)).toEqual([
      {
        app: 'authentik_providers_microsoft_entra',
        model_name: 'microsoftentraprovider',
        pk: String(provider.id),
        name: 'Filtered',
        action: 'set_null',
      },
    ]);
    expect((await send('DELETE', `/api/v3/core/groups/${group.pk}/`)).statusCode).toBe(204);
    const row = await api.store.db
      .selectFrom('providers')
      .select('filter_group_id')
      .where('id', '=', provider.id)
      .executeTakeFirstOrThrow();
    expect(row.filter_group_id).toBeNull();
  });

  it('serves an OpenAPI document that includes the core routes', async () => {
    const doc = (await api.app.inject({ url: '/api/v3/schema/' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v3/core/users/',
        '/api/v3/core/groups/{group_uuid}/add_user/',
        '/api/v3/events/events/',
      ]),
    );
  });
});
