/**
 * `/api/v3/sources/user_connections/ldap/` and `/api/v3/sources/group_connections/ldap/` through
 * inject(): the list pages, its source, object and search filters, one connection by pk, and 404 for
 * an unknown one. The connections are written as the sync writes them; no LDAP server is needed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ldapSourceRoutes } from '../../src/api/sources-ldap.js';
import { createGroup } from '../../src/directory/groups.js';
import { createUser } from '../../src/directory/users.js';
import { nowIso, writeJson } from '../../src/store/dialect.js';
import { createTestApi, type TestApi } from '../support/api.js';
import { DIALECTS } from '../support/stores.js';

describe.each(DIALECTS)('LDAP connection API on %s', (dialect) => {
  let api: TestApi;
  let sourceUuid: string;
  let aliceId: number;
  let groupUuid: string;
  beforeAll(async () => {
    api = await createTestApi(dialect, [ldapSourceRoutes]);
    const created = await api.app.inject({
      method: 'POST',
      url: '/api/v3/sources/ldap/',
      headers: api.auth,
      payload: {
        name: 'Corp LDAP',
        slug: 'corp',
        server_uri: 'ldap://127.0.0.1:3890',
        base_dn: 'dc=example,dc=com',
      },
    });
    expect(created.statusCode).toBe(201);
    sourceUuid = created.json().pk;
    const db = api.store.db;
    const source = await db.selectFrom('ldap_sources').select('id').executeTakeFirstOrThrow();
    const now = nowIso();
    const connection = {
      source_id: source.id,
      stamp: null,
      fingerprint: 'f',
      created_at: now,
      updated_at: now,
    };
    for (const username of ['alice', 'bob', 'carol']) {
      const user = await createUser(db, { username, name: username }, null);
      if (username === 'alice') aliceId = user.pk;
      await db
        .insertInto('source_user_connections')
        .values({
          ...connection,
          user_id: user.pk,
          identifier: `sid-${username}`,
          dn: `uid=${username},ou=people,dc=example,dc=com`,
          member_key: null,
          member_of: writeJson([]),
        })
        .execute();
    }
    await createGroup(db, { name: 'staff' }, null);
    const group = await db
      .selectFrom('groups')
      .select(['id', 'group_uuid'])
      .where('name', '=', 'staff')
      .executeTakeFirstOrThrow();
    groupUuid = group.group_uuid;
    await db
      .insertInto('source_group_connections')
      .values({
        ...connection,
        group_id: group.id,
        identifier: 'sid-staff',
        dn: 'cn=staff,ou=groups,dc=example,dc=com',
        members: writeJson([]),
      })
      .execute();
  });
  afterAll(async () => api.close());

  const get = (url: string) => api.app.inject({ method: 'GET', url, headers: api.auth });

  it('lists user connections a page at a time, each with its source and user', async () => {
    const res = await get('/api/v3/sources/user_connections/ldap/?page=2&page_size=2');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.pagination).toMatchObject({ count: 3, current: 2, total_pages: 2, start_index: 3 });
    expect(body.results).toHaveLength(1);
    expect(body.results[0]).toMatchObject({
      source: sourceUuid,
      source_obj: { slug: 'corp', component: 'ak-source-ldap-form' },
      identifier: 'sid-carol',
      dn: 'uid=carol,ou=people,dc=example,dc=com',
      user_obj: { username: 'carol' },
    });
  });

  it('filters user connections by user, search and source slug', async () => {
    const byUser = (await get(`/api/v3/sources/user_connections/ldap/?user=${aliceId}`)).json();
    expect(byUser.results.map((c: { identifier: string }) => c.identifier)).toEqual(['sid-alice']);
    const searched = (await get('/api/v3/sources/user_connections/ldap/?search=BOB')).json();
    expect(searched.results.map((c: { identifier: string }) => c.identifier)).toEqual(['sid-bob']);
    const otherSource = (await get('/api/v3/sources/user_connections/ldap/?source__slug=other')).json();
    expect(otherSource.pagination.count).toBe(0);
  });

  it('reads one user connection by pk, and answers 404 for an unknown one', async () => {
    const [first] = (await get(`/api/v3/sources/user_connections/ldap/?user=${aliceId}`)).json().results;
    const one = await get(`/api/v3/sources/user_connections/ldap/${first.pk}/`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ pk: first.pk, user: aliceId, user_obj: { username: 'alice' } });
    expect((await get('/api/v3/sources/user_connections/ldap/9999/')).statusCode).toBe(404);
  });

  it('lists and reads group connections, filtered by group', async () => {
    const list = (await get(`/api/v3/sources/group_connections/ldap/?group=${groupUuid}`)).json();
    expect(list.pagination.count).toBe(1);
    expect(list.results[0]).toMatchObject({
      group: groupUuid,
      group_obj: { name: 'staff' },
      identifier: 'sid-staff',
    });
    const one = await get(`/api/v3/sources/group_connections/ldap/${list.results[0].pk}/`);
    expect(one.json()).toMatchObject({ group: groupUuid, dn: 'cn=staff,ou=groups,dc=example,dc=com' });
    expect((await get('/api/v3/sources/group_connections/ldap/9999/')).statusCode).toBe(404);
  });
});
