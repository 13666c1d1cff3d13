/**
 * `/api/v3/sources/ldap/` through inject(): create, read, update, delete, write-only and sealed
 * bind password, and field-level 400s for bad values. No LDAP server is needed here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ldapSourceRoutes } from '../../src/api/sources-ldap.js';
import type { JobQueue } from '../../src/jobs/job-queue.js';
import { createTestApi, type TestApi } from '../support/api.js';
import { DIALECTS } from '../support/stores.js';

const base = {
  name: 'Corp LDAP',
  slug: 'corp',
  server_uri: 'ldap://127.0.0.1:3890',
  base_dn: 'dc=example,dc=com',
  bind_cn: 'cn=admin,dc=example,dc=com',
  bind_password: 'hunter2-secret',
};

describe.each(DIALECTS)('LDAP source API on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(dialect, [ldapSourceRoutes]);
  });
  afterAll(async () => api.close());

  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    api.app.inject({
      method,
      url,
      headers: api.auth,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });

  it('creates a source with authentik defaults, never returns the password and stores it sealed', async () => {
    const created = await call('POST', '/api/v3/sources/ldap/', base);
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({
      name: 'Corp LDAP',
      slug: 'corp',
      enabled: true,
      user_object_filter: '(objectClass=person)',
      group_object_filter: '(objectClass=group)',
      object_uniqueness_field: 'objectSid',
      user_path_template: 'goauthentik.io/sources/%(slug)s',
      has_bind_password: true,
      component: 'ak-source-ldap-form',
    });
    expect(body).not.toHaveProperty('bind_password');
    expect(created.body).not.toContain('hunter2-secret');
    const row = await api.store.db
      .selectFrom('ldap_sources')
      .select('bind_password')
      .executeTakeFirstOrThrow();
    expect(row.bind_password).toMatch(/^v1\./);
    expect(row.bind_password).not.toContain('hunter2');
  });

  it('answers field-level 400s for a bad URI scheme, DN, filter and unknown mapping', async () => {
    const bad = await call('POST', '/api/v3/sources/ldap/', {
      ...base,
      slug: 'bad',
      name: 'Bad',
      server_uri: 'http://ldap.example.com',
      base_dn: 'example.com',
      user_object_filter: '(objectClass=person',
      additional_user_dn: 'ou=people,,',
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json();
    expect(fields.server_uri[0]).toMatch(/ldap:\/\/ or ldaps:\/\//);
    expect(fields.base_dn[0]).toMatch(/Not a valid DN/);
    expect(fields.user_object_filter[0]).toMatch(/parentheses/);
    expect(fields.additional_user_dn[0]).toMatch(/Not a valid DN/);

    const mapping = await call('POST', '/api/v3/sources/ldap/', {
      ...base,
      slug: 'bad2',
      name: 'Bad 2',
      user_property_mappings: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(mapping.statusCode).toBe(400);
    expect(mapping.json().user_property_mappings[0]).toMatch(/does not exist/);

    const tls = await call('POST', '/api/v3/sources/ldap/', {
      ...base,
      slug: 'bad3',
      name: 'Bad 3',
      server_uri: 'ldaps://x',
      start_tls: true,
    });
    expect(tls.statusCode).toBe(400);
    expect(tls.json().start_tls[0]).toMatch(/already TLS/);
  });

  it('gives a source created without mappings the managed defaults of its kind', async () => {
    const corp = (await call('GET', '/api/v3/sources/ldap/corp/')).json();
    const presets = (await call('GET', '/api/v3/conduit/sources/ldap/presets/')).json();
    // objectSid (authentik's default uniqueness field) means Active Directory.
    expect([...corp.user_property_mappings].sort()).toEqual(
      [...presets.active_directory.user_property_mappings].sort(),
    );
    expect(presets.openldap.settings.object_uniqueness_field).toBe('entryUUID');
    const ol = await call('POST', '/api/v3/sources/ldap/', {
      ...base,
      name: 'OL',
      slug: 'ol',
      object_uniqueness_field: 'entryUUID',
      group_property_mappings: [],
    });
    expect([...ol.json().user_property_mappings].sort()).toEqual(
      [...presets.openldap.user_property_mappings].sort(),
    );
    expect(ol.json().group_property_mappings).toEqual([]);
    expect((await call('DELETE', '/api/v3/sources/ldap/ol/')).statusCode).toBe(204);
  });

  it('sync now queues one source.ldap.sync job per source, or says why it cannot', async () => {
    const none = await call('POST', '/api/v3/sources/ldap/corp/sync/', {});
    expect(none.statusCode).toBe(503);
    expect(none.json().detail).toMatch(/no job queue/);
    const added: unknown[] = [];
    let woken = 0;
    const queue: JobQueue = {
      kind: 'sqlite',
      addJobs: async (_trx, jobs) => {
        added.push(...jobs);
      },
      wake: () => {
        woken++;
      },
      start: async () => {},
      stop: async () => {},
      listDead: async () => [],
      retryDead: async () => false,
      counts: async () => ({ pending: 0, running: 0, dead: 0 }),
      drain: async () => {},
    };
    api.ctx.services.queue = queue;
    try {
      const queued = await call('POST', '/api/v3/sources/ldap/corp/sync/', { confirm_deletions: true });
      expect(queued.statusCode).toBe(202);
      const source = await api.store.db
        .selectFrom('ldap_sources')
        .select('id')
        .where('slug', '=', 'corp')
        .executeTakeFirstOrThrow();
      expect(added).toEqual([
        expect.objectContaining({
          task: 'source.ldap.sync',
          jobKey: `source.ldap.sync:${source.id}`,
          payload: { sourceId: source.id, trigger: 'manual', confirmDeletions: true },
        }),
      ]);
      expect(woken).toBe(1);
      await call('PATCH', '/api/v3/sources/ldap/corp/', { enabled: false });
      const disabled = await call('POST', '/api/v3/sources/ldap/corp/sync/', {});
      expect(disabled.statusCode).toBe(400);
      expect(disabled.json().enabled[0]).toMatch(/disabled/);
      await call('PATCH', '/api/v3/sources/ldap/corp/', { enabled: true });
    } finally {
      delete api.ctx.services.queue;
    }
  });

  it('updates without the password keeping it, lists, and deletes', async () => {
    const before = await api.store.db
      .selectFrom('ldap_sources')
      .select('bind_password')
      .executeTakeFirstOrThrow();
    const patched = await call('PATCH', '/api/v3/sources/ldap/corp/', {
      user_object_filter: '(objectClass=inetOrgPerson)',
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().user_object_filter).toBe('(objectClass=inetOrgPerson)');
    const after = await api.store.db
      .selectFrom('ldap_sources')
      .select('bind_password')
      .executeTakeFirstOrThrow();
    expect(after.bind_password).toBe(before.bind_password);

    const list = await call('GET', '/api/v3/sources/ldap/?search=corp');
    expect(list.json().pagination.count).toBe(1);
    const status = await call('GET', '/api/v3/sources/ldap/corp/sync/status/');
    expect(status.json()).toMatchObject({ is_running: false, run: null });

    expect((await call('DELETE', '/api/v3/sources/ldap/corp/')).statusCode).toBe(204);
    expect((await call('GET', '/api/v3/sources/ldap/corp/')).statusCode).toBe(404);
  });

  it('lists the managed LDAP property mappings and refuses to edit them', async () => {
    const list = await call('GET', '/api/v3/propertymappings/source/ldap/?page_size=100');
    const managed = list.json().results.map((m: { managed: string }) => m.managed);
    expect(managed).toContain('conduit/sources/ldap/openldap-uid');
    expect(managed).toContain('conduit/sources/ldap/ms-samaccountname');
    const uid = list
      .json()
      .results.find((m: { managed: string }) => m.managed === 'conduit/sources/ldap/openldap-uid');
    const edit = await call('PATCH', `/api/v3/propertymappings/source/ldap/${uid.pk}/`, {
      expression: 'null',
    });
    expect(edit.statusCode).toBe(405);
    const syntax = await call('POST', '/api/v3/propertymappings/source/ldap/', {
      name: 'Broken',
      expression: '({ name: ',
    });
    expect(syntax.statusCode).toBe(400);
    expect(syntax.json().expression[0]).toMatch(/Broken/);
  });
});
