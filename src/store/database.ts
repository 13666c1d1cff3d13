/**
 * Opens Conduit's database: an embedded SQLite file by default, PostgreSQL when given a
 * `postgres://` URL. Migrations run on every open and are idempotent.
 */

import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
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

/** PostgreSQL cannot be reached or refuses Conduit: says where (host and port, never the password) and why. */
export class DatabaseUnreachableError extends Error {
  readonly code = 'database_unreachable';
}

/** How long the first connection to PostgreSQL may take before Conduit gives up starting. */
const CONNECT_TIMEOUT_MS = 10_000;

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const store =
    options.url.startsWith('postgres://') || options.url.startsWith('postgresql://')
      ? openPostgres(options.url, options.poolSize ?? 10)
      : openSqlite(options.url);
  try {
    if (store.dialect === 'postgres') await checkPostgresReachable(options.url);
    await migrateToLatest(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

function openSqlite(path: string): Store {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // The file holds password hashes and sealed secrets: only Conduit's user may read it. SQLite
    // gives its -wal and -shm files the database file's mode.
    if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  }
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

/**
 * One connection attempt before migrating, so an unreachable or misconfigured PostgreSQL stops the
 * start at once with the host and port and the reason, instead of five migration retries ending in
 * "Database migration unknown failed: Error: connect ECONNREFUSED".
 */
async function checkPostgresReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseUnreachableError(
      `Cannot connect to PostgreSQL at ${postgresAddress(url)} (DATABASE_URL): ${connectFailure(error)}`,
      { cause: error },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** `host:port/database` of a connection URL, without its user name or password. */
function postgresAddress(url: string): string {
  try {
    const parsed = new URL(url);
    const database = parsed.pathname.replace(/^\//, '');
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${database ? `/${database}` : ''}`;
  } catch {
    return 'the configured address';
  }
}

/** What went wrong connecting, in words, from node's socket codes and PostgreSQL's SQLSTATEs. */
function connectFailure(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused (is PostgreSQL running and listening on that address?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve';
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the host cannot be reached';
    case '28P01':
    case '28000':
      return `authentication failed (${message})`;
    case '3D000':
      return `the database does not exist (${message})`;
    default:
      return /timeout/i.test(message) ? `no answer within ${CONNECT_TIMEOUT_MS / 1000} s` : message;
  }
}
