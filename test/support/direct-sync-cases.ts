/**
 * The direct-sync cases every job queue must pass (embedded and graphile-worker): a directory
 * write → outbox → relay → job → Graph emulator, with no full sync involved.
 */
import { expect, it } from 'vitest';
import { addUserToGroup, clearGroupMembers, createGroup } from '../../src/directory/groups.js';
import { createUser, deleteUser, updateUser } from '../../src/directory/users.js';
import type { RunningEmulator } from '../../src/graph-emulator/index.js';
import type { JobQueue } from '../../src/jobs/job-queue.js';
import type { OutboxRelay } from '../../src/jobs/outbox-relay.js';
import { linkFor } from '../../src/sync/link-records.js';
import { actor, type SyncHarness } from './sync-harness.js';

export interface DirectSyncFixture {
  emulator: RunningEmulator;
  h: SyncHarness;
  queue: JobQueue;
  relay: OutboxRelay;
}

/** Declare the shared cases; `fixture()` is read when each case runs (after `beforeAll`). */
export function directSyncCases(fixture: () => DirectSyncFixture): void {
  const settle = async () => {
    const { relay, queue } = fixture();
    await relay.flush();
    await queue.drain(20_000);
  };

  it('a new user appears in Entra within a second, without a full sync', async () => {
    const { h, emulator, relay } = fixture();
    const started = Date.now();
    const user = await createUser(
      h.store.db,
      { username: 'alice', name: 'Alice', email: `alice@${emulator.domain}` },
      actor,
    );
    relay.wake();
    for (;;) {
      if (h.remote().users.some((u) => u.userPrincipalName === user.email)) break;
      if (Date.now() - started > 1000) throw new Error('user did not reach Entra within 1 s');
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('membership adds, a clear, and a deletion reach Entra in order', async () => {
    const { h, emulator } = fixture();
    const bob = await createUser(
      h.store.db,
      { username: 'bob', name: 'Bob', email: `bob@${emulator.domain}` },
      actor,
    );
    const group = await createGroup(h.store.db, { name: 'Sales' }, actor);
    await addUserToGroup(h.store.db, group.group_uuid, bob.pk, actor);
    await settle();
    const bobLink = await linkFor(h.store.db, h.providerId, 'user', bob.pk);
    const remote = () =>
      h.remote().groups.find((g) => g.displayName === 'Sales') as { members: string[] } | undefined;
    expect(remote()?.members).toEqual([bobLink?.remoteId]);
    await clearGroupMembers(h.store.db, group.group_uuid, actor);
    await settle();
    expect(remote()?.members).toEqual([]);
    await updateUser(h.store.db, bob.pk, { name: 'Robert' }, actor);
    await deleteUser(h.store.db, bob.pk, actor);
    await settle();
    expect(h.remote().users.find((u) => u.id === bobLink?.remoteId)).toBeUndefined();
  });
}
