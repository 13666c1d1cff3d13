/**
 * Steady state at the cost of what changed: new groups carry their first members in the create,
 * and after the first full sync drift is read from Graph delta queries instead of listing the tenant.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addUserToGroup, createGroup } from '../../src/directory/groups.js';
import { createUser } from '../../src/directory/users.js';
import type { RunningEmulator } from '../../src/graph-emulator/index.js';
import { createEntraClient } from '../../src/providers/entra/entra-target.js';
import { runFullSync } from '../../src/sync/full-sync.js';
import { linkFor } from '../../src/sync/link-records.js';
import { findProvider, readProviderSecrets } from '../../src/sync/provider-records.js';
import { DIALECTS } from '../support/stores.js';
import {
  actor,
  createSyncHarness,
  type SyncHarness,
  startEmulatorForTests,
} from '../support/sync-harness.js';

describe.each(DIALECTS)('delta-based full sync on %s', (dialect) => {
  let emulator: RunningEmulator;
  let h: SyncHarness;
  let n = 0;

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

  const newUser = () => {
    const name = `d${Date.now().toString(36)}${n++}`;
    return createUser(
      h.store.db,
      { username: name, name: `${name} ${name}`, email: `${name}@${emulator.domain}` },
      actor,
    );
  };

  /** The Graph writes the emulator saw, as `METHOD path` (batch items included, envelopes not). */
  const writes = () =>
    emulator.control
      .getRequestLog({ mutatingOnly: true })
      .map((e) => `${e.method} ${e.url.replace(/^\/v1\.0/, '').replace(/\/[0-9a-f-]{36}/g, '/{id}')}`);

  it('creates a group with its first 20 members in the POST: 3 members cost one write, 25 cost two', async () => {
    const users = [];
    for (let i = 0; i < 25; i++) users.push(await newUser());
    const small = await createGroup(h.store.db, { name: `small${n++}` }, actor);
    const large = await createGroup(h.store.db, { name: `large${n++}` }, actor);
    for (const u of users.slice(0, 3)) await addUserToGroup(h.store.db, small.group_uuid, u.pk, actor);
    for (const u of users) await addUserToGroup(h.store.db, large.group_uuid, u.pk, actor);

    const outcome = await runFullSync(h.deps, h.providerId);
    expect(outcome.status).toBe('done');
    if (outcome.status === 'skipped') return;
    expect(outcome.run.counts).toMatchObject({ created: 27, members_added: 28, failed: 0 });
    const groupWrites = writes().filter((w) => w.includes('/groups'));
    // Two creates, and one member PATCH for the five members of the large group that did not fit.
    expect(groupWrites.sort()).toEqual(['PATCH /groups/{id}', 'POST /groups', 'POST /groups']);
    const remote = h.remote().groups;
    const members = (name: string) =>
      (remote.find((g) => g.displayName === name)?.members as string[] | undefined)?.length;
    expect(members(small.name)).toBe(3);
    expect(members(large.name)).toBe(25);
  });

  it('sends a create refused for its member references again without them, then adds the members', async () => {
    const users = [];
    for (let i = 0; i < 3; i++) users.push(await newUser());
    const group = await createGroup(h.store.db, { name: `refused${n++}` }, actor);
    for (const u of users) await addUserToGroup(h.store.db, group.group_uuid, u.pk, actor);
    // Graph answers 404 for the whole create when one reference is not visible; the client retries
    // such 404s on fresh ids (replication lag, 10 times here), so the refusal outlasts its retries.
    emulator.control.addFault({ method: 'POST', path: '^/groups$', status: 404, count: 11 });

    const outcome = await runFullSync(h.deps, h.providerId);
    expect(outcome.status).toBe('done');
    const groupWrites = writes().filter((w) => w.includes('/groups'));
    expect(groupWrites).toEqual([...new Array(12).fill('POST /groups'), 'PATCH /groups/{id}']);
    if (outcome.status !== 'skipped')
      expect(outcome.run.counts).toMatchObject({ failed: 0, members_added: 3 });
    expect(h.remote().groups).toHaveLength(1);
    expect(h.remote().groups[0]?.members as string[]).toHaveLength(3);
  });

  /** A Graph client of the provider's app, standing in for an Entra admin changing things by hand. */
  const byHand = async () => {
    const provider = await findProvider(h.store.db, h.providerId);
    if (!provider) throw new Error('no provider');
    return createEntraClient(provider, await readProviderSecrets(h.store.db, h.deps.secrets, h.providerId), {
      dryRun: false,
      lowPriority: false,
      caCertPem: emulator.caCertPem,
    });
  };
  const remoteOf = async (pk: number) =>
    (await linkFor(h.store.db, h.providerId, 'user', pk))?.remoteId as string;
  const expectDone = async () => {
    const outcome = await runFullSync(h.deps, h.providerId);
    const failures = await h.store.db
      .selectFrom('sync_results')
      .select(['operation', 'message'])
      .where('status', '=', 'error')
      .execute();
    expect({ status: outcome.status, failures }).toEqual({ status: 'done', failures: [] });
    return outcome;
  };
  /** Graph reads of the last run (token requests aside), as `path?query-names`. */
  const reads = () =>
    emulator.control
      .getRequestLog({ kind: 'graph' })
      .filter((e) => e.method === 'GET')
      .map((e) => e.url.replace(/^\/v1\.0/, '').replace(/\?.*$/, ''));

  /** Four users, three of them in one group, synced once by listing and once by delta (Conduit's own creates). */
  const syncedTenant = async () => {
    const users = [];
    for (let i = 0; i < 4; i++) users.push(await newUser());
    const group = await createGroup(h.store.db, { name: `team${n++}` }, actor);
    for (const u of users.slice(0, 3)) await addUserToGroup(h.store.db, group.group_uuid, u.pk, actor);
    await expectDone();
    emulator.control.clearRequestLog();
    await expectDone();
    // The second run read only delta rounds, and its own creates came back as no drift: no writes.
    expect(reads().filter((r) => !r.endsWith('/delta') && r !== '/organization')).toEqual([]);
    expect(writes()).toEqual([]);
    // Past the replication margin, so a missing object counts as deleted.
    await h.store.db
      .updateTable('sync_links')
      .set({ last_synced_at: new Date(Date.now() - 10 * 60_000).toISOString() })
      .where('provider_id', '=', h.providerId)
      .execute();
    emulator.control.clearRequestLog();
    return {
      users: users as [(typeof users)[0], (typeof users)[0], (typeof users)[0], (typeof users)[0]],
      group,
    };
  };

  it('a no-change full sync after the first reads only the delta rounds and writes nothing', async () => {
    await syncedTenant();
    await expectDone();
    // Besides the two rounds, only the tenant's verified domains (read once per run to check UPNs).
    expect(reads().sort()).toEqual(['/groups/delta', '/organization', '/users/delta']);
    expect(writes()).toEqual([]);
    const saved = await h.store.db.selectFrom('sync_delta_links').select('object_type').execute();
    expect(saved.map((r) => r.object_type).sort()).toEqual(['group', 'user']);
  });

  it('puts back a property changed by hand, recreates a user deleted by hand, and undoes member changes made by hand', async () => {
    const { users, group } = await syncedTenant();
    const [renamed, deleted, removed, outsider] = users;
    const client = await byHand();
    const groupId = (await linkFor(h.store.db, h.providerId, 'group', group.num_pk))?.remoteId as string;
    await client.updateUser(await remoteOf(renamed.pk), { displayName: 'Renamed in Entra' });
    const deletedId = await remoteOf(deleted.pk);
    await client.deleteUser(deletedId);
    await client.removeGroupMembers(groupId, [await remoteOf(removed.pk)]);
    await client.addGroupMembers(groupId, [await remoteOf(outsider.pk)]);
    await client.close();
    emulator.control.clearRequestLog();

    await expectDone();
    const remote = h.remote();
    const byUpn = (email: string) => remote.users.find((u) => u.userPrincipalName === email);
    expect(byUpn(renamed.email)?.displayName).toBe(renamed.name);
    const recreatedId = await remoteOf(deleted.pk);
    expect(recreatedId).not.toBe(deletedId);
    expect(byUpn(deleted.email)?.id).toBe(recreatedId);
    const members = [...((remote.groups[0]?.members as string[] | undefined) ?? [])].sort();
    expect(members).toEqual(
      (await Promise.all([renamed, deleted, removed].map((u) => remoteOf(u.pk)))).sort(),
    );
    // No listing: the delta rounds, and one member read of the one group whose members changed.
    expect(
      reads()
        .filter((r) => r !== '/organization')
        .sort(),
    ).toEqual(['/groups/delta', `/groups/${groupId}/members`, '/users/delta'].sort());
  });

  it('an expired delta link falls back to the listing once, puts back what changed, and the next run is delta again', async () => {
    const { users } = await syncedTenant();
    const client = await byHand();
    await client.updateUser(await remoteOf(users[0].pk), { displayName: 'Renamed in Entra' });
    await client.close();
    emulator.control.expireDeltaTokens();
    emulator.control.clearRequestLog();

    await expectDone();
    const firstReads = reads();
    // Each delta link was tried once (410 resyncRequired), then the tenant was listed once.
    expect(firstReads.filter((r) => r === '/users/delta')).toHaveLength(2); // the expired one, then `latest`
    expect(firstReads.filter((r) => r === '/users')).toHaveLength(1);
    expect(h.remote().users.find((u) => u.userPrincipalName === users[0].email)?.displayName).toBe(
      users[0].name,
    );

    emulator.control.clearRequestLog();
    await expectDone();
    expect(
      reads()
        .filter((r) => r !== '/organization')
        .sort(),
    ).toEqual(['/groups/delta', '/users/delta']);
  });
});
