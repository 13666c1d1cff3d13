/**
 * Users who leave the scope: ignored by default (as in authentik, for compatibility), or suspended/deleted when the
 * provider says so, with a mass change above the deletion threshold held until confirmed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGroup, removeUserFromGroup } from '../../src/directory/groups.js';
import { createUser } from '../../src/directory/users.js';
import type { RunningEmulator } from '../../src/graph-emulator/index.js';
import { updateEntraProvider } from '../../src/providers/entra/provider-service.js';
import { runFullSync } from '../../src/sync/full-sync.js';
import { linkFor } from '../../src/sync/link-records.js';
import { DIALECTS } from '../support/stores.js';
import {
  actor,
  createSyncHarness,
  type SyncHarness,
  startEmulatorForTests,
} from '../support/sync-harness.js';

describe.each(DIALECTS)('out-of-scope policy on %s', (dialect) => {
  let emulator: RunningEmulator;
  let h: SyncHarness;
  beforeAll(async () => {
    emulator = await startEmulatorForTests();
  });
  afterAll(async () => {
    await h?.close();
    await emulator.close();
  });
  beforeEach(async () => {
    emulator.control.reset();
    if (h) await h.close();
    h = await createSyncHarness(dialect, { emulator });
  });

  async function scoped(count: number) {
    const users = [];
    for (let i = 0; i < count; i++)
      users.push(
        await createUser(
          h.store.db,
          { username: `s${i}`, name: `S ${i}`, email: `s${i}@${emulator.domain}` },
          actor,
        ),
      );
    const group = await createGroup(h.store.db, { name: 'Scope', users: users.map((u) => u.pk) }, actor);
    await updateEntraProvider(
      h.store.db,
      h.deps.secrets,
      h.providerId,
      { filter_group: group.group_uuid },
      actor,
    );
    expect((await runFullSync(h.deps, h.providerId)).status).toBe('done');
    return { users, group };
  }
  const remoteUser = (upn: string) => h.remote().users.find((u) => u.userPrincipalName === upn);

  it('by default leaves the accounts of users who left the scope untouched', async () => {
    const { users, group } = await scoped(2);
    await removeUserFromGroup(h.store.db, group.group_uuid, users[0]?.pk as number, actor);
    expect((await runFullSync(h.deps, h.providerId)).status).toBe('done');
    expect(remoteUser(users[0]?.email as string)?.accountEnabled).toBe(true);
  });

  it('suspends users who left the scope, once, and re-enables them when they return', async () => {
    const { users, group } = await scoped(2);
    await updateEntraProvider(
      h.store.db,
      h.deps.secrets,
      h.providerId,
      { out_of_scope_action: 'suspend' },
      actor,
    );
    const leaver = users[0];
    if (!leaver) throw new Error('no user');
    await removeUserFromGroup(h.store.db, group.group_uuid, leaver.pk, actor);
    const run = await runFullSync(h.deps, h.providerId);
    expect(run.status === 'skipped' ? null : run.run.counts.suspended).toBe(1);
    expect(remoteUser(leaver.email)?.accountEnabled).toBe(false);
    emulator.control.resetStats();
    await runFullSync(h.deps, h.providerId);
    expect(emulator.control.getStats().writes).toBe(0);
    const { addUserToGroup } = await import('../../src/directory/groups.js');
    await addUserToGroup(h.store.db, group.group_uuid, leaver.pk, actor);
    await runFullSync(h.deps, h.providerId);
    expect(remoteUser(leaver.email)?.accountEnabled).toBe(true);
  });

  it('holds mass deletions above the threshold until confirmed', async () => {
    const { users, group } = await scoped(4);
    await updateEntraProvider(
      h.store.db,
      h.deps.secrets,
      h.providerId,
      { out_of_scope_action: 'delete', deletion_threshold: 2 },
      actor,
    );
    for (const u of users.slice(0, 3)) await removeUserFromGroup(h.store.db, group.group_uuid, u.pk, actor);
    const held = await runFullSync(h.deps, h.providerId);
    expect(held.status).toBe('warning');
    expect(held.status === 'skipped' ? null : held.run.counts.held).toBe(3);
    expect(h.remote().users).toHaveLength(4);
    const events = await h.store.db
      .selectFrom('events')
      .select('action')
      .where('action', '=', 'sync_deletions_held')
      .execute();
    expect(events).toHaveLength(1);
    const confirmed = await runFullSync(h.deps, h.providerId, { confirmDeletions: true });
    expect(confirmed.status).toBe('done');
    expect(h.remote().users.map((u) => u.userPrincipalName)).toEqual([users[3]?.email]);
    expect(await linkFor(h.store.db, h.providerId, 'user', users[0]?.pk as number)).toBeNull();
  });
});
