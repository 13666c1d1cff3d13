/**
 * A full sync as steps (page jobs): pages may run in any order, twice, or beside each other, and the
 * run still ends once, with each object written once; discovery lives in the database for the run.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { updateApplication } from '../../src/directory/applications.js';
import { addUserToGroup, createGroup } from '../../src/directory/groups.js';
import { createUser } from '../../src/directory/users.js';
import type { RunningEmulator } from '../../src/graph-emulator/index.js';
import { updateEntraProvider } from '../../src/providers/entra/provider-service.js';
import { discover } from '../../src/sync/discovery.js';
import {
  type FullSyncDriver,
  type FullSyncStep,
  runFullSyncStep,
  startFullSync,
} from '../../src/sync/full-sync.js';
import { linkFor } from '../../src/sync/link-records.js';
import { getRun, interruptRunningRuns, startRun } from '../../src/sync/run-records.js';
import type { RemoteObject, SyncTarget } from '../../src/sync/types.js';
import { DIALECTS } from '../support/stores.js';
import {
  actor,
  createSyncHarness,
  type SyncHarness,
  startEmulatorForTests,
} from '../support/sync-harness.js';

describe.each(DIALECTS)('full sync as page steps on %s', (dialect) => {
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
    h = await createSyncHarness(dialect, { emulator, provider: { sync_page_size: 4 } });
  });

  const newUser = () => {
    const name = `s${Date.now().toString(36)}${n++}`;
    return createUser(
      h.store.db,
      { username: name, name: `${name} ${name}`, email: `${name}@${emulator.domain}` },
      actor,
    );
  };

  /** A driver that only collects the scheduled steps, so the test decides when each runs. */
  function collectingDriver(durable: boolean) {
    const scheduled: FullSyncStep[] = [];
    const driver: FullSyncDriver = {
      deps: h.deps,
      durable,
      schedule: async (_trx, outcome) => {
        scheduled.push(...outcome.next);
      },
    };
    return { driver, scheduled };
  }

  it('pages in reverse order and each twice: one run, every object written once, working state dropped', async () => {
    const users = [];
    for (let i = 0; i < 10; i++) users.push(await newUser());
    const group = await createGroup(h.store.db, { name: `g${n++}` }, actor);
    for (const u of users.slice(0, 5)) await addUserToGroup(h.store.db, group.group_uuid, u.pk, actor);

    const { driver, scheduled } = collectingDriver(true);
    const started = await startFullSync(driver, h.providerId);
    expect(started.status).toBe('started');
    if (started.status !== 'started') return;
    // 10 users in pages of 4: three user pages, nothing else yet.
    expect(scheduled.map((s) => `${s.kind}:${s.phase}`)).toEqual(['page:users', 'page:users', 'page:users']);

    const userPages = scheduled.splice(0).reverse();
    for (const step of userPages) {
      await runFullSyncStep(driver, step);
      await runFullSyncStep(driver, step); // a job delivered twice
    }
    // Only the page that completed the phase scheduled the advance, once.
    expect(scheduled).toEqual([
      { kind: 'advance', providerId: h.providerId, runId: started.run.id, phase: 'users' },
    ]);
    const advance = scheduled.splice(0)[0] as FullSyncStep;
    await runFullSyncStep(driver, advance);
    await runFullSyncStep(driver, advance);
    expect(scheduled.map((s) => `${s.kind}:${s.phase}`)).toEqual(['page:groups']);
    const groupPage = scheduled.splice(0)[0] as FullSyncStep;
    await runFullSyncStep(driver, groupPage);
    await runFullSyncStep(driver, groupPage);
    const finish = scheduled.splice(0);
    expect(finish.map((s) => `${s.kind}:${s.phase}`)).toEqual(['advance:groups']);
    await runFullSyncStep(driver, finish[0] as FullSyncStep);

    const run = await getRun(h.store.db, started.run.id);
    expect(run).toMatchObject({ status: 'done', total: 11, done: 11 });
    expect(run?.counts).toMatchObject({ created: 11, users: 10, groups: 1, members_added: 5, failed: 0 });
    const remote = h.remote();
    expect(remote.users).toHaveLength(10);
    expect(remote.groups).toHaveLength(1);
    expect(remote.groups[0]?.members as string[]).toHaveLength(5);
    // A step of a finished run does nothing.
    await runFullSyncStep(driver, userPages[0] as FullSyncStep);
    expect(h.remote().users).toHaveLength(10);
    const left = await Promise.all(
      (['sync_run_pages', 'sync_discovery'] as const).map((table) =>
        h.store.db.selectFrom(table).select('run_id').where('run_id', '=', started.run.id).execute(),
      ),
    );
    expect(left.map((rows) => rows.length)).toEqual([0, 0]);
  });

  it('keeps discovery in the database for the run: a page adopts the remote user it lists', async () => {
    await updateApplication(h.store.db, h.applicationSlug, { backchannel_providers: [] }, actor);
    const user = await newUser();
    emulator.control.seed({
      users: [
        {
          displayName: 'already there',
          userPrincipalName: user.email,
          mailNickname: user.username,
          accountEnabled: true,
        },
      ],
    });
    const remoteId = h.remote().users[0]?.id;
    await updateApplication(h.store.db, h.applicationSlug, { backchannel_providers: [h.providerId] }, actor);

    const { driver, scheduled } = collectingDriver(true);
    const started = await startFullSync(driver, h.providerId);
    if (started.status !== 'started') throw new Error(`not started: ${started.status}`);
    const discovered = await h.store.db
      .selectFrom('sync_discovery')
      .select(['match_key', 'match_value', 'remote_id'])
      .where('run_id', '=', started.run.id)
      .orderBy('match_key')
      .execute();
    expect(discovered).toContainEqual({
      match_key: 'upn',
      match_value: user.email.toLowerCase(),
      remote_id: remoteId,
    });
    for (let step = scheduled.shift(); step; step = scheduled.shift()) await runFullSyncStep(driver, step);
    expect((await linkFor(h.store.db, h.providerId, 'user', user.pk))?.remoteId).toBe(remoteId);
    expect(h.remote().users).toHaveLength(1);
    expect((await getRun(h.store.db, started.run.id))?.counts).toMatchObject({ linked: 1, created: 0 });
  });

  it('a restart interrupts in-process runs but leaves runs whose pages are durable jobs to resume', async () => {
    await newUser();
    const durable = collectingDriver(true);
    const a = await startFullSync(durable.driver, h.providerId);
    if (a.status !== 'started') throw new Error('not started');
    expect(await interruptRunningRuns(h.store.db)).toBe(0);
    // The queued pages finish the run after the "restart".
    for (let step = durable.scheduled.shift(); step; step = durable.scheduled.shift())
      await runFullSyncStep(durable.driver, step);
    expect((await getRun(h.store.db, a.run.id))?.status).toBe('done');

    const inProcess = collectingDriver(false);
    const b = await startFullSync(inProcess.driver, h.providerId);
    if (b.status !== 'started') throw new Error('not started');
    expect(await interruptRunningRuns(h.store.db)).toBe(1);
    expect((await getRun(h.store.db, b.run.id))?.status).toBe('error');
    // Its leftover steps find the run over and do nothing.
    for (const step of inProcess.scheduled) await runFullSyncStep(inProcess.driver, step);
    expect((await getRun(h.store.db, b.run.id))?.status).toBe('error');
  });

  it('takes over a silent run only after the provider’s page timeout: a slow page is not a dead one', async () => {
    const { driver } = collectingDriver(true);
    const first = await startFullSync(driver, h.providerId);
    if (first.status !== 'started') throw new Error(`not started: ${first.status}`);
    // No page has finished for 5 minutes: within the default page timeout (minutes=30).
    const silentFor = async (ms: number) =>
      h.store.db
        .updateTable('sync_runs')
        .set({ heartbeat_at: new Date(Date.now() - ms).toISOString() })
        .where('id', '=', first.run.id)
        .execute();
    await silentFor(5 * 60_000);
    expect(await startFullSync(driver, h.providerId)).toMatchObject({ status: 'skipped' });
    expect((await getRun(h.store.db, first.run.id))?.status).toBe('running');

    // With a page timeout of 2 minutes, the same silence means the run's process is gone.
    await updateEntraProvider(
      h.store.db,
      h.deps.secrets,
      h.providerId,
      { sync_page_timeout: 'minutes=2' },
      actor,
    );
    const second = await startFullSync(driver, h.providerId);
    expect(second.status).toBe('started');
    expect(await getRun(h.store.db, first.run.id)).toMatchObject({ status: 'error' });
  });

  it('discovery keeps the run alive while it lists, and stores only what matching needs', async () => {
    const run = await startRun(h.store.db, h.providerId, 'full', false);
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    await h.store.db
      .updateTable('sync_runs')
      .set({ heartbeat_at: hourAgo })
      .where('id', '=', run.id)
      .execute();
    const page = (from: number): RemoteObject[] =>
      [from, from + 1].map((i) => ({
        id: `r${i}`,
        properties: { userPrincipalName: `U${i}@Example.com`, mail: i % 2 ? null : `m${i}@example.com` },
      }));
    const target = {
      createOnlyProperties: () => new Set<string>(),
      async *listRemote(type: 'user' | 'group') {
        if (type === 'user') {
          yield page(0);
          yield page(2);
        }
      },
    } as unknown as SyncTarget;
    const handle = await discover(h.store.db, target, h.providerId, run.id);
    const row = await h.store.db
      .selectFrom('sync_runs')
      .select(['heartbeat_at', 'discovered_at'])
      .where('id', '=', run.id)
      .executeTakeFirstOrThrow();
    expect(Date.parse(String(row.heartbeat_at))).toBeGreaterThan(Date.parse(hourAgo));
    expect(handle.readAt).toEqual(expect.any(String));
    const rows = await h.store.db
      .selectFrom('sync_discovery')
      .select(['match_key', 'match_value'])
      .where('run_id', '=', run.id)
      .where('match_key', '!=', 'source') // which read the run used (listing here)
      .orderBy('match_value')
      .execute();
    // Four UPNs (lower-cased) and the two mails that exist; nothing for absent values.
    expect(rows.map((r) => `${r.match_key}:${r.match_value}`)).toEqual([
      'mail:m0@example.com',
      'mail:m2@example.com',
      'upn:u0@example.com',
      'upn:u1@example.com',
      'upn:u2@example.com',
      'upn:u3@example.com',
    ]);
  });
});
