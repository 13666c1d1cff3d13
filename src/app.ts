/**
 * The composition root: configuration → storage → sync engine → job queue → HTTP server.
 * Each process role (`start`, `server`, `worker`) is a choice of which parts run.
 */
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { apiRoutes } from './api/routes.js';
import { buildServer } from './api/server.js';
import type { ProviderDefaults, SyncService } from './api/sync-service.js';
import { ensureBootstrap } from './bootstrap.js';
import { type ConduitConfig, ConfigError } from './config.js';
import { seedDemoDirectory } from './demo.js';
import type { RunningEmulator } from './graph-emulator/index.js';
import type { JobQueue } from './jobs/job-queue.js';
import { type OutboxRelay, startOutboxRelay } from './jobs/outbox-relay.js';
import { type Scheduler, startScheduler } from './jobs/scheduler.js';
import { createSqliteJobQueue } from './jobs/sqlite-job-queue.js';
import { syncTaskHandlers } from './jobs/sync-tasks.js';
import { createPostgresWriteBudget, withWriteBudget } from './jobs/tenant-write-budget.js';
import type { RunningWorkerProcess, WorkerProcessOptions } from './jobs/worker-process.js';
import {
  createEntraClient,
  createEntraTarget,
  type EntraTargetOptions,
} from './providers/entra/entra-target.js';
import type { GraphClient } from './providers/entra/graph-client.js';
import { DEFAULT_WRITES_PER_SECOND } from './providers/entra/rate-limiter.js';
import { ENTRA_PROVIDER_TYPE } from './providers/entra/settings.js';
import { ensureManagedLdapMappings } from './sources/ldap/managed-mappings.js';
import { openStore, type Store } from './store/database.js';
import { createSecretBox, parseSecretKeys, type SecretBox } from './store/secret-box.js';
import { createMappingCache } from './sync/mapping-cache.js';
import { ensureManagedMappings } from './sync/mapping-records.js';
import { findProvider, readProviderSecrets } from './sync/provider-records.js';
import { interruptRunningRuns } from './sync/run-records.js';
import type { SyncDeps } from './sync/session.js';

export interface Roles {
  api: boolean;
  worker: boolean;
  scheduler: boolean;
}

export interface ConduitApp {
  config: ConduitConfig;
  store: Store;
  secrets: SecretBox;
  logger: Logger;
  syncDeps: SyncDeps;
  queue: JobQueue | null;
  relay: OutboxRelay | null;
  server: FastifyInstance | null;
  emulator: RunningEmulator | null;
  /** The base URL the server listens on. */
  url: string | null;
  /** What the bootstrap did (src/bootstrap.ts): a generated password to print once, whether it applied. */
  bootstrap: { generatedPassword?: string; applied: boolean };
  close(): Promise<void>;
}

/**
 * Extra CAs trusted for Graph and sign-in calls besides the system roots: the configured ones
 * (CONDUIT_EXTRA_CA_CERTS, NODE_EXTRA_CA_CERTS; read and checked by loadConfig) and the built-in emulator's.
 */
function extraCa(config: ConduitConfig, emulator: RunningEmulator | null): string | undefined {
  const parts: string[] = [];
  if (config.extraCaPem) parts.push(config.extraCaPem);
  if (emulator) parts.push(emulator.caCertPem);
  return parts.length > 0 ? parts.join('\n') : undefined;
}

/** Graph client tuning for tests and benchmarks (pacing, concurrency). */
export type EntraClientTuning = EntraTargetOptions['client'];

/**
 * Sync dependencies with process-wide caches: compiled mapping sets, and one Graph client per
 * provider (and dry-run mode), so direct syncs reuse its token, verified domains and keep-alive
 * connections instead of starting cold on every change. A changed provider gets a new client.
 */
export function buildSyncDeps(
  store: Store,
  secrets: SecretBox,
  logger: Logger,
  caCertPem?: string,
  clientTuning?: EntraClientTuning,
): SyncDeps & { dispose(): Promise<void> } {
  const clients = new Map<string, { fingerprint: string; client: GraphClient }>();
  // One record of recently created ids per app + tenant, shared by its bulk and direct clients.
  const createdIds = new Map<string, Map<string, number>>();
  const createdIdsFor = (provider: { settings: Record<string, unknown> }) => {
    const key = `${String(provider.settings.tenant_id)}:${String(provider.settings.client_id)}`.toLowerCase();
    const ids = createdIds.get(key) ?? new Map<string, number>();
    createdIds.set(key, ids);
    return ids;
  };
  return {
    db: store.db,
    dialect: store.dialect,
    secrets,
    logger,
    mappingCache: createMappingCache(),
    targets: {
      [ENTRA_PROVIDER_TYPE]: async (provider, providerSecrets, options) => {
        const key = `${provider.id}:${options.dryRun}:${options.lowPriority}`;
        const fingerprint = createHash('sha256')
          .update(JSON.stringify([provider.settings, providerSecrets]))
          .digest('hex');
        let cached = clients.get(key);
        if (cached && cached.fingerprint !== fingerprint) {
          void cached.client.close().catch(() => undefined);
          cached = undefined;
        }
        if (!cached) {
          cached = {
            fingerprint,
            client: createEntraClient(provider, providerSecrets, {
              ...options,
              caCertPem,
              client: { ...clientTuning, createdIds: createdIdsFor(provider) },
            }),
          };
          clients.set(key, cached);
        }
        const target = createEntraTarget(cached.client);
        // The client outlives the session: closing the session must not close it.
        return { ...target, close: async () => undefined };
      },
    },
    async dispose() {
      await Promise.all([...clients.values()].map((c) => c.client.close().catch(() => undefined)));
      clients.clear();
      createdIds.clear();
    },
  };
}

/**
 * `conduit worker`: the worker roles on PostgreSQL (src/jobs/worker-process.ts) with the same
 * sync wiring as `conduit start`: `buildSyncDeps`, so the shared Graph clients and the record of
 * recently created ids, plus the shared write budget (see docs/deployment.md).
 */
export async function startWorker(
  config: ConduitConfig,
  options: Partial<Omit<WorkerProcessOptions, 'databaseUrl' | 'buildSyncDeps'>> & {
    /** Graph client tuning (tests and benchmarks). */
    graphClient?: EntraClientTuning;
  } = {},
): Promise<RunningWorkerProcess> {
  const { runWorkerProcess } = await import('./jobs/worker-process.js');
  const { graphClient, ...rest } = options;
  const secrets = createSecretBox(parseSecretKeys(config.secretKeys));
  return runWorkerProcess({
    concurrency: config.workerConcurrency,
    writeBudget: { writesPerSecond: config.graphWritesPerSecond },
    logger: pino({ level: config.logLevel }),
    ...rest,
    databaseUrl: config.databaseUrl,
    buildSyncDeps: (store, logger) => buildSyncDeps(store, secrets, logger, config.extraCaPem, graphClient),
  });
}

/** The job queue for the store: the embedded table on SQLite, graphile-worker on PostgreSQL. */
export async function createJobQueue(store: Store, logger: Logger): Promise<JobQueue> {
  if (store.dialect === 'sqlite') {
    return createSqliteJobQueue(store.db, {
      onError: (error, job) =>
        logger.warn({ err: error, job: job.id, task: job.task }, 'job failed; it will be retried'),
    });
  }
  const { createGraphileJobQueue } = await import('./jobs/graphile-job-queue.js');
  return createGraphileJobQueue(store);
}

/**
 * Listen on CONDUIT_HOST:CONDUIT_PORT; an address that cannot be used stops the start with a
 * configuration error naming the variable, not a bare `getaddrinfo ENOTFOUND`.
 */
async function listenOrExplain(server: FastifyInstance, config: ConduitConfig): Promise<string> {
  try {
    return await server.listen({ port: config.port, host: config.host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const where = `${config.host}:${config.port}`;
    const reasons: Record<string, string> = {
      EADDRINUSE: `  CONDUIT_PORT: port ${config.port} on ${config.host} is already in use`,
      EACCES: `  CONDUIT_PORT: not allowed to listen on ${where} (ports below 1024 need privileges)`,
      EADDRNOTAVAIL: `  CONDUIT_HOST: ${config.host} is not an address of this machine`,
      ENOTFOUND: `  CONDUIT_HOST: ${config.host} does not resolve to an address`,
      EAI_AGAIN: `  CONDUIT_HOST: ${config.host} could not be resolved (DNS lookup failed)`,
    };
    const reason = code ? reasons[code] : undefined;
    if (reason) throw new ConfigError(`Invalid configuration:\n${reason}`, { cause: error });
    throw error;
  }
}

export async function startConduit(
  config: ConduitConfig,
  roles: Roles,
  options: {
    listen?: boolean;
    /** `conduit start --reset-admin`: apply the bootstrap variables although a superuser exists. */
    resetAdmin?: boolean;
  } = {},
): Promise<ConduitApp> {
  const logger = pino({
    level: config.logLevel,
    redact: [
      '*.client_secret',
      '*.client_certificate',
      '*.password',
      'req.headers.authorization',
      'req.headers.cookie',
    ],
  });
  const store = await openStore({ url: config.databaseUrl });
  const secrets = createSecretBox(parseSecretKeys(config.secretKeys));
  await ensureManagedMappings(store.db);
  await ensureManagedLdapMappings(store.db);
  let emulator: RunningEmulator | null = null;
  let defaults: ProviderDefaults = { cloud: 'global', login_url: null, graph_url: null, demo_tenant: null };
  if (config.demo) {
    const { startEmulator } = await import('./graph-emulator/index.js');
    emulator = await startEmulator({ port: config.emulatorPort, throttling: false, seed: 42 });
    defaults = {
      cloud: 'custom',
      login_url: emulator.loginUrl,
      graph_url: emulator.graphUrl,
      demo_tenant: {
        tenant_id: emulator.tenantId,
        client_id: emulator.clientId,
        client_secret: emulator.clientSecret,
        domain: emulator.domain,
      },
    };
  }
  const bootstrap = await ensureBootstrap(store.db, {
    password: config.bootstrapPassword,
    token: config.bootstrapToken,
    reset: options.resetAdmin === true,
    // In the demo the admin is a user of the demo tenant's domain, so the first sync has no error.
    email: config.bootstrapEmail ?? (emulator ? `admin@${emulator.domain}` : undefined),
  });
  if (emulator) await seedDemoDirectory(store.db, emulator.domain);

  const cachedDeps = buildSyncDeps(store, secrets, logger, extraCa(config, emulator));
  // Several processes share each tenant's Graph write quota through one budget row per app + tenant.
  const syncDeps: SyncDeps =
    store.dialect === 'postgres'
      ? withWriteBudget(
          cachedDeps,
          createPostgresWriteBudget(store.db, { writesPerSecond: config.graphWritesPerSecond }),
        )
      : cachedDeps;
  const queue = roles.worker || roles.api ? await createJobQueue(store, logger) : null;
  let relay: OutboxRelay | null = null;
  let scheduler: Scheduler | null = null;
  if (queue && roles.worker) {
    if (store.dialect === 'sqlite') await interruptRunningRuns(store.db);
    await queue.start(
      syncTaskHandlers(syncDeps, queue, {
        db: store.db,
        dialect: store.dialect,
        secrets,
        logger,
        // A source sync's directory writes wake the relay, so Entra follows at once, not at the next poll.
        notifyChange: () => relay?.wake(),
      }),
      { concurrency: 4 },
    );
    relay = startOutboxRelay(store.db, store.dialect, queue, {
      onError: (e) => logger.error({ err: e }, 'outbox relay failed'),
    });
  }
  if (queue && roles.scheduler)
    scheduler = startScheduler(store.db, queue, {
      onError: (e) => logger.error({ err: e }, 'scheduler failed'),
    });

  const sync: SyncService = {
    deps: syncDeps,
    queue,
    defaults,
    writesPerSecond: config.graphWritesPerSecond ?? DEFAULT_WRITES_PER_SECOND,
    async testConnection(providerId) {
      const provider = await findProvider(store.db, providerId);
      if (!provider) throw new Error(`Provider ${providerId} does not exist.`);
      const client = createEntraClient(provider, await readProviderSecrets(store.db, secrets, providerId), {
        dryRun: true,
        lowPriority: false,
        caCertPem: extraCa(config, emulator),
      });
      try {
        return await client.testConnection();
      } finally {
        await client.close();
      }
    },
  };

  let server: FastifyInstance | null = null;
  let url: string | null = null;
  if (roles.api) {
    server = await buildServer(
      { store, secrets, services: { sync, notifyChange: () => relay?.wake(), queue } },
      {
        logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel,
        routes: apiRoutes,
        webRoot: resolve(join(import.meta.dirname, '..', 'web', 'dist')),
        docsRoot: resolve(join(import.meta.dirname, '..', 'docs')),
        trustProxy: config.trustProxy,
      },
    );
    if (options.listen !== false) {
      const address = await listenOrExplain(server, config);
      url = config.publicUrl ?? address.replace('127.0.0.1', 'localhost');
    }
  }

  return {
    config,
    store,
    secrets,
    logger,
    syncDeps,
    queue,
    relay,
    server,
    emulator,
    url,
    bootstrap,
    async close() {
      await scheduler?.stop();
      await server?.close();
      await relay?.stop();
      await queue?.stop();
      await cachedDeps.dispose();
      await emulator?.close();
      await store.close();
    },
  };
}
