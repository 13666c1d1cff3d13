/**
 * Migration 0013: retention of run results and events, metrics state (issue 18).
 * (Being filled in: add tables/columns here; keep the function's name.)
 */
import type { Migration } from 'kysely';
import type { DialectName } from './dialect.js';
import type { AnyDb } from './migration-columns.js';

export function retentionTables(dialect: DialectName): Migration {
  void dialect;
  return {
    async up(db: AnyDb) {
      void db;
    },
  };
}
