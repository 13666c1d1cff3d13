/**
 * authentik's own client drives Conduit's LDAP source API unchanged: `SourcesApi` creates, reads,
 * lists, updates and deletes a source and reads its sync status; `PropertymappingsApi` lists the
 * LDAP source mappings; `SourcesApi` reads user connections. Every JSON answer is validated against
 * the component schemas of the `schema.yml` shipped with `@goauthentik/api`.
 */
import { Configuration, PropertymappingsApi, ResponseError, SourcesApi } from '@goauthentik/api';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ldapSourceRoutes } from '../../src/api/sources-ldap.js';
import { stopMappingWorkers } from '../../src/mappings/index.js';
import { runSourceSync } from '../../src/sources/ldap/ldap-sync.js';
import { getLdapSource } from '../../src/sources/ldap/source-records.js';
import { ADMIN_TOKEN, createTestApi, type TestApi } from '../support/api.js';
import {
  groupLdif,
  personDn,
  personLdif,
  startLdapServer,
  type TestLdapServer,
} from '../support/ldap-server.js';
import { validatingMiddleware } from '../support/openapi.js';
import { DIALECTS } from '../support/stores.js';

let ldap: TestLdapServer;
beforeAll(async () => {
  ldap = await startLdapServer();
  await ldap.add(personLdif('ada', { cn: 'Ada Lovelace' }) + groupLdif('admins', [personDn('ada')]));
});
afterAll(async () => {
  await ldap?.stop();
  await stopMappingWorkers();
});

describe.each(DIALECTS)('authentik SourcesApi against Conduit on %s', (dialect) => {
  let api: TestApi;
  let config: Configuration;
  let problems: string[] = [];
  const validated = new Set<string>();

  beforeAll(async () => {
    api = await createTestApi(dialect, [ldapSourceRoutes]);
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    const address = api.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const validate = validatingMiddleware((p) => problems.push(p), validated);
    config = new Configuration({
      basePath: `http://127.0.0.1:${port}/api/v3`,
      accessToken: ADMIN_TOKEN,
      middleware: [validate],
    });
  });
  afterEach(() => {
    const found = problems;
    problems = [];
    expect(found).toEqual([]);
  });
  afterAll(async () => api?.close());

  it('creates, reads, lists, updates and deletes an LDAP source, and reads its sync status', async () => {
    const sources = new SourcesApi(config);
    const mappings = new PropertymappingsApi(config);
    const all = await mappings.propertymappingsSourceLdapList({ pageSize: 100 });
    const uid = all.results.find((m) => m.managed === 'conduit/sources/ldap/openldap-uid');
    const name = all.results.find((m) => m.managed === 'conduit/sources/ldap/default-name');
    const cn = all.results.find((m) => m.managed === 'conduit/sources/ldap/group-cn');
    expect(uid && name && cn).toBeTruthy();

    const created = await sources.sourcesLdapCreate({
      lDAPSourceRequest: {
        name: 'Directory',
        slug: 'directory',
        serverUri: ldap.ldapUrl,
        baseDn: ldap.baseDn,
        bindCn: ldap.adminDn,
        bindPassword: ldap.adminPassword,
        userObjectFilter: '(objectClass=inetOrgPerson)',
        groupObjectFilter: '(objectClass=groupOfNames)',
        objectUniquenessField: 'entryUUID',
        userPropertyMappings: [uid?.pk as string, name?.pk as string],
        groupPropertyMappings: [cn?.pk as string],
      },
    });
    expect(created).toMatchObject({
      slug: 'directory',
      serverUri: ldap.ldapUrl,
      enabled: true,
      objectUniquenessField: 'entryUUID',
    });
    expect(created.userPropertyMappings?.sort()).toEqual([uid?.pk, name?.pk].sort());

    const read = await sources.sourcesLdapRetrieve({ slug: 'directory' });
    expect(read.pk).toBe(created.pk);
    const list = await sources.sourcesLdapList({ search: 'direct' });
    expect(list.results.map((s) => s.slug)).toEqual(['directory']);

    // A PUT of what was read (authentik's clients send the whole object back) keeps the password.
    const {
      pk: _pk,
      component: _c,
      verboseName: _v,
      verboseNamePlural: _vp,
      metaModelName: _m,
      managed: _mg,
      iconUrl: _i,
      iconThemedUrls: _it,
      connectivity: _co,
      ...rest
    } = read;
    const updated = await sources.sourcesLdapUpdate({
      slug: 'directory',
      lDAPSourceRequest: { ...rest, syncGroupHierarchy: true },
    });
    expect(updated.syncGroupHierarchy).toBe(true);
    const patched = await sources.sourcesLdapPartialUpdate({
      slug: 'directory',
      patchedLDAPSourceRequest: { deleteNotFoundObjects: true },
    });
    expect(patched.deleteNotFoundObjects).toBe(true);

    const before = await sources.sourcesLdapSyncStatusRetrieve({ slug: 'directory' });
    expect(before.isRunning).toBe(false);
    expect(before.lastSuccessfulSync).toBeUndefined();

    const source = await getLdapSource(api.store.db, 'directory');
    const run = await runSourceSync(
      { db: api.store.db, dialect, secrets: api.ctx.secrets, logger: pino({ level: 'silent' }) },
      source,
      {
        trigger: 'manual',
        confirmDeletions: false,
      },
    );
    expect(run?.status).toBe('done');
    const after = await sources.sourcesLdapSyncStatusRetrieve({ slug: 'directory' });
    expect(after.isRunning).toBe(false);
    expect(after.lastSuccessfulSync).toBeInstanceOf(Date);
    expect(after.lastSyncStatus).toBe('done');

    const user = await api.store.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'ada')
      .executeTakeFirstOrThrow();
    const connections = await sources.sourcesUserConnectionsLdapList({ user: user.id });
    expect(connections.results).toHaveLength(1);
    expect(connections.results[0]).toMatchObject({
      source: created.pk,
      sourceObj: { slug: 'directory' },
      userObj: { username: 'ada' },
    });

    const group = await api.store.db
      .selectFrom('groups')
      .select('group_uuid')
      .where('name', '=', 'admins')
      .executeTakeFirstOrThrow();
    const groupConnections = await sources.sourcesGroupConnectionsLdapList({ group: group.group_uuid });
    expect(groupConnections.results).toHaveLength(1);
    expect(groupConnections.results[0]).toMatchObject({ source: created.pk, groupObj: { name: 'admins' } });
    const one = await sources.sourcesGroupConnectionsLdapRetrieve({
      id: groupConnections.results[0]?.pk as number,
    });
    expect(one.identifier).toBe(groupConnections.results[0]?.identifier);
    expect((await sources.sourcesUserConnectionsLdapList({ search: 'ad' })).results).toHaveLength(1);
    expect((await sources.sourcesUserConnectionsLdapList({ sourceSlug: 'elsewhere' })).results).toHaveLength(
      0,
    );

    await sources.sourcesLdapDestroy({ slug: 'directory' });
    const gone = await sources.sourcesLdapRetrieve({ slug: 'directory' }).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(ResponseError);
    expect((gone as ResponseError).response.status).toBe(404);
    expect([...validated]).toEqual(
      expect.arrayContaining([
        'LDAPSource',
        'PaginatedLDAPSourceList',
        'SyncStatus',
        'PaginatedUserLDAPSourceConnectionList',
      ]),
    );
  });
});
