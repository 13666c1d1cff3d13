/**
 * The shapes of Conduit's admin API as the UI reads and writes them (authentik's names). Written
 * against the server's zod schemas in `src/api/*.ts`; keep them in step when those change.
 */

export interface Pagination {
  next: number;
  previous: number;
  count: number;
  current: number;
  total_pages: number;
  start_index: number;
  end_index: number;
}

export interface Paginated<T> {
  pagination: Pagination;
  results: T[];
  autocomplete: Record<string, unknown>;
}

export interface ListParams {
  page?: number;
  page_size?: number;
  search?: string;
  ordering?: string;
  [filter: string]: string | number | boolean | undefined | null | Array<string | number>;
}

export interface SessionInfo {
  csrf_token: string;
  user: { pk: number; username: string; name: string };
}

export type UserType = 'internal' | 'external' | 'service_account' | 'internal_service_account';

export interface PartialGroup {
  pk: string;
  num_pk: number;
  name: string;
  is_superuser: boolean;
  attributes: Record<string, unknown>;
}

export interface PartialUser {
  pk: number;
  username: string;
  name: string;
  is_active: boolean;
  last_login: string | null;
  email: string;
  attributes: Record<string, unknown>;
  uid: string;
}

export interface User extends PartialUser {
  date_joined: string;
  is_superuser: boolean;
  groups: string[];
  groups_obj: PartialGroup[] | null;
  avatar: string;
  path: string;
  type: UserType;
  uuid: string;
  last_updated: string;
}

/** Body of `POST`/`PATCH /core/users/`. */
export interface UserRequest {
  username: string;
  name: string;
  email?: string;
  is_active?: boolean;
  path?: string;
  type?: UserType;
  groups?: string[];
  attributes?: Record<string, unknown>;
}

export interface RelatedGroup {
  pk: string;
  name: string;
  is_superuser: boolean;
  attributes: Record<string, unknown>;
  group_uuid: string;
}

export interface Group {
  pk: string;
  num_pk: number;
  name: string;
  is_superuser: boolean;
  parents: string[];
  parents_obj: RelatedGroup[] | null;
  users: number[];
  users_obj: PartialUser[] | null;
  attributes: Record<string, unknown>;
  children: string[];
  children_obj: RelatedGroup[] | null;
}

export interface GroupRequest {
  name: string;
  is_superuser?: boolean;
  parents?: string[];
  users?: number[];
  attributes?: Record<string, unknown>;
}

export interface ProviderSummary {
  pk: number;
  name: string;
  component: string;
  assigned_application_slug: string | null;
  assigned_application_name: string | null;
  assigned_backchannel_application_slug: string | null;
  assigned_backchannel_application_name: string | null;
  verbose_name: string;
  verbose_name_plural: string;
  meta_model_name: string;
}

export interface ProviderType {
  name: string;
  description: string;
  component: string;
  model_name: string;
}

export interface Application {
  pk: string;
  name: string;
  slug: string;
  provider: number | null;
  provider_obj: ProviderSummary | null;
  backchannel_providers: number[];
  backchannel_providers_obj: ProviderSummary[];
  launch_url: string | null;
  open_in_new_tab: boolean;
  meta_launch_url: string;
  meta_icon: string;
  meta_description: string;
  meta_publisher: string;
  group: string;
}

export interface ApplicationRequest {
  name: string;
  slug: string;
  provider: number | null;
  backchannel_providers: number[];
  meta_launch_url: string;
  meta_icon: string;
  meta_publisher: string;
  meta_description: string;
  open_in_new_tab: boolean;
  group?: string;
}

export type TokenIntent = 'verification' | 'api' | 'recovery' | 'app_password';

export interface Token {
  pk: string;
  managed: string | null;
  identifier: string;
  intent: TokenIntent;
  user: number;
  user_obj: User;
  description: string;
  expires: string | null;
  expiring: boolean;
}

export interface TokenRequest {
  identifier: string;
  intent?: 'api' | 'app_password';
  user?: number;
  description?: string;
  expires?: string | null;
  expiring?: boolean;
}

export interface EventEntry {
  pk: string;
  user: { pk?: number; username?: string; [key: string]: unknown };
  action: string;
  app: string;
  context: Record<string, unknown>;
  client_ip: string | null;
  created: string;
  expires: string;
}

export interface EventAction {
  name: string;
  description: string;
}

export type DeleteAction = 'delete' | 'do_nothing' | 'suspend';
export type OutOfScopeAction = 'none' | 'suspend' | 'delete';
export type Cloud = 'global' | 'usgov' | 'usgov_dod' | 'china' | 'custom';

export type CredentialType = 'client_secret' | 'client_certificate';

/**
 * The writable fields of `/providers/microsoft_entra/`. The credential is write-only: a client
 * secret, or `client_certificate` (PEM of the private key and the certificate), never both.
 */
export interface EntraProviderRequest {
  name: string;
  client_id: string;
  client_secret?: string;
  client_certificate?: string;
  tenant_id: string;
  exclude_users_service_account: boolean;
  filter_group: string | null;
  user_delete_action: DeleteAction;
  group_delete_action: DeleteAction;
  property_mappings: string[];
  property_mappings_group: string[];
  sync_page_size: number;
  sync_page_timeout: string;
  discovery_enabled: boolean;
  dry_run: boolean;
  sync_interval_minutes: number;
  /** What a full sync does to linked users who left the provider's scope. */
  out_of_scope_action: OutOfScopeAction;
  /** More out-of-scope suspensions/deletions than this in one run wait for confirmation (0: never). */
  deletion_threshold: number;
  cloud: Cloud;
  login_url: string | null;
  graph_url: string | null;
}

export interface EntraProvider extends Omit<EntraProviderRequest, 'client_secret' | 'client_certificate'> {
  pk: number;
  component: string;
  assigned_backchannel_application_slug: string | null;
  assigned_backchannel_application_name: string | null;
  verbose_name: string;
  has_client_secret: boolean;
  has_client_certificate: boolean;
  /** Which credential the provider signs in with (null: none stored). */
  credential_type: CredentialType | null;
  /** SHA-1 thumbprint, as the Entra admin center shows it. */
  client_certificate_thumbprint: string | null;
  client_certificate_thumbprint_sha256: string | null;
  client_certificate_subject: string | null;
  client_certificate_expires: string | null;
}

export interface ProviderDefaults {
  cloud: Cloud;
  login_url: string | null;
  graph_url: string | null;
  demo_tenant: { tenant_id: string; client_id: string; client_secret: string; domain: string } | null;
}

export interface SyncRun {
  id: string;
  kind: string;
  status: string;
  dry_run: boolean;
  total: number;
  done: number;
  counts: Record<string, number>;
  error: string | null;
  /** Full syncs: `starting` (reading the tenant), `users`, `groups`, `finished`. */
  phase: string | null;
  started_at: string;
  finished_at: string | null;
}

export interface SyncStatus {
  is_running: boolean;
  last_successful_sync?: string;
  last_sync_status?: string;
  assigned: boolean;
  progress: {
    done: number;
    total: number;
    phase: string | null;
    remaining: number;
    /** Objects per second since the run started; null before the first page is done. */
    objects_per_second: number | null;
    estimated_finish_at: string | null;
  } | null;
  current_run: SyncRun | null;
  last_run: SyncRun | null;
}

export interface SyncResult {
  id: string;
  run: string | null;
  object_type: string;
  object_id: number | null;
  remote_id: string | null;
  operation: string;
  status: string;
  message: string | null;
  graph_request_id: string | null;
  detail: unknown;
  created: string;
}

export interface SyncPlan {
  run: SyncRun;
  results: SyncResult[];
  count: number;
}

export interface SyncMessage {
  timestamp: string;
  log_level: string;
  logger: string;
  event: string;
  attributes: Record<string, unknown>;
}

export interface ConnectionReport {
  ok: boolean;
  verifiedDomains?: string[];
  grantedPermissions?: string[];
  missingPermissions?: string[];
  error?: string | { message?: string; code?: string; [key: string]: unknown };
  [key: string]: unknown;
}

export type LinkState = 'synced' | 'pending' | 'error' | 'skipped';

interface LinkBase {
  id: string;
  microsoft_id: string;
  provider: number;
  attributes: Record<string, unknown>;
  state: LinkState;
  last_error: string | null;
  last_request_id: string | null;
  last_synced_at: string | null;
}

export interface UserLink extends LinkBase {
  user: number;
  user_obj: PartialUser | null;
}

export interface GroupLink extends LinkBase {
  group: string;
  group_obj: PartialGroup | null;
}

export interface PropertyMapping {
  pk: string;
  managed: string | null;
  name: string;
  expression: string;
}

export interface MappingPreviewRequest {
  expression?: string;
  name?: string;
  mappings?: string[];
  provider?: number;
  user?: number | null;
  group?: string | null;
}

export interface MappingPreview {
  kind: 'user' | 'group';
  mappings: string[];
  status: 'ok' | 'skip' | 'error';
  body?: Record<string, unknown>;
  skipped_by?: string;
  error?: { message: string; code?: string; mapping?: string; line?: number; column?: number };
  logs: string[];
}

export interface JobCounts {
  pending: number;
  running: number;
  dead: number;
}

/** `GET /conduit/jobs/`: which queue this deployment runs (null: none in this process) and its counts. */
export interface JobQueueStatus {
  kind: 'sqlite' | 'graphile-worker' | null;
  counts: JobCounts;
}

/** `GET /conduit/jobs/dead/`: a job that failed every attempt, with what it was about. */
export interface DeadJob {
  id: string;
  task: string;
  payload: Record<string, unknown>;
  queue_name: string | null;
  attempts: number;
  last_error: string | null;
  created: string;
  /** The provider the job synced to; `name` is null when it was deleted since. */
  provider: { pk: number; name: string | null } | null;
  /** The user or group concerned; `name` is null when it no longer exists. */
  object: { type: 'user' | 'group'; pk: number | null; name: string | null; uuid?: string } | null;
  /** One sentence: what the job was doing. */
  summary: string;
}

/** Deletions held above a provider's deletion threshold, waiting for a decision. */
export interface HeldDeletions {
  count: number;
  threshold: number;
  results: Array<{
    id: string;
    object_type: 'user' | 'group';
    remote_id: string;
    object: string;
    action: 'delete' | 'suspend';
    held_at: string;
  }>;
}
