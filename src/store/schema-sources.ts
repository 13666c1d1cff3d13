/**
 * Tables of the directory's sources (LDAP), part of `Database` in `schema.ts`.
 *
 * Terminology
 * - source: a directory Conduit reads identities from (authentik's "source"); here an LDAP server.
 * - connection: ties one directory user or group to the LDAP entry that made it, by the value of
 *   the source's uniqueness field (authentik's user/group source connection, `identifier`).
 * - stamp: the entry's `modifyTimestamp` (or AD's `uSNChanged`) when it was last read; an entry whose
 *   stamp is unchanged is not read again (incremental sync).
 * - source run: one sync of a source, with its progress, counts and per-object results.
 */
import type { Generated } from 'kysely';
import type { Bool, Json, NullableTimestamp, Timestamp } from './schema.js';

export interface LdapSourcesTable {
  id: Generated<number>;
  /** authentik's `pk` of a source (`pbm_uuid`). */
  uuid: string;
  slug: string;
  name: string;
  enabled: Bool;
  /** Every non-secret field of the source (authentik's names), as one JSON object. */
  settings: Json;
  /** The bind password, sealed with the secret box (context `ldap_sources.bind_password.<id>`). */
  bind_password: string | null;
  /** The last connectivity check's answer (authentik's `connectivity`), or null before the first. */
  connectivity: Json | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A source's property mappings (mappings of type `ldap_source` in `property_mappings`). */
export interface SourceMappingsTable {
  source_id: number;
  mapping_uuid: string;
  /** `user` or `group`. */
  kind: string;
}

export interface SourceUserConnectionsTable {
  id: Generated<number>;
  source_id: number;
  user_id: number;
  /** The uniqueness field's value (hex for binary values such as objectGUID). */
  identifier: string;
  /** The entry's DN when last read. */
  dn: string;
  /** Lower-cased value of `user_membership_attribute`: what groups' member values name. */
  member_key: string | null;
  /** Lower-cased group DNs from the user's membership attribute (with `lookup_groups_from_user`). */
  member_of: Json;
  stamp: string | null;
  /** Hash of the entry's attributes and the mapping set that last mapped it. */
  fingerprint: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SourceGroupConnectionsTable {
  id: Generated<number>;
  source_id: number;
  group_id: number;
  identifier: string;
  dn: string;
  /** Lower-cased values of the group's membership field (member DNs, or uids for posixGroup). */
  members: Json;
  stamp: string | null;
  fingerprint: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SourceSyncRunsTable {
  id: string;
  source_id: number;
  /** `running`, `done`, `warning`, `error`. */
  status: string;
  /** `schedule` or `manual`. */
  trigger: string;
  /** `full` or `incremental`, once known. */
  mode: string | null;
  /** `connect`, `users`, `groups`, `memberships`, `deletions`, `finished`. */
  phase: string | null;
  /** Entries listed so far, and entries processed of them. */
  total: number;
  done: number;
  /** Created, updated, unchanged, deleted, errors … per object type. */
  counts: Json;
  error: string | null;
  /** Deletions held back by the mass-deletion guard: `{users, groups, limit}`, or null. */
  held_deletions: Json | null;
  /** What the run was started with (`confirm_deletions`). */
  options: Json;
  /** Where the next incremental sync starts (`modifyTimestamp` or `uSNChanged`), saved by a successful run. */
  cursor: Json | null;
  started_at: Timestamp;
  heartbeat_at: Timestamp;
  finished_at: NullableTimestamp;
}

export interface SourceSyncResultsTable {
  id: Generated<number>;
  run_id: string;
  source_id: number;
  /** `user`, `group` or `membership`. */
  object_type: string;
  dn: string | null;
  local_id: number | null;
  /** `create`, `update`, `link`, `delete`, `members`, `parents`, `skip`, `fetch`, … */
  operation: string;
  /** `ok`, `error`, `skipped`, `held`. */
  status: string;
  message: string | null;
  created_at: Timestamp;
}

export interface SourceTables {
  ldap_sources: LdapSourcesTable;
  source_mappings: SourceMappingsTable;
  source_user_connections: SourceUserConnectionsTable;
  source_group_connections: SourceGroupConnectionsTable;
  source_sync_runs: SourceSyncRunsTable;
  source_sync_results: SourceSyncResultsTable;
}
