/** Mapping contexts carry a user's groups with every ancestor, read level by level (both databases). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUserToGroup, createGroup } from '../../src/directory/groups.js';
import { createUser } from '../../src/directory/users.js';
import { loadMappingGroups, loadMappingUsers } from '../../src/sync/scope.js';
import { createTestStore, DIALECTS, type TestStore } from '../support/stores.js';

const actor = { pk: 0, username: 'tester' };

describe.each(DIALECTS)('mapping contexts on %s', (dialect) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(dialect);
  });
  afterAll(async () => store.close());

  it('resolves nested groups: direct groups, every ancestor name, a group’s direct parents only', async () => {
    const root = await createGroup(store.db, { name: 'root' }, actor);
    const middle = await createGroup(store.db, { name: 'middle', parents: [root.group_uuid] }, actor);
    const leaf = await createGroup(store.db, { name: 'leaf', parents: [middle.group_uuid] }, actor);
    const side = await createGroup(store.db, { name: 'side', parents: [root.group_uuid] }, actor);
    await createGroup(store.db, { name: 'unrelated' }, actor);
    const user = await createUser(
      store.db,
      { username: 'nested', name: 'Nested', email: 'n@example.com' },
      actor,
    );
    const loner = await createUser(
      store.db,
      { username: 'loner', name: 'Loner', email: 'l@example.com' },
      actor,
    );
    await addUserToGroup(store.db, leaf.group_uuid, user.pk, actor);
    await addUserToGroup(store.db, side.group_uuid, user.pk, actor);

    const users = await loadMappingUsers(store.db, [user.pk, loner.pk]);
    const u = users.get(user.pk);
    expect(u?.groups.map((g) => g.name).sort()).toEqual(['leaf', 'side']);
    expect([...(u?.all_group_names ?? [])].sort()).toEqual(['leaf', 'middle', 'root', 'side']);
    expect(users.get(loner.pk)).toMatchObject({ groups: [], all_group_names: [] });

    const groups = await loadMappingGroups(store.db, [leaf.num_pk, root.num_pk]);
    expect(groups.get(leaf.num_pk)?.parents.map((g) => g.name)).toEqual(['middle']);
    expect(groups.get(leaf.num_pk)?.member_count).toBe(1);
    expect(groups.get(root.num_pk)?.parents).toEqual([]);
  });
});
