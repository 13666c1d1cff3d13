import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  GRAPH_GROUP_PROPERTIES,
  GRAPH_USER_PROPERTIES,
  isWritableGraphProperty,
  suggestGraphProperty,
} from './graph-properties.js';

function interfaceProperties(name: string): Set<string> {
  const path = createRequire(import.meta.url).resolve(
    '@microsoft/microsoft-graph-types/microsoft-graph.d.ts',
  );
  const source = readFileSync(path, 'utf8');
  const start = source.indexOf(`export interface ${name} extends DirectoryObject {`);
  const end = source.indexOf('\n}', start);
  return new Set([...source.slice(start, end).matchAll(/^\s{4}([A-Za-z]+)\?:/gm)].map((m) => m[1] as string));
}

describe('Graph property sets', () => {
  it('are real properties of the Graph user and group resources', () => {
    const user = interfaceProperties('User');
    const group = interfaceProperties('Group');
    expect(user.size).toBeGreaterThan(50);
    for (const p of GRAPH_USER_PROPERTIES) expect(user.has(p), p).toBe(true);
    for (const p of GRAPH_GROUP_PROPERTIES) expect(group.has(p), p).toBe(true);
  });

  it('contain what the default mappings send and exclude read-only ones', () => {
    for (const p of [
      'displayName',
      'accountEnabled',
      'mailNickname',
      'userPrincipalName',
      'passwordProfile',
      'onPremisesImmutableId',
      'mail',
    ]) {
      expect(GRAPH_USER_PROPERTIES.has(p)).toBe(true);
    }
    for (const p of ['displayName', 'mailEnabled', 'securityEnabled', 'mailNickname'])
      expect(GRAPH_GROUP_PROPERTIES.has(p)).toBe(true);
    for (const p of ['id', 'createdDateTime', 'proxyAddresses', 'memberOf', 'manager'])
      expect(GRAPH_USER_PROPERTIES.has(p)).toBe(false);
    for (const p of ['id', 'members', 'owners', 'mail']) expect(GRAPH_GROUP_PROPERTIES.has(p)).toBe(false);
  });

  it('accept directory extensions and suggest camelCase names', () => {
    expect(isWritableGraphProperty('user', 'extension_0123456789abcdef0123456789abcdef_badge')).toBe(true);
    expect(isWritableGraphProperty('user', 'extension_bad_badge')).toBe(false);
    expect(suggestGraphProperty('user', 'user_principal_name')).toBe('userPrincipalName');
    expect(suggestGraphProperty('group', 'SECURITY_ENABLED')).toBe('securityEnabled');
    expect(suggestGraphProperty('user', 'nonsense')).toBeUndefined();
  });
});
