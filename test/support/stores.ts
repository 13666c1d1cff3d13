/**
 * Fresh, migrated stores for tests, one per dialect: a temp SQLite file, or a new database in the
 * run's PostgreSQL cluster. Suites that touch storage run once per entry of `DIALECTS`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openStore, type Store } from '../../src/store/database.js';
import type { DialectName } from '../../src/store/dialect.js';

export const DIALECTS: DialectName[] = ['sqlite', 'postgres'];

let counter = 0;

/** The connection URL of a new, empty database of the given dialect. */
export async function createTestDatabaseUrl(
  dialect: DialectName,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'conduit-sqlite-'));
    return { url: join(dir, 'conduit.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const adminUrl = inject('postgresUrl');
  const name = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  return {
    url,
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestStore extends Store {
  url: string;
  dispose(): Promise<void>;
}

export async function createTestStore(dialect: DialectName): Promise<TestStore> {
  const { url, drop } = await createTestDatabaseUrl(dialect);
  const store = await openStore({ url, poolSize: 5 });
  return {
    ...store,
    url,
    async dispose() {
      await store.close();
      await drop();
    },
  };
}
