/**
 * Opens Conduit's database: an embedded SQLite file by default, PostgreSQL when given a
 * `postgres://` URL. Migrations run on every open and are idempotent.
 */

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { type DialectName, SqliteBooleanPlugin } from './dialect.js';
import { migrationProvider } from './migrations.js';
import type { Database } from './schema.js';
import { cachingStatements } from './sqlite-statements.js';

export type Db = Kysely<Database>;

export interface Store {
  db: Db;
  dialect: DialectName;
  /** The PostgreSQL connection string, when on PostgreSQL (the job queue opens its own pool). */
  postgresUrl?: string;
  /** The SQLite file, when on SQLite. */
  sqlitePath?: string;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** `postgres://…` for PostgreSQL; otherwise a path to the SQLite file (`:memory:` for a throwaway). */
  url: string;
  /** Pool size on PostgreSQL. */
  poolSize?: number;
}

export class MigrationFailedError extends Error {
  readonly code = 'migration_failed';
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const store =
    options.url.startsWith('postgres://') || options.url.startsWith('postgresql://')
      ? openPostgres(options.url, options.poolSize ?? 10)
      : openSqlite(options.url);
  try {
    await migrateToLatest(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

function openSqlite(path: string): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new SqliteDatabase(path);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: cachingStatements(database) }),
    plugins: [new SqliteBooleanPlugin()],
  });
  return { db, dialect: 'sqlite', sqlitePath: path, close: () => db.destroy() };
}

function openPostgres(url: string, max: number): Store {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection closed by the server (restart, failover, a dropped database) must not crash
  // the process: the pool discards it and the next query opens a new one.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', postgresUrl: url, close: () => db.destroy() };
}

async function migrateToLatest(store: Store): Promise<void> {
  const migrator = new Migrator({ db: store.db, provider: migrationProvider(store.dialect) });
  let outcome = await migrator.migrateToLatest();
  // Processes starting together (several workers) may catch another one's schema changes half-way
  // (the migrator inspects the catalog): such an error is transient, so try again a few times.
  for (let attempt = 1; outcome.error && attempt < 5; attempt++) {
    await new Promise((r) => setTimeout(r, 200 * attempt));
    outcome = await migrator.migrateToLatest();
  }
  const { error, results } = outcome;
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationFailedError(`Database migration ${failed} failed: ${String(error)}`, { cause: error });
  }
}
