/**
 * What feeds the directory: CSV import (`/api/v3/conduit/users/import/…`, Conduit's own) and the
 * LDAP sources (authentik's `/api/v3/sources/ldap/`): their types, calls and query hooks.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { del, get, patch, post } from './client.js';
import { listAll } from './endpoints.js';
import { queryKeys } from './queries/keys.js';
import type { ItemOf, Paginated, RequestOf, ResponseOf } from './schema.js';
import type { ListParams } from './types.js';

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
export type CsvColumns = ResponseOf<'/api/v3/conduit/users/import/columns/', 'post'>;
/** The file, how its columns map to user fields, and what identifies a user. */
export type CsvImportRequest = RequestOf<'/api/v3/conduit/users/import/preview/', 'post'>;
export type CsvImportPreview = ResponseOf<'/api/v3/conduit/users/import/preview/', 'post'>;
export type CsvImportResult = ResponseOf<'/api/v3/conduit/users/import/apply/', 'post'>;
export type CsvImportChange = CsvImportPreview['rows'][number]['changes'][number];
export type CsvImportAction = CsvImportPreview['rows'][number]['action'];
export type CsvImportOutcome = CsvImportResult['rows'][number]['outcome'];

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

/** authentik's `LDAPSource` as Conduit answers it (with `has_bind_password`, never the password). */
export type LdapSource = ResponseOf<'/api/v3/sources/ldap/{slug}/', 'get'>;
/** authentik's `LDAPSourceRequest`; `bind_password` is write-only (empty in an update keeps it). */
export type LdapSourceRequest = RequestOf<'/api/v3/sources/ldap/', 'post'>;
export type LdapSourcePatch = RequestOf<'/api/v3/sources/ldap/{slug}/', 'patch'>;
/** authentik's `SyncStatus`, with Conduit's latest run and next scheduled sync. */
export type SourceSyncStatus = ResponseOf<'/api/v3/sources/ldap/{slug}/sync/status/', 'get'>;
export type SourceRun = NonNullable<SourceSyncStatus['run']>;
/** One object's result in a run. */
export type SourceResult = ItemOf<'/api/v3/sources/ldap/{slug}/runs/{run}/results/'>;
/** What the connectivity check found, per server. */
export type ConnectivityReport = ResponseOf<'/api/v3/sources/ldap/{slug}/check/', 'post'>;
/** An LDAP source property mapping (authentik's `LDAPSourcePropertyMapping`). */
export type LdapSourceMapping = ItemOf<'/api/v3/propertymappings/source/ldap/'>;
/** authentik's `UserLDAPSourceConnection`: which source made a user. */
export type LdapUserConnection = ItemOf<'/api/v3/sources/user_connections/ldap/'>;
/** Settings and managed mappings per kind of directory server, for the source form. */
export type LdapPresets = ResponseOf<'/api/v3/conduit/sources/ldap/presets/', 'get'>;

const ldapBase = '/api/v3/sources/ldap';
const enc = encodeURIComponent;

export const ldapSources = {
  list: (q: ListParams) => get<Paginated<LdapSource>>(`${ldapBase}/`, q),
  get: (slug: string) => get<LdapSource>(`${ldapBase}/${enc(slug)}/`),
  create: (body: LdapSourceRequest) => post<LdapSource>(`${ldapBase}/`, body),
  update: (slug: string, body: LdapSourcePatch) => patch<LdapSource>(`${ldapBase}/${enc(slug)}/`, body),
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
  presets: () => get<LdapPresets>('/api/v3/conduit/sources/ldap/presets/'),
  userConnections: (user: number) =>
    get<Paginated<LdapUserConnection>>('/api/v3/sources/user_connections/ldap/', { user }),
};

/** Query keys of the LDAP source pages, below `['sources', 'ldap']`. */
export const ldapSourceKeys = {
  all: ['sources', 'ldap'] as const,
  list: ['sources', 'ldap', 'list'] as const,
  mappings: ['sources', 'ldap', 'mappings'] as const,
  presets: ['sources', 'ldap', 'presets'] as const,
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

/** The settings and mappings of each kind of directory server. */
export function useLdapPresets() {
  return useQuery({ queryKey: ldapSourceKeys.presets, queryFn: ldapSources.presets, staleTime: Infinity });
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
