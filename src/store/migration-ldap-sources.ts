/**
 * Migration 0009: LDAP sources (authentik's `/sources/ldap/` model), their property mappings, their
 * sync runs and per-object results, and the source that created each directory user and group
 * (connections). See docs/admin/ldap-sources.md.
 */
import type { CreateTableBuilder, Kysely, Migration } from 'kysely';
import { columnTypes, type DialectName } from './dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run before (and independently of) the typed schema.
type AnyDb = Kysely<any>;
// biome-ignore lint/suspicious/noExplicitAny: the schema builder's table types are open during migration.
type Table = CreateTableBuilder<string, any>;

function serialId(table: Table, dialect: DialectName): Table {
  return dialect === 'sqlite'
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity());
}

export function ldapSources(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: AnyDb) {
      await serialId(db.schema.createTable('ldap_sources'), dialect)
        .addColumn('uuid', 'text', (c) => c.notNull().unique())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('enabled', t.bool, (c) => c.notNull())
        .addColumn('settings', t.json, (c) => c.notNull())
        .addColumn('bind_password', 'text')
        .addColumn('connectivity', t.json)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('source_mappings')
        .addColumn('source_id', 'integer', (c) =>
          c.notNull().references('ldap_sources.id').onDelete('cascade'),
        )
        .addColumn('mapping_uuid', 'text', (c) =>
          c.notNull().references('property_mappings.uuid').onDelete('cascade'),
        )
        .addColumn('kind', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('source_mappings_pk', ['source_id', 'kind', 'mapping_uuid'])
        .execute();

      await serialId(db.schema.createTable('source_user_connections'), dialect)
        .addColumn('source_id', 'integer', (c) =>
          c.notNull().references('ldap_sources.id').onDelete('cascade'),
        )
        .addColumn('user_id', 'integer', (c) =>
          c.notNull().unique().references('users.id').onDelete('cascade'),
        )
        .addColumn('identifier', 'text', (c) => c.notNull())
        .addColumn('dn', 'text', (c) => c.notNull())
        .addColumn('member_key', 'text')
        .addColumn('member_of', t.json, (c) => c.notNull())
        .addColumn('stamp', 'text')
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('source_user_connections_identifier', ['source_id', 'identifier'])
        .execute();

      await serialId(db.schema.createTable('source_group_connections'), dialect)
        .addColumn('source_id', 'integer', (c) =>
          c.notNull().references('ldap_sources.id').onDelete('cascade'),
        )
        .addColumn('group_id', 'integer', (c) =>
          c.notNull().unique().references('groups.id').onDelete('cascade'),
        )
        .addColumn('identifier', 'text', (c) => c.notNull())
        .addColumn('dn', 'text', (c) => c.notNull())
        .addColumn('members', t.json, (c) => c.notNull())
        .addColumn('stamp', 'text')
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('source_group_connections_identifier', ['source_id', 'identifier'])
        .execute();

      await db.schema
        .createTable('source_sync_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('source_id', 'integer', (c) =>
          c.notNull().references('ldap_sources.id').onDelete('cascade'),
        )
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('mode', 'text')
        .addColumn('phase', 'text')
        .addColumn('total', 'integer', (c) => c.notNull())
        .addColumn('done', 'integer', (c) => c.notNull())
        .addColumn('counts', t.json, (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('held_deletions', t.json)
        .addColumn('options', t.json, (c) => c.notNull())
        .addColumn('cursor', t.json)
        .addColumn('started_at', t.timestamp, (c) => c.notNull())
        .addColumn('heartbeat_at', t.timestamp, (c) => c.notNull())
        .addColumn('finished_at', t.timestamp)
        .execute();
      await db.schema
        .createIndex('source_sync_runs_source')
        .on('source_sync_runs')
        .columns(['source_id', 'started_at'])
        .execute();

      await serialId(db.schema.createTable('source_sync_results'), dialect)
        .addColumn('run_id', 'text', (c) => c.notNull().references('source_sync_runs.id').onDelete('cascade'))
        .addColumn('source_id', 'integer', (c) =>
          c.notNull().references('ldap_sources.id').onDelete('cascade'),
        )
        .addColumn('object_type', 'text', (c) => c.notNull())
        .addColumn('dn', 'text')
        .addColumn('local_id', 'integer')
        .addColumn('operation', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('message', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('source_sync_results_run')
        .on('source_sync_results')
        .column('run_id')
        .execute();
    },
  };
}
