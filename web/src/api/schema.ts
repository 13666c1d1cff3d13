/**
 * Named types of the admin API for the web client, each taken from the generated `paths` (see
 * `web/generated/openapi.ts`, made from the served OpenAPI document by scripts/generate-web-types.ts),
 * so
 * they follow the server's zod schemas without being copied by hand. The names are those of
 * `web/src/api/types.ts` (authentik's where the API mirrors authentik).
 */
import type { paths } from '../../generated/openapi.js';

export type { paths } from '../../generated/openapi.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The JSON answer of `method path` with HTTP status `status`. */
export type ResponseOf<
  P extends keyof paths,
  M extends Method,
  S extends number = 200,
> = paths[P][M] extends { responses: { [K in S]: { content: { 'application/json': infer T } } } } ? T : never;

/** The JSON body `method path` accepts. */
export type RequestOf<P extends keyof paths, M extends Method> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer T } };
}
  ? T
  : never;

/** The query parameters of `GET path`. */
export type QueryOf<P extends keyof paths> = paths[P]['get'] extends { parameters: { query?: infer Q } }
  ? NonNullable<Q>
  : never;

/** One item of the paginated list `GET path` answers. */
export type ItemOf<P extends keyof paths> =
  ResponseOf<P, 'get'> extends { results: Array<infer T> } ? T : never;

/** authentik's list envelope around `T`. */
export interface Paginated<T> {
  pagination: Pagination;
  results: T[];
  autocomplete: Record<string, unknown>;
}
export type Pagination = ResponseOf<'/api/v3/core/users/', 'get'>['pagination'];

export type SessionInfo = ResponseOf<'/api/v3/conduit/session/', 'get'>;

export type User = ResponseOf<'/api/v3/core/users/{id}/', 'get'>;
export type UserRequest = RequestOf<'/api/v3/core/users/', 'post'>;
export type UserType = User['type'];
export type PartialGroup = NonNullable<User['groups_obj']>[number];
export type Group = ResponseOf<'/api/v3/core/groups/{group_uuid}/', 'get'>;
export type GroupRequest = RequestOf<'/api/v3/core/groups/', 'post'>;
export type PartialUser = NonNullable<Group['users_obj']>[number];
export type RelatedGroup = NonNullable<Group['children_obj']>[number];
export type Application = ResponseOf<'/api/v3/core/applications/{slug}/', 'get'>;
export type ApplicationRequest = RequestOf<'/api/v3/core/applications/', 'post'>;
export type Token = ResponseOf<'/api/v3/core/tokens/{identifier}/', 'get'>;
export type TokenRequest = RequestOf<'/api/v3/core/tokens/', 'post'>;
export type TokenIntent = Token['intent'];
export type EventEntry = ItemOf<'/api/v3/events/events/'>;
export type ProviderSummary = ItemOf<'/api/v3/providers/all/'>;
export type ProviderType = ResponseOf<'/api/v3/providers/all/types/', 'get'>[number];

export type EntraProvider = ResponseOf<'/api/v3/providers/microsoft_entra/{id}/', 'get'>;
export type EntraProviderRequest = RequestOf<'/api/v3/providers/microsoft_entra/', 'post'>;
export type EntraProviderPatch = RequestOf<'/api/v3/providers/microsoft_entra/{id}/', 'patch'>;
export type DeleteAction = EntraProvider['user_delete_action'];
export type OutOfScopeAction = EntraProvider['out_of_scope_action'];
export type Cloud = EntraProvider['cloud'];
export type CredentialType = NonNullable<EntraProvider['credential_type']>;
export type ProviderDefaults = ResponseOf<'/api/v3/conduit/provider_defaults/', 'get'>;
export type SyncStatus = ResponseOf<'/api/v3/providers/microsoft_entra/{id}/sync/status/', 'get'>;
export type SyncRun = ItemOf<'/api/v3/providers/microsoft_entra/{id}/sync/runs/'>;
export type SyncRunDetail = ResponseOf<'/api/v3/providers/microsoft_entra/{id}/sync/runs/{run}/', 'get'>;
export type SyncResult = ItemOf<'/api/v3/providers/microsoft_entra/{id}/sync/results/'>;
export type SyncResultStatus = SyncResult['status'];
export type SyncPlan = ResponseOf<'/api/v3/providers/microsoft_entra/{id}/sync/plan/', 'post'>;
export type SyncMessage = ResponseOf<
  '/api/v3/providers/microsoft_entra/{id}/sync/object/',
  'post'
>['messages'][number];
export type ConnectionReport = ResponseOf<'/api/v3/providers/microsoft_entra/{id}/test_connection/', 'post'>;
export type HeldDeletions = ResponseOf<'/api/v3/providers/microsoft_entra/{id}/sync/held_deletions/', 'get'>;
export type HeldDeletion = HeldDeletions['results'][number];
export type UserLink = ItemOf<'/api/v3/providers/microsoft_entra_users/'>;
export type GroupLink = ItemOf<'/api/v3/providers/microsoft_entra_groups/'>;
export type LinkState = UserLink['state'];

export type PropertyMapping = ResponseOf<
  '/api/v3/propertymappings/provider/microsoft_entra/{pm_uuid}/',
  'get'
>;
export type MappingPreviewRequest = RequestOf<
  '/api/v3/propertymappings/provider/microsoft_entra/preview/',
  'post'
>;
export type MappingPreview = ResponseOf<'/api/v3/propertymappings/provider/microsoft_entra/preview/', 'post'>;

export type JobQueueStatus = ResponseOf<'/api/v3/conduit/jobs/', 'get'>;
export type JobCounts = JobQueueStatus['counts'];
export type DeadJob = ResponseOf<'/api/v3/conduit/jobs/dead/', 'get'>[number];
