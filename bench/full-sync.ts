/**
 * Full-sync benchmark (issue 4): Conduit against the Graph emulator running in its own process,
 * with latency and Graph's throttling ratios (time-scaled), on the embedded SQLite store.
 *
 *   npx tsx bench/full-sync.ts [--users 10000] [--groups 500] [--memberships 50000] [--latency 30] [--time-scale 20] [--direct 40]
 *                              [--driver jobs|process] [--concurrency 4]
 *
 * Prints, for the initial full sync and a second one with no changes: requests, writes, requests per
 * object, achieved write rate against the write quota, 429s, wall time, peak RSS and CPU per object;
 * direct-sync latency percentiles; and, computed from the same inputs, the request count and
 * sequential time of the reference's strategy (one request per object and per membership, one at a
 * time, every membership re-sent on every full sync).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { buildSyncDeps } from '../src/app.js';
import { createApplication } from '../src/directory/applications.js';
import { createUser } from '../src/directory/users.js';
import { fullSyncJob, startOutboxRelay } from '../src/jobs/outbox-relay.js';
import { createSqliteJobQueue } from '../src/jobs/sqlite-job-queue.js';
import { syncTaskHandlers } from '../src/jobs/sync-tasks.js';
import { createEntraProvider } from '../src/providers/entra/provider-service.js';
import { openStore } from '../src/store/database.js';
import { createSecretBox, generateSecretKey, parseSecretKeys } from '../src/store/secret-box.js';
import { runFullSync } from '../src/sync/full-sync.js';
import { linkFor } from '../src/sync/link-records.js';
import { ensureManagedMappings } from '../src/sync/mapping-records.js';
import { getRun, latestRun } from '../src/sync/run-records.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '10000' },
    groups: { type: 'string', default: '500' },
    memberships: { type: 'string', default: '50000' },
    latency: { type: 'string', default: '30' },
    'time-scale': { type: 'string', default: '20' },
    direct: { type: 'string', default: '40' },
    // jobs: the run's pages as jobs on the embedded queue (as `conduit start` runs it); process: one step after another.
    driver: { type: 'string', default: 'jobs' },
    concurrency: { type: 'string', default: '4' },
  },
});
const USERS = Number(values.users);
const GROUPS = Number(values.groups);
const MEMBERSHIPS = Math.min(Number(values.memberships), USERS * GROUPS);
const LATENCY = Number(values.latency);
const TIME_SCALE = Number(values['time-scale']);
const DIRECT = Number(values.direct);
const DRIVER = values.driver === 'process' ? 'process' : 'jobs';
const CONCURRENCY = Number(values.concurrency);
const WRITE_QUOTA_PER_S = 3000 / 150; // Graph: 3,000 writes per 2 min 30 s per app+tenant

// The emulator in its own process, so Conduit's memory and CPU are measured alone.
const emulatorProcess = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    'src/graph-emulator/standalone.ts',
    '--port',
    '0',
    '--throttling',
    '--latency-ms',
    String(LATENCY),
    '--time-scale',
    String(TIME_SCALE),
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const [firstLine] = (await once(emulatorProcess.stdout, 'data')) as [Buffer];
const emu = JSON.parse(String(firstLine).split('\n')[0] as string) as {
  graphUrl: string;
  loginUrl: string;
  controlUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  domain: string;
  caCertPath: string;
};
const ca = readFileSync(emu.caCertPath, 'utf8');
const control = async (path: string, init?: { method?: string; body?: unknown }) => {
  const { request } = await import('undici');
  const { Agent } = await import('undici');
  const res = await request(`${emu.controlUrl}${path}`, {
    method: (init?.method ?? 'GET') as 'GET',
    dispatcher: new Agent({ connect: { ca } }),
    ...(init?.body !== undefined
      ? { body: JSON.stringify(init.body), headers: { 'content-type': 'application/json' } }
      : {}),
  });
  const text = await res.body.text();
  return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
};

const dir = mkdtempSync(join(tmpdir(), 'conduit-bench-'));
// Seed the directory in bulk, in a child process (not measured: its memory is not this process's).
const seeder = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    'bench/support/seed-directory.ts',
    '--db',
    join(dir, 'conduit.db'),
    '--users',
    String(USERS),
    '--groups',
    String(GROUPS),
    '--memberships',
    String(MEMBERSHIPS),
    '--domain',
    emu.domain,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
let seederOutput = '';
seeder.stdout.on('data', (chunk) => {
  seederOutput += String(chunk);
});
const [seederCode] = (await once(seeder, 'exit')) as [number];
if (seederCode !== 0) throw new Error(`seeding failed (exit ${seederCode})`);
const seeded = JSON.parse(seederOutput.trim().split('\n').at(-1) as string) as { memberships: number };
const store = await openStore({ url: join(dir, 'conduit.db') });
const secrets = createSecretBox(parseSecretKeys(generateSecretKey()));
await ensureManagedMappings(store.db);

const logger = pino({ level: 'silent' });
const actor = { pk: 0, username: 'bench' };
const view = await createEntraProvider(
  store.db,
  secrets,
  {
    name: 'bench',
    client_id: emu.clientId,
    client_secret: emu.clientSecret,
    tenant_id: emu.tenantId,
    cloud: 'custom',
    login_url: emu.loginUrl,
    graph_url: emu.graphUrl,
    sync_page_size: 200,
  },
  actor,
  { cloud: 'global', login_url: null, graph_url: null },
);
await createApplication(
  store.db,
  { name: 'bench', slug: 'bench', backchannel_providers: [view.provider.id] },
  actor,
);
await store.db.deleteFrom('outbox').execute();
// Pace writes to the time-scaled write quota.
const deps = buildSyncDeps(store, secrets, logger, ca, {
  writesPerSecond: WRITE_QUOTA_PER_S * TIME_SCALE * 0.95,
  maxConcurrency: 16,
});

let peakRss = 0;
// What the peak is made of: the V8 heap, and memory outside it (SQLite's cache, WebAssembly sandboxes, buffers).
let atPeak = process.memoryUsage();
let statusAtPeak = '';
const sampler = setInterval(() => {
  const now = process.memoryUsage();
  if (now.rss > peakRss) {
    peakRss = now.rss;
    atPeak = now;
    statusAtPeak = readFileSync('/proc/self/status', 'utf8')
      .split('\n')
      .filter((l) => /^(RssAnon|RssFile|RssShmem)/.test(l))
      .map((l) => l.replace(/\s+/g, ' '))
      .join(', ');
  }
}, 50);

await control('/settings', { method: 'PATCH', body: { requestLogLimit: 1_000_000 } });

// The embedded job queue, as `conduit start` runs it: a full sync's pages are jobs taken concurrently.
const queue = createSqliteJobQueue(store.db);
await queue.start(syncTaskHandlers(deps, queue), { concurrency: CONCURRENCY, pollIntervalMs: 20 });

async function fullSync() {
  if (DRIVER === 'process') return runFullSync(deps, view.provider.id);
  const before = await latestRun(store.db, view.provider.id, 'full', true);
  await store.db.transaction().execute((trx) => queue.addJobs(trx, [fullSyncJob(view.provider.id)]));
  queue.wake();
  for (;;) {
    await new Promise((r) => setTimeout(r, 20));
    const run = await latestRun(store.db, view.provider.id, 'full', true);
    if (run && run.id !== before?.id) {
      await queue.drain(60_000);
      return { status: run.status, run: (await getRun(store.db, run.id)) ?? run };
    }
  }
}

async function measure(label: string) {
  await control('/stats/reset', { method: 'POST' });
  await control('/requests', { method: 'DELETE' });
  atPeak = process.memoryUsage();
  peakRss = atPeak.rss;
  const rssAtStart = peakRss;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const outcome = await fullSync();
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const stats = (await control('/stats')) as {
    requests: number;
    writes: number;
    throttled: number;
    tokenRequests: number;
    batch: { envelopes: number; subRequests: number };
  };
  const objects = USERS + GROUPS;
  const counts = outcome.status === 'skipped' ? {} : outcome.run.counts;
  const httpRequests = stats.requests - (stats.tokenRequests ?? 0);
  const writeRate = stats.writes / (wall * TIME_SCALE);
  // Sustained rate: over the span from the first to the last write, as the emulator logged them
  // (the whole-run rate also counts start-up, discovery and the tail with no write in flight).
  const { request } = await import('undici');
  const { Agent } = await import('undici');
  const logRes = await request(`${emu.controlUrl}/requests?mutatingOnly=true`, {
    dispatcher: new Agent({ connect: { ca } }),
  });
  const log = (await logRes.body.json()) as Array<{ time: string }>;
  const span =
    log.length > 1 ? (Date.parse(log.at(-1)?.time as string) - Date.parse(log[0]?.time as string)) / 1000 : 0;
  const sustained = span > 0 ? stats.writes / (span * TIME_SCALE) / WRITE_QUOTA_PER_S : 0;
  // Where the rate is lost: the span in ten slices, each slice's write rate as a share of the quota,
  // labelled by what was written in it (users, groups, members).
  const slices: string[] = [];
  if (span > 0) {
    const start = Date.parse(log[0]?.time as string);
    const perSlice = Array.from({ length: 10 }, () => ({ n: 0, kinds: new Set<string>() }));
    for (const e of log as Array<{ time: string; url: string; method: string }>) {
      const i = Math.min(9, Math.floor(((Date.parse(e.time) - start) / 1000 / span) * 10));
      const slice = perSlice[i] as { n: number; kinds: Set<string> };
      slice.n++;
      slice.kinds.add(
        e.method === 'PATCH' && e.url.includes('/groups/')
          ? 'members'
          : e.url.includes('/groups')
            ? 'groups'
            : 'users',
      );
    }
    for (const slice of perSlice)
      slices.push(
        `${(slice.n / ((span / 10) * TIME_SCALE) / WRITE_QUOTA_PER_S).toFixed(2)} ${[...slice.kinds].join('+')}`,
      );
  }
  return {
    label,
    status: outcome.status,
    http_requests: httpRequests,
    graph_operations: httpRequests - (stats.batch?.envelopes ?? 0) + (stats.batch?.subRequests ?? 0),
    writes: stats.writes,
    requests_per_object: +(httpRequests / objects).toFixed(3),
    throttled_429: stats.throttled,
    throttled_pct: +((100 * stats.throttled) / Math.max(1, httpRequests)).toFixed(2),
    wall_s: +wall.toFixed(1),
    service_time_s: +(wall * TIME_SCALE).toFixed(0),
    write_rate_of_quota: +(writeRate / WRITE_QUOTA_PER_S).toFixed(2),
    sustained_write_rate_of_quota: +sustained.toFixed(2),
    write_rate_by_tenth_of_span: slices,
    peak_rss_mb: Math.round(peakRss / 1048576),
    at_peak_mb: {
      heap_used: Math.round(atPeak.heapUsed / 1048576),
      heap_total: Math.round(atPeak.heapTotal / 1048576),
      external: Math.round(atPeak.external / 1048576),
      array_buffers: Math.round(atPeak.arrayBuffers / 1048576),
      status: statusAtPeak,
      rss_at_start: Math.round(rssAtStart / 1048576),
    },
    cpu_us_per_object: Math.round((cpu.user + cpu.system) / objects),
    counts,
  };
}

const first = await measure('initial full sync');
const second = await measure('second full sync, no changes');

// Direct-sync latency: create users one at a time, time until each exists in the tenant.
const relay = startOutboxRelay(store.db, 'sqlite', queue, { intervalMs: 50 });
const latencies: number[] = [];
for (let i = 0; i < DIRECT; i++) {
  const t0 = performance.now();
  const user = await createUser(
    store.db,
    { username: `direct${i}`, name: `Direct ${i}`, email: `direct${i}@${emu.domain}` },
    actor,
  );
  relay.wake();
  // The link gets its remote id when Graph answered the create: the user exists in the tenant.
  while (!(await linkFor(store.db, view.provider.id, 'user', user.pk))?.remoteId)
    await new Promise((r) => setTimeout(r, 2));
  latencies.push(performance.now() - t0);
}
await relay.stop();
await queue.stop();
clearInterval(sampler);
latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  Math.round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0);

// The reference's strategy, from the same inputs: one POST per user, per group, per membership;
// then every full sync PATCHes every user and group and re-POSTs every membership; one at a time.
const referenceInitial = USERS + GROUPS + seeded.memberships;
const referenceSecond = USERS + GROUPS + seeded.memberships;
const referenceSeconds = (n: number) => +((n * LATENCY) / 1000).toFixed(0);

const report = {
  inputs: {
    users: USERS,
    groups: GROUPS,
    memberships: seeded.memberships,
    latency_ms: LATENCY,
    time_scale: TIME_SCALE,
    write_quota_per_s: WRITE_QUOTA_PER_S,
    driver: DRIVER,
    concurrency: CONCURRENCY,
  },
  conduit: [first, second],
  write_target: {
    limit: Math.ceil((USERS + GROUPS + Math.ceil(seeded.memberships / 20)) * 1.02),
    initial_writes: first.writes,
    second_writes: second.writes,
  },
  direct_sync_latency_ms: {
    samples: latencies.length,
    p50: pct(50),
    p95: pct(95),
    max: Math.round(latencies.at(-1) ?? 0),
  },
  reference_strategy: {
    initial_requests: referenceInitial,
    second_sync_requests: referenceSecond,
    sequential_latency_only_s: {
      initial: referenceSeconds(referenceInitial),
      second: referenceSeconds(referenceSecond),
    },
    at_write_quota_s: {
      initial: Math.round(referenceInitial / WRITE_QUOTA_PER_S),
      second: Math.round(referenceSecond / WRITE_QUOTA_PER_S),
    },
  },
};
console.log(JSON.stringify(report, null, 2));
await store.close();
emulatorProcess.kill();
process.exit(0);
