/**
 * Users and groups through their life in Entra ID — create, update, link to an existing object,
 * memberships, delete, dry run, an unassigned provider — the scenarios authentik's own provider
 * tests cover, kept for compatibility, against the Graph emulator on both databases. The sync
 * functions are called directly here; the job-queue suites (test/jobs) cover the asynchronous path.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { updateApplication } from '../../src/directory/applications.js';
import {
  addUserToGroup,
  createGroup,
  deleteGroup,
  removeUserFromGroup,
  updateGroup,
} from '../../src/directory/groups.js';
import { createUser, deleteUser, updateUser } from '../../src/directory/users.js';
import type { RunningEmulator } from '../../src/graph-emulator/index.js';
import { updateEntraProvider } from '../../src/providers/entra/provider-service.js';
import { readJson } from '../../src/store/dialect.js';
import { syncDeletion, syncGroup, syncMembershipChange, syncUser } from '../../src/sync/direct-sync.js';
import { runFullSync } from '../../src/sync/full-sync.js';
import { linkFor } from '../../src/sync/link-records.js';
import { setProviderMappings } from '../../src/sync/provider-records.js';
import { DIALECTS } from '../support/stores.js';
import {
  actor,
  createSyncHarness,
  type SyncHarness,
  startEmulatorForTests,
} from '../support/sync-harness.js';

describe.each(DIALECTS)('users and groups through their lifecycle on %s', (dialect) => {
  let emulator: RunningEmulator;
  let h: SyncHarness;
  let n = 0;
  const uid = () => `u${Date.now().toString(36)}${n++}`;
  const domain = () => emulator.domain;

  beforeAll(async () => {
    emulator = await startEmulatorForTests();
  });
  afterAll(async () => emulator.close());
  beforeEach(async () => {
    emulator.control.reset();
    if (h) await h.close();
    h = await createSyncHarness(dialect, { emulator });
    emulator.control.resetStats();
    emulator.control.clearRequestLog();
  });

  const graphLog = (method?: string, pathIncludes?: string) =>
    emulator.control
      .getRequestLog()
      .filter(
        (e) =>
          (e.kind === 'graph' || e.kind === 'batch-item') &&
          (!method || e.method === method) &&
          (!pathIncludes || e.url.includes(pathIncludes)),
      );
  const newUser = async (extra: Record<string, unknown> = {}) => {
    const name = uid();
    return createUser(
      h.store.db,
      { username: name, name: `${name} ${name}`, email: `${name}@${domain()}`, ...extra },
      actor,
    );
  };

  it('user create: links the user, one POST', async () => {
    const user = await newUser();
    await syncUser(h.deps, h.providerId, user.pk);
    const link = await linkFor(h.store.db, h.providerId, 'user', user.pk);
    expect(link?.remoteId).toEqual(expect.any(String));
    expect(graphLog('POST', '/users')).toHaveLength(1);
    expect(h.remote().users.map((u) => u.userPrincipalName)).toEqual([user.email]);
  });

  it('user create in dry run: no link and zero mutating requests reach Graph', async () => {
    await updateEntraProvider(h.store.db, h.deps.secrets, h.providerId, { dry_run: true }, actor);
    const user = await newUser();
    await syncUser(h.deps, h.providerId, user.pk);
    expect(await linkFor(h.store.db, h.providerId, 'user', user.pk)).toBeNull();
    expect(emulator.control.getRequestLog().filter((e) => e.mutating)).toEqual([]);
    expect(emulator.control.getStats().writes).toBe(0);
    const results = await h.store.db
      .selectFrom('sync_results')
      .selectAll()
      .where('local_id', '=', user.pk)
      .execute();
    expect(results.map((r) => [r.operation, r.status])).toEqual([['create', 'dry_run']]);
  });

  it('refuses locally what Graph would refuse: an accented userPrincipalName costs no write', async () => {
    const user = await createUser(
      h.store.db,
      { username: 'jose', name: 'José', email: `josé@${domain()}` },
      actor,
    );
    const outcome = await syncUser(h.deps, h.providerId, user.pk);
    expect(outcome.status).toBe('warning');
    expect(graphLog('POST')).toHaveLength(0);
    const link = await linkFor(h.store.db, h.providerId, 'user', user.pk);
    expect(link?.state).toBe('error');
    expect(link?.lastError).toContain('has characters Entra does not allow before the @');
  });

  it('dry run records the request it did not send for an update, a membership change and a delete', async () => {
    const user = await newUser();
    await syncUser(h.deps, h.providerId, user.pk);
    const group = await createGroup(h.store.db, { name: uid() }, actor);
    await syncGroup(h.deps, h.providerId, group.num_pk);
    const userRemote = (await linkFor(h.store.db, h.providerId, 'user', user.pk))?.remoteId as string;
    const groupRemote = (await linkFor(h.store.db, h.providerId, 'group', group.num_pk))?.remoteId as string;
    await updateEntraProvider(h.store.db, h.deps.secrets, h.providerId, { dry_run: true }, actor);
    emulator.control.clearRequestLog();

    await updateUser(h.store.db, user.pk, { name: 'Renamed In Dry Run' }, actor);
    await syncUser(h.deps, h.providerId, user.pk);
    await addUserToGroup(h.store.db, group.group_uuid, user.pk, actor);
    await syncMembershipChange(h.deps, h.providerId, {
      groupId: group.num_pk,
      added: [user.pk],
      removed: [],
    });
    await syncDeletion(h.deps, h.providerId, 'user', userRemote, user.username);
    expect(emulator.control.getRequestLog().filter((e) => e.mutating)).toEqual([]);

    const results = await h.store.db
      .selectFrom('sync_results')
      .select(['operation', 'status', 'detail'])
      .where('status', '=', 'dry_run')
      .execute();
    type Sent = { method: string; url: string; body?: unknown };
    const requestOf = (operation: string) =>
      readJson<{ request?: Sent; requests?: Sent[] }>(
        results.find((r) => r.operation === operation)?.detail ?? null,
        {},
      );
    expect(requestOf('update').request).toMatchObject({
      method: 'PATCH',
      url: expect.stringContaining(`/users/${userRemote}`),
      body: { displayName: 'Renamed In Dry Run' },
    });
    expect(requestOf('add_members').requests?.[0]).toMatchObject({
      url: expect.stringContaining(`/groups/${groupRemote}`),
    });
    expect(requestOf('delete').request).toMatchObject({
      method: 'DELETE',
      url: expect.stringContaining(`/users/${userRemote}`),
    });
  });

  it('user not created when the user mappings are cleared: no link, no POST, a configuration error event', async () => {
    await setProviderMappings(h.store.db, h.providerId, 'user', []);
    const user = await newUser();
    const outcome = await syncUser(h.deps, h.providerId, user.pk);
    expect(outcome.status).toBe('error');
    expect(await linkFor(h.store.db, h.providerId, 'user', user.pk)).toBeNull();
    expect(graphLog('POST')).toHaveLength(0);
    const events = await h.store.db
      .selectFrom('events')
      .select('action')
      .where('action', '=', 'configuration_error')
      .execute();
    expect(events).toHaveLength(1);
  });

  it('user create then update: POST once, PATCH once with only the changed property', async () => {
    const user = await newUser();
    await syncUser(h.deps, h.providerId, user.pk);
    await updateUser(h.store.db, user.pk, { name: 'new name' }, actor);
    await syncUser(h.deps, h.providerId, user.pk);
    expect(graphLog('POST', '/users')).toHaveLength(1);
    const patches = graphLog('PATCH', '/users/');
    expect(patches).toHaveLength(1);
    expect(h.remote().users[0]?.displayName).toBe('new name');
    // A further sync with no change sends nothing.
    await syncUser(h.deps, h.providerId, user.pk);
    expect(graphLog('PATCH', '/users/')).toHaveLength(1);
  });

  it.each([
    ['delete', 1, 0, 0],
    ['suspend', 0, 1, 1],
    ['do_nothing', 0, 0, 1],
  ] as const)('user delete with action %s', async (action, deletes, patches, remaining) => {
    await updateEntraProvider(
      h.store.db,
      h.deps.secrets,
      h.providerId,
      { user_delete_action: action },
      actor,
    );
    const user = await newUser();
    await syncUser(h.deps, h.providerId, user.pk);
    const link = await linkFor(h.store.db, h.providerId, 'user', user.pk);
    await deleteUser(h.store.db, user.pk, actor);
    await syncDeletion(h.deps, h.providerId, 'user', link?.remoteId as string, user.username);
    expect(await linkFor(h.store.db, h.providerId, 'user', user.pk)).toBeNull();
    expect(graphLog('DELETE', '/users/')).toHaveLength(deletes);
    expect(graphLog('PATCH', '/users/')).toHaveLength(patches);
    expect(h.remote().users).toHaveLength(remaining);
    if (action === 'suspend') expect(h.remote().users[0]?.accountEnabled).toBe(false);
  });

  it('full sync links an existing remote user by discovery, reading the users once', async () => {
    await updateApplication(h.store.db, h.applicationSlug, { backchannel_providers: [] }, actor);
    const user = await newUser();
    emulator.control.seed({
      users: [
        {
          displayName: 'pre-existing',
          userPrincipalName: user.email,
          mailNickname: user.username,
          accountEnabled: true,
        },
      ],
    });
    const remoteId = h.remote().users[0]?.id;
    await updateApplication(h.store.db, h.applicationSlug, { backchannel_providers: [h.providerId] }, actor);
    emulator.control.clearRequestLog();
    const outcome = await runFullSync(h.deps, h.providerId);
    expect(outcome.status).toBe('done');
    expect((await linkFor(h.store.db, h.providerId, 'user', user.pk))?.remoteId).toBe(remoteId);
    expect(graphLog('GET', '/users').filter((e) => !e.url.includes('/users/'))).toHaveLength(1);
    expect(graphLog('POST', '/users')).toHaveLength(0);
    expect(h.remote().users).toHaveLength(1);
    expect(h.remote().users[0]?.displayName).toBe(user.name);
  });

  it('group not created when the group mappings are cleared: no link, no POST', async () => {
    await setProviderMappings(h.store.db, h.providerId, 'group', []);
    const group = await createGroup(h.store.db, { name: uid() }, actor);
    const outcome = await syncGroup(h.deps, h.providerId, group.num_pk);
    expect(outcome.status).toBe('error');
    expect(await linkFor(h.store.db, h.providerId, 'group', group.num_pk)).toBeNull();
    expect(graphLog('POST', '/groups')).toHaveLength(0);
  });

  it('full sync links an existing remote group by discovery, listing users and groups once each', async () => {
    await updateApplication(h.store.db, h.applicationSlug, { backchannel_providers: [] }, actor);
    const name = uid();
    const group = await createGroup(h.store.db, { name }, actor);
    const seeded = emulator.control.seed({
      groups: [{ displayName: name, mailNickname: name, mailEnabled: false, securityEnabled: true }],
    });
    await updateApplication(h.store.db, h.applicationSlug, { backchannel_providers: [h.providerId] }, actor);
    emulator.control.clearRequestLog();
    await runFullSync(h.deps, h.providerId);
    expect((await linkFor(h.store.db, h.providerId, 'group', group.num_pk))?.remoteId).toBe(
      seeded.groups[0]?.id,
    );
    expect(graphLog('POST', '/groups')).toHaveLength(0);
    const listings = (path: string) =>
      graphLog('GET', path).filter((e) => new URL(e.url, 'https://x').pathname === `/v1.0${path}`);
    expect(listings('/users')).toHaveLength(1);
    expect(listings('/groups')).toHaveLength(1);
  });

  it('group create, update, delete', async () => {
    const group = await createGroup(h.store.db, { name: uid() }, actor);
    await syncGroup(h.deps, h.providerId, group.num_pk);
    expect((await linkFor(h.store.db, h.providerId, 'group', group.num_pk))?.remoteId).toEqual(
      expect.any(String),
    );
    expect(graphLog('POST', '/groups')).toHaveLength(1);
    await updateGroup(h.store.db, group.group_uuid, { name: `${group.name}-renamed` }, actor);
    await syncGroup(h.deps, h.providerId, group.num_pk);
    expect(graphLog('PATCH', '/groups/')).toHaveLength(1);
    const link = await linkFor(h.store.db, h.providerId, 'group', group.num_pk);
    await deleteGroup(h.store.db, group.group_uuid, actor);
    await syncDeletion(h.deps, h.providerId, 'group', link?.remoteId as string, group.name);
    expect(graphLog('DELETE', '/groups/')).toHaveLength(1);
    expect(h.remote().groups).toHaveLength(0);
  });

  it('group member add and remove reach Entra with the directoryObjects reference', async () => {
    const user = await newUser();
    await syncUser(h.deps, h.providerId, user.pk);
    const group = await createGroup(h.store.db, { name: uid() }, actor);
    await syncGroup(h.deps, h.providerId, group.num_pk);
    await addUserToGroup(h.store.db, group.group_uuid, user.pk, actor);
    await syncMembershipChange(h.deps, h.providerId, {
      groupId: group.num_pk,
      added: [user.pk],
      removed: [],
    });
    const userLink = await linkFor(h.store.db, h.providerId, 'user', user.pk);
    const remoteGroup = h.remote().groups[0] as { members?: string[] };
    expect(remoteGroup.members).toEqual([userLink?.remoteId]);
    await removeUserFromGroup(h.store.db, group.group_uuid, user.pk, actor);
    await syncMembershipChange(h.deps, h.providerId, {
      groupId: group.num_pk,
      added: [],
      removed: [user.pk],
    });
    expect((h.remote().groups[0] as { members?: string[] }).members).toEqual([]);
  });

  it('group delete with do_nothing leaves the remote group', async () => {
    await updateEntraProvider(
      h.store.db,
      h.deps.secrets,
      h.providerId,
      { group_delete_action: 'do_nothing' },
      actor,
    );
    const group = await createGroup(h.store.db, { name: uid() }, actor);
    await syncGroup(h.deps, h.providerId, group.num_pk);
    const link = await linkFor(h.store.db, h.providerId, 'group', group.num_pk);
    await deleteGroup(h.store.db, group.group_uuid, actor);
    await syncDeletion(h.deps, h.providerId, 'group', link?.remoteId as string, group.name);
    expect(graphLog('DELETE')).toHaveLength(0);
    expect(h.remote().groups).toHaveLength(1);
  });

  it('full sync: users, groups and memberships, then a second run writes nothing', async () => {
    const users = [];
    for (let i = 0; i < 5; i++) users.push(await newUser());
    const group = await createGroup(
      h.store.db,
      { name: uid(), users: users.slice(0, 3).map((u) => u.pk) },
      actor,
    );
    await createUser(
      h.store.db,
      { username: uid(), name: 'svc', email: `svc@${domain()}`, type: 'service_account' },
      actor,
    );
    const first = await runFullSync(h.deps, h.providerId);
    expect(first.status).toBe('done');
    // Admin group from bootstrap is absent here; only our group plus users (service account excluded).
    expect(h.remote().users).toHaveLength(5);
    const remoteGroup = h.remote().groups.find((g) => g.displayName === group.name) as { members: string[] };
    expect(remoteGroup.members).toHaveLength(3);
    emulator.control.resetStats();
    const second = await runFullSync(h.deps, h.providerId);
    expect(second.status).toBe('done');
    expect(emulator.control.getStats().writes).toBe(0);
    if (second.status !== 'skipped') expect(second.run.counts.unchanged).toBe(6);
  });

  it('an unassigned provider does nothing', async () => {
    await updateApplication(h.store.db, h.applicationSlug, { backchannel_providers: [] }, actor);
    const user = await newUser();
    expect(await syncUser(h.deps, h.providerId, user.pk)).toEqual({
      status: 'skipped',
      reason: expect.stringContaining('Is it assigned to an application'),
    });
    expect(await runFullSync(h.deps, h.providerId)).toEqual({
      status: 'skipped',
      reason: expect.stringContaining('Is it assigned'),
    });
    expect(graphLog()).toHaveLength(0);
  });
});
