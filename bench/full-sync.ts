/**
 * Full-sync benchmark (issues 4 and 17): Conduit against the Graph emulator running in its own
 * process, with latency and Graph's throttling ratios (time-scaled), on the embedded SQLite store.
 *
 *   npx tsx bench/full-sync.ts [--users 10000] [--groups 500] [--memberships 50000] [--latency 30] [--time-scale 20] [--direct 40]
 *                              [--concurrency 4] [--build] [--heap-growth-percent N] [--drift-percent 1]
 *
 * Conduit runs in its own process (bench/support/sync-process.ts) on the embedded SQLite store and job
 * queue, as `conduit start` runs it: from the sources through tsx, or with --build from the
 * production build (dist/, plain node). Its memory and CPU are measured there, alone.
 *
 * One run measures, in order, for the delta strategy (docs/adr/0007-delta-drift.md) and for the
 * listing strategy it replaced (forced by dropping the provider's delta links, as a rejected token
 * does): the initial full sync; a second and a third with no changes (delta); one with no changes
 * after the links were dropped (listing); one after `--drift-percent` of the users were edited by
 * hand in the tenant through the emulator's control API (delta), and the same again with the links
 * dropped (listing), each checked for every edit being put back. For each: requests, Graph
 * operations, writes, read resource units (the emulator's throttling model, summed from its
 * request log), requests by route, 429s, write rate against the quota, wall time, peak RSS and CPU
 * per object, and the load average when it started (the machine may be shared: counts are exact,
 * timings are not). Then direct-sync latency percentiles; the initial writes against
 * users + groups + Σ max(0, ⌈members/20⌉ − 1) and the earlier users + groups + ⌈memberships/20⌉;
 * and, computed from the same inputs, the request count and sequential time of authentik's
 * strategy (one request per object and per membership, one at a time, every membership re-sent on
 * every full sync).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { StandaloneBanner } from '../src/graph-emulator/standalone.js';
import { emulatorControl, readLog } from './support/emulator-control.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '10000' },
    groups: { type: 'string', default: '500' },
    memberships: { type: 'string', default: '50000' },
    latency: { type: 'string', default: '30' },
    'time-scale': { type: 'string', default: '20' },
    direct: { type: 'string', default: '40' },
    concurrency: { type: 'string', default: '4' },
    // Measure the production build (dist/, plain node) instead of the sources run through tsx.
    build: { type: 'boolean', default: false },
    // V8's old-generation growth, as CONDUIT_HEAP_GROWTH_PERCENT sets it (0: V8's own policy); Conduit's default when not given.
    'heap-growth-percent': { type: 'string' },
    // Share of the users edited by hand before each drift sync.
    'drift-percent': { type: 'string', default: '1' },
  },
});
const USERS = Number(values.users);
const GROUPS = Number(values.groups);
const MEMBERSHIPS = Math.min(Number(values.memberships), USERS * GROUPS);
const LATENCY = Number(values.latency);
const TIME_SCALE = Number(values['time-scale']);
const DIRECT = Number(values.direct);
const CONCURRENCY = Number(values.concurrency);
const DRIFT_PERCENT = Number(values['drift-percent']);
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
// Started with HTTPS, so the banner names its CA file.
const emu = JSON.parse(String(firstLine).split('\n')[0] as string) as StandaloneBanner & {
  caCertPath: string;
};
const ca = readFileSync(emu.caCertPath, 'utf8');
const control = emulatorControl(emu.controlUrl, ca);

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
const seeded = JSON.parse(seederOutput.trim().split('\n').at(-1) as string) as {
  memberships: number;
  memberChunks: number;
  foldedMemberWrites: number;
};

// Conduit in its own process (see bench/support/sync-process.ts), from the sources or the build.
let conduitModules = resolve('src');
let syncProcessArgs = ['--import', 'tsx', 'bench/support/sync-process.ts'];
if (values.build) {
  const built = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npx tsc -p tsconfig.build.json failed');
  conduitModules = resolve('dist');
  // The sync process itself as plain JavaScript, so that no TypeScript loader is in the measured process.
  const ts = await import('typescript');
  // Inside the project, so that its packages resolve from node_modules.
  const script = resolve('node_modules/.cache/conduit-bench/sync-process.mjs');
  mkdirSync(dirname(script), { recursive: true });
  const source = readFileSync('bench/support/sync-process.ts', 'utf8');
  writeFileSync(
    script,
    ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText,
  );
  syncProcessArgs = [script];
}
const conduit: ChildProcess = spawn(
  process.execPath,
  [
    ...syncProcessArgs,
    '--db',
    join(dir, 'conduit.db'),
    '--emulator',
    JSON.stringify(emu),
    '--writes-per-second',
    // Pace writes to the time-scaled write quota.
    String(WRITE_QUOTA_PER_S * TIME_SCALE * 0.95),
    '--concurrency',
    String(CONCURRENCY),
    ...(values['heap-growth-percent'] ? ['--heap-growth-percent', values['heap-growth-percent']] : []),
  ],
  {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, BENCH_CONDUIT_MODULES: conduitModules },
    cwd: process.cwd(),
  },
);
type Reply<T> = { ok?: T; error?: string; ready?: boolean };
const nextReply = async <T>() => {
  const stop = new AbortController();
  const exited = once(conduit, 'exit', { signal: stop.signal }).then(([code]) => {
    throw new Error(`the sync process exited (code ${code})`);
  });
  exited.catch(() => {});
  try {
    const [reply] = (await Promise.race([once(conduit, 'message'), exited])) as [Reply<T>];
    if (reply.error) throw new Error(`sync process: ${reply.error}`);
    return reply;
  } finally {
    stop.abort();
  }
};
const ask = async <T>(message: { cmd: string; samples?: number; seconds?: number }) => {
  const reply = nextReply<T>();
  conduit.send(message);
  return (await reply).ok as T;
};
await nextReply();

type FullSyncFigures = {
  status: string;
  counts: Record<string, number>;
  wall_ms: number;
  cpu_us: number;
  peak_rss_mb: number;
  at_peak_mb: Record<string, number | string>;
};

await control.call('/settings', { method: 'PATCH', body: { requestLogLimit: 2_000_000 } });

const load = () => loadavg().map((l) => +l.toFixed(2));

async function measure(label: string, options: { listing?: boolean } = {}) {
  await control.reset();
  // The listing strategy: without saved delta links a full sync lists the tenant (and takes new links).
  if (options.listing) await ask<boolean>({ cmd: 'forget-delta-links' });
  const loadAtStart = load();
  const outcome = await ask<FullSyncFigures>({ cmd: 'full' });
  const wall = outcome.wall_ms / 1000;
  const stats = await control.stats();
  const objects = USERS + GROUPS;
  const httpRequests = stats.requests - (stats.tokenRequests ?? 0);
  const writeRate = stats.writes / (wall * TIME_SCALE);
  const { readUnits, writeUnits, byRoute, writes: log, spanS: span } = readLog(await control.log());
  // Sustained rate: over the span from the first to the last write, as the emulator logged them
  // (the whole-run rate also counts start-up, discovery and the tail with no write in flight).
  const sustained = span > 0 ? stats.writes / (span * TIME_SCALE) / WRITE_QUOTA_PER_S : 0;
  // Where the rate is lost: the span in ten slices, each slice's write rate as a share of the quota,
  // labelled by what was written in it (users, groups, members).
  const slices: string[] = [];
  if (span > 0) {
    const start = Date.parse(log[0]?.time as string);
    const perSlice = Array.from({ length: 10 }, () => ({ n: 0, kinds: new Set<string>() }));
    for (const e of log) {
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
    strategy: options.listing ? 'listing' : 'delta',
    load_average_at_start: loadAtStart,
    status: outcome.status,
    http_requests: httpRequests,
    graph_operations: httpRequests - (stats.batch?.envelopes ?? 0) + (stats.batch?.subRequests ?? 0),
    writes: stats.writes,
    read_resource_units: readUnits,
    write_resource_units: writeUnits,
    requests_per_object: +(httpRequests / objects).toFixed(3),
    throttled_429: stats.throttled,
    throttled_pct: +((100 * stats.throttled) / Math.max(1, httpRequests)).toFixed(2),
    wall_s: +wall.toFixed(1),
    service_time_s: +(wall * TIME_SCALE).toFixed(0),
    write_rate_of_quota: +(writeRate / WRITE_QUOTA_PER_S).toFixed(2),
    sustained_write_rate_of_quota: +sustained.toFixed(2),
    write_rate_by_tenth_of_span: slices,
    // Graph operations by route: for the small runs, what each request was.
    operations_by_route:
      Object.keys(byRoute).length <= 12 ? byRoute : `${Object.keys(byRoute).length} routes`,
    peak_rss_mb: outcome.peak_rss_mb,
    at_peak_mb: outcome.at_peak_mb,
    cpu_us_per_object: Math.round(outcome.cpu_us / objects),
    counts: outcome.counts,
  };
}

/**
 * Edits `DRIFT_PERCENT` of Conduit's users by hand in the tenant (their displayName), runs a full
 * sync, and checks that every edit was put back.
 */
async function measureDrift(label: string, offset: number, options: { listing?: boolean } = {}) {
  const users = (await control.users()).filter((u) => String(u.userPrincipalName).startsWith('user'));
  const step = Math.max(1, Math.round(100 / DRIFT_PERCENT));
  const edited = users.filter((_, i) => i % step === offset % step);
  for (const [i, u] of edited.entries()) await control.edit(u.id, { displayName: `Edited by hand ${i}` });
  // As if the last sync ran 10 minutes ago: a listing leaves out objects Conduit wrote within its
  // replication margin (5 minutes, DRIFT_MARGIN_MS in src/sync/discovery.ts), which here would be all of them.
  await ask<boolean>({ cmd: 'age-links', seconds: 600 });
  const figures = await measure(label, options);
  const after = new Map((await control.users()).map((u) => [u.id, u.displayName]));
  const putBack = edited.filter((u) => after.get(u.id) === u.displayName).length;
  return { ...figures, edited_by_hand: edited.length, put_back: putBack };
}

const initial = await measure('initial full sync');
const second = await measure('second full sync, no changes');
const third = await measure('third full sync, no changes');
const listing = await measure('full sync, no changes, listing (delta links dropped)', { listing: true });
const drift = await measureDrift(`full sync after ${DRIFT_PERCENT} % of users edited by hand`, 0);
const driftListing = await measureDrift(
  `full sync after ${DRIFT_PERCENT} % of users edited by hand, listing (delta links dropped)`,
  Math.floor(50 / DRIFT_PERCENT),
  { listing: true },
);

// Direct-sync latency: users created one at a time, each timed until it exists in the tenant.
const loadAtDirect = load();
const latencies = await ask<number[]>({ cmd: 'direct', samples: DIRECT });
conduit.send({ cmd: 'stop' });
await once(conduit, 'exit');
latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  Math.round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0);

// authentik's strategy, from the same inputs: one POST per user, per group, per membership;
// then every full sync PATCHes every user and group and re-POSTs every membership; one at a time.
const authentikInitial = USERS + GROUPS + seeded.memberships;
const authentikSecond = USERS + GROUPS + seeded.memberships;
const sequentialSeconds = (n: number) => +((n * LATENCY) / 1000).toFixed(0);
const noChangeTarget = USERS >= 100_000 ? 20 : 10;
const foldedLimit = USERS + GROUPS + seeded.foldedMemberWrites;
const peakRss = Math.max(...[initial, second, third, listing, drift, driftListing].map((r) => r.peak_rss_mb));

const report = {
  inputs: {
    users: USERS,
    groups: GROUPS,
    memberships: seeded.memberships,
    latency_ms: LATENCY,
    time_scale: TIME_SCALE,
    write_quota_per_s: WRITE_QUOTA_PER_S,
    build: values.build,
    heap_growth_percent: values['heap-growth-percent'] ?? 'default',
    concurrency: CONCURRENCY,
    drift_percent: DRIFT_PERCENT,
  },
  conduit: [initial, second, third, listing, drift, driftListing],
  targets: {
    no_change_requests: {
      target: noChangeTarget,
      delta_second: second.http_requests,
      delta_third: third.http_requests,
      listing: listing.http_requests,
      met: third.http_requests <= noChangeTarget,
    },
    no_change_writes: { delta: [second.writes, third.writes], listing: listing.writes },
    drift: {
      edited: drift.edited_by_hand,
      delta: { requests: drift.http_requests, writes: drift.writes, put_back: drift.put_back },
      listing: {
        requests: driftListing.http_requests,
        writes: driftListing.writes,
        put_back: driftListing.put_back,
      },
    },
    initial_writes: {
      measured: initial.writes,
      folded_limit: foldedLimit,
      earlier_limit: USERS + GROUPS + Math.ceil(seeded.memberships / 20),
      met: initial.writes <= foldedLimit,
    },
    write_rate: {
      whole_run: initial.write_rate_of_quota,
      sustained: initial.sustained_write_rate_of_quota,
      throttled_429: initial.throttled_429,
      met: initial.sustained_write_rate_of_quota >= 0.9 && initial.throttled_429 === 0,
    },
    peak_rss_mb: {
      max: peakRss,
      // The target (< 300 MB) is set for 100,000 users.
      target_applies: USERS >= 100_000,
      met: peakRss < 300,
    },
  },
  direct_sync_latency_ms: {
    load_average_at_start: loadAtDirect,
    samples: latencies.length,
    p50: pct(50),
    p95: pct(95),
    max: Math.round(latencies.at(-1) ?? 0),
  },
  authentik_strategy: {
    initial_requests: authentikInitial,
    second_sync_requests: authentikSecond,
    sequential_latency_only_s: {
      initial: sequentialSeconds(authentikInitial),
      second: sequentialSeconds(authentikSecond),
    },
    at_write_quota_s: {
      initial: Math.round(authentikInitial / WRITE_QUOTA_PER_S),
      second: Math.round(authentikSecond / WRITE_QUOTA_PER_S),
    },
  },
};
console.log(JSON.stringify(report, null, 2));
await control.close();
emulatorProcess.kill();
process.exit(0);
