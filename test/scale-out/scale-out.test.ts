/**
 * Scale-out on PostgreSQL with real worker processes: three `runWorkerProcess` children on one
 * throwaway database, the Graph emulator over HTTPS in this process (children trust its CA).
 */
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { updateUser } from '../../src/directory/users.js';
import { periodStart } from '../../src/jobs/scheduler.js';
import { createTestDatabaseUrl } from '../support/stores.js';
import {
  actor,
  clusterIdle,
  createScaleOutFixture,
  fullSyncHolders,
  type ScaleOutFixture,
  waitFor,
} from './fixture.js';

let fixture: ScaleOutFixture | null = null;
let dropDatabase: (() => Promise<void>) | null = null;

async function setUp(users: number, groups: number, emulator = {}) {
  const database = await createTestDatabaseUrl('postgres');
  dropDatabase = database.drop;
  fixture = await createScaleOutFixture({
    databaseUrl: database.url,
    users,
    groups,
    membersPerGroup: 25,
    emulator,
  });
  return fixture;
}

afterEach(async () => {
  await fixture?.close();
  await dropDatabase?.();
  fixture = null;
  dropDatabase = null;
});

/** Remote state of the default tenant, with duplicate checks. */
function remoteSummary(f: ScaleOutFixture) {
  const [state] = f.emulator.control.getState(f.emulator.tenantId);
  const users = state?.users ?? [];
  const groups = (state?.groups ?? []) as Array<{ displayName: string; members?: string[] }>;
  return {
    users: users.length,
    distinctUpns: new Set(users.map((u) => String(u.userPrincipalName).toLowerCase())).size,
    groups: groups.length,
    distinctGroupNames: new Set(groups.map((g) => g.displayName)).size,
    memberCounts: new Set(groups.map((g) => g.members?.length ?? 0)),
  };
}

async function expectLinksDistinct(f: ScaleOutFixture, providerId: number, users: number, groups: number) {
  const links = await f.store.db
    .selectFrom('sync_links')
    .select(['object_type', 'remote_id', 'state'])
    .where('provider_id', '=', providerId)
    .execute();
  const userLinks = links.filter((l) => l.object_type === 'user' && l.remote_id);
  const groupLinks = links.filter((l) => l.object_type === 'group' && l.remote_id);
  expect(userLinks).toHaveLength(users);
  expect(new Set(userLinks.map((l) => l.remote_id)).size).toBe(users);
  expect(groupLinks).toHaveLength(groups);
  expect(new Set(groupLinks.map((l) => l.remote_id)).size).toBe(groups);
}

describe('scale-out with three worker processes on PostgreSQL', () => {
  it('syncs 5,000 users and 200 groups once each, with no duplicates', async () => {
    const f = await setUp(5000, 200);
    const workers = await Promise.all([0, 1, 2].map(() => f.spawnWorker()));
    expect(new Set(workers.map((w) => w.poolId)).size).toBe(3);
    const providerId = await f.addProvider(await f.tenant(0));
    // The run's pages are jobs: note which workers hold one while it runs.
    const holders = new Set<string>();
    await waitFor(
      'the full sync to finish',
      async () => {
        for (const pool of await fullSyncHolders(f.store)) holders.add(pool);
        const run = await f.store.db
          .selectFrom('sync_runs')
          .selectAll()
          .where('provider_id', '=', providerId)
          .where('kind', '=', 'full')
          .where('finished_at', 'is not', null)
          .executeTakeFirst();
        return run && (await clusterIdle(f.store)) ? run : null;
      },
      75_000,
      50,
    );
    // One run, shared: more than one worker process took its pages.
    expect(holders.size).toBeGreaterThan(1);

    const remote = remoteSummary(f);
    expect(remote).toMatchObject({ users: 5000, distinctUpns: 5000, groups: 200, distinctGroupNames: 200 });
    expect([...remote.memberCounts]).toEqual([25]);
    await expectLinksDistinct(f, providerId, 5000, 200);
    const runs = await f.store.db
      .selectFrom('sync_runs')
      .select(['status', 'counts'])
      .where('provider_id', '=', providerId)
      .where('kind', '=', 'full')
      .execute();
    expect(runs).toHaveLength(1);
    expect(runs[0]?.status).toBe('done');
    // Each object was created once: creates seen by the emulator equal the objects.
    const creates = f.emulator.control
      .getRequestLog({ mutatingOnly: true })
      .filter(
        (e) =>
          e.method === 'POST' && /^\/?(v1\.0\/)?(users|groups)(\?|$)/.test(e.url.replace(/^.*\/v1\.0/, '')),
      );
    expect(creates.filter((e) => e.status === 201)).toHaveLength(5200);
    // The test's own limit covers its setup (seeding 5,000 users) and every wait above, on a loaded
    // machine too; the waits themselves are the limits on the run.
  }, 150_000);

  it('a worker killed with SIGKILL mid-run: the other workers finish the same run, with no duplicate remote objects', async () => {
    const f = await setUp(5000, 200);
    // A shared budget of 400 writes/s keeps the run going for 15 s or more, so the kill lands mid-run.
    const workers = await Promise.all(
      [0, 1, 2].map(() => f.spawnWorker({ writeBudget: { writesPerSecond: 400 } })),
    );
    const providerId = await f.addProvider(await f.tenant(0));
    const run = await waitFor(
      'the run to be a fifth done',
      async () => {
        const r = await f.store.db
          .selectFrom('sync_runs')
          .selectAll()
          .where('provider_id', '=', providerId)
          .where('status', '=', 'running')
          .executeTakeFirst();
        return r && r.done >= 1000 ? r : null;
      },
      40_000,
      50,
    );
    // A worker in the middle of one of the run's pages.
    const holding = await waitFor(
      'a worker holding a page',
      async () => (await fullSyncHolders(f.store))[0],
      10_000,
      20,
    );
    const victim = workers.find((w) => w.poolId === holding);
    expect(victim).toBeDefined();
    await victim?.kill();
    const killedAt = Date.now();

    const finished = await waitFor(
      'the run to finish',
      async () => {
        const done = await f.store.db
          .selectFrom('sync_runs')
          .selectAll()
          .where('provider_id', '=', providerId)
          .where('kind', '=', 'full')
          .where('status', 'in', ['done', 'warning'])
          .executeTakeFirst();
        return done && (await clusterIdle(f.store)) ? done : null;
      },
      70_000,
      250,
    );
    const took = Date.now() - killedAt;

    // The page the dead worker held was handed to another worker: the run itself went on.
    expect(finished.id).toBe(run.id);
    const runs = await f.store.db.selectFrom('sync_runs').select('id').where('kind', '=', 'full').execute();
    expect(runs).toHaveLength(1);
    const remote = remoteSummary(f);
    expect(remote).toMatchObject({ users: 5000, distinctUpns: 5000, groups: 200, distinctGroupNames: 200 });
    expect([...remote.memberCounts]).toEqual([25]);
    await expectLinksDistinct(f, providerId, 5000, 200);
    expect(took).toBeLessThan(60_000);
    // Above the sum of the waits (40 + 10 + 70 s) and the setup, so a wait's own message says what was late.
  }, 180_000);

  it('the scheduler fires each period once with three schedulers running', async () => {
    const f = await setUp(3, 1);
    const providerId = await f.addProvider(await f.tenant(0), { sync_interval_minutes: 1 });
    // One real second is ten minutes for the schedulers: a one-minute period every 100 ms.
    const warp = { epoch: Date.now(), realStart: Date.now(), factor: 600 };
    const workers = await Promise.all(
      [0, 1, 2].map(() =>
        f.spawnWorker({
          roles: { jobs: false, relay: false, scheduler: true },
          schedulerIntervalMs: 15,
          warp,
        }),
      ),
    );
    await new Promise((r) => setTimeout(r, 4000));
    await Promise.all(workers.map((w) => w.stop()));
    const fired = workers.flatMap((w) =>
      w.messages.flatMap((m) =>
        m.type === 'scheduled' && m.providerIds.includes(providerId)
          ? [{ pid: m.pid, period: periodStart(m.now, 1, providerId) }]
          : [],
      ),
    );
    const periods = fired.map((x) => x.period);
    expect(new Set(periods).size).toBe(periods.length); // never twice for one period
    expect(periods.length).toBeGreaterThanOrEqual(20); // ~40 periods passed
    expect(new Set(fired.map((x) => x.pid)).size).toBeGreaterThan(1); // all schedulers competed
    const stored = await f.store.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', `schedule:provider:${providerId}`)
      .executeTakeFirstOrThrow();
    expect(Number(stored.value)).toBe(Math.max(...periods));
  }, 60_000);

  it('concurrent direct changes to one user apply in order', async () => {
    const f = await setUp(3, 1);
    await Promise.all([0, 1, 2].map(() => f.spawnWorker({ relayIntervalMs: 20, pollIntervalMs: 100 })));
    const providerId = await f.addProvider(await f.tenant(0));
    await waitFor(
      'the first full sync',
      async () =>
        clusterIdle(f.store).then(
          async (idle) =>
            idle &&
            (
              await f.store.db
                .selectFrom('sync_links')
                .select('id')
                .where('provider_id', '=', providerId)
                .execute()
            ).length > 0,
        ),
      30_000,
    );
    const userId = f.userIds[0] as number;
    const link = await f.store.db
      .selectFrom('sync_links')
      .select('remote_id')
      .where('provider_id', '=', providerId)
      .where('object_type', '=', 'user')
      .where('local_id', '=', userId)
      .executeTakeFirstOrThrow();

    // Watch the emulator's copy of the user on every turn of this process's event loop.
    const seen: string[] = [];
    let watching = true;
    const watch = () => {
      const user = f.emulator.control
        .getState(f.emulator.tenantId)[0]
        ?.users.find((u) => u.id === link.remote_id);
      const name = String(user?.displayName ?? '');
      if (seen.at(-1) !== name) seen.push(name);
      if (watching) setImmediate(watch);
    };
    watch();
    const names = Array.from({ length: 30 }, (_, i) => `Renamed ${String(i + 1).padStart(2, '0')}`);
    for (const name of names) await updateUser(f.store.db, userId, { name }, actor);
    await waitFor(
      'the changes to apply',
      async () => (await clusterIdle(f.store)) && seen.at(-1) === names.at(-1),
      30_000,
    );
    watching = false;

    const applied = seen.filter((n) => n.startsWith('Renamed'));
    expect(applied.at(-1)).toBe('Renamed 30');
    expect([...applied].sort()).toEqual(applied); // never an older name after a newer one
    const jobs = await sql<{
      n: number;
    }>`select count(*)::int as n from graphile_worker._private_jobs`.execute(f.store.db);
    expect(jobs.rows[0]?.n).toBe(0);
  }, 60_000);
});
