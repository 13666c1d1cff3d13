/**
 * What a sync must survive, beyond what authentik's tests try, against the emulator on both databases:
 * replication lag, 429 storms, random 5xx, token expiry mid-run, duplicate group names, adoption,
 * lost links, objects deleted out of band, membership drift, scope rules and SkipObject.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addUserToGroup, createGroup } from '../../src/directory/groups.js';
import { createUser, updateUser } from '../../src/directory/users.js';
import type { RunningEmulator } from '../../src/graph-emulator/index.js';
import { createEntraClient } from '../../src/providers/entra/entra-target.js';
import { updateEntraProvider } from '../../src/providers/entra/provider-service.js';
import { syncGroup, syncMembershipChange, syncUser } from '../../src/sync/direct-sync.js';
import { runFullSync } from '../../src/sync/full-sync.js';
import { CREATE_CLAIM_LEASE_MS, claimCreate, deleteLink, linkFor } from '../../src/sync/link-records.js';
import { REPLICATION_MARGIN_MS } from '../../src/sync/plan-batch.js';
import {
  findProvider,
  providerMappings,
  readProviderSecrets,
  setProviderMappings,
} from '../../src/sync/provider-records.js';
import { DIALECTS } from '../support/stores.js';
import {
  actor,
  createSyncHarness,
  type SyncHarness,
  startEmulatorForTests,
} from '../support/sync-harness.js';

describe.each(DIALECTS)('sync resilience on %s', (dialect) => {
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

  /** A user property mapping written by an administrator; returns its id. */
  const addMapping = async (name: string, expression: string) => {
    const now = new Date().toISOString();
    const uuid = randomUUID();
    await h.store.db
      .insertInto('property_mappings')
      .values({
        uuid,
        name,
        type: 'microsoft_entra',
        expression,
        managed: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return uuid;
  };
  /** A user that exists in Entra ID before Conduit syncs (created there by someone else). */
  const seedRemoteUser = (alias: string, displayName: string) =>
    emulator.control.seed({
      users: [
        {
          displayName,
          userPrincipalName: `${alias}@${emulator.domain}`,
          mailNickname: alias,
          accountEnabled: true,
        },
      ],
    }).users[0];
  const people = async (count: number) => {
    const out = [];
    for (let i = 0; i < count; i++) {
      const name = `p${n++}`;
      out.push(
        await createUser(
          h.store.db,
          { username: name, name: `Person ${name}`, email: `${name}@${emulator.domain}` },
          actor,
        ),
      );
    }
    return out;
  };
  const upns = () =>
    h
      .remote()
      .users.map((u) => String(u.userPrincipalName))
      .sort();
  const graphClient = async () => {
    const provider = await findProvider(h.store.db, h.providerId);
    if (!provider) throw new Error('no provider');
    return createEntraClient(provider, await readProviderSecrets(h.store.db, h.deps.secrets, h.providerId), {
      dryRun: false,
      lowPriority: false,
      caCertPem: emulator.caCertPem,
    });
  };
  const expectOk = async (outcome: Awaited<ReturnType<typeof runFullSync>>) => {
    const failures = await h.store.db
      .selectFrom('sync_results')
      .select(['operation', 'message'])
      .where('status', '=', 'error')
      .execute();
    expect({ status: outcome.status, failures }).toEqual({ status: 'done', failures: [] });
  };

  it('converges under replication lag: members of just-created users and groups are added', async () => {
    emulator.control.updateSettings({ replicationLagMs: 400 });
    const users = await people(4);
    await createGroup(h.store.db, { name: 'Lagged', users: users.map((u) => u.pk) }, actor);
    await expectOk(await runFullSync(h.deps, h.providerId));
    emulator.control.flushReplication();
    const group = h.remote().groups.find((g) => g.displayName === 'Lagged') as { members: string[] };
    expect(group.members).toHaveLength(4);
  });

  it('rides out a 429 storm honouring Retry-After, with no duplicates', async () => {
    const users = await people(12);
    emulator.control.addFault({
      path: '^/users',
      method: 'POST',
      status: 429,
      count: 8,
      retryAfterSeconds: 0.05,
    });
    await expectOk(await runFullSync(h.deps, h.providerId));
    expect(upns()).toEqual(users.map((u) => u.email).sort());
    const throttled = emulator.control.getRequestLog().filter((e) => e.status === 429);
    expect(throttled.length).toBe(8);
  });

  it('recovers from random 5xx: failures are per object, the next run completes, nothing is duplicated', async () => {
    const users = await people(15);
    emulator.control.updateSettings({
      randomFaults: {
        rate: 0.3,
        statusesByMethod: { POST: [500, 502, 503, 504], PATCH: [500, 503], GET: [503] },
        retryAfterSeconds: 0.02,
      },
    });
    const first = await runFullSync(h.deps, h.providerId);
    expect(first.status === 'done' || first.status === 'warning').toBe(true);
    emulator.control.updateSettings({ randomFaults: { rate: 0 } });
    await h.store.db.deleteFrom('sync_results').execute();
    await expectOk(await runFullSync(h.deps, h.providerId));
    expect(upns()).toEqual(users.map((u) => u.email).sort());
  });

  it('retries a membership change that fails transiently beyond the Graph client’s own retries', async () => {
    const [member] = await people(1);
    if (!member) throw new Error('no user');
    const group = await createGroup(h.store.db, { name: 'Retried' }, actor);
    await expectOk(await runFullSync(h.deps, h.providerId));
    const remoteMember = (await linkFor(h.store.db, h.providerId, 'user', member.pk))?.remoteId;
    const change = { groupId: group.num_pk, added: [member.pk], removed: [], capturedRemoteIds: {} };
    await addUserToGroup(h.store.db, group.group_uuid, member.pk, actor);

    // Graph keeps answering 503 for the group's member writes: the change is not dropped.
    emulator.control.addFault({ path: '^/groups/', status: 503, count: 1000, retryAfterSeconds: 0.01 });
    const failed = await syncMembershipChange(h.deps, h.providerId, change);
    expect(failed).toMatchObject({ status: 'warning', transient: true });

    // The job's retry, once Graph recovers, applies it.
    emulator.control.clearFaults();
    const retried = await syncMembershipChange(h.deps, h.providerId, change);
    expect(retried).toMatchObject({ status: 'done', transient: false });
    const remote = h.remote().groups.find((g) => g.displayName === 'Retried') as { members: string[] };
    expect(remote.members).toEqual([remoteMember]);
  });

  it('renews an expiring token in the middle of a run', async () => {
    emulator.control.updateSettings({ tokenLifetimeSeconds: 1, latencyMs: 40 });
    await people(8);
    await expectOk(await runFullSync(h.deps, h.providerId));
    const tokens = emulator.control.getRequestLog().filter((e) => e.kind === 'token');
    expect(tokens.length).toBeGreaterThan(1);
    expect(h.remote().users).toHaveLength(8);
  });

  it('never guesses between duplicate group names in Entra: reports and creates nothing', async () => {
    emulator.control.seed({
      groups: [
        { displayName: 'Sales', mailNickname: 'sales1', mailEnabled: false, securityEnabled: true },
        { displayName: 'Sales', mailNickname: 'sales2', mailEnabled: false, securityEnabled: true },
      ],
    });
    const group = await createGroup(h.store.db, { name: 'Sales' }, actor);
    const outcome = await runFullSync(h.deps, h.providerId);
    expect(outcome.status).toBe('warning');
    expect(h.remote().groups).toHaveLength(2);
    expect((await linkFor(h.store.db, h.providerId, 'group', group.num_pk))?.remoteId ?? null).toBeNull();
    const result = await h.store.db
      .selectFrom('sync_results')
      .selectAll()
      .where('object_type', '=', 'group')
      .where('status', '=', 'error')
      .executeTakeFirstOrThrow();
    expect(result.message).toContain('2 remote groups match "Sales"');
  });

  it('adopts an existing user on the duplicate-UPN conflict of a direct create', async () => {
    const seeded = seedRemoteUser('ada', 'Old name');
    const user = await createUser(
      h.store.db,
      { username: 'ada', name: 'Ada Lovelace', email: `ada@${emulator.domain}` },
      actor,
    );
    const outcome = await syncUser(h.deps, h.providerId, user.pk);
    expect(outcome.status).toBe('done');
    expect((await linkFor(h.store.db, h.providerId, 'user', user.pk))?.remoteId).toBe(seeded?.id);
    expect(h.remote().users).toHaveLength(1);
    expect(h.remote().users[0]?.displayName).toBe('Ada Lovelace');
  });

  it('never links one Entra user to two local users that share an address', async () => {
    const seeded = seedRemoteUser('shared', 'Shared');
    const first = await createUser(
      h.store.db,
      { username: 'shared.one', name: 'Shared One', email: `shared@${emulator.domain}` },
      actor,
    );
    const second = await createUser(
      h.store.db,
      { username: 'shared.two', name: 'Shared Two', email: `shared@${emulator.domain}` },
      actor,
    );
    // The run finishes, with a warning for the one object it could not link.
    expect((await runFullSync(h.deps, h.providerId)).status).toBe('warning');
    const links = [
      await linkFor(h.store.db, h.providerId, 'user', first.pk),
      await linkFor(h.store.db, h.providerId, 'user', second.pk),
    ];
    // Exactly one of them holds the Entra user; the other says why it does not.
    expect(links.filter((l) => l?.remoteId === seeded?.id)).toHaveLength(1);
    const refused = links.find((l) => l?.remoteId !== seeded?.id);
    expect(refused?.state).toBe('error');

    expect(refused?.lastError).toMatch(/is linked to local user #\d+: two local objects cannot share it/);
    expect(h.remote().users).toHaveLength(1);
    // A second run changes nothing and still reports it.
    await runFullSync(h.deps, h.providerId);
    expect(h.remote().users).toHaveLength(1);
  });

  it('a full sync leaves alone a group another job is creating; that job’s retry, or anyone after the lease, creates it once', async () => {
    await expectOk(await runFullSync(h.deps, h.providerId));
    const group = await createGroup(h.store.db, { name: 'Being created' }, actor);
    const groupsNamed = () => h.remote().groups.filter((g) => g.displayName === 'Being created');
    // A direct job has claimed the create and is sending it (here: it holds the claim and never sends).
    expect(await claimCreate(h.store.db, h.providerId, 'group', group.num_pk, null, 'direct')).toBe(true);

    const during = await runFullSync(h.deps, h.providerId);
    expect(during.status === 'skipped' ? null : during.run.counts.skipped).toBe(1);
    expect(groupsNamed()).toHaveLength(0);

    // The direct job's retry (the same holder) takes its claim over and creates the group once.
    await syncGroup(h.deps, h.providerId, group.num_pk);
    expect(groupsNamed()).toHaveLength(1);

    // A claim whose holder is gone for longer than the lease is taken over, after a lookup: no duplicate.
    const second = await createGroup(h.store.db, { name: 'Orphaned claim' }, actor);
    expect(await claimCreate(h.store.db, h.providerId, 'group', second.num_pk, null, 'run:gone')).toBe(true);
    await h.store.db
      .updateTable('sync_links')
      .set({ updated_at: new Date(Date.now() - CREATE_CLAIM_LEASE_MS - 1000).toISOString() })
      .where('local_id', '=', second.num_pk)
      .where('object_type', '=', 'group')
      .execute();
    await expectOk(await runFullSync(h.deps, h.providerId));
    expect(h.remote().groups.filter((g) => g.displayName === 'Orphaned claim')).toHaveLength(1);
    expect(groupsNamed()).toHaveLength(1);
  });

  it('puts back what an Entra admin changed by hand: a re-enabled account is disabled again, a renamed one renamed back', async () => {
    const [ada, bob] = await people(2);
    if (!ada || !bob) throw new Error('no users');
    await updateUser(h.store.db, ada.pk, { is_active: false }, actor);
    await expectOk(await runFullSync(h.deps, h.providerId));
    const remoteOf = async (pk: number) =>
      (await linkFor(h.store.db, h.providerId, 'user', pk))?.remoteId as string;
    const client = await graphClient();
    await client.updateUser(await remoteOf(ada.pk), { accountEnabled: true });
    await client.updateUser(await remoteOf(bob.pk), { displayName: 'Renamed in Entra' });
    await client.close();
    // The last writes are older than the replication margin, so the listing is trusted.
    await h.store.db
      .updateTable('sync_links')
      .set({ last_synced_at: new Date(Date.now() - 10 * 60_000).toISOString() })
      .where('provider_id', '=', h.providerId)
      .execute();

    emulator.control.clearRequestLog();
    await expectOk(await runFullSync(h.deps, h.providerId));
    const remote = (upn: string) => h.remote().users.find((u) => u.userPrincipalName === upn);
    expect(remote(ada.email)?.accountEnabled).toBe(false);
    expect(remote(bob.email)?.displayName).toBe(bob.name);
    // Each was patched back, and recorded as an update.
    const results = await h.store.db
      .selectFrom('sync_results')
      .select(['local_id', 'operation', 'detail'])
      .where('operation', '=', 'update')
      .where('local_id', 'in', [ada.pk, bob.pk])
      .execute();
    expect(results.map((r) => r.local_id).sort()).toEqual([ada.pk, bob.pk].sort());

    // Once put back, the next run writes nothing.
    await h.store.db
      .updateTable('sync_links')
      .set({ last_synced_at: new Date(Date.now() - 10 * 60_000).toISOString() })
      .where('provider_id', '=', h.providerId)
      .execute();
    emulator.control.clearRequestLog();
    await expectOk(await runFullSync(h.deps, h.providerId));
    expect(emulator.control.getRequestLog({ mutatingOnly: true })).toEqual([]);
  });

  it('relinks after a lost link instead of creating a duplicate', async () => {
    const [user] = await people(1);
    if (!user) throw new Error('no user');
    await expectOk(await runFullSync(h.deps, h.providerId));
    await deleteLink(h.store.db, h.providerId, 'user', user.pk);
    await expectOk(await runFullSync(h.deps, h.providerId));
    expect(h.remote().users).toHaveLength(1);
    expect((await linkFor(h.store.db, h.providerId, 'user', user.pk))?.remoteId).toBe(
      h.remote().users[0]?.id,
    );
  });

  it('recreates objects deleted in Entra out of band: on the next change, and on a full sync', async () => {
    const [a, b] = await people(2);
    if (!a || !b) throw new Error('no users');
    await expectOk(await runFullSync(h.deps, h.providerId));
    const client = await graphClient();
    const linkA = await linkFor(h.store.db, h.providerId, 'user', a.pk);
    const linkB = await linkFor(h.store.db, h.providerId, 'user', b.pk);
    await client.deleteUser(linkA?.remoteId as string);
    await client.deleteUser(linkB?.remoteId as string);
    await client.close();
    // A: a local change makes the PATCH find the object gone → created again.
    await updateUser(h.store.db, a.pk, { name: 'Renamed A' }, actor);
    await syncUser(h.deps, h.providerId, a.pk);
    const newA = await linkFor(h.store.db, h.providerId, 'user', a.pk);
    expect(newA?.remoteId).not.toBe(linkA?.remoteId);
    // B: unchanged locally; a full sync's discovery notices it is gone (once past the replication margin).
    await h.store.db
      .updateTable('sync_links')
      .set({ last_synced_at: new Date(Date.now() - REPLICATION_MARGIN_MS - 1000).toISOString() })
      .where('id', '=', linkB?.id as string)
      .execute();
    await expectOk(await runFullSync(h.deps, h.providerId));
    expect((await linkFor(h.store.db, h.providerId, 'user', b.pk))?.remoteId).not.toBe(linkB?.remoteId);
    expect(upns()).toEqual([a.email, b.email].sort());
  });

  it('repairs membership drift and leaves members it does not manage alone', async () => {
    const [a, b, c] = await people(3);
    if (!a || !b || !c) throw new Error('no users');
    const group = await createGroup(h.store.db, { name: 'Drift', users: [a.pk, b.pk] }, actor);
    await expectOk(await runFullSync(h.deps, h.providerId));
    const remoteGroup = (await linkFor(h.store.db, h.providerId, 'group', group.num_pk))?.remoteId as string;
    const ids = async (u: { pk: number }) =>
      (await linkFor(h.store.db, h.providerId, 'user', u.pk))?.remoteId as string;
    const foreign = emulator.control.seed({
      users: [
        {
          displayName: 'Foreign',
          userPrincipalName: `foreign@${emulator.domain}`,
          mailNickname: 'foreign',
          accountEnabled: true,
        },
      ],
    }).users[0]?.id as string;
    const client = await graphClient();
    await client.removeGroupMembers(remoteGroup, [await ids(a)]);
    await client.addGroupMembers(remoteGroup, [await ids(c), foreign]);
    await client.close();
    await expectOk(await runFullSync(h.deps, h.providerId));
    const members = (
      h.remote().groups.find((g) => g.id === remoteGroup) as { members: string[] }
    ).members.sort();
    expect(members).toEqual([await ids(a), await ids(b), foreign].sort());
  });

  it('syncs only direct members of the filter group, never service accounts when excluded', async () => {
    const [inside, outside] = await people(2);
    if (!inside || !outside) throw new Error('no users');
    const svc = await createUser(
      h.store.db,
      { username: 'svc', name: 'svc', email: `svc@${emulator.domain}`, type: 'service_account' },
      actor,
    );
    const filter = await createGroup(h.store.db, { name: 'Sync me', users: [inside.pk, svc.pk] }, actor);
    const child = await createGroup(h.store.db, { name: 'Child', parents: [filter.group_uuid] }, actor);
    await addUserToGroup(h.store.db, child.group_uuid, outside.pk, actor);
    await updateEntraProvider(
      h.store.db,
      h.deps.secrets,
      h.providerId,
      { filter_group: filter.group_uuid },
      actor,
    );
    await expectOk(await runFullSync(h.deps, h.providerId));
    expect(upns()).toEqual([inside.email]);
    // An out-of-scope object is ignored by direct sync too.
    expect(await syncUser(h.deps, h.providerId, outside.pk)).toMatchObject({ status: 'skipped' });
  });

  it('mappings that produce nothing for one user fail that user alone; no mappings at all stop the run', async () => {
    const [kept, odd] = await people(2);
    if (!kept || !odd) throw new Error('no users');
    const onlySome = await addMapping(
      'only some users',
      `if (user.username === ${JSON.stringify(odd.username)}) return null;
          return { displayName: user.name, userPrincipalName: user.email, mailNickname: user.username, accountEnabled: true,
                   passwordProfile: { password: 'Aa1!' + user.uid, forceChangePasswordNextSignIn: true } };`,
    );
    await setProviderMappings(h.store.db, h.providerId, 'user', [onlySome]);
    const outcome = await runFullSync(h.deps, h.providerId);
    expect(outcome.status).toBe('warning');
    if (outcome.status === 'skipped') throw new Error('skipped');
    expect(outcome.run.counts).toMatchObject({ failed: 1 });
    expect(upns()).toEqual([kept.email]);
    const result = await h.store.db
      .selectFrom('sync_results')
      .selectAll()
      .where('object_type', '=', 'user')
      .where('local_id', '=', odd.pk)
      .where('status', '=', 'error')
      .executeTakeFirstOrThrow();
    expect(result.message).toContain('"only some users") produced an empty result');

    await setProviderMappings(h.store.db, h.providerId, 'user', []);
    const stopped = await runFullSync(h.deps, h.providerId);
    expect(stopped.status).toBe('error');
    if (stopped.status === 'skipped') throw new Error('skipped');
    expect(stopped.run.error).toContain('No user property mappings are configured');
  });

  it('a mapping that keeps timing out fails the rest of the page fast, naming the mapping', async () => {
    const users = await people(8);
    const runaway = await addMapping('runaway', 'while (true) {}');
    await setProviderMappings(h.store.db, h.providerId, 'user', [runaway]);
    const outcome = await runFullSync(h.deps, h.providerId);
    if (outcome.status === 'skipped') throw new Error('skipped');
    const results = await h.store.db
      .selectFrom('sync_results')
      .select(['local_id', 'status', 'message'])
      .where('run_id', '=', outcome.run.id)
      .where('object_type', '=', 'user')
      .execute();
    const mine = results.filter((r) => users.some((u) => u.pk === r.local_id));
    expect(mine).toHaveLength(users.length);
    expect(mine.every((r) => r.status === 'error')).toBe(true);
    // After three timeouts in a row of one mapping the rest of the page is not evaluated (src/mappings/timeout-streak.ts).
    const evaluated = mine.filter((r) => !r.message?.includes('times in a row'));
    expect(evaluated.length).toBeLessThanOrEqual(3);
    expect(mine.find((r) => r.message?.includes('times in a row'))?.message).toContain('"runaway"');
    expect(upns()).toEqual([]);
  });

  it('SkipObject skips one object, counted as skipped, never as an error', async () => {
    const [keep, skip] = await people(2);
    if (!keep || !skip) throw new Error('no users');
    const skipper = await addMapping(
      'zz skip',
      `if (user.username === ${JSON.stringify(skip.username)}) throw new SkipObject(); return null;`,
    );
    const current = (await providerMappings(h.store.db, h.providerId, 'user')).map((m) => m.id);
    await setProviderMappings(h.store.db, h.providerId, 'user', [...current, skipper]);
    const outcome = await runFullSync(h.deps, h.providerId);
    await expectOk(outcome);
    if (outcome.status !== 'skipped') {
      expect(outcome.run.counts.skipped).toBe(1);
      expect(outcome.run.counts.failed).toBe(0);
    }
    expect(upns()).toEqual([keep.email]);
  });
});
