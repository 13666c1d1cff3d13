/**
 * Conduit's database schema, as Kysely sees it. One schema for SQLite and PostgreSQL:
 * booleans, JSON and timestamps differ between the two and are converted in `dialect.ts`,
 * so the column types here name what a query may write (`boolean`, JSON text, ISO text)
 * and the query modules read rows through the `read*` helpers of that file.
 */
import type { ColumnType, Generated } from 'kysely';
import type { EntraModelTables } from './schema-entra-model.js';
import type { HeldChangeTables } from './schema-held-changes.js';
import type { NotificationTables } from './schema-notifications.js';
import type { ProviderStateTables } from './schema-provider-state.js';
import type { RetentionTables } from './schema-retention.js';
import type { SourceTables } from './schema-sources.js';

/** A boolean column: SQLite stores 0/1, PostgreSQL `boolean`. Read with `readBool`. */
export type Bool = ColumnType<boolean | number, boolean, boolean>;
/** A JSON column: written as JSON text (`writeJson`), read with `readJson` (PostgreSQL returns parsed jsonb). */
export type Json = ColumnType<unknown, string, string>;
/** A timestamp column: written as ISO-8601 text, read with `readTime` (PostgreSQL returns `Date`). */
export type Timestamp = ColumnType<Date | string, string, string>;
export type NullableTimestamp = ColumnType<Date | string | null, string | null, string | null>;

export interface UsersTable {
  id: Generated<number>;
  uuid: string;
  username: string;
  name: string;
  email: string;
  is_active: Bool;
  type: string;
  path: string;
  attributes: Json;
  password_hash: string | null;
  password_change_date: NullableTimestamp;
  last_login: NullableTimestamp;
  date_joined: Timestamp;
  updated_at: Timestamp;
}

export interface GroupsTable {
  id: Generated<number>;
  group_uuid: string;
  name: string;
  is_superuser: Bool;
  attributes: Json;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GroupParentsTable {
  group_id: number;
  parent_id: number;
}

export interface GroupMembersTable {
  group_id: number;
  user_id: number;
}

export interface ApplicationsTable {
  uuid: string;
  slug: string;
  name: string;
  provider_id: number | null;
  group: string;
  meta_launch_url: string;
  meta_description: string;
  meta_publisher: string;
  meta_icon: string | null;
  open_in_new_tab: Bool;
  policy_engine_mode: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProvidersTable {
  id: Generated<number>;
  name: string;
  /** Provider type, e.g. `microsoft_entra`. */
  type: string;
  /** The application this provider serves as a backchannel provider, if any. */
  backchannel_application_uuid: string | null;
  /** Only direct members of this group are synced; cleared by the database when the group goes. */
  filter_group_id: number | null;
  /** Type-specific, non-secret settings (JSON object). */
  settings: Json;
  /** Type-specific secrets, encrypted as one sealed JSON object (see `src/store/secret-box.ts`). */
  secrets: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The configuration error (credentials, permissions) that stopped the last sync; null once one succeeds. */
  config_error: string | null;
  config_error_at: NullableTimestamp;
}

export interface PropertyMappingsTable {
  uuid: string;
  name: string;
  /** Mapping type, e.g. `microsoft_entra`. */
  type: string;
  expression: string;
  managed: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProviderMappingsTable {
  provider_id: number;
  mapping_uuid: string;
  /** `user` or `group`: which set of the provider the mapping belongs to. */
  kind: string;
}

export interface SyncLinksTable {
  id: string;
  provider_id: number;
  /** `user` or `group`. */
  object_type: string;
  /** `users.id` or `groups.id`. */
  local_id: number;
  /** The remote (Graph) object id; null while a create is in flight or failed before one existed. */
  remote_id: string | null;
  /** The last known remote state: what Conduit last sent or read, Graph property names. */
  attributes: Json;
  /** `synced`, `pending`, `error`, `skipped`. */
  state: string;
  last_error: string | null;
  last_request_id: string | null;
  last_synced_at: NullableTimestamp;
  /**
   * Who holds the claim to create the remote object while it is `pending`: `run:{id}` for a full
   * sync's pages, `direct` for the per-object jobs (which run one at a time per object). Null once
   * the create's outcome is recorded.
   */
  claimed_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SyncRunsTable {
  id: string;
  provider_id: number;
  /** `full`, `direct`, `object`. */
  kind: string;
  /** `running`, `done`, `warning`, `error`, `cancelled`. */
  status: string;
  dry_run: Bool;
  total: number;
  done: number;
  counts: Json;
  error: string | null;
  started_at: Timestamp;
  /** Refreshed while the run makes progress; a running run with an old heartbeat was interrupted. */
  heartbeat_at: Timestamp;
  finished_at: NullableTimestamp;
  /** Full syncs: `users`, `groups`, `finished` (the page jobs of which phase are running). */
  phase: string | null;
  /** Full syncs with discovery: when the remote listing started. */
  discovered_at: NullableTimestamp;
  /** Full syncs: the options the run was started with (`confirm_deletions`). */
  options: Json | null;
}

/** One page of a full sync: the unit of work a worker takes (ids in `(after_id, last_id]`). */
export interface SyncRunPagesTable {
  run_id: string;
  /** `users` or `groups`. */
  phase: string;
  seq: number;
  after_id: number;
  /** Inclusive upper bound; null on the last page (objects added during the run are included). */
  last_id: number | null;
  size: number;
  /** `pending` or `done`. */
  status: string;
  finished_at: NullableTimestamp;
}

/**
 * A full sync's discovery listing, kept for the run: unlinked remote objects by the key they can be
 * adopted on (`upn`, `mail`, `name`), and linked remote ids the listing lacked (`gone`).
 */
export interface SyncDiscoveryTable {
  run_id: string;
  object_type: string;
  match_key: string;
  /** Lower-cased key value; for `gone`, the remote id. */
  match_value: string;
  remote_id: string;
  properties: Json | null;
}

/** A provider's Graph delta link per object type (`@odata.deltaLink`), saved when a full sync finishes. */
export interface SyncDeltaLinksTable {
  provider_id: number;
  object_type: string;
  delta_link: string;
  updated_at: Timestamp;
}

export interface SyncResultsTable {
  id: string;
  run_id: string | null;
  provider_id: number;
  object_type: string;
  local_id: number | null;
  remote_id: string | null;
  /** `create`, `update`, `delete`, `suspend`, `link`, `add_members`, `remove_members`, `skip`, … */
  operation: string;
  /** `ok`, `error`, `skipped`, `dry_run`, `unchanged`. */
  status: string;
  message: string | null;
  graph_request_id: string | null;
  /** Per-property diff or the request that would have been sent (dry run). */
  detail: Json;
  created_at: Timestamp;
}

export interface EventsTable {
  id: string;
  action: string;
  app: string;
  /** `{pk, username}` of the actor, or `{}` for the system. */
  actor: Json;
  context: Json;
  client_ip: string | null;
  created_at: Timestamp;
  /** How many identical events this row stands for (see `fingerprint`). */
  repeat_count: Generated<number>;
  /** Hash of action, app, actor, address and context: identical events within a window share a row. */
  fingerprint: string | null;
  /** When the last of the repeated events happened; null while `repeat_count` is 1. */
  last_seen_at: NullableTimestamp;
}

export interface OutboxTable {
  id: Generated<number>;
  /** e.g. `user.updated`, `group.members_added`. */
  topic: string;
  payload: Json;
  created_at: Timestamp;
  dispatched_at: NullableTimestamp;
}

export interface JobsTable {
  id: Generated<number>;
  task: string;
  payload: Json;
  queue_name: string | null;
  job_key: string | null;
  run_at: Timestamp;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  locked_at: NullableTimestamp;
  locked_by: string | null;
  created_at: Timestamp;
}

export interface ApiTokensTable {
  id: string;
  identifier: string;
  user_id: number;
  key_hash: string;
  description: string;
  intent: string;
  expiring: Bool;
  expires: NullableTimestamp;
  managed: string | null;
  created_at: Timestamp;
}

export interface SessionsTable {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  expires_at: Timestamp;
  created_at: Timestamp;
}

export interface SettingsTable {
  key: string;
  value: Json;
}

export interface Database
  extends SourceTables,
    NotificationTables,
    HeldChangeTables,
    ProviderStateTables,
    RetentionTables,
    EntraModelTables {
  users: UsersTable;
  groups: GroupsTable;
  group_parents: GroupParentsTable;
  group_members: GroupMembersTable;
  applications: ApplicationsTable;
  providers: ProvidersTable;
  property_mappings: PropertyMappingsTable;
  provider_mappings: ProviderMappingsTable;
  sync_links: SyncLinksTable;
  sync_runs: SyncRunsTable;
  sync_results: SyncResultsTable;
  sync_run_pages: SyncRunPagesTable;
  sync_discovery: SyncDiscoveryTable;
  sync_delta_links: SyncDeltaLinksTable;
  events: EventsTable;
  outbox: OutboxTable;
  jobs: JobsTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  settings: SettingsTable;
}
