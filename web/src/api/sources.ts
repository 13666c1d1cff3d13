/**
 * What feeds the directory: CSV import (`/api/v3/conduit/users/import/…`, Conduit's own) and the
 * LDAP sources (authentik's `/api/v3/sources/ldap/`): their types, calls and query hooks.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { post } from './client.js';
import { queryKeys } from './queries/keys.js';

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
