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
import pino, { type Logger } from 'pino';
import { ensureManagedLdapMappings } from '../sources/ldap/managed-mappings.js';
import { openStore, type Store } from '../store/database.js';
import { ensureManagedMappings } from '../sync/mapping-records.js';
import type { SyncDeps } from '../sync/session.js';
import {
  createGraphileJobQueue,
  type GraphileJobQueue,
  type GraphileJobQueueOptions,
} from './graphile-job-queue.js';
import { type OutboxRelay, startOutboxRelay } from './outbox-relay.js';
import { type Scheduler, startScheduler } from './scheduler.js';
import { syncTaskHandlers } from './sync-tasks.js';
import {
  createPostgresWriteBudget,
  type PostgresWriteBudgetOptions,
  withWriteBudget,
} from './tenant-write-budget.js';

/** A process's sync dependencies; `dispose` closes what they keep open (cached Graph clients). */
export type SyncDepsBuilder = (store: Store, logger: Logger) => SyncDeps & { dispose?(): Promise<void> };

export interface WorkerProcessOptions {
  /** `postgres://…` (DATABASE_URL). */
  databaseUrl: string;
  /**
   * Builds the sync dependencies, providers included: `buildSyncDeps` of src/app.ts, the same
   * wiring `conduit start` runs. The write budget is added around them here.
   */
  buildSyncDeps: SyncDepsBuilder;
  /** Jobs run at once in this process (default 4). */
  concurrency?: number;
  /** Which roles run here (default: all three). */
  roles?: { jobs?: boolean; relay?: boolean; scheduler?: boolean };
  /** The shared write budget (default on, 19 writes/s per app + tenant); `false` to rely on per-process pacing only. */
  writeBudget?: PostgresWriteBudgetOptions | false;
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
  logger?: Logger;
}

export interface RunningWorkerProcess {
  store: Store;
  queue: GraphileJobQueue;
  deps: SyncDeps;
  /** Stop gracefully; resolves once everything is closed. */
  stop(graceMs?: number): Promise<void>;
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
  await ensureManagedLdapMappings(store.db);
  const built = options.buildSyncDeps(store, logger);
  const deps =
    options.writeBudget === false
      ? built
      : withWriteBudget(built, createPostgresWriteBudget(store.db, options.writeBudget ?? {}));
  const queue = await createGraphileJobQueue(store, {
    logger,
    onError: (error, job) =>
      logger.warn({ err: error, job: job.id, task: job.task }, 'job failed; it will be retried'),
    ...options.queue,
  });

  let relay: OutboxRelay | null = null;
  let scheduler: Scheduler | null = null;
  if (roles.jobs)
    await queue.start(
      syncTaskHandlers(deps, queue, {
        db: store.db,
        dialect: store.dialect,
        secrets: deps.secrets,
        logger,
        notifyChange: () => relay?.wake(),
      }),
      { concurrency: options.concurrency ?? 4, pollIntervalMs: options.pollIntervalMs },
    );
  if (roles.relay)
    relay = startOutboxRelay(store.db, 'postgres', queue, {
      intervalMs: options.relayIntervalMs,
      onError: (e) => logger.error({ err: e }, 'outbox relay failed'),
    });
  if (roles.scheduler)
    scheduler = startScheduler(store.db, queue, {
      intervalMs: options.schedulerIntervalMs,
      now: options.now,
      onScheduled: options.onScheduled,
      onError: (e) => logger.error({ err: e }, 'scheduler failed'),
      keepAlive: true,
    });

  let stopping: Promise<void> | null = null;
  const stop = (graceMs = options.graceMs ?? 25_000): Promise<void> => {
    stopping ??= (async () => {
      await scheduler?.stop();
      await relay?.stop();
      await queue.stop(graceMs);
      await built.dispose?.();
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
