/**
 * A Graph write budget shared by every Conduit process that writes to one tenant with one app
 * registration (3,000 writes per 2 min 30 s per app + tenant, i.e. 20/s:
 * https://learn.microsoft.com/en-us/graph/throttling-limits#identity-and-access-service-limits). Each
 * process's Graph client paces itself, but N workers pacing independently send N times the
 * quota and collect 429s; this budget is one token bucket per app + tenant in PostgreSQL.
 *
 * Invariants:
 * - one `INSERT … ON CONFLICT DO UPDATE … RETURNING` per acquisition: the row lock makes
 *   concurrent acquisitions from any number of processes serialise, so the bucket never hands
 *   out more than `writesPerSecond × elapsed + burst` writes;
 * - a reservation always succeeds and may leave the bucket negative (debt); the caller then waits
 *   `debt / rate` before sending. Waiting happens outside any transaction;
 * - time is PostgreSQL's `clock_timestamp()`, one clock for all machines;
 * - this budget only spaces writes; 429 handling (Retry-After, backoff, the adaptive rate) stays
 *   in the Graph client, which still paces each process on its own.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../store/schema.js';
import type { SyncDeps, TargetFactory } from '../sync/session.js';
import type { MemberChangeResult, SyncProvider, SyncTarget, WriteResult } from '../sync/types.js';

/**
 * Writes per `$batch` envelope (https://learn.microsoft.com/en-us/graph/json-batching) and per
 * `members@odata.bind` PATCH (https://learn.microsoft.com/en-us/graph/api/group-post-members).
 */
const CHUNK = 20;

export interface WriteBudget {
  /** Reserve `writes` writes under `key`; resolves when they may be sent. */
  acquire(key: string, writes: number): Promise<void>;
}

export interface PostgresWriteBudgetOptions {
  /** Sustained rate per key (default 19/s, just under Graph's 20/s per app + tenant). */
  writesPerSecond?: number;
  /** Writes that may be sent at once after an idle period (default 20: one `$batch`). */
  burst?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** A token bucket per key in the `conduit_write_budgets` table (migration 0002-write-budgets). */
export function createPostgresWriteBudget(
  db: Kysely<Database>,
  options: PostgresWriteBudgetOptions = {},
): WriteBudget {
  const rate = options.writesPerSecond ?? 19;
  const burst = options.burst ?? CHUNK;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  if (!(rate > 0)) throw new RangeError('writesPerSecond must be positive');
  return {
    async acquire(key, writes) {
      if (writes <= 0) return;
      const result = await sql<{ tokens: number }>`
        insert into conduit_write_budgets as b (budget_key, tokens, refreshed_ms)
        values (${key}, ${burst}::float8 - ${writes}::float8, extract(epoch from clock_timestamp()) * 1000)
        on conflict (budget_key) do update set
          tokens = least(${burst}::float8, b.tokens + (excluded.refreshed_ms - b.refreshed_ms) / 1000.0 * ${rate}::float8) - ${writes}::float8,
          refreshed_ms = excluded.refreshed_ms
        returning tokens`.execute(db);
      const tokens = Number(result.rows[0]?.tokens ?? 0);
      if (tokens < 0) await sleep((-tokens / rate) * 1000);
    },
  };
}

/** The budget key of a provider: its tenant and app registration (Graph's quota scope). */
export function writeBudgetKey(provider: SyncProvider): string {
  return `graph:${String(provider.settings.tenant_id ?? '')}:${String(provider.settings.client_id ?? '')}`;
}

async function inChunks<T, R>(
  items: T[],
  acquire: (n: number) => Promise<void>,
  send: (chunk: T[]) => Promise<R[]>,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) {
    const chunk = items.slice(i, i + CHUNK);
    await acquire(chunk.length);
    out.push(...(await send(chunk)));
  }
  return out;
}

/** A member change sent in chunks: the chunks' failures and unsent requests together. */
async function memberChangeInChunks(
  ids: string[],
  acquire: (n: number) => Promise<void>,
  send: (chunk: string[]) => Promise<MemberChangeResult>,
): Promise<MemberChangeResult> {
  const results = await inChunks(ids, acquire, async (chunk) => [await send(chunk)]);
  return {
    failures: results.flatMap((r) => r.failures),
    notSent: results.flatMap((r) => r.notSent),
  };
}

/**
 * The same target, with every write reserved in the shared budget first, in chunks of 20 (one
 * `$batch`) so several workers interleave instead of one reserving a whole page. Dry-run targets
 * send no writes and are not wrapped by `withWriteBudget`.
 */
export function budgetedTarget(target: SyncTarget, acquire: (writes: number) => Promise<void>): SyncTarget {
  return {
    ...target,
    createMany: (type, bodies) =>
      inChunks<Record<string, unknown>, WriteResult>(bodies, acquire, (c) => target.createMany(type, c)),
    updateMany: (type, patches) => inChunks(patches, acquire, (c) => target.updateMany(type, c)),
    deleteMany: (type, ids) => inChunks(ids, acquire, (c) => target.deleteMany(type, c)),
    // One PATCH with members@odata.bind carries up to 20 members: one write per 20.
    addMembers: (group, ids) =>
      memberChangeInChunks(
        ids,
        () => acquire(1),
        (c) => target.addMembers(group, c),
      ),
    removeMembers: (group, ids) => memberChangeInChunks(ids, acquire, (c) => target.removeMembers(group, c)),
  };
}

/** Wrap every target factory of `deps` so its writes draw on the shared budget of its tenant. */
export function withWriteBudget(deps: SyncDeps, budget: WriteBudget): SyncDeps {
  const targets: Record<string, TargetFactory> = {};
  for (const [type, factory] of Object.entries(deps.targets)) {
    targets[type] = async (provider, secrets, options) => {
      const target = await factory(provider, secrets, options);
      if (options.dryRun) return target;
      const key = writeBudgetKey(provider);
      return budgetedTarget(target, (writes) => budget.acquire(key, writes));
    };
  }
  return { ...deps, targets };
}
