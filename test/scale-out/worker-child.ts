/**
 * One Conduit worker process for the scale-out tests and benchmark: `runWorkerProcess` with its
 * options from CONDUIT_WORKER_CHILD (JSON), reporting over the IPC channel. The scheduler's clock
 * can be warped (`warp`) so that many periods pass in a few real seconds; the scheduling itself is
 * the production code.
 */

import pino from 'pino';
import { buildSyncDeps, type EntraClientTuning } from '../../src/app.js';
import type { GraphileJobQueueOptions } from '../../src/jobs/graphile-job-queue.js';
import { runWorkerProcess, type WorkerProcessOptions } from '../../src/jobs/worker-process.js';
import { createSecretBox, parseSecretKeys } from '../../src/store/secret-box.js';

export interface WorkerChildOptions {
  databaseUrl: string;
  secretKeys: string;
  caCertPem: string;
  concurrency: number;
  roles?: WorkerProcessOptions['roles'];
  graphClient?: EntraClientTuning;
  writeBudget?: WorkerProcessOptions['writeBudget'];
  queue?: GraphileJobQueueOptions;
  pollIntervalMs?: number;
  relayIntervalMs?: number;
  schedulerIntervalMs?: number;
  /** Scheduler clock: `epoch + (Date.now() - realStart) * factor`, identical in every child. */
  warp?: { epoch: number; realStart: number; factor: number };
}

export type WorkerChildMessage =
  | { type: 'ready'; poolId: string | null; pid: number }
  | { type: 'scheduled'; providerIds: number[]; now: number; pid: number };

const send = (message: WorkerChildMessage) => process.send?.(message);

const options = JSON.parse(process.env.CONDUIT_WORKER_CHILD ?? '{}') as WorkerChildOptions;
const warp = options.warp;
const secrets = createSecretBox(parseSecretKeys(options.secretKeys));
const worker = await runWorkerProcess({
  databaseUrl: options.databaseUrl,
  // The production wiring (as `conduit worker`): shared Graph clients and created-id records.
  buildSyncDeps: (store, logger) =>
    buildSyncDeps(store, secrets, logger, options.caCertPem, options.graphClient),
  concurrency: options.concurrency,
  roles: options.roles,
  writeBudget: options.writeBudget,
  queue: options.queue,
  pollIntervalMs: options.pollIntervalMs,
  relayIntervalMs: options.relayIntervalMs,
  schedulerIntervalMs: options.schedulerIntervalMs,
  now: warp ? () => warp.epoch + (Date.now() - warp.realStart) * warp.factor : undefined,
  onScheduled: (providerIds, now) => send({ type: 'scheduled', providerIds, now, pid: process.pid }),
  logger: pino({ level: process.env.CONDUIT_WORKER_LOG_LEVEL ?? 'warn' }, pino.destination(2)),
  graceMs: 5000,
});
send({ type: 'ready', poolId: worker.queue.poolId(), pid: process.pid });
// The parent going away (test crash) must not leave workers behind.
process.on('disconnect', () => {
  void worker.stop(1000).finally(() => process.exit(0));
});
