/**
 * Turns directory changes (outbox rows) into sync jobs, one per active provider, in the same
 * transaction that marks the rows dispatched: a change becomes its jobs exactly once, even with
 * several relays running (PostgreSQL `FOR UPDATE SKIP LOCKED`; SQLite has one writer).
 */
import type { Kysely, Transaction } from 'kysely';
import type { DirectoryChange } from '../directory/changes.js';
import { nowIso, readJson } from '../store/dialect.js';
import type { Database } from '../store/schema.js';
import { listActiveProviders } from '../sync/provider-records.js';
import type { SyncProvider } from '../sync/types.js';
import type { JobQueue, JobSpec } from './job-queue.js';
import { deletionSyncJob, fullSyncJob, membersSyncJob, objectSyncJob } from './job-specs.js';

/** The jobs one change needs, for the providers that are active now. */
export function jobsForChange(change: DirectoryChange, providers: SyncProvider[]): JobSpec[] {
  const jobs: JobSpec[] = [];
  switch (change.topic) {
    case 'user.saved':
      for (const p of providers) jobs.push(objectSyncJob(p.id, 'user', change.user_id));
      break;
    case 'group.saved':
      for (const p of providers) jobs.push(objectSyncJob(p.id, 'group', change.group_id));
      break;
    case 'user.deleted':
    case 'group.deleted': {
      const type = change.topic === 'user.deleted' ? 'user' : 'group';
      const localId = change.topic === 'user.deleted' ? change.user_id : change.group_id;
      const label = change.topic === 'user.deleted' ? change.username : change.name;
      // Deletions use the links captured before the local delete, whether or not the provider is still assigned.
      for (const link of change.links) {
        jobs.push(
          deletionSyncJob({ providerId: link.provider_id, type, remoteId: link.remote_id, label }, localId),
        );
      }
      break;
    }
    case 'group.members_added':
    case 'group.members_removed':
      for (const p of providers) {
        const removed = change.topic === 'group.members_removed' ? change.user_ids : [];
        const captured: Record<number, string> = {};
        if (change.topic === 'group.members_removed') {
          for (const [userId, links] of Object.entries(change.links)) {
            const link = links.find((l) => l.provider_id === p.id);
            if (link) captured[Number(userId)] = link.remote_id;
          }
        }
        jobs.push(
          membersSyncJob({
            providerId: p.id,
            groupId: change.group_id,
            added: change.topic === 'group.members_added' ? change.user_ids : [],
            removed,
            captured,
          }),
        );
      }
      break;
    case 'provider.saved':
    case 'provider.assigned':
      if (providers.some((p) => p.id === change.provider_id)) jobs.push(fullSyncJob(change.provider_id));
      break;
  }
  return jobs;
}

/** Dispatch up to `limit` outbox rows; returns how many were dispatched. */
export async function relayOutboxOnce(
  db: Kysely<Database>,
  dialect: 'sqlite' | 'postgres',
  queue: JobQueue,
  limit = 200,
): Promise<number> {
  return db.transaction().execute(async (trx: Transaction<Database>) => {
    let q = trx
      .selectFrom('outbox')
      .select(['id', 'topic', 'payload'])
      .where('dispatched_at', 'is', null)
      .orderBy('id')
      .limit(limit);
    if (dialect === 'postgres') q = q.forUpdate().skipLocked();
    const rows = await q.execute();
    if (rows.length === 0) return 0;
    const providers = await listActiveProviders(trx);
    const jobs = rows.flatMap((row) =>
      jobsForChange({ topic: row.topic, ...readJson<object>(row.payload, {}) } as DirectoryChange, providers),
    );
    await queue.addJobs(trx, jobs);
    await trx
      .updateTable('outbox')
      .set({ dispatched_at: nowIso() })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return rows.length;
  });
}

export interface OutboxRelay {
  wake(): void;
  /** Relay everything committed so far, and resolve when done. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

/** Relay continuously: at once when woken (after an API write), otherwise every `intervalMs`. */
export function startOutboxRelay(
  db: Kysely<Database>,
  dialect: 'sqlite' | 'postgres',
  queue: JobQueue,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): OutboxRelay {
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  const tick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      try {
        do {
          again = false;
          while ((await relayOutboxOnce(db, dialect, queue)) > 0) queue.wake();
        } while (again && !stopped);
      } catch (error) {
        options.onError?.(error);
      } finally {
        running = null;
      }
    })();
  };
  const timer = setInterval(tick, options.intervalMs ?? 500);
  timer.unref();
  tick();
  return {
    wake: tick,
    async flush() {
      while (running) await running;
      tick();
      while (running) await running;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
