/**
 * A full sync's bookkeeping in the database: the run's phase and options (`sync_runs`), its pages
 * (`sync_run_pages`), and the one transaction that commits each step (`commitStep`). full-sync.ts
 * holds the steps themselves; this file holds every query they make about the run.
 *
 * Invariants:
 * - a step commits in one transaction: the run is locked, the step is claimed with compare-and-set
 *   (a page marked done, a phase moved), and only then are its results, counts and next steps
 *   written; a step that runs twice (an at-least-once job, a crash after commit) claims nothing and
 *   writes nothing the second time;
 * - a step of a run that is no longer running writes nothing.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { nowIso, readJson, writeJson } from '../store/dialect.js';
import type { Database, SyncRunPagesTable } from '../store/schema.js';
import { type DiscoveryHandle, discoveryOf, dropDiscovery, saveDeltaLinks } from './discovery.js';
import type { FullSyncStep, Phase, StepOutcome } from './full-sync.js';
import { clearConfigurationError } from './provider-records.js';
import {
  emptyCounts,
  getRun,
  type RunCounts,
  type RunStatus,
  recordResults,
  type SyncRun,
  updateRunProgress,
} from './run-records.js';
import { groupIdsInScope, userIdsInScope } from './scope.js';
import type { SyncDeps, SyncSession } from './session.js';
import type { SyncProvider } from './types.js';

/** What a step needs to know about its run. */
export interface RunState {
  run: SyncRun;
  phase: string | null;
  confirmDeletions: boolean;
  discovery: DiscoveryHandle | null;
}

/** A planned page: the in-scope ids `(afterId, lastId]`; the last page is open-ended (`lastId` null). */
export interface PagePlan {
  afterId: number;
  lastId: number | null;
  size: number;
}

/** The run with its phase, options and discovery; null when it is no longer running. */
export async function loadRunState(db: Kysely<Database>, runId: string): Promise<RunState | null> {
  const run = await getRun(db, runId);
  if (run?.status !== 'running') return null;
  const row = await db
    .selectFrom('sync_runs')
    .select(['phase', 'options'])
    .where('id', '=', runId)
    .executeTakeFirstOrThrow();
  return {
    run,
    phase: row.phase,
    confirmDeletions: readJson<{ confirm_deletions?: boolean }>(row.options, {}).confirm_deletions === true,
    discovery: await discoveryOf(db, runId),
  };
}

/** A claimed run starts in phase `starting` (discovery), with the options its steps read. */
export async function markRunStarting(
  db: Kysely<Database>,
  runId: string,
  options: { confirmDeletions: boolean; durable: boolean },
): Promise<void> {
  await db
    .updateTable('sync_runs')
    .set({
      phase: 'starting',
      options: writeJson({ confirm_deletions: options.confirmDeletions, durable: options.durable }),
    })
    .where('id', '=', runId)
    .execute();
}

/** Lock the run row for the rest of the transaction (PostgreSQL); SQLite serialises writers. */
async function lockRun(trx: Transaction<Database>, dialect: SyncDeps['dialect'], runId: string) {
  let q = trx.selectFrom('sync_runs').select(['status', 'phase', 'done', 'counts']).where('id', '=', runId);
  if (dialect === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

type LockedRun = NonNullable<Awaited<ReturnType<typeof lockRun>>>;

function addCounts(into: RunCounts, add: RunCounts): RunCounts {
  const sum = { ...into };
  for (const key of Object.keys(add) as Array<keyof RunCounts>) sum[key] = (sum[key] ?? 0) + add[key];
  return sum;
}

/**
 * Commit a step: lock the running run, `claim` the step (false: an earlier attempt did it, or the
 * run moved on), then write the session's results, add its counts and `done` objects to the run,
 * and schedule what `next` returns, all in one transaction.
 */
export async function commitStep(
  deps: SyncDeps,
  session: SyncSession,
  runId: string,
  step: {
    claim: (trx: Transaction<Database>, run: LockedRun) => Promise<boolean>;
    done?: number;
    next: (trx: Transaction<Database>) => Promise<StepOutcome>;
    schedule: (trx: Transaction<Database>, outcome: StepOutcome) => Promise<void>;
  },
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const run = await lockRun(trx, deps.dialect, runId);
    if (run?.status !== 'running' || !(await step.claim(trx, run))) return;
    await recordResults(trx, session.pending.splice(0));
    const counts = addCounts(readJson<RunCounts>(run.counts, emptyCounts()), session.counts);
    await updateRunProgress(trx, runId, {
      ...(step.done !== undefined && { done: run.done + step.done }),
      counts,
    });
    await step.schedule(trx, await step.next(trx));
  });
}

/** Move the run to `phase` if it is in `from` (compare-and-set); false when it was not. */
export async function movePhase(
  trx: Transaction<Database>,
  runId: string,
  from: string,
  phase: string,
): Promise<boolean> {
  const moved = await trx
    .updateTable('sync_runs')
    .set({ phase })
    .where('id', '=', runId)
    .where('phase', '=', from)
    .executeTakeFirst();
  return Number(moved.numUpdatedRows) > 0;
}

/** Split the in-scope ids of a phase into pages of the provider's page size. */
export async function planPages(
  db: Kysely<Database>,
  provider: SyncProvider,
  phase: Phase,
): Promise<PagePlan[]> {
  const pageSize = Math.max(1, provider.settings.sync_page_size);
  const pages: PagePlan[] = [];
  for (let after = 0; ; ) {
    const ids =
      phase === 'users'
        ? await userIdsInScope(db, provider, { after, limit: pageSize })
        : await groupIdsInScope(db, { after, limit: pageSize });
    if (ids.length === 0) break;
    const last = ids.at(-1) as number;
    pages.push({ afterId: after, lastId: last, size: ids.length });
    after = last;
  }
  const final = pages.at(-1);
  if (final) final.lastId = null;
  return pages;
}

/** Store a phase's pages; returns their steps (or the phase's advance when it has none). */
export async function insertPages(
  trx: Transaction<Database>,
  providerId: number,
  runId: string,
  phase: Phase,
  pages: PagePlan[],
): Promise<FullSyncStep[]> {
  for (let i = 0; i < pages.length; i += 500) {
    await trx
      .insertInto('sync_run_pages')
      .values(
        pages.slice(i, i + 500).map((p, j) => ({
          run_id: runId,
          phase,
          seq: i + j,
          after_id: p.afterId,
          last_id: p.lastId,
          size: p.size,
          status: 'pending',
          finished_at: null,
        })),
      )
      .execute();
  }
  if (pages.length === 0) return [{ kind: 'advance', providerId, runId, phase }];
  return pages.map((_, seq) => ({ kind: 'page', providerId, runId, phase, seq }));
}

/** One page of a run (null when unknown). */
export async function findPage(
  db: Kysely<Database>,
  step: { runId: string; phase: Phase; seq: number },
): Promise<Selectable<SyncRunPagesTable> | null> {
  const page = await db
    .selectFrom('sync_run_pages')
    .selectAll()
    .where('run_id', '=', step.runId)
    .where('phase', '=', step.phase)
    .where('seq', '=', step.seq)
    .executeTakeFirst();
  return page ?? null;
}

/** Mark a pending page done (compare-and-set); false when an earlier attempt did. */
export async function markPageDone(
  trx: Transaction<Database>,
  step: { runId: string; phase: Phase; seq: number },
): Promise<boolean> {
  const marked = await trx
    .updateTable('sync_run_pages')
    .set({ status: 'done', finished_at: nowIso() })
    .where('run_id', '=', step.runId)
    .where('phase', '=', step.phase)
    .where('seq', '=', step.seq)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(marked.numUpdatedRows) > 0;
}

/** Pages of a phase not done yet. */
export async function pendingPages(trx: Transaction<Database>, runId: string, phase: Phase): Promise<number> {
  const left = await trx
    .selectFrom('sync_run_pages')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('run_id', '=', runId)
    .where('phase', '=', phase)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(left.n);
}

/** Local users this run created, recreated or linked (their remote ids are new to the groups). */
export async function usersNewInRun(db: Kysely<Database>, runId: string): Promise<Set<number | null>> {
  const rows = await db
    .selectFrom('sync_results')
    .select('local_id')
    .where('run_id', '=', runId)
    .where('object_type', '=', 'user')
    .where('operation', 'in', ['create', 'recreate', 'link'])
    .where('status', '=', 'ok')
    .execute();
  return new Set(rows.map((r) => r.local_id));
}

/** End a running run with an error, dropping its pages and discovery. */
export async function endRunWithError(db: Kysely<Database>, runId: string, error: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('sync_runs')
      .set({ status: 'error', error, phase: 'finished', finished_at: nowIso() })
      .where('id', '=', runId)
      .where('status', '=', 'running')
      .execute();
    await trx.deleteFrom('sync_run_pages').where('run_id', '=', runId).execute();
    await dropDiscovery(trx, runId);
  });
}

/**
 * After the last group page: the run's status from its counts, its delta links kept for the next
 * run (not after a dry run, which acted on nothing), its working state dropped.
 */
export async function finishFullSyncRun(deps: SyncDeps, state: RunState): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const run = await lockRun(trx, deps.dialect, state.run.id);
    if (run?.status !== 'running' || run.phase !== 'groups') return;
    const counts = readJson<RunCounts>(run.counts, emptyCounts());
    const status: RunStatus = counts.failed > 0 || counts.held > 0 ? 'warning' : 'done';
    await trx
      .updateTable('sync_runs')
      .set({ status, phase: 'finished', finished_at: nowIso(), heartbeat_at: nowIso() })
      .where('id', '=', state.run.id)
      .execute();
    await trx.deleteFrom('sync_run_pages').where('run_id', '=', state.run.id).execute();
    if (!state.run.dryRun) await saveDeltaLinks(trx, state.run.providerId, state.run.id);
    await dropDiscovery(trx, state.run.id);
    // A full sync that finished reached Graph: a recorded configuration error is over (docs/admin/troubleshooting.md).
    await clearConfigurationError(trx, state.run.providerId);
  });
}
