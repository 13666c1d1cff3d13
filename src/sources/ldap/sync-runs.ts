/**
 * Runs of an LDAP source's sync: one row per run with its phase, progress and counts, and its
 * per-object results. One run per source at a time: a run that stopped sending heartbeats for
 * `STALE_RUN_MS` was interrupted (a killed process) and no longer blocks the next one.
 */
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { nowIso, readJson, readNullableTime, readTime, writeJson } from '../../store/dialect.js';
import type { Database } from '../../store/schema.js';

/** A running run without a heartbeat for this long was interrupted. */
export const STALE_RUN_MS = 10 * 60_000;
/** Results kept per run (errors first; the counts always hold every object). */
export const MAX_RESULTS_PER_RUN = 2000;

export type SourceRunStatus = 'running' | 'done' | 'warning' | 'error';
export type SourcePhase = 'connect' | 'users' | 'groups' | 'memberships' | 'deletions' | 'finished';

/** Per object type: what the run did. */
export interface SourceRunCounts {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  errors: number;
}

export interface HeldDeletions {
  users: number;
  groups: number;
  /** The percentage above which deletions wait for a confirmation. */
  limit_percent: number;
}

export interface SourceRun {
  id: string;
  sourceId: number;
  status: SourceRunStatus;
  trigger: 'schedule' | 'manual';
  mode: 'full' | 'incremental' | null;
  phase: SourcePhase | null;
  total: number;
  done: number;
  counts: { users: SourceRunCounts; groups: SourceRunCounts; memberships: SourceRunCounts };
  error: string | null;
  heldDeletions: HeldDeletions | null;
  options: { confirm_deletions?: boolean };
  cursor: SyncCursor | null;
  started: string;
  heartbeat: string;
  finished: string | null;
}

/** Where an incremental sync continues, and what the last full pass was made with. */
export interface SyncCursor {
  /** `timestamp` (modifyTimestamp), `usn` (Active Directory's uSNChanged) or null (full passes only). */
  kind: 'timestamp' | 'usn' | null;
  /** Per object type: the value to search from next time. */
  users: string | null;
  groups: string | null;
  /** The server the values belong to (USNs are per domain controller). */
  server: string;
  /** Hash of the mappings and settings the entries were mapped with; a change forces a full pass. */
  version: string;
  /** When the last full pass finished. */
  full_at: string;
}

export interface SourceResult {
  objectType: 'user' | 'group' | 'membership';
  dn: string | null;
  localId: number | null;
  operation: string;
  status: 'ok' | 'error' | 'skipped' | 'held';
  message: string | null;
}

export const emptyCounts = (): SourceRunCounts => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  deleted: 0,
  errors: 0,
});

type RunRow = Awaited<ReturnType<typeof latestRows>>[number];

function latestRows(db: Kysely<Database>, sourceId: number, limit: number) {
  return db
    .selectFrom('source_sync_runs')
    .selectAll()
    .where('source_id', '=', sourceId)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

function toRun(row: RunRow): SourceRun {
  return {
    id: row.id,
    sourceId: row.source_id,
    status: row.status as SourceRunStatus,
    trigger: row.trigger as SourceRun['trigger'],
    mode: row.mode as SourceRun['mode'],
    phase: row.phase as SourcePhase | null,
    total: row.total,
    done: row.done,
    counts: {
      users: emptyCounts(),
      groups: emptyCounts(),
      memberships: emptyCounts(),
      ...readJson<Partial<SourceRun['counts']>>(row.counts, {}),
    },
    error: row.error,
    heldDeletions: readJson(row.held_deletions, null),
    options: readJson(row.options, {}),
    cursor: readJson(row.cursor, null),
    started: readTime(row.started_at),
    heartbeat: readTime(row.heartbeat_at),
    finished: readNullableTime(row.finished_at),
  };
}

/** Whether a run is still going (running, with a recent heartbeat). */
export function isLive(run: SourceRun, now = new Date()): boolean {
  return run.status === 'running' && now.getTime() - Date.parse(run.heartbeat) < STALE_RUN_MS;
}

/** The latest runs of a source, newest first. */
export async function listSourceRuns(
  db: Kysely<Database>,
  sourceId: number,
  limit = 20,
): Promise<SourceRun[]> {
  return (await latestRows(db, sourceId, limit)).map(toRun);
}

export async function latestSourceRun(db: Kysely<Database>, sourceId: number): Promise<SourceRun | null> {
  const [row] = await latestRows(db, sourceId, 1);
  return row ? toRun(row) : null;
}

export async function lastSuccessfulSourceRun(
  db: Kysely<Database>,
  sourceId: number,
): Promise<SourceRun | null> {
  const row = await db
    .selectFrom('source_sync_runs')
    .selectAll()
    .where('source_id', '=', sourceId)
    .where('status', 'in', ['done', 'warning'])
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toRun(row) : null;
}

export async function getSourceRun(db: Kysely<Database>, runId: string): Promise<SourceRun | null> {
  const row = await db.selectFrom('source_sync_runs').selectAll().where('id', '=', runId).executeTakeFirst();
  return row ? toRun(row) : null;
}

/**
 * Start a run, unless one is live for the source (then null). Interrupted runs are closed as errors.
 */
export async function startSourceRun(
  db: Kysely<Database>,
  sourceId: number,
  trigger: SourceRun['trigger'],
  options: SourceRun['options'],
  now = new Date(),
): Promise<SourceRun | null> {
  return db.transaction().execute(async (trx) => {
    const running = await trx
      .selectFrom('source_sync_runs')
      .selectAll()
      .where('source_id', '=', sourceId)
      .where('status', '=', 'running')
      .execute();
    for (const row of running) {
      const run = toRun(row);
      if (isLive(run, now)) return null;
      await trx
        .updateTable('source_sync_runs')
        .set({
          status: 'error',
          error: 'The run was interrupted (its process stopped).',
          finished_at: now.toISOString(),
        })
        .where('id', '=', run.id)
        .execute();
    }
    const iso = now.toISOString();
    const id = uuidv7();
    await trx
      .insertInto('source_sync_runs')
      .values({
        id,
        source_id: sourceId,
        status: 'running',
        trigger,
        mode: null,
        phase: 'connect',
        total: 0,
        done: 0,
        counts: writeJson({ users: emptyCounts(), groups: emptyCounts(), memberships: emptyCounts() }),
        error: null,
        held_deletions: null,
        options: writeJson(options),
        cursor: null,
        started_at: iso,
        heartbeat_at: iso,
        finished_at: null,
      })
      .execute();
    const row = await trx
      .selectFrom('source_sync_runs')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return toRun(row);
  });
}

/** Record progress (and refresh the heartbeat). */
export async function updateSourceRun(
  db: Kysely<Database>,
  run: SourceRun,
  changes: Partial<Pick<SourceRun, 'phase' | 'mode' | 'total' | 'done' | 'heldDeletions'>>,
): Promise<void> {
  Object.assign(run, changes);
  await db
    .updateTable('source_sync_runs')
    .set({
      phase: run.phase,
      mode: run.mode,
      total: run.total,
      done: run.done,
      counts: writeJson(run.counts),
      held_deletions: run.heldDeletions ? writeJson(run.heldDeletions) : null,
      heartbeat_at: nowIso(),
    })
    .where('id', '=', run.id)
    .execute();
}

/** Close a run with its final status. */
export async function finishSourceRun(
  db: Kysely<Database>,
  run: SourceRun,
  status: Exclude<SourceRunStatus, 'running'>,
  error: string | null,
  cursor: SyncCursor | null = null,
): Promise<void> {
  const now = nowIso();
  Object.assign(run, { status, error, phase: 'finished', finished: now, cursor });
  await db
    .updateTable('source_sync_runs')
    .set({
      status,
      error,
      phase: 'finished',
      cursor: cursor ? writeJson(cursor) : null,
      counts: writeJson(run.counts),
      held_deletions: run.heldDeletions ? writeJson(run.heldDeletions) : null,
      total: run.total,
      done: run.done,
      heartbeat_at: now,
      finished_at: now,
    })
    .where('id', '=', run.id)
    .execute();
}

/** Append results of a run (bounded per run). */
export async function addSourceResults(
  db: Kysely<Database>,
  run: SourceRun,
  results: SourceResult[],
  recorded: { count: number },
): Promise<void> {
  const room = MAX_RESULTS_PER_RUN - recorded.count;
  const kept = results.slice(0, Math.max(0, room));
  if (kept.length === 0) return;
  recorded.count += kept.length;
  const now = nowIso();
  for (let i = 0; i < kept.length; i += 200) {
    await db
      .insertInto('source_sync_results')
      .values(
        kept.slice(i, i + 200).map((r) => ({
          run_id: run.id,
          source_id: run.sourceId,
          object_type: r.objectType,
          dn: r.dn,
          local_id: r.localId,
          operation: r.operation,
          status: r.status,
          message: r.message,
          created_at: now,
        })),
      )
      .execute();
  }
}

/** Results of a run, errors first. */
export async function listSourceResults(
  db: Kysely<Database>,
  runId: string,
  query: { status?: string; limit?: number; offset?: number } = {},
): Promise<{ count: number; results: Array<SourceResult & { id: number; created: string }> }> {
  let base = db.selectFrom('source_sync_results').where('run_id', '=', runId);
  if (query.status) base = base.where('status', '=', query.status);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await base
    .selectAll()
    .orderBy('id')
    .limit(query.limit ?? 100)
    .offset(query.offset ?? 0)
    .execute();
  return {
    count: Number(total?.n ?? 0),
    results: rows.map((r) => ({
      id: r.id,
      objectType: r.object_type as SourceResult['objectType'],
      dn: r.dn,
      localId: r.local_id,
      operation: r.operation,
      status: r.status as SourceResult['status'],
      message: r.message,
      created: readTime(r.created_at),
    })),
  };
}
