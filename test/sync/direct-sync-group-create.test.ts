/**
 * A group created by direct sync carries its first members in `members@odata.bind` of its
 * `POST /groups`, as a full sync's creates do: a group of up to 20 members costs one write
 * (https://learn.microsoft.com/en-us/graph/api/group-post-groups#request-body).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUserToGroup, createGroup } from '../../src/directory/groups.js';
import { createUser } from '../../src/directory/users.js';
import type { RunningEmulator } from '../../src/graph-emulator/index.js';
import { syncGroup, syncUser } from '../../src/sync/direct-sync.js';
import { linkFor } from '../../src/sync/link-records.js';
import { DIALECTS } from '../support/stores.js';
import {
  actor,
  createSyncHarness,
  type SyncHarness,
  startEmulatorForTests,
} from '../support/sync-harness.js';

describe.each(DIALECTS)('a group created by direct sync on %s', (dialect) => {
  let emulator: RunningEmulator;
  let h: SyncHarness;

  beforeAll(async () => {
    emulator = await startEmulatorForTests();
    h = await createSyncHarness(dialect, { emulator });
  });
  afterAll(async () => {
    await h?.close();
    await emulator?.close();
  });

  it('is one POST /groups with its 3 members bound, and no member request', async () => {
    const users = [];
    for (const name of ['ann', 'ben', 'cat']) {
      const user = await createUser(
        h.store.db,
        { username: name, name, email: `${name}@${emulator.domain}` },
        actor,
      );
      expect((await syncUser(h.deps, h.providerId, user.pk)).status).toBe('done');
      users.push(user);
    }
    const group = await createGroup(h.store.db, { name: 'Folded' }, actor);
    for (const user of users) await addUserToGroup(h.store.db, group.group_uuid, user.pk, actor);

    emulator.control.clearRequestLog();
    expect((await syncGroup(h.deps, h.providerId, group.num_pk)).status).toBe('done');

    const writes = emulator.control.getRequestLog({ mutatingOnly: true }).map((e) => `${e.method} ${e.url}`);
    expect(writes).toEqual(['POST /groups']);
    const remoteIds = await Promise.all(
      users.map(async (u) => (await linkFor(h.store.db, h.providerId, 'user', u.pk))?.remoteId),
    );
    const remote = h.remote().groups.find((g) => g.displayName === 'Folded') as { members: string[] };
    expect([...remote.members].sort()).toEqual([...remoteIds].sort());
    // The run counts the members the create carried.
    const results = await h.store.db
      .selectFrom('sync_results')
      .select(['operation', 'status'])
      .where('object_type', '=', 'group')
      .where('local_id', '=', group.num_pk)
      .execute();
    expect(results).toEqual([{ operation: 'create', status: 'ok' }]);
  });
});
