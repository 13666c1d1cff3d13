/**
 * Scale-out benchmark (not a test): Conduit worker processes (1, 2, 4) on a throwaway PostgreSQL
 * against the Graph emulator with time-scaled throttling. Prints objects/s and the 429 rate.
 *
 *   npx tsx bench/scale-out.ts [--users 240] [--tenants 4] [--tenant-users 1500] [--one-tenant-users 6000]
 *                              [--workers 1,2,4] [--scenarios burst,one,full]
 *
 * Scenarios, each on a fresh database and emulator:
 * - burst: one tenant, `--users` new users created at once → one direct-sync job per user, spread
 *   over every worker; with the shared write budget (ADR 0003) and without it (each process paces
 *   itself at the quota);
 * - one: one tenant, a full sync of `--one-tenant-users` users: its pages are jobs spread over the
 *   workers, sharing the tenant's write budget (quota 300 writes/s: time ×15);
 * - full: `--tenants` tenants (one provider each), a full sync of `--tenant-users` users each.
 *
 * Throttling: in `full`, the emulator's write bucket is 300 writes per 15 s of service time (20/s,
 * Graph's per app + tenant rate) and time runs 5× faster, so each tenant takes 100 writes/s. In
 * `burst`, direct-sync jobs are slow (one Graph session per job), so the quota is lowered to
 * 4 writes/s (60 per 15 s) for the workers to be able to exceed it.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { insertUser } from '../src/directory/users.js';
import {
  actor,
  clusterIdle,
  createScaleOutFixture,
  type ScaleOutFixture,
  waitFor,
} from '../test/scale-out/fixture.js';
import { startPostgresCluster } from '../test/support/postgres-cluster.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '240' },
    tenants: { type: 'string', default: '4' },
    'tenant-users': { type: 'string', default: '1500' },
    workers: { type: 'string', default: '1,2,4' },
    scenarios: { type: 'string', default: 'burst,one,full' },
    'one-tenant-users': { type: 'string', default: '6000' },
  },
});
const BURST_USERS = Number(values.users);
const TENANTS = Number(values.tenants);
const TENANT_USERS = Number(values['tenant-users']);
const WORKER_COUNTS = String(values.workers).split(',').map(Number);
const ONE_TENANT_USERS = Number(values['one-tenant-users']);
/** `one`: time ×15 makes the tenant's quota 300 writes/s, more than one worker reaches on this machine. */
const ONE_TENANT_TIME_SCALE = 15;

const TIME_SCALE = 5;
const QUOTA_PER_SECOND = 20 * TIME_SCALE; // real writes/s per app + tenant
const emulatorOptions = {
  throttling: true,
  timeScale: TIME_SCALE,
  throttleLimits: { writesPerAppTenant: 300, writeWindowMs: 15_000 },
};
/** Each process's own pacing: just under the quota (the Graph client's default, time-scaled). */
const graphClient = {
  writesPerSecond: QUOTA_PER_SECOND * 0.95,
  retry: { baseDelayMs: 200, maxDelayMs: 5000 },
  notFoundRetry: { attempts: 5, delayMs: 50 },
};
const BURST_QUOTA = 4;
const burstEmulator = {
  throttling: true,
  timeScale: 1,
  throttleLimits: { writesPerAppTenant: 60, writeWindowMs: 15_000 },
};
const burstClient = { ...graphClient, writesPerSecond: BURST_QUOTA * 0.95 };

const cluster = await startPostgresCluster();
let databases = 0;
async function freshDatabase(): Promise<string> {
  const name = `bench_${databases++}`;
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return cluster.url.replace(/\/postgres$/, `/${name}`);
}

interface Row {
  scenario: string;
  workers: number;
  objects: number;
  seconds: number;
  objectsPerSecond: number;
  writes: number;
  throttled: number;
  rate429: number;
}
const rows: Row[] = [];

function record(scenario: string, workers: number, objects: number, ms: number, f: ScaleOutFixture): Row {
  const stats = f.emulator.control.getStats();
  const writes = stats.writes;
  const throttled = stats.throttled;
  const row = {
    scenario,
    workers,
    objects,
    seconds: ms / 1000,
    objectsPerSecond: objects / (ms / 1000),
    writes,
    throttled,
    rate429: throttled / Math.max(1, writes + throttled),
  };
  rows.push(row);
  console.log(
    `${scenario.padEnd(28)} workers=${workers} objects=${objects} ${row.seconds.toFixed(1)} s  ${row.objectsPerSecond.toFixed(1)} obj/s  writes=${writes} 429=${throttled} (${(row.rate429 * 100).toFixed(1)} %)`,
  );
  return row;
}

async function burst(workers: number, shared: boolean): Promise<void> {
  const f = await createScaleOutFixture({
    databaseUrl: await freshDatabase(),
    users: 0,
    groups: 0,
    emulator: burstEmulator,
  });
  try {
    await Promise.all(
      Array.from({ length: workers }, () =>
        f.spawnWorker({
          graphClient: burstClient,
          writeBudget: shared ? { writesPerSecond: BURST_QUOTA * 0.95, burst: 20 } : false,
          pollIntervalMs: 200,
          relayIntervalMs: 100,
        }),
      ),
    );
    await f.addProvider(await f.tenant(0));
    await waitFor('the empty first sync', () => clusterIdle(f.store), 60_000);
    f.emulator.control.resetStats();
    const started = Date.now();
    await f.store.db.transaction().execute(async (trx) => {
      for (let n = 0; n < BURST_USERS; n++) {
        await insertUser(
          trx,
          { username: `burst${n}`, name: `Burst ${n}`, email: `burst${n}@${f.emulator.domain}` },
          null,
          actor,
        );
      }
    });
    await waitFor(
      'the burst to sync',
      async () =>
        (await clusterIdle(f.store)) &&
        f.emulator.control.getState(f.emulator.tenantId)[0]?.users.length === BURST_USERS,
      600_000,
      200,
    );
    record(
      `burst, ${shared ? 'shared budget' : 'per-process pacing'}`,
      workers,
      BURST_USERS,
      Date.now() - started,
      f,
    );
  } finally {
    await f.close();
  }
}

async function fullSyncs(
  workers: number,
  tenants: number,
  usersPerTenant: number,
  timeScale = TIME_SCALE,
): Promise<void> {
  // The quota per tenant in real writes/s: Graph's 20/s, time-scaled.
  const quota = 20 * timeScale;
  const f = await createScaleOutFixture({
    databaseUrl: await freshDatabase(),
    users: usersPerTenant,
    groups: 20,
    membersPerGroup: 20,
    emulator: { ...emulatorOptions, timeScale },
  });
  try {
    await Promise.all(
      Array.from({ length: workers }, () =>
        f.spawnWorker({
          graphClient: { ...graphClient, writesPerSecond: quota * 0.95 },
          writeBudget: { writesPerSecond: quota * 0.95, burst: 20 },
          pollIntervalMs: 200,
        }),
      ),
    );
    f.emulator.control.resetStats();
    const started = Date.now();
    for (let t = 0; t < tenants; t++) await f.addProvider(await f.tenant(t));
    await waitFor(
      'the full syncs',
      async () => {
        const finished = await f.store.db
          .selectFrom('sync_runs')
          .select('id')
          .where('kind', '=', 'full')
          .where('finished_at', 'is not', null)
          .execute();
        return finished.length >= tenants && (await clusterIdle(f.store));
      },
      600_000,
      200,
    );
    record(
      `full sync, ${tenants} tenant${tenants > 1 ? 's' : ''}, quota ${quota}/s each`,
      workers,
      tenants * (usersPerTenant + 20),
      Date.now() - started,
      f,
    );
  } finally {
    await f.close();
  }
}

try {
  console.log(
    `burst: ${BURST_USERS} users, quota ${BURST_QUOTA} writes/s; full: ${TENANTS} tenants × ${TENANT_USERS} users + 20 groups, quota ${QUOTA_PER_SECOND} writes/s per tenant (emulator time ×${TIME_SCALE})`,
  );
  const scenarios = String(values.scenarios).split(',');
  if (scenarios.includes('burst')) for (const n of WORKER_COUNTS) await burst(n, true);
  if (scenarios.includes('burst')) for (const n of WORKER_COUNTS) await burst(n, false);
  if (scenarios.includes('one'))
    for (const n of WORKER_COUNTS) await fullSyncs(n, 1, ONE_TENANT_USERS, ONE_TENANT_TIME_SCALE);
  if (scenarios.includes('full')) for (const n of WORKER_COUNTS) await fullSyncs(n, TENANTS, TENANT_USERS);
  console.log('\n| Scenario | Workers | Objects | Seconds | Objects/s | Writes | 429s | 429 rate |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.scenario} | ${r.workers} | ${r.objects} | ${r.seconds.toFixed(1)} | ${r.objectsPerSecond.toFixed(1)} | ${r.writes} | ${r.throttled} | ${(r.rate429 * 100).toFixed(1)} % |`,
    );
  }
} finally {
  cluster.stop();
}
