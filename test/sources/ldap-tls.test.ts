/**
 * Connecting to slapd over LDAPS and StartTLS with the test CA, the connectivity check's answers
 * (bind, base DN, sample counts, clear errors), and authentik's `{slug}/debug/`, through the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ldapSourceRoutes } from '../../src/api/sources-ldap.js';
import { stopMappingWorkers } from '../../src/mappings/index.js';
import { checkConnectivity } from '../../src/sources/ldap/connectivity.js';
import { openLdapSession } from '../../src/sources/ldap/ldap-client.js';
import { DEFAULT_LDAP_SETTINGS, type LdapSourceSettings } from '../../src/sources/ldap/source-settings.js';
import { createTestApi, type TestApi } from '../support/api.js';
import {
  groupLdif,
  personDn,
  personLdif,
  startLdapServer,
  type TestLdapServer,
} from '../support/ldap-server.js';

let ldap: TestLdapServer;
beforeAll(async () => {
  ldap = await startLdapServer();
  await ldap.add(personLdif('ada') + personLdif('bob') + groupLdif('admins', [personDn('ada')]));
});
afterAll(async () => {
  await ldap?.stop();
  await stopMappingWorkers();
});

const settings = (patch: Partial<LdapSourceSettings>): LdapSourceSettings => ({
  ...DEFAULT_LDAP_SETTINGS,
  server_uri: ldap.ldapUrl,
  base_dn: ldap.baseDn,
  bind_cn: ldap.adminDn,
  user_object_filter: '(objectClass=inetOrgPerson)',
  group_object_filter: '(objectClass=groupOfNames)',
  object_uniqueness_field: 'entryUUID',
  ...patch,
});

describe('TLS to slapd', () => {
  it('reads over ldaps:// when peer_certificate holds the test CA', async () => {
    const session = await openLdapSession(
      settings({ server_uri: ldap.ldapsUrl, peer_certificate_pem: ldap.caPem }),
      ldap.adminPassword,
    );
    const pages = [];
    for await (const page of session.searchPages(ldap.baseDn, '(objectClass=inetOrgPerson)', ['uid'], 10))
      pages.push(...page);
    await session.close();
    expect(pages.map((e) => e.uid).sort()).toEqual(['ada', 'bob']);
  });

  it('upgrades ldap:// with StartTLS when start_tls is on', async () => {
    const report = await checkConnectivity(
      settings({ start_tls: true, peer_certificate_pem: ldap.caPem }),
      ldap.adminPassword,
    );
    expect(report.status).toBe('ok');
    expect(report.servers[0]?.steps.find((s) => s.step === 'connect')?.message).toMatch(/StartTLS/);
  });

  it('refuses a server certificate the configured CA did not sign, naming peer_certificate', async () => {
    await expect(
      openLdapSession(
        settings({ server_uri: ldap.ldapsUrl, peer_certificate_pem: null }),
        ldap.adminPassword,
      ),
    ).rejects.toMatchObject({
      stage: 'tls',
      message: expect.stringMatching(/peer_certificate/),
    });
    const report = await checkConnectivity(settings({ start_tls: true }), ldap.adminPassword);
    expect(report.status).toBe('error');
    expect(report.connectivity[ldap.ldapUrl]?.status).toMatch(/TLS|certificate/i);
  });
});

describe('connectivity checks', () => {
  it('reports bind, base DN and sample counts for a working source', async () => {
    const report = await checkConnectivity(settings({}), ldap.adminPassword);
    expect(report.status).toBe('ok');
    const server = report.servers[0];
    expect(server?.users).toBe(2);
    expect(server?.groups).toBe(1);
    expect(server?.steps.map((s) => [s.step, s.status])).toEqual([
      ['connect', 'ok'],
      ['bind', 'ok'],
      ['base_dn', 'ok'],
      ['users', 'ok'],
      ['groups', 'ok'],
    ]);
    expect(report.connectivity.__all__).toEqual({ status: 'ok' });
  });

  it('names the failing step: wrong password, missing base DN, unreachable server', async () => {
    const wrong = await checkConnectivity(settings({}), 'not-the-password');
    expect(wrong.servers[0]?.steps.find((s) => s.step === 'bind')).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/invalid credentials/),
    });
    const base = await checkConnectivity(settings({ base_dn: 'dc=nowhere,dc=com' }), ldap.adminPassword);
    expect(base.servers[0]?.steps.find((s) => s.step === 'base_dn')).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/base DN/),
    });
    const down = await checkConnectivity(settings({ server_uri: 'ldap://127.0.0.1:1' }), ldap.adminPassword);
    expect(down.servers[0]?.steps[0]).toMatchObject({
      step: 'connect',
      status: 'error',
      message: expect.stringMatching(/Cannot reach ldap:\/\/127\.0\.0\.1:1/),
    });
  });

  it('fails over to the next URI of server_uri', async () => {
    const session = await openLdapSession(
      settings({ server_uri: `ldap://127.0.0.1:1,${ldap.ldapUrl}` }),
      ldap.adminPassword,
    );
    expect(session.server.uri).toBe(ldap.ldapUrl);
    await session.close();
  });
});

describe('through the API', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi('sqlite', [ldapSourceRoutes]);
  });
  afterAll(async () => api?.close());

  it('checks connectivity, stores it as authentik’s connectivity, and answers debug with sample entries', async () => {
    const created = await api.app.inject({
      method: 'POST',
      url: '/api/v3/sources/ldap/',
      headers: api.auth,
      payload: {
        name: 'TLS LDAP',
        slug: 'tls',
        server_uri: ldap.ldapsUrl,
        peer_certificate_pem: ldap.caPem,
        base_dn: ldap.baseDn,
        bind_cn: ldap.adminDn,
        bind_password: ldap.adminPassword,
        user_object_filter: '(objectClass=inetOrgPerson)',
        group_object_filter: '(objectClass=groupOfNames)',
        object_uniqueness_field: 'entryUUID',
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().peer_certificate).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5/);
    const check = await api.app.inject({
      method: 'POST',
      url: '/api/v3/sources/ldap/tls/check/',
      headers: api.auth,
    });
    expect(check.statusCode).toBe(200);
    expect(check.json().status).toBe('ok');
    const read = await api.app.inject({ method: 'GET', url: '/api/v3/sources/ldap/tls/', headers: api.auth });
    expect(read.json().connectivity[ldap.ldapsUrl].status).toBe('ok');
    const debug = await api.app.inject({
      method: 'GET',
      url: '/api/v3/sources/ldap/tls/debug/',
      headers: api.auth,
    });
    expect(debug.statusCode).toBe(200);
    expect(
      debug
        .json()
        .user.map((u: { dn: string }) => u.dn)
        .sort(),
    ).toEqual([personDn('ada'), personDn('bob')]);
    expect(debug.json().membership[0]).toMatchObject({ field: 'member', values: [personDn('ada')] });

    const preview = await api.app.inject({
      method: 'POST',
      url: '/api/v3/propertymappings/source/ldap/preview/',
      headers: api.auth,
      payload: {
        source: 'tls',
        kind: 'user',
        dn: personDn('bob'),
        expression: '({ username: attr("uid"), name: dn })',
      },
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({
      dn: personDn('bob'),
      status: 'ok',
      result: { username: 'bob', name: personDn('bob') },
    });
    const broken = await api.app.inject({
      method: 'POST',
      url: '/api/v3/propertymappings/source/ldap/preview/',
      headers: api.auth,
      payload: { source: 'tls', kind: 'user', expression: 'throw new Error("no " + attr("uid"))' },
    });
    expect(broken.json()).toMatchObject({
      status: 'error',
      error: { message: expect.stringMatching(/no (ada|bob)/) },
    });
    await api.app.inject({
      method: 'PATCH',
      url: '/api/v3/sources/ldap/tls/',
      headers: api.auth,
      payload: { bind_password: 'nope-nope' },
    });
    const bad = await api.app.inject({
      method: 'GET',
      url: '/api/v3/sources/ldap/tls/debug/',
      headers: api.auth,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().non_field_errors[0]).toMatch(/invalid credentials/);
  });
});
