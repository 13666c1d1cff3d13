/**
 * Applying a CSV import: the writes of `planCsvImport`, through the directory's own functions so
 * that each change writes its outbox row (the Entra provider follows by direct sync) and its
 * audit event. Writes go in batches of {@link IMPORT_BATCH_SIZE} rows, one transaction per batch:
 * a batch that fails is rolled back whole and its rows are reported as not applied.
 *
 * With the preview's digest, apply refuses a plan that differs from the one the administrator saw
 * (the directory changed in between): what is applied is exactly what was previewed.
 */
import type { Kysely, Transaction } from 'kysely';
import { DirectoryValidationError } from '../../directory/errors.js';
import type { Actor } from '../../directory/types.js';
import { groupUuidsOfUsers, insertUser, patchUser } from '../../directory/users.js';
import type { Database } from '../../store/schema.js';
import {
  type CsvImportRequest,
  type ImportChange,
  type ImportPlan,
  type PlannedWrite,
  planCsvImport,
} from './import-plan.js';

type Db = Kysely<Database>;

/** Rows written per transaction. */
export const IMPORT_BATCH_SIZE = 100;

/** What happened to a row. */
export type ImportOutcome = 'created' | 'updated' | 'unchanged' | 'error' | 'rolled_back';

/** The result of one row. */
export interface ImportRowResult {
  row: number;
  outcome: ImportOutcome;
  key: string;
  username: string;
  user_pk: number | null;
  changes: ImportChange[];
  errors: string[];
  /** What the directory said about a save that happened (a username resembling another). */
  warnings: string[];
}

/** The result of an apply. */
export interface ImportResult {
  rows: ImportRowResult[];
  counts: Record<ImportOutcome, number>;
}

/** The preview the administrator saw is no longer what the file would do: preview again. */
export class CsvImportPlanChangedError extends Error {
  readonly code = 'import_plan_changed';
  constructor() {
    super(
      'The directory changed since the preview, so the import would now do something else. Preview the file again, then apply.',
    );
  }
}

function messageOf(error: unknown): string {
  if (error instanceof DirectoryValidationError) {
    return Object.entries(error.fields)
      .map(([field, messages]) => `${field}: ${messages.join(' ')}`)
      .join(' ');
  }
  return error instanceof Error ? error.message : String(error);
}

async function applyWrite(trx: Transaction<Database>, write: PlannedWrite, actor: Actor) {
  if (write.kind === 'create') return insertUser(trx, write.input, null, actor);
  const patch = { ...write.patch };
  if (write.addGroupUuids.length > 0) {
    // Memberships are only added: keep every group the user is in now, whoever added it.
    const current = (await groupUuidsOfUsers(trx, [write.pk])).get(write.pk) ?? [];
    patch.groups = [...new Set([...current, ...write.addGroupUuids])];
  }
  return patchUser(trx, write.pk, patch, actor);
}

function resultOf(plan: ImportPlan['rows'][number], outcome: ImportOutcome): ImportRowResult {
  return { ...plan, outcome, warnings: [] };
}

/**
 * Preview the import again and perform its writes. With `expectedDigest` (the preview's
 * `digest`), throws {@link CsvImportPlanChangedError} when the plan is no longer the one previewed.
 * Rows in error are not applied; applying the same file twice changes nothing the second time.
 */
export async function applyCsvImport(
  db: Db,
  request: CsvImportRequest,
  actor: Actor,
  options: { expectedDigest?: string } = {},
): Promise<ImportResult> {
  const { plan, writes } = await planCsvImport(db, request, actor);
  if (options.expectedDigest !== undefined && options.expectedDigest !== plan.digest) {
    throw new CsvImportPlanChangedError();
  }
  const results = new Map<number, ImportRowResult>();
  for (const row of plan.rows) {
    results.set(row.row, resultOf(row, row.action === 'error' ? 'error' : 'unchanged'));
  }
  for (let start = 0; start < writes.length; start += IMPORT_BATCH_SIZE) {
    const batch = writes.slice(start, start + IMPORT_BATCH_SIZE);
    try {
      const saved = await db.transaction().execute(async (trx) => {
        const out = [];
        for (const write of batch) {
          try {
            out.push({ write, user: await applyWrite(trx, write, actor) });
          } catch (error) {
            throw new Error(`row ${write.row.row} failed (${messageOf(error)})`, { cause: error });
          }
        }
        return out;
      });
      for (const { write, user } of saved) {
        results.set(write.row.row, {
          ...resultOf(write.row, write.kind === 'create' ? 'created' : 'updated'),
          user_pk: user.pk,
          username: user.username,
          warnings: user.warnings,
        });
      }
    } catch (error) {
      const first = batch[0]?.row.row;
      const last = batch[batch.length - 1]?.row.row;
      for (const write of batch) {
        results.set(write.row.row, {
          ...resultOf(write.row, 'rolled_back'),
          errors: [
            `Not applied: the batch of rows ${first}–${last} was rolled back because ${messageOf(error)}.`,
          ],
        });
      }
    }
  }
  const rows = plan.rows.map((r) => results.get(r.row) as ImportRowResult);
  const counts: Record<ImportOutcome, number> = {
    created: 0,
    updated: 0,
    unchanged: 0,
    error: 0,
    rolled_back: 0,
  };
  for (const row of rows) counts[row.outcome] += 1;
  return { rows, counts };
}
