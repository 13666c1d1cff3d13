/** Sync runs and per-object results: the history an administrator reads to see what happened and why. */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { nowIso, readBool, readJson, readNullableTime, readTime, writeJson } from '../store/dialect.js';
import type { Database, SyncResultsTable, SyncRunsTable } from '../store/schema.js';
import type { ObjectType, Operation, ResultStatus } from './types.js';

type Conn = Kysely<Database> | Transaction<Database>;

export type RunKind = 'full' | 'direct' | 'object';
export type RunStatus = 'running' | 'done' | 'warning' | 'error' | 'cancelled';
/** Result statuses are listed in types.ts (shared with the API's schemas). */
export type { ResultStatus } from './types.js';

export interface RunCounts {
  created: number;
  updated: number;
  deleted: number;
  suspended: number;
  linked: number;
  unchanged: number;
  skipped: number;
  failed: number;
  members_added: number;
  members_removed: number;
  dry_run: number;
  /** Out-of-scope suspensions/deletions held above the deletion threshold, awaiting confirmation. */
  held: number;
  users: number;
  groups: number;
}

export const emptyCounts = (): RunCounts => ({
  created: 0,
  updated: 0,
  deleted: 0,
  suspended: 0,
  linked: 0,
  unchanged: 0,
  skipped: 0,
  failed: 0,
  members_added: 0,
  members_removed: 0,
  dry_run: 0,
  held: 0,
  users: 0,
  groups: 0,
});

export interface SyncRun {
  id: string;
  providerId: number;
  kind: RunKind;
  status: RunStatus;
  dryRun: boolean;
  total: number;
  done: number;
  counts: RunCounts;
  error: string | null;
  /** Full syncs: `starting` (discovery), `users`, `groups`, `finished`; null for other runs. */
  phase: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface SyncResultRecord {
  id: string;
  runId: string | null;
  providerId: number;
  objectType: ObjectType;
  localId: number | null;
  remoteId: string | null;
  operation: Operation;
  status: ResultStatus;
  message: string | null;
  graphRequestId: string | null;
  detail: unknown;
  createdAt: string;
}

function toRun(row: Selectable<SyncRunsTable>): SyncRun {
  return {
    id: row.id,
    providerId: row.provider_id,
    kind: row.kind as RunKind,
    status: row.status as RunStatus,
    dryRun: readBool(row.dry_run),
    total: row.total,
    done: row.done,
    counts: { ...emptyCounts(), ...readJson<Partial<RunCounts>>(row.counts, {}) },
    error: row.error,
    phase: row.phase ?? null,
    startedAt: readTime(row.started_at),
    finishedAt: readNullableTime(row.finished_at),
  };
}

export function toResult(row: Selectable<SyncResultsTable>): SyncResultRecord {
  return {
    id: row.id,
    runId: row.run_id,
    providerId: row.provider_id,
    objectType: row.object_type as ObjectType,
    localId: row.local_id,
    remoteId: row.remote_id,
    operation: row.operation as Operation,
    status: row.status as ResultStatus,
    message: row.message,
    graphRequestId: row.graph_request_id,
    detail: readJson(row.detail, null),
    createdAt: readTime(row.created_at),
  };
}

export async function startRun(
  db: Conn,
  providerId: number,
  kind: RunKind,
  dryRun: boolean,
  total = 0,
): Promise<SyncRun> {
  const row = await db
    .insertInto('sync_runs')
    .values({
      id: uuidv7(),
      provider_id: providerId,
      kind,
      status: 'running',
      dry_run: dryRun,
      total,
      done: 0,
      counts: writeJson(emptyCounts()),
      error: null,
      started_at: nowIso(),
      heartbeat_at: nowIso(),
      finished_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRun(row);
}

export async function updateRunProgress(
  db: Conn,
  runId: string,
  progress: { total?: number; done?: number; counts?: RunCounts },
): Promise<void> {
  await db
    .updateTable('sync_runs')
    .set({
      ...(progress.total !== undefined && { total: progress.total }),
      ...(progress.done !== undefined && { done: progress.done }),
      ...(progress.counts !== undefined && { counts: writeJson(progress.counts) }),
      heartbeat_at: nowIso(),
    })
    .where('id', '=', runId)
    .execute();
}

export async function finishRun(
  db: Conn,
  runId: string,
  status: RunStatus,
  counts: RunCounts,
  error: string | null = null,
): Promise<void> {
  await db
    .updateTable('sync_runs')
    .set({ status, counts: writeJson(counts), error, finished_at: nowIso() })
    .where('id', '=', runId)
    .execute();
}

export async function getRun(db: Conn, runId: string): Promise<SyncRun | null> {
  const row = await db.selectFrom('sync_runs').selectAll().where('id', '=', runId).executeTakeFirst();
  return row ? toRun(row) : null;
}

export async function listRuns(
  db: Conn,
  providerId: number,
  limit = 20,
  offset = 0,
): Promise<{ runs: SyncRun[]; count: number }> {
  const [rows, total] = await Promise.all([
    db
      .selectFrom('sync_runs')
      .selectAll()
      .where('provider_id', '=', providerId)
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    db
      .selectFrom('sync_runs')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('provider_id', '=', providerId)
      .executeTakeFirstOrThrow(),
  ]);
  return { runs: rows.map(toRun), count: Number(total.n) };
}

export async function latestRun(
  db: Conn,
  providerId: number,
  kind: RunKind,
  finished: boolean,
): Promise<SyncRun | null> {
  let q = db
    .selectFrom('sync_runs')
    .selectAll()
    .where('provider_id', '=', providerId)
    .where('kind', '=', kind);
  q = finished ? q.where('finished_at', 'is not', null) : q.where('status', '=', 'running');
  const row = await q.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ? toRun(row) : null;
}

export async function latestSuccessfulRun(db: Conn, providerId: number): Promise<SyncRun | null> {
  const row = await db
    .selectFrom('sync_runs')
    .selectAll()
    .where('provider_id', '=', providerId)
    .where('kind', '=', 'full')
    .where('status', 'in', ['done', 'warning'])
    .orderBy('finished_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toRun(row) : null;
}

export interface ResultInput {
  /** Given when the caller needs the row's id (to complete it later); generated otherwise. */
  id?: string;
  runId: string | null;
  providerId: number;
  objectType: ObjectType;
  localId: number | null;
  remoteId?: string | null;
  operation: Operation;
  status: ResultStatus;
  message?: string | null;
  graphRequestId?: string | null;
  detail?: unknown;
}

export async function recordResults(db: Conn, results: ResultInput[]): Promise<void> {
  if (results.length === 0) return;
  const now = nowIso();
  for (let i = 0; i < results.length; i += 200) {
    await db
      .insertInto('sync_results')
      .values(
        results.slice(i, i + 200).map((r) => ({
          id: r.id ?? uuidv7(),
          run_id: r.runId,
          provider_id: r.providerId,
          object_type: r.objectType,
          local_id: r.localId,
          remote_id: r.remoteId ?? null,
          operation: r.operation,
          status: r.status,
          message: r.message ?? null,
          graph_request_id: r.graphRequestId ?? null,
          detail: writeJson(r.detail ?? null),
          created_at: now,
        })),
      )
      .execute();
  }
}

/** Give a result recorded ahead of its outcome (a reserved deletion) its outcome. */
export async function completeResult(db: Conn, id: string, result: ResultInput): Promise<void> {
  await db
    .updateTable('sync_results')
    .set({
      status: result.status,
      message: result.message ?? null,
      graph_request_id: result.graphRequestId ?? null,
      detail: writeJson(result.detail ?? null),
    })
    .where('id', '=', id)
    .execute();
}

export async function listResults(
  db: Conn,
  filter: {
    runId?: string;
    providerId?: number;
    objectType?: ObjectType;
    localId?: number;
    status?: ResultStatus;
  },
  limit = 100,
  offset = 0,
): Promise<{ results: SyncResultRecord[]; count: number }> {
  let q = db.selectFrom('sync_results');
  if (filter.runId !== undefined) q = q.where('run_id', '=', filter.runId);
  if (filter.providerId !== undefined) q = q.where('provider_id', '=', filter.providerId);
  if (filter.objectType !== undefined) q = q.where('object_type', '=', filter.objectType);
  if (filter.localId !== undefined) q = q.where('local_id', '=', filter.localId);
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { results: rows.map(toResult), count: Number(total.n) };
}

/**
 * A running run whose heartbeat is older than this was interrupted (its process stopped). The
 * heartbeat moves when a page finishes, so a provider's page timeout widens it (`claimFullSyncRun`).
 */
export const RUN_STALE_AFTER_MS = 2 * 60_000;

/**
 * Start a full-sync run unless one is already running for the provider, cluster-wide: the
 * provider row is locked (PostgreSQL `FOR UPDATE`; SQLite serialises writers) while checking.
 * A running run with a stale heartbeat (none for `staleAfterMs`: the provider's page timeout, so a
 * slow page is not mistaken for a dead one) is marked interrupted and replaced.
 */
export async function claimFullSyncRun(
  db: Kysely<Database>,
  dialect: 'sqlite' | 'postgres',
  providerId: number,
  dryRun: boolean,
  staleAfterMs = RUN_STALE_AFTER_MS,
): Promise<SyncRun | null> {
  return db.transaction().execute(async (trx) => {
    let lock = trx.selectFrom('providers').select('id').where('id', '=', providerId);
    if (dialect === 'postgres') lock = lock.forUpdate();
    if (!(await lock.executeTakeFirst())) return null;
    const running = await trx
      .selectFrom('sync_runs')
      .selectAll()
      .where('provider_id', '=', providerId)
      .where('kind', '=', 'full')
      .where('status', '=', 'running')
      .execute();
    for (const run of running) {
      if (Date.now() - Date.parse(readTime(run.heartbeat_at)) < staleAfterMs) return null;
      await trx
        .updateTable('sync_runs')
        .set({
          status: 'error',
          error: 'Interrupted: the process running this sync stopped. A new run took over.',
          phase: 'finished',
          finished_at: nowIso(),
        })
        .where('id', '=', run.id)
        .execute();
      await trx.deleteFrom('sync_run_pages').where('run_id', '=', run.id).execute();
      await trx.deleteFrom('sync_discovery').where('run_id', '=', run.id).execute();
    }
    return startRun(trx, providerId, 'full', dryRun);
  });
}

/**
 * Mark every running run as interrupted. Only for the embedded default, where one process owns the
 * database: at its start, any run still "running" belonged to a process that stopped — except full
 * syncs whose pages are queued (phase `users`/`groups`): their durable page jobs resume them.
 */
export async function interruptRunningRuns(db: Kysely<Database>): Promise<number> {
  const running = await db
    .selectFrom('sync_runs')
    .select(['id', 'phase', 'options'])
    .where('status', '=', 'running')
    .execute();
  const ids = running
    .filter(
      (r) =>
        !(
          readJson<{ durable?: boolean }>(r.options, {}).durable === true &&
          (r.phase === 'users' || r.phase === 'groups')
        ),
    )
    .map((r) => r.id);
  // Nothing is being created either: the claims of whatever was sending when Conduit stopped are
  // released, so the next sync looks each object up (and adopts it) instead of waiting for the lease.
  await db.updateTable('sync_links').set({ claimed_by: null }).where('claimed_by', 'is not', null).execute();
  if (ids.length === 0) return 0;
  await db
    .updateTable('sync_runs')
    .set({
      status: 'error',
      error:
        'Interrupted: Conduit stopped while this sync was running. The next run continues from where it stopped.',
      phase: 'finished',
      finished_at: nowIso(),
    })
    .where('id', 'in', ids)
    .execute();
  return ids.length;
}

/** How far a running full sync is, and when it should end at its pace so far. */
export interface RunProgressEstimate {
  done: number;
  remaining: number;
  /** Objects per second since the run started (null before the first page is done). */
  objectsPerSecond: number | null;
  /** Estimated finish time (ISO), null until there is a pace to go by. */
  estimatedFinishAt: string | null;
}

/**
 * The progress of a run from its counts and start time. The pace is the run's own so far, which
 * already includes Graph's write pacing (ADR 0003), so the estimate follows the paced write rate.
 */
export function estimateRunProgress(
  run: Pick<SyncRun, 'total' | 'done' | 'startedAt'>,
  now: Date = new Date(),
): RunProgressEstimate {
  const remaining = Math.max(0, run.total - run.done);
  const elapsedS = (now.getTime() - Date.parse(run.startedAt)) / 1000;
  if (run.done <= 0 || elapsedS <= 0)
    return { done: run.done, remaining, objectsPerSecond: null, estimatedFinishAt: null };
  const rate = run.done / elapsedS;
  return {
    done: run.done,
    remaining,
    objectsPerSecond: Math.round(rate * 100) / 100,
    estimatedFinishAt: new Date(now.getTime() + (remaining / rate) * 1000).toISOString(),
  };
}

/** Members added per Graph write: `members@odata.bind` carries up to 20 (docs/architecture.md). */
const MEMBERS_PER_WRITE = 20;

/** A running run's Graph writes: made so far, still to come at the run's mix, and the pace. */
export interface RunWriteEstimate {
  /**
   * Writes made so far, from the run's counts: one per create, update, deletion and suspension, one
   * per 20 members added and one per member removed (Graph removes members one `$ref` at a time).
   */
  writesDone: number;
  /** Writes still to come if the remaining objects need writes as the done ones did (null before any object). */
  writesRemaining: number | null;
  /** Writes per second since the run started (null before the first write). */
  writesPerSecond: number | null;
  /** The write rate the run is paced to (per app + tenant), when known. */
  pacedWritesPerSecond: number | null;
  /** When the remaining writes end at the paced rate (ISO), null without a pace or a projection. */
  writesFinishAt: string | null;
}

/**
 * A run's writes and when they should end. The remaining writes are projected from the objects done
 * so far (a run that has only updated users so far is assumed to keep doing so); at the paced rate
 * that gives a finish time that does not depend on how fast the first pages went.
 */
export function estimateRunWrites(
  run: Pick<SyncRun, 'total' | 'done' | 'startedAt' | 'counts'>,
  pacedWritesPerSecond: number | null,
  now: Date = new Date(),
): RunWriteEstimate {
  const c = run.counts;
  const writesDone =
    c.created +
    c.updated +
    c.deleted +
    c.suspended +
    Math.ceil(c.members_added / MEMBERS_PER_WRITE) +
    c.members_removed;
  const remainingObjects = Math.max(0, run.total - run.done);
  const writesRemaining = run.done > 0 ? Math.round((writesDone / run.done) * remainingObjects) : null;
  const elapsedS = (now.getTime() - Date.parse(run.startedAt)) / 1000;
  const writesPerSecond =
    writesDone > 0 && elapsedS > 0 ? Math.round((writesDone / elapsedS) * 100) / 100 : null;
  const pace = pacedWritesPerSecond !== null && pacedWritesPerSecond > 0 ? pacedWritesPerSecond : null;
  const writesFinishAt =
    pace !== null && writesRemaining !== null
      ? new Date(now.getTime() + (writesRemaining / pace) * 1000).toISOString()
      : null;
  return { writesDone, writesRemaining, writesPerSecond, pacedWritesPerSecond: pace, writesFinishAt };
}
