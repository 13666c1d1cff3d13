/** One typed function per API call the UI makes. */
import { del, get, patch, post, put, request } from './client.js';
import type {
  Application,
  ApplicationRequest,
  ConnectionReport,
  DeadJob,
  EntraProvider,
  EntraProviderRequest,
  EventAction,
  EventEntry,
  Group,
  GroupLink,
  GroupRequest,
  HeldDeletions,
  JobQueueStatus,
  ListParams,
  MappingPreview,
  MappingPreviewRequest,
  Paginated,
  PropertyMapping,
  ProviderDefaults,
  ProviderSummary,
  ProviderType,
  SessionInfo,
  SyncMessage,
  SyncPlan,
  SyncResult,
  SyncRun,
  SyncStatus,
  Token,
  TokenRequest,
  User,
  UserLink,
  UserRequest,
} from './types.js';

const enc = encodeURIComponent;

export const session = {
  current: () => get<SessionInfo>('/api/v3/conduit/session/'),
  login: (username: string, password: string) =>
    post<SessionInfo>('/api/v3/conduit/session/', { username, password }),
  logout: () => del('/api/v3/conduit/session/'),
};

export const users = {
  list: (q: ListParams) => get<Paginated<User>>('/api/v3/core/users/', q),
  get: (id: number) => get<User>(`/api/v3/core/users/${id}/`),
  create: (body: UserRequest) => post<User>('/api/v3/core/users/', body),
  update: (id: number, body: Partial<UserRequest>) => patch<User>(`/api/v3/core/users/${id}/`, body),
  remove: (id: number) => del(`/api/v3/core/users/${id}/`),
  setPassword: (id: number, password: string) =>
    post<void>(`/api/v3/core/users/${id}/set_password/`, { password }),
  createServiceAccount: (body: { name: string; create_group: boolean; expiring: boolean }) =>
    post<{ username: string; token: string; user_uid: string; user_pk: number; group_pk?: string }>(
      '/api/v3/core/users/service_account/',
      body,
    ),
};

export const groups = {
  list: (q: ListParams) => get<Paginated<Group>>('/api/v3/core/groups/', q),
  get: (uuid: string) =>
    get<Group>(`/api/v3/core/groups/${enc(uuid)}/`, {
      include_users: true,
      include_children: true,
      include_parents: true,
    }),
  create: (body: GroupRequest) => post<Group>('/api/v3/core/groups/', body),
  update: (uuid: string, body: Partial<GroupRequest>) =>
    patch<Group>(`/api/v3/core/groups/${enc(uuid)}/`, body),
  remove: (uuid: string) => del(`/api/v3/core/groups/${enc(uuid)}/`),
  addUser: (uuid: string, pk: number) => post<void>(`/api/v3/core/groups/${enc(uuid)}/add_user/`, { pk }),
  removeUser: (uuid: string, pk: number) =>
    post<void>(`/api/v3/core/groups/${enc(uuid)}/remove_user/`, { pk }),
};

export const applications = {
  list: (q: ListParams) => get<Paginated<Application>>('/api/v3/core/applications/', q),
  get: (slug: string) => get<Application>(`/api/v3/core/applications/${enc(slug)}/`),
  create: (body: ApplicationRequest) => post<Application>('/api/v3/core/applications/', body),
  update: (slug: string, body: Partial<ApplicationRequest>) =>
    patch<Application>(`/api/v3/core/applications/${enc(slug)}/`, body),
  remove: (slug: string) => del(`/api/v3/core/applications/${enc(slug)}/`),
};

export const tokens = {
  list: (q: ListParams) => get<Paginated<Token>>('/api/v3/core/tokens/', q),
  create: (body: TokenRequest) => post<Token & { key: string }>('/api/v3/core/tokens/', body),
  update: (identifier: string, body: Partial<TokenRequest>) =>
    patch<Token>(`/api/v3/core/tokens/${enc(identifier)}/`, body),
  remove: (identifier: string) => del(`/api/v3/core/tokens/${enc(identifier)}/`),
};

export const events = {
  list: (q: ListParams) => get<Paginated<EventEntry>>('/api/v3/events/events/', q),
  actions: () => get<EventAction[]>('/api/v3/events/events/actions/'),
};

export const providers = {
  all: (q: ListParams) => get<Paginated<ProviderSummary>>('/api/v3/providers/all/', q),
  types: () => get<ProviderType[]>('/api/v3/providers/all/types/'),
};

export const jobs = {
  status: () => get<JobQueueStatus>('/api/v3/conduit/jobs/'),
  dead: () => get<DeadJob[]>('/api/v3/conduit/jobs/dead/'),
  retry: (id: string) => post<{ detail: string }>(`/api/v3/conduit/jobs/${enc(id)}/retry/`),
};

const entraBase = '/api/v3/providers/microsoft_entra';
export const entra = {
  list: (q: ListParams) => get<Paginated<EntraProvider>>(`${entraBase}/`, q),
  get: (id: number) => get<EntraProvider>(`${entraBase}/${id}/`),
  create: (body: EntraProviderRequest) => post<EntraProvider>(`${entraBase}/`, body),
  update: (id: number, body: Partial<EntraProviderRequest>) =>
    patch<EntraProvider>(`${entraBase}/${id}/`, body),
  remove: (id: number) => del(`${entraBase}/${id}/`),
  defaults: () => get<ProviderDefaults>('/api/v3/conduit/provider_defaults/'),
  status: (id: number) => get<SyncStatus>(`${entraBase}/${id}/sync/status/`),
  runFullSync: (id: number, confirmDeletions = false) =>
    post<{ detail: string }>(`${entraBase}/${id}/sync/full/`, { confirm_deletions: confirmDeletions }),
  plan: (id: number) => post<SyncPlan>(`${entraBase}/${id}/sync/plan/`),
  runs: (id: number, q: ListParams) => get<Paginated<SyncRun>>(`${entraBase}/${id}/sync/runs/`, q),
  run: (id: number, runId: string, q: ListParams) =>
    get<{ run: SyncRun; results: Paginated<SyncResult> }>(`${entraBase}/${id}/sync/runs/${enc(runId)}/`, q),
  results: (id: number, q: ListParams) => get<Paginated<SyncResult>>(`${entraBase}/${id}/sync/results/`, q),
  heldDeletions: (id: number) => get<HeldDeletions>(`${entraBase}/${id}/sync/held_deletions/`),
  confirmHeldDeletions: (id: number) =>
    post<{ confirmed: number }>(`${entraBase}/${id}/sync/held_deletions/confirm/`),
  discardHeldDeletions: (id: number) =>
    post<{ discarded: number }>(`${entraBase}/${id}/sync/held_deletions/discard/`),
  syncObject: (
    id: number,
    body: {
      sync_object_model: 'authentik.core.models.User' | 'authentik.core.models.Group';
      sync_object_id: string;
      override_dry_run: boolean;
    },
  ) => post<{ messages: SyncMessage[] }>(`${entraBase}/${id}/sync/object/`, body),
  testConnection: (id: number) => post<ConnectionReport>(`${entraBase}/${id}/test_connection/`),
  userLinks: (q: ListParams) => get<Paginated<UserLink>>('/api/v3/providers/microsoft_entra_users/', q),
  groupLinks: (q: ListParams) => get<Paginated<GroupLink>>('/api/v3/providers/microsoft_entra_groups/', q),
  unlinkUser: (id: string) => del(`/api/v3/providers/microsoft_entra_users/${enc(id)}/`),
  unlinkGroup: (id: string) => del(`/api/v3/providers/microsoft_entra_groups/${enc(id)}/`),
};

const mappingBase = '/api/v3/propertymappings/provider/microsoft_entra';
export const mappings = {
  list: (q: ListParams) => get<Paginated<PropertyMapping>>(`${mappingBase}/`, q),
  get: (uuid: string) => get<PropertyMapping>(`${mappingBase}/${enc(uuid)}/`),
  create: (body: { name: string; expression: string }) => post<PropertyMapping>(`${mappingBase}/`, body),
  update: (uuid: string, body: { name?: string; expression?: string }) =>
    put<PropertyMapping>(`${mappingBase}/${enc(uuid)}/`, body),
  remove: (uuid: string) => del(`${mappingBase}/${enc(uuid)}/`),
  preview: (body: MappingPreviewRequest) => request<MappingPreview>('POST', `${mappingBase}/preview/`, body),
};

/** Every page of a list, for selects over small collections (providers, mappings). */
export async function listAll<T>(
  fetchPage: (q: ListParams) => Promise<Paginated<T>>,
  q: ListParams = {},
): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; page <= 50; page++) {
    const r = await fetchPage({ ...q, page, page_size: 100 });
    out.push(...r.results);
    if (!r.pagination.next) break;
  }
  return out;
}
