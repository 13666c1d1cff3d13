/**
 * Full sync of one provider, as steps any worker can take:
 *
 *   start ─▶ user pages (in parallel) ─▶ advance: out-of-scope action, plan group pages
 *         ─▶ group pages with their memberships (in parallel) ─▶ advance: finish the run.
 *
 * `start` claims the run (one per provider, cluster-wide), reads the remote directory once
 * (discovery, kept in the database for every page) and plans the user pages. Each page syncs its
 * objects and, in one transaction, marks itself done, adds its counts to the run and — when it was
 * the last page of its phase — schedules the advance. The phase is moved with compare-and-set, so a
 * step that runs twice (at-least-once jobs, a crash after commit) does nothing the second time.
 *
 * Two drivers schedule the steps: `runFullSync` runs them one after another in this process (the
 * dry-run plan, tests, the CLI), and the job handlers (`src/jobs/sync-tasks.ts`) turn each step into
 * a job in the same transaction that records the step before it.
 *
 * The run's bookkeeping (pages, phase, the transaction that commits a step) is in
 * full-sync-records.ts; what one page does to its objects is in apply-objects.ts and apply-members.ts.
 */

import type { Transaction } from 'kysely';
import { membersOfGroups } from '../directory/groups.js';
import type { Database } from '../store/schema.js';
import { reconcileMembers } from './apply-members.js';
import { type BatchOutcome, syncObjects } from './apply-objects.js';
import { type DiscoveryHandle, discover, memberChangesAmong } from './discovery.js';
import {
  commitStep,
  endRunWithError,
  findPage,
  finishFullSyncRun,
  insertPages,
  loadRunState,
  markPageDone,
  markRunStarting,
  movePhase,
  pendingPages,
  planPages,
  type RunState,
  usersNewInRun,
} from './full-sync-records.js';
import { linksFor } from './link-records.js';
import { applyOutOfScopeAction } from './out-of-scope.js';
import { findProvider } from './provider-records.js';
import {
  claimFullSyncRun,
  emptyCounts,
  getRun,
  RUN_STALE_AFTER_MS,
  type RunStatus,
  type SyncRun,
  updateRunProgress,
} from './run-records.js';
import { countGroupsInScope, countUsersInScope, groupIdsInScope, userIdsInScope } from './scope.js';
import {
  asConfigurationError,
  closeSession,
  openSession,
  recordConfigurationError,
  type SyncDeps,
  type SyncSession,
} from './session.js';
import { parseTimedelta } from './timedelta.js';
import type { ObjectType, SyncProvider } from './types.js';

export interface FullSyncOptions {
  /** Override the provider's dry-run setting for this run. */
  dryRun?: boolean;
  /** Apply out-of-scope suspensions/deletions even above the provider's deletion threshold. */
  confirmDeletions?: boolean;
}

export type Phase = 'users' | 'groups';

export type FullSyncStep =
  | { kind: 'page'; providerId: number; runId: string; phase: Phase; seq: number }
  | { kind: 'advance'; providerId: number; runId: string; phase: Phase };

export interface TransientObject {
  providerId: number;
  type: ObjectType;
  localId: number;
}

/** What follows a step: more steps, and objects whose failure was transient (worth a retry job). */
export interface StepOutcome {
  next: FullSyncStep[];
  transient: TransientObject[];
}

/** Schedules what follows a step, inside the transaction that records the step. */
export type ScheduleSteps = (trx: Transaction<Database>, outcome: StepOutcome) => Promise<void>;

export type FullSyncOutcome =
  | { status: 'skipped'; reason: string }
  | { status: RunStatus; run: SyncRun; transient: TransientObject[] };

const MEMBERSHIP_CONCURRENCY = 16;

async function forEachConcurrently<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++] as T);
  });
  await Promise.all(lanes);
}

/** How a driver runs steps: where sessions come from and where the next steps go. */
export interface FullSyncDriver {
  deps: SyncDeps;
  schedule: ScheduleSteps;
  /** Steps are durable jobs (they resume after a restart); false when one process runs them all. */
  durable?: boolean;
  /** Keep one session for every step of the run (in-process); jobs open one per step. */
  session?: SyncSession | null;
  keepSession?: boolean;
}

/**
 * The session a step works in: opened per step (jobs) or kept for the whole run (in-process),
 * with the step's own counts, results and transient failures.
 */
async function withStepSession<T>(
  driver: FullSyncDriver,
  provider: SyncProvider,
  run: { id: string; dryRun: boolean },
  discovery: DiscoveryHandle | null,
  work: (session: SyncSession) => Promise<T>,
): Promise<T> {
  let session = driver.session ?? null;
  if (!session) {
    session = await openSession(driver.deps, provider, {
      dryRun: run.dryRun,
      runId: run.id,
      // A page that runs again (its job retried after a crash) takes over its own create claims.
      claimer: `run:${run.id}`,
      lowPriority: true,
    });
    if (driver.keepSession) driver.session = session;
  }
  session.counts = emptyCounts();
  session.pending = [];
  session.transient = [];
  session.discovery = discovery;
  try {
    return await work(session);
  } finally {
    if (!driver.keepSession) await closeSession(session).catch(() => undefined);
  }
}

/** End a run (configuration error, a step that cannot succeed) and forget its working state. */
export async function failFullSync(deps: SyncDeps, runId: string, caught: unknown): Promise<void> {
  const error = caught instanceof Error ? caught.message : String(caught);
  const state = await loadRunState(deps.db, runId);
  if (!state) return;
  const provider = await findProvider(deps.db, state.run.providerId);
  const configuration = asConfigurationError(caught);
  if (configuration && provider) {
    await recordConfigurationError(deps, provider, `Stopping sync due to a configuration error: ${error}`, {
      run: runId,
      ...configuration.detail,
    });
  } else {
    deps.logger?.error({ err: caught, provider: state.run.providerId, run: runId }, 'full sync failed');
  }
  await endRunWithError(deps.db, runId, error);
}

/**
 * Claim a run, discover, and plan the user pages. Returns the run, or why nothing started.
 * Configuration errors end the run here, before anything is written.
 */
export async function startFullSync(
  driver: FullSyncDriver,
  providerId: number,
  options: FullSyncOptions = {},
): Promise<
  | { status: 'skipped'; reason: string }
  | { status: 'started'; run: SyncRun }
  /** `transient`: not a configuration error (a 5xx, throttling, a lost connection); worth starting again. */
  | { status: 'error'; run: SyncRun; transient: boolean }
> {
  const { deps } = driver;
  const provider = await findProvider(deps.db, providerId);
  if (!provider) return { status: 'skipped', reason: `Provider ${providerId} does not exist.` };
  if (!provider.backchannelApplicationUuid) {
    return {
      status: 'skipped',
      reason: 'No provider found. Is it assigned to an application as a backchannel provider?',
    };
  }
  const dryRun = options.dryRun ?? provider.settings.dry_run;
  // A run is taken over only when no page has finished for longer than one page may take.
  const pageTimeoutMs = parseTimedelta(provider.settings.sync_page_timeout) ?? 30 * 60_000;
  const run = await claimFullSyncRun(
    deps.db,
    deps.dialect,
    providerId,
    dryRun,
    Math.max(RUN_STALE_AFTER_MS, pageTimeoutMs),
  );
  if (!run) return { status: 'skipped', reason: 'Synchronization is already running. Skipping.' };
  await markRunStarting(deps.db, run.id, {
    confirmDeletions: options.confirmDeletions ?? false,
    durable: driver.durable === true,
  });
  try {
    await withStepSession(driver, provider, run, null, async (session) => {
      const total = (await countUsersInScope(deps.db, provider)) + (await countGroupsInScope(deps.db));
      await updateRunProgress(deps.db, run.id, { total });
      if (provider.settings.discovery_enabled) await discover(deps.db, session.target, provider.id, run.id);
      const pages = await planPages(deps.db, provider, 'users');
      await deps.db.transaction().execute(async (trx) => {
        await movePhase(trx, run.id, 'starting', 'users');
        const next = await insertPages(trx, provider.id, run.id, 'users', pages);
        await driver.schedule(trx, { next, transient: [] });
      });
    });
    return { status: 'started', run };
  } catch (caught) {
    await failFullSync(deps, run.id, caught);
    return {
      status: 'error',
      run: (await getRun(deps.db, run.id)) ?? run,
      transient: asConfigurationError(caught) === null,
    };
  }
}

/** Run one step of a run. A step of a run that is no longer running does nothing. */
export async function runFullSyncStep(driver: FullSyncDriver, step: FullSyncStep): Promise<void> {
  const state = await loadRunState(driver.deps.db, step.runId);
  if (!state) return;
  const provider = await findProvider(driver.deps.db, state.run.providerId);
  if (!provider) {
    await failFullSync(driver.deps, step.runId, new Error('The provider was deleted during the sync.'));
    return;
  }
  try {
    if (step.kind === 'page') await runPage(driver, provider, state, step);
    else if (step.phase === 'users') await advanceToGroups(driver, provider, state);
    else await finishFullSyncRun(driver.deps, state);
  } catch (caught) {
    // Configuration errors stop the run; anything else is the caller's to retry (a job) or end.
    if (asConfigurationError(caught)) await failFullSync(driver.deps, step.runId, caught);
    else throw caught;
  }
}

async function runPage(
  driver: FullSyncDriver,
  provider: SyncProvider,
  state: RunState,
  step: Extract<FullSyncStep, { kind: 'page' }>,
): Promise<void> {
  const { deps } = driver;
  const page = await findPage(deps.db, step);
  if (page?.status !== 'pending') return;
  const range = { after: page.after_id, until: page.last_id };
  const ids =
    step.phase === 'users'
      ? await userIdsInScope(deps.db, provider, range)
      : await groupIdsInScope(deps.db, range);

  await withStepSession(driver, provider, state.run, state.discovery, async (session) => {
    if (step.phase === 'users') {
      await syncObjects(session, 'user', ids);
    } else {
      // New groups carry their first members in the create: a group of up to 20 costs one write.
      const outcome = await syncObjects(session, 'group', ids, { initialMembers: true });
      const reconcile = await groupsToReconcile(session, outcome);
      // Groups' memberships are independent: reconcile several at once (the Graph client paces writes).
      await forEachConcurrently(reconcile, MEMBERSHIP_CONCURRENCY, ([localId, remoteId]) =>
        reconcileMembers(
          session,
          { localId, label: `group ${localId}`, remoteId },
          {
            knownEmpty: outcome.created.has(localId),
            knownMembers: outcome.createdMembers.get(localId),
          },
        ),
      );
    }
    await commitStep(deps, session, step.runId, {
      claim: (trx) => markPageDone(trx, step),
      done: ids.length,
      // The last page of its phase schedules the phase's advance.
      next: async (trx) => ({
        next:
          (await pendingPages(trx, step.runId, step.phase)) === 0
            ? [{ kind: 'advance', providerId: provider.id, runId: step.runId, phase: step.phase }]
            : [],
        transient: session.transient.splice(0).map((t) => ({ ...t, providerId: provider.id })),
      }),
      schedule: driver.schedule,
    });
  });
}

/**
 * The groups of a page whose members must be reconciled. After a listing: all of them (one member
 * read each). After a delta round, unchanged groups are known in sync without a read: only groups
 * created or linked in this run, groups whose members the round reports changed outside Conduit,
 * and groups with a member whose remote account this run created (a recreated user's new id).
 */
async function groupsToReconcile(
  session: SyncSession,
  outcome: BatchOutcome,
): Promise<Array<[number, string]>> {
  const all = [...outcome.remoteIds];
  const discovery = session.discovery;
  if (discovery?.source !== 'delta' || all.length === 0) return all;
  const db = session.deps.db;
  const changed = await memberChangesAmong(
    db,
    discovery,
    all.map(([, remoteId]) => remoteId),
  );
  const fresh = await usersNewInRun(db, discovery.runId);
  const withFreshMember = new Set<number>();
  const differs = new Set<number>();
  const members =
    fresh.size > 0 || changed.size > 0
      ? await membersOfGroups(
          db,
          all.map(([localId]) => localId),
        )
      : new Map<number, number[]>();
  const userLinks =
    changed.size > 0
      ? await linksFor(db, session.provider.id, 'user', [...new Set([...members.values()].flat())])
      : new Map();
  for (const [localId, remoteId] of all) {
    const userIds = members.get(localId) ?? [];
    if (userIds.some((u) => fresh.has(u))) withFreshMember.add(localId);
    const change = changed.get(remoteId);
    if (!change) continue;
    // Conduit's own member writes come back in the round too: only a change it did not make counts.
    const wanted = new Set(
      userIds.flatMap((u) => (userLinks.get(u)?.remoteId ? [userLinks.get(u)?.remoteId as string] : [])),
    );
    if ([...change.added].some((m) => !wanted.has(m)) || [...change.removed].some((m) => wanted.has(m)))
      differs.add(localId);
  }
  return all.filter(
    ([localId]) =>
      outcome.created.has(localId) ||
      outcome.adopted.has(localId) ||
      differs.has(localId) ||
      withFreshMember.has(localId),
  );
}

/** After the last user page: the out-of-scope action, then the group pages. */
async function advanceToGroups(
  driver: FullSyncDriver,
  provider: SyncProvider,
  state: RunState,
): Promise<void> {
  if (state.phase !== 'users') return;
  const { deps } = driver;
  await withStepSession(driver, provider, state.run, state.discovery, async (session) => {
    await applyOutOfScopeAction(session, { confirmed: state.confirmDeletions });
    const pages = await planPages(deps.db, provider, 'groups');
    await commitStep(deps, session, state.run.id, {
      claim: (trx) => movePhase(trx, state.run.id, 'users', 'groups'),
      next: async (trx) => ({
        next: await insertPages(trx, provider.id, state.run.id, 'groups', pages),
        transient: [],
      }),
      schedule: driver.schedule,
    });
  });
}

/**
 * A whole full sync in this process, step after step (the dry-run plan, tests, the CLI). The job
 * handlers run the same steps as jobs instead, so several workers share one run.
 */
export async function runFullSync(
  deps: SyncDeps,
  providerId: number,
  options: FullSyncOptions = {},
): Promise<FullSyncOutcome> {
  const queue: FullSyncStep[] = [];
  const transient: TransientObject[] = [];
  const driver: FullSyncDriver = {
    deps,
    keepSession: true,
    schedule: async (_trx, outcome) => {
      queue.push(...outcome.next);
      transient.push(...outcome.transient);
    },
  };
  try {
    const started = await startFullSync(driver, providerId, options);
    if (started.status === 'skipped') return started;
    if (started.status === 'started') {
      for (let step = queue.shift(); step; step = queue.shift()) {
        try {
          await runFullSyncStep(driver, step);
        } catch (caught) {
          await failFullSync(deps, started.run.id, caught);
          break;
        }
      }
    }
    const run = (await getRun(deps.db, started.run.id)) ?? started.run;
    return { status: run.status, run, transient };
  } finally {
    if (driver.session) await closeSession(driver.session).catch(() => undefined);
  }
}
