/**
 * The one list of migrations for both dialects. Each migration is written once with Kysely's
 * schema builder; the only per-dialect choices are the column types from `columnTypes` and the
 * auto-increment primary key (column groups several tables share are in migration-columns.ts).
 * Never edit a released migration: add the next one.
 */
import type { Migration, MigrationProvider } from 'kysely';
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
import { entraModelTables } from './migration-entra-model.js';
import { heldChangeTables } from './migration-held-changes.js';
import { ldapSources } from './migration-ldap-sources.js';
import { notificationTables } from './migration-notifications.js';
import { providerStateTables } from './migration-provider-state.js';
import { retentionTables } from './migration-retention.js';

function initial(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: AnyDb) {
      await serialId(db.schema.createTable('users'), dialect)
        .addColumn('uuid', 'text', (c) => c.notNull().unique())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('is_active', t.bool, (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('attributes', t.json, (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('password_change_date', t.timestamp)
        .addColumn('last_login', t.timestamp)
        .addColumn('date_joined', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await createPlainIndex(db, 'users_email', 'users', ['email']);

      await serialId(db.schema.createTable('groups'), dialect)
        .addColumn('group_uuid', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('is_superuser', t.bool, (c) => c.notNull())
        .addColumn('attributes', t.json, (c) => c.notNull())
        .$call(createdAndUpdated(t))
        .execute();

      await db.schema
        .createTable('group_parents')
        .$call(belongsTo('group_id', 'groups.id'))
        .$call(belongsTo('parent_id', 'groups.id'))
        .addPrimaryKeyConstraint('group_parents_pk', ['group_id', 'parent_id'])
        .execute();

      await db.schema
        .createTable('group_members')
        .$call(belongsTo('group_id', 'groups.id'))
        .$call(belongsTo('user_id', 'users.id'))
        .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'user_id'])
        .execute();
      await createPlainIndex(db, 'group_members_user', 'group_members', ['user_id']);

      await serialId(db.schema.createTable('providers'), dialect)
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('backchannel_application_uuid', 'text')
        .addColumn('filter_group_id', 'integer', (c) => c.references('groups.id').onDelete('set null'))
        .addColumn('settings', t.json, (c) => c.notNull())
        .addColumn('secrets', 'text')
        .$call(createdAndUpdated(t))
        .execute();

      await db.schema
        .createTable('applications')
        .addColumn('uuid', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('provider_id', 'integer', (c) => c.references('providers.id').onDelete('set null'))
        .addColumn('group', 'text', (c) => c.notNull())
        .addColumn('meta_launch_url', 'text', (c) => c.notNull())
        .addColumn('meta_description', 'text', (c) => c.notNull())
        .addColumn('meta_publisher', 'text', (c) => c.notNull())
        .addColumn('meta_icon', 'text')
        .addColumn('open_in_new_tab', t.bool, (c) => c.notNull())
        .addColumn('policy_engine_mode', 'text', (c) => c.notNull())
        .$call(createdAndUpdated(t))
        .execute();

      await db.schema
        .createTable('property_mappings')
        .addColumn('uuid', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('expression', 'text', (c) => c.notNull())
        .addColumn('managed', 'text', (c) => c.unique())
        .$call(createdAndUpdated(t))
        .execute();

      await createMappingAssignments(
        db,
        'provider_mappings',
        { column: 'provider_id', target: 'providers.id' },
        ['provider_id', 'mapping_uuid', 'kind'],
      );

      await db.schema
        .createTable('sync_links')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .$call(belongsTo('provider_id', 'providers.id'))
        .addColumn('object_type', 'text', (c) => c.notNull())
        .addColumn('local_id', 'integer', (c) => c.notNull())
        .addColumn('remote_id', 'text')
        .addColumn('attributes', t.json, (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('last_request_id', 'text')
        .addColumn('last_synced_at', t.timestamp)
        .$call(createdAndUpdated(t))
        .addUniqueConstraint('sync_links_object', ['provider_id', 'object_type', 'local_id'])
        .execute();
      await createPlainIndex(db, 'sync_links_remote', 'sync_links', [
        'provider_id',
        'object_type',
        'remote_id',
      ]);

      await db.schema
        .createTable('sync_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .$call(belongsTo('provider_id', 'providers.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('dry_run', t.bool, (c) => c.notNull())
        .$call(runProgress(t))
        .$call(runClock(t))
        .execute();
      await createPlainIndex(db, 'sync_runs_provider', 'sync_runs', ['provider_id', 'started_at']);

      await db.schema
        .createTable('sync_results')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('run_id', 'text', (c) => c.references('sync_runs.id').onDelete('cascade'))
        .$call(belongsTo('provider_id', 'providers.id'))
        .addColumn('object_type', 'text', (c) => c.notNull())
        .addColumn('local_id', 'integer')
        .addColumn('remote_id', 'text')
        .addColumn('operation', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('message', 'text')
        .addColumn('graph_request_id', 'text')
        .addColumn('detail', t.json, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await createPlainIndex(db, 'sync_results_run', 'sync_results', ['run_id']);
      await createPlainIndex(db, 'sync_results_object', 'sync_results', [
        'provider_id',
        'object_type',
        'local_id',
      ]);

      await db.schema
        .createTable('events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('app', 'text', (c) => c.notNull())
        .addColumn('actor', t.json, (c) => c.notNull())
        .addColumn('context', t.json, (c) => c.notNull())
        .addColumn('client_ip', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await createPlainIndex(db, 'events_created', 'events', ['created_at']);

      await serialId(db.schema.createTable('outbox'), dialect)
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('payload', t.json, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('dispatched_at', t.timestamp)
        .execute();
      await createPlainIndex(db, 'outbox_pending', 'outbox', ['dispatched_at', 'id']);

      await serialId(db.schema.createTable('jobs'), dialect)
        .addColumn('task', 'text', (c) => c.notNull())
        .addColumn('payload', t.json, (c) => c.notNull())
        .addColumn('queue_name', 'text')
        .addColumn('job_key', 'text', (c) => c.unique())
        .addColumn('run_at', t.timestamp, (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('max_attempts', 'integer', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('locked_at', t.timestamp)
        .addColumn('locked_by', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await createPlainIndex(db, 'jobs_ready', 'jobs', ['run_at', 'id']);

      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('identifier', 'text', (c) => c.notNull().unique())
        .$call(belongsTo('user_id', 'users.id'))
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('intent', 'text', (c) => c.notNull())
        .addColumn('expiring', t.bool, (c) => c.notNull())
        .addColumn('expires', t.timestamp)
        .addColumn('managed', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .$call(belongsTo('user_id', 'users.id'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', t.json, (c) => c.notNull())
        .execute();
    },
  };
}

/** The shared Graph write budget: one token bucket per app registration + tenant (see ADR 0003). */
const writeBudgets: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('conduit_write_budgets')
      .ifNotExists()
      .addColumn('budget_key', 'text', (c) => c.primaryKey())
      .addColumn('tokens', 'double precision', (c) => c.notNull())
      .addColumn('refreshed_ms', 'double precision', (c) => c.notNull())
      .execute();
  },
};

/**
 * Full syncs split into page jobs (issue 5): a run's phase and options, its pages (the unit any
 * worker can take), and the discovery listing kept in the database instead of one process's memory.
 */
function fullSyncPages(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('sync_runs').addColumn('phase', 'text').execute();
      await db.schema.alterTable('sync_runs').addColumn('discovered_at', t.timestamp).execute();
      await db.schema.alterTable('sync_runs').addColumn('options', t.json).execute();
      await db.schema
        .createTable('sync_run_pages')
        .$call(belongsTo('run_id', 'sync_runs.id', 'text'))
        .addColumn('phase', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('after_id', 'integer', (c) => c.notNull())
        .addColumn('last_id', 'integer')
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('finished_at', t.timestamp)
        .addPrimaryKeyConstraint('sync_run_pages_pk', ['run_id', 'phase', 'seq'])
        .execute();
      await db.schema
        .createTable('sync_discovery')
        .$call(belongsTo('run_id', 'sync_runs.id', 'text'))
        .addColumn('object_type', 'text', (c) => c.notNull())
        .addColumn('match_key', 'text', (c) => c.notNull())
        .addColumn('match_value', 'text', (c) => c.notNull())
        .addColumn('remote_id', 'text', (c) => c.notNull())
        .addColumn('properties', t.json)
        .execute();
      await createPlainIndex(db, 'sync_discovery_match', 'sync_discovery', [
        'run_id',
        'object_type',
        'match_key',
        'match_value',
      ]);
    },
  };
}

/**
 * One remote object is linked to at most one local object per provider and type: deleting either
 * of two would delete the account the other still relies on. Links that already share a remote id
 * (possible before this migration, through manual links) keep the oldest; the others lose their
 * remote id and say why, so the next sync reports them instead of deleting through them.
 */
const uniqueRemoteLinks: Migration = {
  async up(db: AnyDb) {
    const shared = await db
      .selectFrom('sync_links')
      .select(['provider_id', 'object_type', 'remote_id'])
      .where('remote_id', 'is not', null)
      .groupBy(['provider_id', 'object_type', 'remote_id'])
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    for (const s of shared) {
      const links = await db
        .selectFrom('sync_links')
        .select(['id', 'local_id'])
        .where('provider_id', '=', s.provider_id)
        .where('object_type', '=', s.object_type)
        .where('remote_id', '=', s.remote_id)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      const [kept, ...others] = links;
      for (const other of others)
        await db
          .updateTable('sync_links')
          .set({
            remote_id: null,
            state: 'error',
            last_error: `Unlinked on upgrade: Entra object ${s.remote_id} was also linked to local ${s.object_type} #${kept?.local_id}. Link it again if it is this one.`,
          })
          .where('id', '=', other.id)
          .execute();
    }
    await db.schema.dropIndex('sync_links_remote').execute();
    await db.schema
      .createIndex('sync_links_remote')
      .on('sync_links')
      .columns(['provider_id', 'object_type', 'remote_id'])
      .unique()
      .where('remote_id', 'is not', null)
      .execute();
  },
};

/** Who holds a create claim (`claimCreate`), so a second writer cannot take it while the first is sending. */
const createClaims: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('sync_links').addColumn('claimed_by', 'text').execute();
  },
};

/**
 * Repeated events are counted on one row instead of written again (`fingerprint` of action, actor,
 * address and context; `repeat_count`, `last_seen_at`), and a provider remembers the configuration
 * error that stopped it (credentials, permissions), so its object jobs fail once, not once each.
 */
function eventRepeatsAndProviderErrors(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: AnyDb) {
      await db.schema
        .alterTable('events')
        .addColumn('repeat_count', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.alterTable('events').addColumn('fingerprint', 'text').execute();
      await db.schema.alterTable('events').addColumn('last_seen_at', t.timestamp).execute();
      await createPlainIndex(db, 'events_fingerprint', 'events', ['fingerprint', 'created_at']);
      await createPlainIndex(db, 'events_client_ip', 'events', ['client_ip', 'created_at']);
      await db.schema.alterTable('providers').addColumn('config_error', 'text').execute();
      await db.schema.alterTable('providers').addColumn('config_error_at', t.timestamp).execute();
    },
  };
}

/**
 * A provider's Graph delta links (one per object type), so a full sync after the first reads only
 * what changed in the tenant instead of listing it (docs/adr/0007-delta-drift.md).
 */
function deltaLinks(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('sync_delta_links')
        .$call(belongsTo('provider_id', 'providers.id'))
        .addColumn('object_type', 'text', (c) => c.notNull())
        .addColumn('delta_link', 'text', (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('sync_delta_links_pk', ['provider_id', 'object_type'])
        .execute();
    },
  };
}

/** Migrations by name; names sort in the order they apply. */
export function migrationsFor(dialect: DialectName): Record<string, Migration> {
  return {
    '0001-initial': initial(dialect),
    '0002-write-budgets': writeBudgets,
    '0004-full-sync-pages': fullSyncPages(dialect),
    '0005-unique-remote-links': uniqueRemoteLinks,
    '0006-create-claims': createClaims,
    '0007-event-repeats-and-provider-errors': eventRepeatsAndProviderErrors(dialect),
    '0008-delta-links': deltaLinks(dialect),
    '0009-ldap-sources': ldapSources(dialect),
    '0010-notifications': notificationTables(dialect),
    '0011-held-changes': heldChangeTables(dialect),
    '0012-provider-state': providerStateTables(dialect),
    '0013-retention': retentionTables(dialect),
    '0014-entra-model': entraModelTables(dialect),
  };
}

export function migrationProvider(dialect: DialectName): MigrationProvider {
  return { getMigrations: async () => migrationsFor(dialect) };
}
