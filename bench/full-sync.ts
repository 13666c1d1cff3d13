/**
 * Full-sync benchmark (issue 4): Conduit against the Graph emulator running in its own process,
 * with latency and Graph's throttling ratios (time-scaled), on the embedded SQLite store.
 *
 *   npx tsx bench/full-sync.ts [--users 10000] [--groups 500] [--memberships 50000] [--latency 30] [--time-scale 20] [--direct 40]
 *                              [--concurrency 4] [--build] [--heap-growth-percent N]
 *
 * Conduit runs in its own process (bench/support/sync-process.ts) on the embedded SQLite store and job
 * queue, as `conduit start` runs it: from the sources through tsx, or with --build from the
 * production build (dist/, plain node). Its memory and CPU are measured there, alone.
 *
 * Prints, for the initial full sync and a second one with no changes: requests, writes, requests per
 * object, achieved write rate against the write quota, 429s, wall time, peak RSS and CPU per object;
 * direct-sync latency percentiles; and, computed from the same inputs, the request count and
 * sequential time of the reference's strategy (one request per object and per membership, one at a
 * time, every membership re-sent on every full sync).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { StandaloneBanner } from '../src/graph-emulator/standalone.js';

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
  },
});
const USERS = Number(values.users);
const GROUPS = Number(values.groups);
const MEMBERSHIPS = Math.min(Number(values.memberships), USERS * GROUPS);
const LATENCY = Number(values.latency);
const TIME_SCALE = Number(values['time-scale']);
const DIRECT = Number(values.direct);
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
// Started with HTTPS, so the banner names its CA file.
const emu = JSON.parse(String(firstLine).split('\n')[0] as string) as StandaloneBanner & {
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
  const exited = once(conduit, 'exit').then(([code]) => {
    throw new Error(`the sync process exited (code ${code})`);
  });
  const [reply] = (await Promise.race([once(conduit, 'message'), exited])) as [Reply<T>];
  if (reply.error) throw new Error(`sync process: ${reply.error}`);
  return reply;
};
const ask = async <T>(message: { cmd: string; samples?: number }) => {
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

await control('/settings', { method: 'PATCH', body: { requestLogLimit: 1_000_000 } });

async function measure(label: string) {
  await control('/stats/reset', { method: 'POST' });
  await control('/requests', { method: 'DELETE' });
  const outcome = await ask<FullSyncFigures>({ cmd: 'full' });
  const wall = outcome.wall_ms / 1000;
  const stats = (await control('/stats')) as {
    requests: number;
    writes: number;
    throttled: number;
    tokenRequests: number;
    batch: { envelopes: number; subRequests: number };
  };
  const objects = USERS + GROUPS;
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
    peak_rss_mb: outcome.peak_rss_mb,
    at_peak_mb: outcome.at_peak_mb,
    cpu_us_per_object: Math.round(outcome.cpu_us / objects),
    counts: outcome.counts,
  };
}

const first = await measure('initial full sync');
const second = await measure('second full sync, no changes');

// Direct-sync latency: users created one at a time, each timed until it exists in the tenant.
const latencies = await ask<number[]>({ cmd: 'direct', samples: DIRECT });
conduit.send({ cmd: 'stop' });
await once(conduit, 'exit');
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
    build: values.build,
    heap_growth_percent: values['heap-growth-percent'] ?? 'default',
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
emulatorProcess.kill();
process.exit(0);
