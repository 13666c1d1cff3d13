/**
 * What feeds the directory: CSV import (`/api/v3/conduit/users/import/…`, Conduit's own) and the
 * LDAP sources (authentik's `/api/v3/sources/ldap/`): their types, calls and query hooks.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { del, get, patch, post } from './client.js';
import { listAll } from './endpoints.js';
import { queryKeys } from './queries/keys.js';
import type { ListParams, Paginated } from './types.js';

// ── CSV import ──────────────────────────────────────────────────────────────────────────────

/** The field separators the import accepts. */
export const CSV_DELIMITERS = [
  { value: ',', label: 'Comma (,)' },
  { value: ';', label: 'Semicolon (;)' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Vertical bar (|)' },
] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number]['value'];

/** The user fields a column can fill, besides `attributes.<key>`. */
export const CSV_USER_FIELDS = [
  { value: 'username', label: 'Username' },
  { value: 'name', label: 'Name' },
  { value: 'email', label: 'Email' },
  { value: 'is_active', label: 'Active (true/false)' },
  { value: 'type', label: 'User type' },
  { value: 'path', label: 'Path' },
  { value: 'groups', label: 'Groups (by name)' },
] as const;

/** A file's columns, first row and the mapping suggested from its header. */
export interface CsvColumns {
  columns: string[];
  rows: number;
  sample: Record<string, string>;
  suggested_mapping: Record<string, string>;
  suggested_key: string;
}

/** The file, how its columns map to user fields, and what identifies a user. */
export interface CsvImportRequest {
  csv: string;
  delimiter: CsvDelimiter;
  /** Column → `username` … `groups` or `attributes.<key>`; '' ignores the column. */
  mapping: Record<string, string>;
  /** `username`, `email` or `attributes.<key>`. */
  key: string;
  group_separator: string;
}

export interface CsvImportChange {
  field: string;
  before: unknown;
  after: unknown;
}

interface CsvRowBase {
  /** The line of the file the row starts on (the header is line 1). */
  row: number;
  key: string;
  username: string;
  user_pk: number | null;
  changes: CsvImportChange[];
  errors: string[];
}

export type CsvImportAction = 'create' | 'update' | 'unchanged' | 'error';
export type CsvImportOutcome = 'created' | 'updated' | 'unchanged' | 'error' | 'rolled_back';

export interface CsvImportPreview {
  columns: string[];
  rows: Array<CsvRowBase & { action: CsvImportAction }>;
  counts: Record<CsvImportAction, number>;
  digest: string;
}

export interface CsvImportResult {
  rows: Array<CsvRowBase & { outcome: CsvImportOutcome; warnings: string[] }>;
  counts: Record<CsvImportOutcome, number>;
}

export const csvImport = {
  columns: (csv: string, delimiter: CsvDelimiter) =>
    post<CsvColumns>('/api/v3/conduit/users/import/columns/', { csv, delimiter }),
  preview: (body: CsvImportRequest) => post<CsvImportPreview>('/api/v3/conduit/users/import/preview/', body),
  apply: (body: CsvImportRequest & { digest: string }) =>
    post<CsvImportResult>('/api/v3/conduit/users/import/apply/', body),
};

/** Apply an import; the users lists are refreshed afterwards. */
export function useApplyCsvImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: csvImport.apply,
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.users.all }),
  });
}

/** Read an uploaded file's columns (and the suggested mapping). */
export function useCsvColumns() {
  return useMutation({
    mutationFn: ({ csv, delimiter }: { csv: string; delimiter: CsvDelimiter }) =>
      csvImport.columns(csv, delimiter),
  });
}

/** Preview an import (writes nothing). */
export function useCsvPreview() {
  return useMutation({ mutationFn: csvImport.preview });
}

// ── LDAP sources ────────────────────────────────────────────────────────────────────────────

/** The fields of an LDAP source a form writes (authentik's `LDAPSourceRequest`, with Conduit's). */
export interface LdapSourceRequest {
  name: string;
  slug: string;
  enabled: boolean;
  server_uri: string;
  peer_certificate_pem: string | null;
  start_tls: boolean;
  sni: boolean;
  bind_cn: string;
  /** Write-only; empty in an update keeps the stored password. */
  bind_password?: string;
  base_dn: string;
  additional_user_dn: string;
  additional_group_dn: string;
  user_object_filter: string;
  group_object_filter: string;
  group_membership_field: string;
  user_membership_attribute: string;
  lookup_groups_from_user: boolean;
  object_uniqueness_field: string;
  sync_users: boolean;
  sync_groups: boolean;
  sync_parent_group: string | null;
  sync_group_hierarchy: boolean;
  delete_not_found_objects: boolean;
  user_property_mappings: string[];
  group_property_mappings: string[];
  user_path_template: string;
  sync_interval_minutes: number;
  sync_page_size: number;
  deletion_limit_percent: number;
}

/** authentik's `LDAPSource` as Conduit answers it. */
export interface LdapSource extends Omit<LdapSourceRequest, 'bind_password'> {
  pk: string;
  peer_certificate: string | null;
  /** Per server URI (and `__all__`), what the last connectivity check found. */
  connectivity: Record<string, Record<string, string>> | null;
  /** Whether a bind password is stored (it is never returned). */
  has_bind_password: boolean;
}

export type SourceRunStatus = 'running' | 'done' | 'warning' | 'error';

export interface SourceObjectCounts {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  errors: number;
}

/** One run of a source's sync. */
export interface SourceRun {
  id: string;
  status: SourceRunStatus;
  trigger: 'schedule' | 'manual';
  mode: 'full' | 'incremental' | null;
  phase: string | null;
  total: number;
  done: number;
  counts: { users: SourceObjectCounts; groups: SourceObjectCounts; memberships: SourceObjectCounts };
  error: string | null;
  held_deletions: { users: number; groups: number; limit_percent: number } | null;
  started: string;
  finished: string | null;
}

/** authentik's `SyncStatus`, with Conduit's latest run and next scheduled sync. */
export interface SourceSyncStatus {
  is_running: boolean;
  last_successful_sync?: string;
  last_sync_status?: SourceRunStatus;
  run: SourceRun | null;
  next_sync: string | null;
}

/** One object's result in a run. */
export interface SourceResult {
  id: number;
  object_type: 'user' | 'group' | 'membership';
  dn: string | null;
  local_id: number | null;
  operation: string;
  status: 'ok' | 'error' | 'skipped' | 'held';
  message: string | null;
  created: string;
}

export type ConnectivityStep = 'connect' | 'bind' | 'base_dn' | 'users' | 'groups';

/** What the connectivity check found, per server. */
export interface ConnectivityReport {
  status: 'ok' | 'error';
  servers: Array<{
    server: string;
    status: 'ok' | 'error';
    steps: Array<{ step: ConnectivityStep; status: 'ok' | 'error' | 'skipped'; message: string }>;
    users: number | null;
    groups: number | null;
  }>;
}

/** An LDAP source property mapping (authentik's `LDAPSourcePropertyMapping`). */
export interface LdapSourceMapping {
  pk: string;
  name: string;
  managed: string | null;
}

/** authentik's `UserLDAPSourceConnection`: which source made a user. */
export interface LdapUserConnection {
  pk: number;
  user: number;
  identifier: string;
  dn: string;
  source_obj: { pk: string; name: string; slug: string };
}

const ldapBase = '/api/v3/sources/ldap';
const enc = encodeURIComponent;

export const ldapSources = {
  list: (q: ListParams) => get<Paginated<LdapSource>>(`${ldapBase}/`, q),
  get: (slug: string) => get<LdapSource>(`${ldapBase}/${enc(slug)}/`),
  create: (body: LdapSourceRequest) => post<LdapSource>(`${ldapBase}/`, body),
  update: (slug: string, body: Partial<LdapSourceRequest>) =>
    patch<LdapSource>(`${ldapBase}/${enc(slug)}/`, body),
  remove: (slug: string) => del(`${ldapBase}/${enc(slug)}/`),
  status: (slug: string) => get<SourceSyncStatus>(`${ldapBase}/${enc(slug)}/sync/status/`),
  syncNow: (slug: string, confirmDeletions = false) =>
    post<{ detail: string }>(
      `${ldapBase}/${enc(slug)}/sync/`,
      confirmDeletions ? { confirm_deletions: true } : {},
    ),
  check: (slug: string) => post<ConnectivityReport>(`${ldapBase}/${enc(slug)}/check/`),
  results: (slug: string, run: string, q: ListParams) =>
    get<Paginated<SourceResult>>(`${ldapBase}/${enc(slug)}/runs/${enc(run)}/results/`, q),
  mappings: (q: ListParams) => get<Paginated<LdapSourceMapping>>('/api/v3/propertymappings/source/ldap/', q),
  userConnections: (user: number) =>
    get<Paginated<LdapUserConnection>>('/api/v3/sources/user_connections/ldap/', { user }),
};

/** Query keys of the LDAP source pages, below `['sources', 'ldap']`. */
export const ldapSourceKeys = {
  all: ['sources', 'ldap'] as const,
  list: ['sources', 'ldap', 'list'] as const,
  mappings: ['sources', 'ldap', 'mappings'] as const,
  detail: (slug: string) => ['sources', 'ldap', slug] as const,
  status: (slug: string) => ['sources', 'ldap', slug, 'status'] as const,
  check: (slug: string) => ['sources', 'ldap', slug, 'check'] as const,
  errors: (slug: string, run: string) => ['sources', 'ldap', slug, 'errors', run] as const,
  userConnection: (user: number) => ['sources', 'ldap', 'user-connection', user] as const,
};

/** One LDAP source. */
export function useLdapSource(slug: string) {
  return useQuery({ queryKey: ldapSourceKeys.detail(slug), queryFn: () => ldapSources.get(slug) });
}

/** A source's sync status, polled every 2 s while a run is going (5 s for list rows). */
export function useLdapSyncStatus(slug: string, idleInterval: number | false = false) {
  return useQuery({
    queryKey: ldapSourceKeys.status(slug),
    queryFn: () => ldapSources.status(slug),
    refetchInterval: (query) => (query.state.data?.is_running ? 2000 : idleInterval),
  });
}

/** The connectivity check, run when the source's page opens and again on request. */
export function useLdapConnectivity(slug: string) {
  return useQuery({
    queryKey: ldapSourceKeys.check(slug),
    queryFn: () => ldapSources.check(slug),
    retry: false,
    staleTime: 60_000,
  });
}

/** The objects a run failed on (the first 100). */
export function useLdapRunErrors(slug: string, run: string | undefined) {
  return useQuery({
    queryKey: ldapSourceKeys.errors(slug, run ?? ''),
    queryFn: () => ldapSources.results(slug, run as string, { status: 'error', page_size: 100 }),
    enabled: run !== undefined,
  });
}

/** Every LDAP source property mapping, for the form's checklists. */
export function useLdapMappings() {
  return useQuery({ queryKey: ldapSourceKeys.mappings, queryFn: () => listAll(ldapSources.mappings) });
}

/** The LDAP source that made a user, or null. */
export function useUserLdapConnection(userPk: number) {
  return useQuery({
    queryKey: ldapSourceKeys.userConnection(userPk),
    queryFn: async () => (await ldapSources.userConnections(userPk)).results[0] ?? null,
  });
}

/** Start a sync now (optionally applying the deletions the last run held back). */
export function useLdapSyncNow(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (confirmDeletions: boolean) => ldapSources.syncNow(slug, confirmDeletions),
    onSuccess: () => client.invalidateQueries({ queryKey: ldapSourceKeys.status(slug) }),
  });
}
