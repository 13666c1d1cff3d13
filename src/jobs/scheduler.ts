/**
 * Periodic full syncs: each active provider every `sync_interval_minutes` (default 4 hours), at a
 * per-provider offset so providers do not all start together. Several schedulers may run (one per
 * process); a compare-and-set on the provider's "last scheduled period" row makes exactly one of
 * them enqueue each period.
 */
import type { Kysely } from 'kysely';
import { writeJson } from '../store/dialect.js';
import type { Database } from '../store/schema.js';
import { listActiveProviders } from '../sync/provider-records.js';
import type { JobQueue } from './job-queue.js';
import { fullSyncJob } from './outbox-relay.js';

/** Start of the current period for a provider: intervals offset by a stable per-provider amount. */
export function periodStart(now: number, intervalMinutes: number, providerId: number): number {
  const interval = Math.max(1, intervalMinutes) * 60_000;
  const offset = (((providerId * 2_654_435_761) % 3_600) * 1000) % interval;
  return Math.floor((now - offset) / interval) * interval + offset;
}

/** Enqueue the full syncs that are due; returns the provider ids this call scheduled. */
export async function scheduleDueFullSyncs(
  db: Kysely<Database>,
  queue: JobQueue,
  now = Date.now(),
): Promise<number[]> {
  const scheduled: number[] = [];
  for (const provider of await listActiveProviders(db)) {
    const period = periodStart(now, provider.settings.sync_interval_minutes, provider.id);
    const key = `schedule:provider:${provider.id}`;
    const claimed = await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
      const last = row ? Number(typeof row.value === 'string' ? JSON.parse(row.value) : row.value) : null;
      if (last !== null && last >= period) return false;
      if (row) {
        const result = await trx
          .updateTable('settings')
          .set({ value: writeJson(period) })
          .where('key', '=', key)
          .where('value', '=', writeJson(last))
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return false;
      } else {
        const result = await trx
          .insertInto('settings')
          .values({ key, value: writeJson(period) })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
      }
      // The first period after assignment is covered by the full sync that the assignment started.
      if (last === null) return false;
      await queue.addJobs(trx, [fullSyncJob(provider.id)]);
      return true;
    });
    if (claimed) scheduled.push(provider.id);
  }
  if (scheduled.length > 0) queue.wake();
  return scheduled;
}

export interface Scheduler {
  stop(): void;
}

export function startScheduler(
  db: Kysely<Database>,
  queue: JobQueue,
  options: { intervalMs?: number; onError?: (e: unknown) => void } = {},
): Scheduler {
  const timer = setInterval(() => {
    scheduleDueFullSyncs(db, queue).catch((e) => options.onError?.(e));
  }, options.intervalMs ?? 30_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
