/**
 * Migration 0009: LDAP sources (authentik's `/sources/ldap/` model), their property mappings, their
 * sync runs and per-object results, and the source that created each directory user and group
 * (connections). See docs/admin/ldap-sources.md.
 */
import type { Migration } from 'kysely';
import { columnTypes, type DialectName } from './dialect.js';
import {
  type AnyDb,
  belongsTo,
  createdAndUpdated,
  createMappingAssignments,
  createPlainIndex,
  runClock,
  runProgress,
  serialId,
} from './migration-columns.js';

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
        .$call(createdAndUpdated(t))
        .execute();

      await createMappingAssignments(
        db,
        'source_mappings',
        { column: 'source_id', target: 'ldap_sources.id' },
        ['source_id', 'kind', 'mapping_uuid'],
      );

      await serialId(db.schema.createTable('source_user_connections'), dialect)
        .$call(belongsTo('source_id', 'ldap_sources.id'))
        .addColumn('user_id', 'integer', (c) =>
          c.notNull().unique().references('users.id').onDelete('cascade'),
        )
        .addColumn('identifier', 'text', (c) => c.notNull())
        .addColumn('dn', 'text', (c) => c.notNull())
        .addColumn('member_key', 'text')
        .addColumn('member_of', t.json, (c) => c.notNull())
        .addColumn('stamp', 'text')
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .$call(createdAndUpdated(t))
        .addUniqueConstraint('source_user_connections_identifier', ['source_id', 'identifier'])
        .execute();

      await serialId(db.schema.createTable('source_group_connections'), dialect)
        .$call(belongsTo('source_id', 'ldap_sources.id'))
        .addColumn('group_id', 'integer', (c) =>
          c.notNull().unique().references('groups.id').onDelete('cascade'),
        )
        .addColumn('identifier', 'text', (c) => c.notNull())
        .addColumn('dn', 'text', (c) => c.notNull())
        .addColumn('members', t.json, (c) => c.notNull())
        .addColumn('stamp', 'text')
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .$call(createdAndUpdated(t))
        .addUniqueConstraint('source_group_connections_identifier', ['source_id', 'identifier'])
        .execute();

      await db.schema
        .createTable('source_sync_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .$call(belongsTo('source_id', 'ldap_sources.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('mode', 'text')
        .addColumn('phase', 'text')
        .$call(runProgress(t))
        .addColumn('held_deletions', t.json)
        .addColumn('options', t.json, (c) => c.notNull())
        .addColumn('cursor', t.json)
        .$call(runClock(t))
        .execute();
      await createPlainIndex(db, 'source_sync_runs_source', 'source_sync_runs', ['source_id', 'started_at']);

      await serialId(db.schema.createTable('source_sync_results'), dialect)
        .$call(belongsTo('run_id', 'source_sync_runs.id', 'text'))
        .$call(belongsTo('source_id', 'ldap_sources.id'))
        .addColumn('object_type', 'text', (c) => c.notNull())
        .addColumn('dn', 'text')
        .addColumn('local_id', 'integer')
        .addColumn('operation', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('message', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await createPlainIndex(db, 'source_sync_results_run', 'source_sync_results', ['run_id']);
    },
  };
}
