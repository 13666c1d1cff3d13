/**
 * A Conduit worker as its own OS process (`conduit worker --concurrency N`) on PostgreSQL: the
 * graphile-worker queue with the sync handlers, the outbox relay, the scheduler and the crash
 * sweeper, with the shared Graph write budget around every target. Run any number of them, on
 * any number of machines, against one database.
 *
 * Invariants:
 * - every role here is safe to run in many processes at once: the relay claims outbox rows with
 *   `FOR UPDATE SKIP LOCKED`, the scheduler compare-and-sets each provider's period, a full sync
 *   claims its run per provider, and per-object queues serialise changes to one object;
 * - SIGTERM/SIGINT: stop relaying and scheduling, let running jobs finish for `graceMs`, then hand
 *   the rest back to the queue (graphile-worker fails them; they are retried), close, exit 0;
 * - a SIGKILL loses nothing: the liveness lock goes with the connection, and another worker's
 *   sweeper unlocks the dead pool's jobs (see graphile-job-queue.ts).
 */
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { loadConfig } from '../config.js';
import {
  createEntraClient,
  createEntraTarget,
  type EntraTargetOptions,
} from '../providers/entra/entra-target.js';
import { ENTRA_PROVIDER_TYPE } from '../providers/entra/settings.js';
import { openStore, type Store } from '../store/database.js';
import { createSecretBox, parseSecretKeys } from '../store/secret-box.js';
import { ensureManagedMappings } from '../sync/mapping-records.js';
import type { SyncDeps, SyncLogger } from '../sync/session.js';
import {
  createGraphileJobQueue,
  type GraphileJobQueue,
  type GraphileJobQueueOptions,
  type QueueLogger,
} from './graphile-job-queue.js';
import { type OutboxRelay, startOutboxRelay } from './outbox-relay.js';
import { scheduleDueFullSyncs } from './scheduler.js';
import { syncTaskHandlers } from './sync-tasks.js';
import {
  createPostgresWriteBudget,
  ensureWriteBudgetTable,
  type PostgresWriteBudgetOptions,
  withWriteBudget,
} from './tenant-write-budget.js';

export interface WorkerProcessOptions {
  /** `postgres://…` (DATABASE_URL). */
  databaseUrl: string;
  /** CONDUIT_SECRET_KEYS: the same key ring in every process, or provider secrets are unreadable. */
  secretKeys: string;
  /** Jobs run at once in this process (default 4). */
  concurrency?: number;
  /** Which roles run here (default: all three). */
  roles?: { jobs?: boolean; relay?: boolean; scheduler?: boolean };
  /** Extra trusted CA certificates (PEM) for Graph and sign-in (CONDUIT_EXTRA_CA_CERTS). */
  caCertPem?: string;
  /** Graph client tuning (tests and benchmarks). */
  graphClient?: EntraTargetOptions['client'];
  /** The shared write budget (default on, 19 writes/s per app + tenant); `false` to rely on per-process pacing only. */
  writeBudget?: PostgresWriteBudgetOptions | false;
  /** Build the sync dependencies another way (e.g. app.ts `buildSyncDeps`); the write budget still wraps them. */
  buildSyncDeps?: (store: Store) => SyncDeps;
  queue?: GraphileJobQueueOptions;
  pollIntervalMs?: number;
  relayIntervalMs?: number;
  schedulerIntervalMs?: number;
  /** The scheduler's clock (tests warp time); default `Date.now`. */
  now?: () => number;
  /** Called with the provider ids this process scheduled (tests, metrics). */
  onScheduled?: (providerIds: number[], now: number) => void;
  /** Handle SIGTERM/SIGINT by stopping gracefully and exiting (default true). */
  handleSignals?: boolean;
  /** How long running jobs may take to finish on stop (default 25 s). */
  graceMs?: number;
  logger?: SyncLogger & QueueLogger;
}

export interface RunningWorkerProcess {
  store: Store;
  queue: GraphileJobQueue;
  deps: SyncDeps;
  /** Stop gracefully; resolves once everything is closed. */
  stop(graceMs?: number): Promise<void>;
}

/** The Entra target factory with the given CA and client tuning (as the test harness builds it). */
export function entraSyncDeps(
  store: Store,
  secretKeys: string,
  options: { caCertPem?: string; graphClient?: EntraTargetOptions['client']; logger?: SyncLogger } = {},
): SyncDeps {
  return {
    db: store.db,
    dialect: store.dialect,
    secrets: createSecretBox(parseSecretKeys(secretKeys)),
    logger: options.logger,
    targets: {
      [ENTRA_PROVIDER_TYPE]: async (provider, secrets, targetOptions) =>
        createEntraTarget(
          createEntraClient(provider, secrets, {
            ...targetOptions,
            caCertPem: options.caCertPem,
            client: options.graphClient,
          }),
        ),
    },
  };
}

/** Start a worker process's roles on PostgreSQL. */
export async function runWorkerProcess(options: WorkerProcessOptions): Promise<RunningWorkerProcess> {
  const logger = options.logger ?? pino({ level: 'info' });
  const roles = { jobs: true, relay: true, scheduler: true, ...options.roles };
  const store = await openStore({ url: options.databaseUrl, poolSize: (options.concurrency ?? 4) + 4 });
  if (store.dialect !== 'postgres') {
    await store.close();
    throw new Error(
      'A separate worker process needs PostgreSQL (DATABASE_URL=postgres://…); on SQLite run `conduit start`.',
    );
  }
  await ensureManagedMappings(store.db);
  let deps =
    options.buildSyncDeps?.(store) ??
    entraSyncDeps(store, options.secretKeys, {
      caCertPem: options.caCertPem,
      graphClient: options.graphClient,
      logger,
    });
  if (options.writeBudget !== false) {
    await ensureWriteBudgetTable(store.db);
    deps = withWriteBudget(deps, createPostgresWriteBudget(store.db, options.writeBudget ?? {}));
  }
  const queue = await createGraphileJobQueue(store, {
    logger,
    onError: (error, job) =>
      logger.warn({ err: error, job: job.id, task: job.task }, 'job failed; it will be retried'),
    ...options.queue,
  });

  let relay: OutboxRelay | null = null;
  let schedulerTimer: NodeJS.Timeout | null = null;
  let scheduling: Promise<void> | null = null;
  if (roles.jobs)
    await queue.start(syncTaskHandlers(deps, queue), {
      concurrency: options.concurrency ?? 4,
      pollIntervalMs: options.pollIntervalMs,
    });
  if (roles.relay)
    relay = startOutboxRelay(store.db, 'postgres', queue, {
      intervalMs: options.relayIntervalMs,
      onError: (e) => logger.error({ err: e }, 'outbox relay failed'),
    });
  if (roles.scheduler) {
    const now = options.now ?? Date.now;
    schedulerTimer = setInterval(() => {
      if (scheduling) return;
      const at = now();
      scheduling = scheduleDueFullSyncs(store.db, queue, at)
        .then((ids) => {
          if (ids.length > 0) options.onScheduled?.(ids, at);
        })
        .catch((e) => logger.error({ err: e }, 'scheduler failed'))
        .finally(() => {
          scheduling = null;
        });
    }, options.schedulerIntervalMs ?? 30_000);
  }

  let stopping: Promise<void> | null = null;
  const stop = (graceMs = options.graceMs ?? 25_000): Promise<void> => {
    stopping ??= (async () => {
      if (schedulerTimer) clearInterval(schedulerTimer);
      await scheduling;
      await relay?.stop();
      await queue.stop(graceMs);
      await store.close();
    })();
    return stopping;
  };

  if (options.handleSignals !== false) {
    const onSignal = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'stopping: finishing running jobs');
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'graceful stop failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  return { store, queue, deps, stop };
}

/** `conduit worker`: configuration from the environment (see docs/deployment.md). */
export async function runWorkerFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<WorkerProcessOptions> = {},
): Promise<RunningWorkerProcess> {
  const config = loadConfig(env);
  const concurrency = env.CONDUIT_WORKER_CONCURRENCY ? Number(env.CONDUIT_WORKER_CONCURRENCY) : undefined;
  const writesPerSecond = env.CONDUIT_GRAPH_WRITES_PER_SECOND
    ? Number(env.CONDUIT_GRAPH_WRITES_PER_SECOND)
    : undefined;
  return runWorkerProcess({
    databaseUrl: config.databaseUrl,
    secretKeys: config.secretKeys,
    concurrency,
    caCertPem: config.extraCaPem,
    writeBudget: writesPerSecond ? { writesPerSecond } : {},
    logger: pino({ level: config.logLevel }),
    ...overrides,
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runWorkerFromEnv().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
