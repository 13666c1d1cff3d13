import { describe, expect, it } from 'vitest';
import { encodeContext, newSharedGroupRefs } from './encode-context.js';
import { sampleUserContext } from './sample-contexts.js';
import type { MappingContext, MappingGroupRef, MappingUser } from './types.js';

const provider = { pk: 1, name: 'Entra', tenant_id: 'tenant', client_id: 'client' };
const staff: MappingGroupRef = { pk: 'a1', num_pk: 1, name: 'staff', attributes: {} };
const admins: MappingGroupRef = { pk: 'a2', num_pk: 2, name: 'admins', attributes: { level: 3 } };

function user(groups: MappingGroupRef[], overrides: Partial<MappingUser> = {}): MappingContext {
  return sampleUserContext(
    { pk: 7, uid: 'f00d', groups, all_group_names: groups.map((g) => g.name), ...overrides },
    provider,
  );
}

/** The encoded `groups` of a contract-shaped user. */
function groupsOf(json: string): unknown[] {
  const packed = JSON.parse(json) as unknown[];
  return packed[11] as unknown[];
}

describe('encodeContext', () => {
  it('sends a group reference once with an id, then the id alone', () => {
    const shared = newSharedGroupRefs(1_000_000);
    expect(groupsOf(encodeContext(user([staff, admins]), shared, 0))).toEqual([
      [0, 'a1', 1, 'staff', {}],
      [1, 'a2', 2, 'admins', { level: 3 }],
    ]);
    expect(groupsOf(encodeContext(user([admins]), shared, 0))).toEqual([1]);
    expect(groupsOf(encodeContext(user([{ ...staff }, admins]), shared, 0))).toEqual([0, 1]);
  });

  it('defines a group listed twice for one user once', () => {
    const shared = newSharedGroupRefs(1_000_000);
    expect(groupsOf(encodeContext(user([staff, staff]), shared, 0))).toEqual([[0, 'a1', 1, 'staff', {}], 0]);
  });

  it('treats a changed group as a new reference', () => {
    const shared = newSharedGroupRefs(1_000_000);
    encodeContext(user([staff]), shared, 0);
    const renamed = { ...staff, attributes: { note: 'changed' } };
    expect(groupsOf(encodeContext(user([renamed]), shared, 0))).toEqual([
      [1, 'a1', 1, 'staff', { note: 'changed' }],
    ]);
  });

  it('starts again when the realm generation changes', () => {
    const shared = newSharedGroupRefs(1_000_000);
    encodeContext(user([staff]), shared, 0);
    expect(groupsOf(encodeContext(user([staff]), shared, 1))).toEqual([[0, 'a1', 1, 'staff', {}]]);
    expect(groupsOf(encodeContext(user([staff]), shared, 1))).toEqual([0]);
  });

  it('records no id when the context cannot be serialised', () => {
    const shared = newSharedGroupRefs(1_000_000);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => encodeContext(user([staff], { attributes: cyclic }), shared, 0)).toThrow();
    expect(groupsOf(encodeContext(user([staff]), shared, 0))).toEqual([[0, 'a1', 1, 'staff', {}]]);
  });

  it('sends references inline once the table is full', () => {
    const shared = newSharedGroupRefs(30);
    expect(groupsOf(encodeContext(user([staff, admins]), shared, 0))).toEqual([
      [0, 'a1', 1, 'staff', {}],
      ['a2', 2, 'admins', { level: 3 }],
    ]);
    expect(groupsOf(encodeContext(user([staff, admins]), shared, 0))).toEqual([
      0,
      ['a2', 2, 'admins', { level: 3 }],
    ]);
  });

  it('sends users with extra fields, and groups, as keyed JSON', () => {
    const shared = newSharedGroupRefs(1_000_000);
    const extra = user([staff], { extra: 1 } as Partial<MappingUser>);
    expect(JSON.parse(encodeContext(extra, shared, 0))).toEqual({
      user: extra.user,
      group: null,
      connection: null,
    });
    const group = { ...staff, is_superuser: false, parents: [], member_count: 0 };
    expect(JSON.parse(encodeContext({ group, provider, connection: null }, shared, 0))).toEqual({
      user: null,
      group,
      connection: null,
    });
    expect(shared.ids.size).toBe(0);
  });
});
