/**
 * Migration 0009: LDAP sources (authentik's `/sources/ldap/` model), their sync runs and per-entry
 * state, and the source that created each directory user and group.
 * Filled in with the LDAP source work; see docs/admin/ldap-sources.md.
 */
import type { Kysely, Migration } from 'kysely';
import type { DialectName } from './dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run before (and independently of) the typed schema.
type AnyDb = Kysely<any>;

export function ldapSources(_dialect: DialectName): Migration {
  return {
    async up(_db: AnyDb) {},
  };
}
