/**
 * Conduit's side of the full-sync benchmark, in its own process so that its memory and CPU figures
 * are the syncing process's alone: the benchmark's own work (reading the emulator's request log of
 * 100,000 writes, for instance) would otherwise inflate them.
 *
 * It loads Conduit from `BENCH_CONDUIT_MODULES` (an absolute path to `src/`, run through tsx, or to
 * `dist/`, the production build), opens the seeded SQLite directory, creates the provider and its
 * application, and runs the embedded job queue as `conduit start` does. It then answers the parent's
 * IPC commands:
 *
 *   { cmd: 'full' }               → one full sync through the queue, with its memory and CPU
 *   { cmd: 'direct', samples: N } → N users created one at a time; ms until each exists in the tenant
 *   { cmd: 'forget-delta-links' } → the provider's delta links dropped: its next full sync lists the tenant
 *   { cmd: 'age-links', seconds: N } → every link's last sync moved N seconds back, as if the last
 *                                     sync ran that long ago (past the listing's replication margin)
 *   { cmd: 'stop' }
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { StandaloneBanner } from '../../src/graph-emulator/standalone.js';

type Modules = {
  memory: typeof import('../../src/process-memory.js');
  app: typeof import('../../src/app.js');
  applications: typeof import('../../src/directory/applications.js');
  users: typeof import('../../src/directory/users.js');
  relay: typeof import('../../src/jobs/outbox-relay.js');
  jobSpecs: typeof import('../../src/jobs/job-specs.js');
  queue: typeof import('../../src/jobs/sqlite-job-queue.js');
  tasks: typeof import('../../src/jobs/sync-tasks.js');
  providers: typeof import('../../src/providers/entra/provider-service.js');
  database: typeof import('../../src/store/database.js');
  discovery: typeof import('../../src/sync/discovery.js');
  secretBox: typeof import('../../src/store/secret-box.js');
  links: typeof import('../../src/sync/link-records.js');
  mappings: typeof import('../../src/sync/mapping-records.js');
  runs: typeof import('../../src/sync/run-records.js');
};

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    emulator: { type: 'string' },
    'writes-per-second': { type: 'string' },
    concurrency: { type: 'string', default: '4' },
    // As `conduit` does with CONDUIT_HEAP_GROWTH_PERCENT; Conduit's default when not given.
    'heap-growth-percent': { type: 'string' },
  },
});
const root = process.env.BENCH_CONDUIT_MODULES;
if (!root || !values.db || !values.emulator || !values['writes-per-second'])
  throw new Error('BENCH_CONDUIT_MODULES, --db, --emulator and --writes-per-second are required');
const load = (path: string) => import(join(root, path));
const m: Modules = {
  memory: await load('process-memory.js'),
  app: await load('app.js'),
  applications: await load('directory/applications.js'),
  users: await load('directory/users.js'),
  relay: await load('jobs/outbox-relay.js'),
  jobSpecs: await load('jobs/job-specs.js'),
  queue: await load('jobs/sqlite-job-queue.js'),
  tasks: await load('jobs/sync-tasks.js'),
  providers: await load('providers/entra/provider-service.js'),
  database: await load('store/database.js'),
  discovery: await load('sync/discovery.js'),
  secretBox: await load('store/secret-box.js'),
  links: await load('sync/link-records.js'),
  mappings: await load('sync/mapping-records.js'),
  runs: await load('sync/run-records.js'),
};

m.memory.limitHeapGrowth(Number(values['heap-growth-percent'] ?? m.memory.DEFAULT_HEAP_GROWTH_PERCENT));

const emu = JSON.parse(values.emulator) as StandaloneBanner & { caCertPath: string };
const ca = readFileSync(emu.caCertPath, 'utf8');
const store = await m.database.openStore({ url: values.db });
const secrets = m.secretBox.createSecretBox(m.secretBox.parseSecretKeys(m.secretBox.generateSecretKey()));
await m.mappings.ensureManagedMappings(store.db);
const actor = { pk: 0, username: 'bench' };
const view = await m.providers.createEntraProvider(
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
await m.applications.createApplication(
  store.db,
  { name: 'bench', slug: 'bench', backchannel_providers: [view.provider.id] },
  actor,
);
await store.db.deleteFrom('outbox').execute();
const providerId = view.provider.id;

const logger = (await import('pino')).default({ level: 'silent' });
const deps = m.app.buildSyncDeps(store, secrets, logger, ca, {
  writesPerSecond: Number(values['writes-per-second']),
  maxConcurrency: 16,
});
const queue = m.queue.createSqliteJobQueue(store.db);
await queue.start(m.tasks.syncTaskHandlers(deps, queue), {
  concurrency: Number(values.concurrency),
  pollIntervalMs: 20,
});

/** The RSS peak over a run, sampled every 50 ms, and what it was made of. */
function sampleMemory() {
  const start = process.memoryUsage();
  let peak = start;
  let statusAtPeak = '';
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    if (now.rss <= peak.rss) return;
    peak = now;
    statusAtPeak = readFileSync('/proc/self/status', 'utf8')
      .split('\n')
      .filter((l) => /^(RssAnon|RssFile|RssShmem)/.test(l))
      .map((l) => l.replace(/\s+/g, ' '))
      .join(', ');
  }, 50);
  const mb = (bytes: number) => Math.round(bytes / 1048576);
  return () => {
    clearInterval(timer);
    return {
      peak_rss_mb: mb(peak.rss),
      at_peak_mb: {
        heap_used: mb(peak.heapUsed),
        heap_total: mb(peak.heapTotal),
        external: mb(peak.external),
        array_buffers: mb(peak.arrayBuffers),
        status: statusAtPeak,
        rss_at_start: mb(start.rss),
      },
    };
  };
}

async function fullSync() {
  const stopSampling = sampleMemory();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const before = await m.runs.latestRun(store.db, providerId, 'full', true);
  await store.db.transaction().execute((trx) => queue.addJobs(trx, [m.jobSpecs.fullSyncJob(providerId)]));
  queue.wake();
  let run = null;
  while (!run) {
    await new Promise((r) => setTimeout(r, 20));
    const latest = await m.runs.latestRun(store.db, providerId, 'full', true);
    if (latest && latest.id !== before?.id) run = latest;
  }
  // A 100,000-user run on a loaded machine may take longer than ten minutes.
  await queue.drain(1_800_000);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const finished = (await m.runs.getRun(store.db, run.id)) ?? run;
  return {
    status: finished.status,
    counts: finished.counts,
    wall_ms: wallMs,
    cpu_us: cpu.user + cpu.system,
    ...stopSampling(),
  };
}

/** Direct-sync latency: users created one at a time; each is timed until its link has a remote id. */
async function directSync(samples: number) {
  const relay = m.relay.startOutboxRelay(store.db, 'sqlite', queue, { intervalMs: 50 });
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    const user = await m.users.createUser(
      store.db,
      { username: `direct${i}`, name: `Direct ${i}`, email: `direct${i}@${emu.domain}` },
      actor,
    );
    relay.wake();
    while (!(await m.links.linkFor(store.db, providerId, 'user', user.pk))?.remoteId)
      await new Promise((r) => setTimeout(r, 2));
    latencies.push(performance.now() - t0);
  }
  await relay.stop();
  return latencies;
}

const send = (message: unknown) => process.send?.(message);
process.on('message', async (message: { cmd: string; samples?: number; seconds?: number }) => {
  try {
    if (message.cmd === 'full') send({ ok: await fullSync() });
    else if (message.cmd === 'direct') send({ ok: await directSync(message.samples ?? 0) });
    else if (message.cmd === 'age-links') {
      const at = new Date(Date.now() - (message.seconds ?? 0) * 1000).toISOString();
      await store.db
        .updateTable('sync_links')
        .set({ last_synced_at: at })
        .where('provider_id', '=', providerId)
        .execute();
      send({ ok: true });
    } else if (message.cmd === 'forget-delta-links') {
      await m.discovery.forgetDeltaLinks(store.db, providerId);
      send({ ok: true });
    } else if (message.cmd === 'stop') {
      await queue.stop();
      await store.close();
      process.exit(0);
    }
  } catch (error) {
    send({ error: String((error as Error).stack ?? error) });
  }
});
send({ ready: true });
