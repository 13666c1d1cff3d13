/** The incremental search's filter: from the cursor, with the margin for timestamps. */
import { describe, expect, it } from 'vitest';
import { searchFilter, timestampMinus } from './ldap-sync.js';
import type { SyncCursor } from './sync-runs.js';

const cursor = (kind: SyncCursor['kind'], users: string | null): SyncCursor => ({
  kind,
  users,
  groups: null,
  server: 'ldap://dc1',
  version: 'v',
  full_at: '2026-12-03T00:00:00.000Z',
});

describe('searchFilter', () => {
  it('searches everything without a cursor, or without a value for the object type', () => {
    expect(searchFilter('(objectClass=user)', null, 'users', 0)).toBe('(objectClass=user)');
    expect(searchFilter('(objectClass=group)', cursor('usn', '10'), 'groups', 0)).toBe('(objectClass=group)');
    expect(searchFilter('(objectClass=user)', cursor(null, '10'), 'users', 0)).toBe('(objectClass=user)');
  });

  it('adds uSNChanged or modifyTimestamp, the timestamp moved back by the margin', () => {
    expect(searchFilter('(objectClass=user)', cursor('usn', '12345'), 'users', 300_000)).toBe(
      '(&(objectClass=user)(uSNChanged>=12345))',
    );
    expect(
      searchFilter('(objectClass=inetOrgPerson)', cursor('timestamp', '20261203150000Z'), 'users', 330_000),
    ).toBe('(&(objectClass=inetOrgPerson)(modifyTimestamp>=20261203145430Z))');
  });

  it('moves GeneralizedTime across midnight and keeps AD’s fractional form readable', () => {
    expect(timestampMinus('20270101000100Z', 120_000)).toBe('20261231235900Z');
    expect(timestampMinus('20261203150000.0Z', 60_000)).toBe('20261203145900Z');
    expect(timestampMinus('not-a-time', 1000)).toBe('not-a-time');
  });
});
