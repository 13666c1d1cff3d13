/**
 * Periodic work, on one tick:
 * - full syncs: each active provider every `sync_interval_minutes` (default 4 hours), at a
 *   per-provider offset so providers do not all start together. Several schedulers may run (one per
 *   process); a compare-and-set on the provider's "last scheduled period" row makes exactly one of
 *   them enqueue each period;
 * - LDAP source syncs: the sources `dueLdapSourceSyncs` names, one pending job per source (job key).
 */
import type { Kysely } from 'kysely';
import { dueLdapSourceSyncs } from '../sources/ldap/ldap-jobs.js';
import { writeJson } from '../store/dialect.js';
import type { Database } from '../store/schema.js';
import { listActiveProviders } from '../sync/provider-records.js';
import type { JobQueue } from './job-queue.js';
import { fullSyncJob, ldapSourceSyncJob } from './job-specs.js';

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

/** Enqueue the LDAP source syncs that are due; returns the source ids. */
export async function scheduleDueLdapSyncs(
  db: Kysely<Database>,
  queue: JobQueue,
  now = Date.now(),
): Promise<number[]> {
  const due = await dueLdapSourceSyncs(db, new Date(now));
  if (due.length === 0) return [];
  await db.transaction().execute((trx) =>
    queue.addJobs(
      trx,
      due.map((payload) => ldapSourceSyncJob(payload)),
    ),
  );
  queue.wake();
  return due.map((payload) => payload.sourceId);
}

/** One scheduler tick: the due full syncs and LDAP source syncs; returns the provider ids scheduled. */
export async function scheduleDue(
  db: Kysely<Database>,
  queue: JobQueue,
  now = Date.now(),
): Promise<number[]> {
  const providers = await scheduleDueFullSyncs(db, queue, now);
  await scheduleDueLdapSyncs(db, queue, now);
  return providers;
}

export interface Scheduler {
  /** Stop ticking; resolves once a tick in progress has finished. */
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  /** Time between ticks (default 30 s). */
  intervalMs?: number;
  /** The clock (tests warp time); default `Date.now`. */
  now?: () => number;
  /** Called with the provider ids a tick scheduled full syncs for (tests, metrics). */
  onScheduled?: (providerIds: number[], now: number) => void;
  onError?: (error: unknown) => void;
  /** Keep the process alive for the scheduler alone (a worker process); default false. */
  keepAlive?: boolean;
}

/** Run `scheduleDue` every `intervalMs` in this process; a tick never overlaps the previous one. */
export function startScheduler(
  db: Kysely<Database>,
  queue: JobQueue,
  options: SchedulerOptions = {},
): Scheduler {
  const now = options.now ?? Date.now;
  let ticking: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (ticking) return;
    const at = now();
    ticking = scheduleDue(db, queue, at)
      .then((ids) => {
        if (ids.length > 0) options.onScheduled?.(ids, at);
      })
      .catch((e: unknown) => options.onError?.(e))
      .finally(() => {
        ticking = null;
      });
  }, options.intervalMs ?? 30_000);
  if (!options.keepAlive) timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await ticking;
    },
  };
}
