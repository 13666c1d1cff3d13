/** The field checks behind the source API's 400s, and DN parsing. */
import { describe, expect, it } from 'vitest';
import { isDn, normaliseDn, parseDn } from './dn.js';
import {
  bindNameProblem,
  certificateId,
  dnProblem,
  filterProblem,
  parseServerUris,
} from './source-settings.js';

describe('server_uri', () => {
  it('accepts several ldap:// and ldaps:// URIs with default ports', () => {
    expect(parseServerUris('ldaps://dc1.corp.example, ldap://dc2.corp.example:3389')).toEqual([
      { uri: 'ldaps://dc1.corp.example', secure: true, host: 'dc1.corp.example', port: 636 },
      { uri: 'ldap://dc2.corp.example:3389', secure: false, host: 'dc2.corp.example', port: 3389 },
    ]);
  });
  it('refuses other schemes, paths and empty values with the reason', () => {
    expect(parseServerUris('https://ldap.example.com')).toMatch(/ldap:\/\/ or ldaps:\/\//);
    expect(parseServerUris('ldap://ldap.example.com/dc=example')).toMatch(/base_dn/);
    expect(parseServerUris(' , ')).toMatch(/at least one URI/);
  });
});

describe('DNs, filters and bind names', () => {
  it('parse and normalise DNs, escapes included', () => {
    expect(parseDn('CN=Staff\\, London, OU=Groups,DC=corp')).toEqual([
      { type: 'CN', value: 'Staff\\, London' },
      { type: 'OU', value: 'Groups' },
      { type: 'DC', value: 'corp' },
    ]);
    expect(normaliseDn('CN=Ada , OU=People,DC=Corp')).toBe('cn=ada,ou=people,dc=corp');
    expect(isDn('example.com')).toBe(false);
    expect(dnProblem('dc=example,,dc=com', false)).toMatch(/Not a valid DN/);
    expect(dnProblem('', true)).toBeNull();
  });
  it('check filters (RFC 4515)', () => {
    expect(
      filterProblem('(&(objectClass=user)(!(userAccountControl:1.2.840.113556.1.4.803:=2)))'),
    ).toBeNull();
    expect(filterProblem('objectClass=user')).toMatch(/parentheses/);
    expect(filterProblem('(&(objectClass=user)')).toMatch(/balance/);
  });
  it('accept a DN, a UPN or DOMAIN\\user as bind name', () => {
    expect(bindNameProblem('cn=admin,dc=example,dc=com')).toBeNull();
    expect(bindNameProblem('svc-conduit@corp.example')).toBeNull();
    expect(bindNameProblem('CORP\\svc-conduit')).toBeNull();
    expect(bindNameProblem('admin')).toMatch(/DN to bind as/);
  });
  it('name a CA PEM by a stable uuid-shaped id', () => {
    expect(certificateId(null)).toBeNull();
    expect(certificateId('pem')).toBe(certificateId(' pem\n'));
    expect(certificateId('pem')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
