/**
 * Migration 0012: staged offboarding, pause and quarantine state (issue 14).
 * (Being filled in: add tables/columns here; keep the function's name.)
 */
import type { Migration } from 'kysely';
import type { DialectName } from './dialect.js';
import type { AnyDb } from './migration-columns.js';

export function providerStateTables(dialect: DialectName): Migration {
  void dialect;
  return {
    async up(db: AnyDb) {
      void db;
    },
  };
}
