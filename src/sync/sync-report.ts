/**
 * The result recorder: every outcome of the apply path (apply-objects.ts, apply-members.ts,
 * direct-sync.ts, out-of-scope.ts) goes through `report`, which records the object's result,
 * moves the run's counts and sets the object's link state together, so that the three cannot
 * disagree.
 *
 * Invariants:
 * - dry run writes no link: the result says what would have happened, the link stays as it was;
 * - results wait in `session.pending` and are written by `flushResults` (once per page or job);
 *   a result completing a reserved row (a deletion counted against the threshold) is written at once;
 * - a configuration failure is not an object's outcome: `throwIfConfiguration` stops the run first.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../store/schema.js';
import { deleteLink, type LinkWrite, upsertLink } from './link-records.js';
import { completeResult, type ResultInput, type RunCounts, recordResults } from './run-records.js';
import { SyncConfigurationError, type SyncSession } from './session.js';
import type { Link, ObjectType, Operation, ResultStatus, TargetFailure } from './types.js';

type Conn = Kysely<Database> | Transaction<Database>;

/** The object a result is about: its local id (null once deleted locally) and its name. */
export interface ReportedObject {
  localId: number | null;
  /** Recorded in the result's detail as `object`; results of out-of-scope actions have none. */
  label?: string;
}

/** One outcome for one object. */
export interface Report {
  operation: Operation;
  status: ResultStatus;
  remoteId?: string | null;
  message?: string | null;
  requestId?: string | null;
  detail?: Record<string, unknown>;
  /** The counts this outcome moves; by default one, chosen by `defaultCount`. `{}` moves none. */
  counts?: Partial<RunCounts>;
  /** The link state to set (not in dry run); `delete` drops the link. */
  link?: LinkWrite | 'delete';
  /** Worth a retry of the object on its own (a transient failure): see `SyncSession.transient`. */
  transient?: boolean;
  /** The id of a result recorded ahead of its outcome (a reserved deletion): it is completed instead. */
  completes?: string;
  /** Where the link is written: a transaction batching a page's outcomes, or the database. */
  conn?: Conn;
}

const OK_COUNTS: Partial<Record<Operation, keyof RunCounts>> = {
  create: 'created',
  update: 'updated',
  delete: 'deleted',
  suspend: 'suspended',
  link: 'linked',
};

/** The count one outcome moves unless the report says otherwise. */
export function defaultCount(operation: Operation, status: ResultStatus): keyof RunCounts | null {
  switch (status) {
    case 'ok':
      return OK_COUNTS[operation] ?? null;
    case 'error':
      return 'failed';
    case 'skipped':
      return 'skipped';
    case 'dry_run':
      return 'dry_run';
    case 'unchanged':
      return 'unchanged';
    case 'held':
      return 'held';
    default:
      return null;
  }
}

/**
 * Record one outcome of one object: its result, its counts and its link. Returns the link as
 * written (null when none was written: dry run, no link change, a dropped link).
 */
export async function report(
  session: SyncSession,
  type: ObjectType,
  object: ReportedObject,
  r: Report,
): Promise<Link | null> {
  const entry: ResultInput = {
    runId: session.runId,
    providerId: session.provider.id,
    objectType: type,
    localId: object.localId,
    remoteId: r.remoteId ?? null,
    operation: r.operation,
    status: r.status,
    message: r.message ?? null,
    graphRequestId: r.requestId ?? null,
    detail:
      object.label === undefined && r.detail === undefined
        ? undefined
        : { object: object.label, ...r.detail },
  };
  if (r.completes) await completeResult(session.deps.db, r.completes, entry);
  else session.pending.push(entry);

  if (r.counts) {
    for (const [key, n] of Object.entries(r.counts) as Array<[keyof RunCounts, number]>)
      session.counts[key] += n;
  } else {
    const key = defaultCount(r.operation, r.status);
    if (key) session.counts[key]++;
  }
  if (r.transient) session.transient.push({ type, localId: object.localId ?? 0 });

  if (!r.link || session.dryRun || object.localId === null) return null;
  const conn = r.conn ?? session.deps.db;
  if (r.link === 'delete') {
    await deleteLink(conn, session.provider.id, type, object.localId);
    return null;
  }
  return upsertLink(conn, session.provider.id, type, object.localId, r.link);
}

/** Write the session's pending results (after each page of a full sync, at the end of a job). */
export async function flushResults(session: SyncSession): Promise<void> {
  const pending = session.pending.splice(0);
  await recordResults(session.deps.db, pending);
}

/** A failure's message, with Graph's request-id when the message lacks it. */
export function failureMessage(f: TargetFailure): string {
  return f.requestId && !f.message.includes(f.requestId)
    ? `${f.message} (request-id ${f.requestId})`
    : f.message;
}

/** A provider-level failure (credentials, permissions) stops the run instead of failing one object. */
export function throwIfConfiguration(failure: TargetFailure): void {
  if (failure.kind === 'configuration')
    throw new SyncConfigurationError(failure.message, {
      status: failure.status,
      code: failure.code,
      request_id: failure.requestId,
    });
}
