/**
 * Migration 0014: the Entra data model: managed references, licences, owners, guests (issue 16).
 * (Being filled in: add tables/columns here; keep the function's name.)
 */
import type { Migration } from 'kysely';
import type { DialectName } from './dialect.js';
import type { AnyDb } from './migration-columns.js';

export function entraModelTables(dialect: DialectName): Migration {
  void dialect;
  return {
    async up(db: AnyDb) {
      void db;
    },
  };
}
