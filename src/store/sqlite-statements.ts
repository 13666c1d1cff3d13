/**
 * Prepared statements reused by SQL text, for Kysely's SQLite dialect (which prepares every query
 * anew). A better-sqlite3 statement holds native memory until its JavaScript wrapper is garbage
 * collected, so preparing thousands per full sync left hundreds of megabytes of native memory
 * waiting on V8's garbage collector, and preparing cost more CPU than running most queries.
 *
 * Invariants: at most `max` statements are kept (least recently used dropped first); a statement
 * still being iterated (`busy`) is never handed out twice — a fresh one is prepared instead.
 */
import type { Database as BetterSqlite, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

export function cachingStatements(database: BetterSqlite, max = 256): SqliteDatabase & { cached(): number } {
  const cache = new Map<string, Statement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare(sql: string) {
      const found = cache.get(sql);
      if (found && !found.busy) {
        // Re-insert: a Map iterates in insertion order, so the first key is the least recently used.
        cache.delete(sql);
        cache.set(sql, found);
        return found;
      }
      const statement = database.prepare(sql);
      if (!found) {
        cache.set(sql, statement);
        if (cache.size > max) cache.delete(cache.keys().next().value as string);
      }
      return statement;
    },
    cached: () => cache.size,
  };
}
