/**
 * Terminology (see docs/architecture.md)
 * - provider: a configured outgoing target (e.g. one Entra tenant) with its settings and mappings.
 * - link: ties one local user or group to one remote object of one provider (authentik's "connection").
 * - plan: the operations that would make the remote side match the directory; computed, not executed.
 * - operation: one change of the plan (create, update only changed properties, delete, suspend, link, member adds/removes).
 * - full sync: plan and apply for every in-scope object of a provider; direct sync: for one changed object.
 * - discovery: reading the remote directory once per full sync to link objects that already exist there.
 * - run: one execution of a sync, with counts and a result per object.
 *
 * The engine is provider-agnostic: it knows a provider's remote side only through `SyncTarget`.
 */

export type ObjectType = 'user' | 'group';

/** What a result says was done (or tried) to one object; `SyncResultRecord.operation`. */
export const OPERATIONS = [
  /** Created remotely (full or direct sync). */
  'create',
  /** Changed properties patched. */
  'update',
  /** Deleted remotely (deletion action, out-of-scope action). */
  'delete',
  /** Disabled remotely instead of deleted. */
  'suspend',
  /** Linked to an existing remote object (adoption), patched to match. */
  'link',
  /** The remote object was deleted outside Conduit: it is created again. */
  'recreate',
  /** A property mapping skipped the object (SkipObject). */
  'skip',
  /** The mappings failed for this object: nothing could be planned. */
  'plan',
  /** Deletion action "do nothing": the link is dropped, the remote object left alone. */
  'unlink',
  'add_members',
  'remove_members',
  /** Reading a group's remote members failed. */
  'read_members',
  /** A direct-sync job not sent (the provider stopped on a configuration error). */
  'sync',
] as const;
export type Operation = (typeof OPERATIONS)[number];

/**
 * What happened to one object; `SyncResultRecord.status`.
 * `held`: a deletion above the provider's threshold, waiting for an administrator; it becomes
 * `confirmed` (sent again as a job) or `discarded` (the remote object is left as it is).
 */
export const RESULT_STATUSES = [
  'ok',
  'error',
  'skipped',
  /** Dry run: the request was built, not sent (the result's detail carries it). */
  'dry_run',
  'unchanged',
  'held',
  'confirmed',
  'discarded',
  /** A deletion reserved against the threshold and being sent; it becomes `ok` or `error`. */
  'sending',
] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];
export type DeleteAction = 'do_nothing' | 'delete' | 'suspend';
export type OutOfScopeAction = 'none' | 'suspend' | 'delete';

/** Settings every outgoing-sync provider has (authentik's outgoing sync provider base, for compatibility). */
export interface OutgoingSyncSettings {
  exclude_users_service_account: boolean;
  user_delete_action: DeleteAction;
  group_delete_action: DeleteAction;
  sync_page_size: number;
  sync_page_timeout: string;
  discovery_enabled: boolean;
  dry_run: boolean;
  /** Minutes between scheduled full syncs. */
  sync_interval_minutes: number;
  /** What a full sync does to the remote account of a linked user who left the provider's scope. */
  out_of_scope_action: OutOfScopeAction;
  /** More out-of-scope suspensions/deletions than this in one run are held until confirmed (0 = no limit). */
  deletion_threshold: number;

  // Scoping (docs/admin/scoping-and-safety.md)
  /** Groups (uuids) that sync as Entra groups; empty = every group. */
  group_filters: string[];
  /** `group_filters` includes the descendants of each listed group. */
  group_filters_include_children: boolean;
  /** Members of the filter group's descendant groups are in scope too. */
  filter_group_include_children: boolean;
  /** A user is in scope when every clause of at least one rule set holds; empty = no rule. */
  user_scoping_rules: ScopingRuleSet[];

  // Safety
  /** A user suspended by the deletion or out-of-scope action is deleted after this many days (null = never). */
  suspend_then_delete_after_days: number | null;
  /** Group (uuid) whose members Conduit never suspends, deletes or removes from groups in Entra. */
  protected_group: string | null;
  /** Objects linked by discovery (not created by Conduit) may be deleted in Entra; otherwise only unlinked. */
  delete_adopted_objects: boolean;
  /** Mass-change guard: more changes of one kind than this within the window are held (0 = no count limit). */
  held_changes_threshold: number;
  /** Mass-change guard: more changes of one kind than this percentage of the linked objects are held (0 = off). */
  held_changes_threshold_percent: number;
  /** The guard's rolling window, in minutes. */
  held_changes_window_minutes: number;

  // Schedule
  /** No writes to the tenant while true; changes are recomputed on resume. */
  paused: boolean;
  /** Cron expression for full syncs; when set it replaces `sync_interval_minutes`. */
  sync_schedule: string | null;

  // Entra data model (docs/admin/configure-entra.md)
  /** How the directory's group hierarchy reaches Entra: `direct` members only, `nested` groups, or `flatten`ed. */
  group_nesting: GroupNesting;
  /** Users outside the tenant's verified domains: `skip` (refused with the reason) or `invite` as guests. */
  external_users: ExternalUsers;
  /** `invite`: Microsoft sends its invitation email. */
  send_invitation_message: boolean;
  /** `invite`: where an invited guest lands after redeeming the invitation (null: https://myapps.microsoft.com). */
  invite_redirect_url: string | null;
  /** ISO 3166 alpha-2 `usageLocation` for users whose mappings give none (licences need one). */
  default_usage_location: string | null;
}

export type GroupNesting = 'direct' | 'nested' | 'flatten';
export type ExternalUsers = 'skip' | 'invite';

export const SCOPING_OPERATORS = [
  'equals',
  'not_equals',
  'starts_with',
  'ends_with',
  'contains',
  'matches',
  'in',
  'is_empty',
  'is_not_empty',
] as const;
export type ScopingOperator = (typeof SCOPING_OPERATORS)[number];
/** One test of a user attribute; `value` is a list for `in`, absent for `is_empty`/`is_not_empty`. */
export interface ScopingClause {
  /** `username`, `email`, `name`, `type`, `path`, `is_active` or `attributes.<dotted.key>`. */
  attribute: string;
  operator: ScopingOperator;
  value?: string | string[];
}
/** Clauses that must all hold. */
export interface ScopingRuleSet {
  clauses: ScopingClause[];
}

/** A stored provider, as the engine sees it. */
export interface SyncProvider {
  id: number;
  name: string;
  type: string;
  backchannelApplicationUuid: string | null;
  filterGroupId: number | null;
  settings: OutgoingSyncSettings & Record<string, unknown>;
}

export interface Link {
  id: string;
  providerId: number;
  objectType: ObjectType;
  localId: number;
  remoteId: string | null;
  /** Last known remote state (what was last sent or read), Graph property names. */
  attributes: Record<string, unknown>;
  state: LinkState;
  lastError: string | null;
  lastRequestId: string | null;
  lastSyncedAt: string | null;
  /** Who is creating the remote object while the link is `pending` (see `claimCreate`). */
  claimedBy: string | null;
  /** Changes on every write: the version used to claim a create without racing another writer. */
  updatedAt: string;
}

export type LinkState = 'synced' | 'pending' | 'error' | 'skipped';

/** One remote object as listed by discovery. */
export interface RemoteObject {
  id: string;
  /** Properties the target returned, Graph names. */
  properties: Record<string, unknown>;
}

/** One object of a delta round: what changed remotely since the previous round. */
export interface RemoteChange {
  id: string;
  /** Gone from the directory (deleted, or moved to deleted items). */
  removed: boolean;
  /** The properties the round reports (at least the changed ones), target names. */
  properties: Record<string, unknown>;
  /** Groups: members added and removed since the previous round (remote ids). */
  membersAdded: string[];
  membersRemoved: string[];
}

/** What a target reports of one failed remote call. */
export interface TargetFailure {
  /** `transient` failures are retried later; `configuration` stops the run; the others fail one object. */
  kind: 'transient' | 'not_found' | 'conflict' | 'bad_request' | 'configuration';
  message: string;
  status?: number;
  code?: string;
  requestId?: string;
}

export class TargetError extends Error {
  constructor(readonly failure: TargetFailure) {
    super(failure.message);
  }
}

/** A write that dry run did not send: the request it would have been, for the run's report. */
export interface UnsentRequest {
  method: string;
  url: string;
  body?: unknown;
}

/** The outcome of one write: sent (with the remote id a create got), failed, or not sent (dry run). */
export type WriteResult =
  | { status: 'sent'; remoteId?: string; requestId?: string }
  | { status: 'failed'; failure: TargetFailure }
  | { status: 'notSent'; request: UnsentRequest };

export interface MemberChangeFailure {
  remoteMemberId: string;
  failure: TargetFailure;
}

/** The outcome of a member change: the members that failed, and in dry run the requests not sent. */
export interface MemberChangeResult {
  failures: MemberChangeFailure[];
  notSent: UnsentRequest[];
}

/**
 * The remote side of a provider. Every method either succeeds or throws `TargetError`
 * (batch methods report per-item results instead of throwing).
 */
export interface SyncTarget {
  /** Remote users and groups for discovery, with the properties matching needs. */
  listRemote(type: ObjectType): AsyncIterable<RemoteObject[]>;
  /**
   * Delta support (absent when the target has none): a link for the remote side's current state,
   * and the changes since a link. An expired or rejected link throws `TargetError` with
   * `failure.code` `deltaExpired`.
   */
  latestDeltaLink?(type: ObjectType): Promise<string>;
  readDelta?(
    type: ObjectType,
    deltaLink: string,
  ): AsyncIterable<{ changes: RemoteChange[]; deltaLink?: string }>;
  /** Remote objects that would conflict with creating `body` (users: same unique key; groups: same name). */
  findExisting(type: ObjectType, body: Record<string, unknown>): Promise<RemoteObject[]>;
  /** Create many objects; results in input order. */
  createMany(type: ObjectType, bodies: Record<string, unknown>[]): Promise<WriteResult[]>;
  /** Patch many objects (only the given properties); results in input order. */
  updateMany(
    type: ObjectType,
    patches: Array<{ remoteId: string; patch: Record<string, unknown> }>,
  ): Promise<WriteResult[]>;
  /** Delete many objects; a missing object counts as deleted. */
  deleteMany(type: ObjectType, remoteIds: string[]): Promise<WriteResult[]>;
  /** The properties that suspend a user (e.g. `{accountEnabled: false}`); null when the target cannot suspend this type. */
  suspendPatch(type: ObjectType): Record<string, unknown> | null;
  getRemote(type: ObjectType, remoteId: string): Promise<RemoteObject>;
  listMemberIds(groupRemoteId: string): Promise<string[]>;
  addMembers(groupRemoteId: string, memberRemoteIds: string[]): Promise<MemberChangeResult>;
  removeMembers(groupRemoteId: string, memberRemoteIds: string[]): Promise<MemberChangeResult>;
  /**
   * A group create body that also makes the first of `memberRemoteIds` members, so a small group
   * costs one write instead of a create and a member change; `included` says which members it carries.
   * Absent when the target cannot add members on create.
   */
  withInitialMembers?(
    body: Record<string, unknown>,
    memberRemoteIds: string[],
  ): { body: Record<string, unknown>; included: string[] };
  /** Properties that are sent on create only and never compared or patched afterwards (e.g. passwordProfile). */
  createOnlyProperties(type: ObjectType): ReadonlySet<string>;
  /** Check a desired body before any request (e.g. UPN in a verified domain); returns a message, or null when fine. */
  validate(type: ObjectType, body: Record<string, unknown>): Promise<string | null>;
  stats(): { requests: number; writes: number; throttled: number; retries: number };
  close(): Promise<void>;
}
