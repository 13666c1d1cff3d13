/**
 * The preview of a CSV import: what importing the file would do to each row's user, computed
 * without writing anything. Every row is one of create, update (with the fields that change),
 * unchanged, or error (with its reasons). `applyCsvImport` performs exactly these writes.
 *
 * A row's user is found by the key (username, email ignoring case, or one attribute); a key that
 * appears twice in the file, or matches several users, is an error on the row rather than a guess.
 * Groups are named in the file and must already exist; the import adds memberships and never
 * removes one, so memberships made by hand survive a re-import.
 */
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { type Kysely, sql } from 'kysely';
import type { Actor, User } from '../../directory/types.js';
import { groupUuidsOfUsers, toUser, type UserInput, type UserPatch } from '../../directory/users.js';
import type { Database } from '../../store/schema.js';
import { type ColumnMapping, checkColumnMapping } from './column-mapping.js';
import { type CsvDelimiter, type CsvFile, parseCsvFile } from './csv-file.js';
import { type RowValues, readRowValues, rowKey } from './row-values.js';

type Db = Kysely<Database>;

/** What importing a row does. */
export type ImportAction = 'create' | 'update' | 'unchanged' | 'error';

/** One field a row sets: its value before (null for a new user) and after the import. */
export interface ImportChange {
  /** `name`, `email`, `groups`, `attributes.department` … */
  field: string;
  before: unknown;
  after: unknown;
}

/** The preview of one row. */
export interface ImportRowPlan {
  /** The line of the file the row starts on (the header is line 1). */
  row: number;
  action: ImportAction;
  /** The row's key value as written in the file ('' when missing). */
  key: string;
  /** The username the user has after the import ('' when unknown). */
  username: string;
  /** The existing user the row updates (or leaves unchanged), null for a create or an error. */
  user_pk: number | null;
  changes: ImportChange[];
  errors: string[];
}

/** The preview of a whole file. */
export interface ImportPlan {
  columns: string[];
  rows: ImportRowPlan[];
  counts: Record<ImportAction, number>;
  /** A fingerprint of the planned changes: apply refuses to run a plan other than the one previewed. */
  digest: string;
}

/** What to import and how: the file, its column mapping and the key. */
export interface CsvImportRequest {
  /** The file's text. */
  csv: string;
  /** Column name (as in the header) → target (`username`, …, `groups`, `attributes.<key>`); '' ignores it. */
  mapping: Record<string, string>;
  /** The field that identifies a user across imports: `username`, `email` or `attributes.<key>`. */
  key: string;
  delimiter?: CsvDelimiter;
  /** What separates group names in the groups column (default `;`). */
  group_separator?: string;
}

/** A write the plan calls for, with the row it reports to. */
export type PlannedWrite =
  | { kind: 'create'; row: ImportRowPlan; input: UserInput }
  | { kind: 'update'; row: ImportRowPlan; pk: number; patch: UserPatch; addGroupUuids: string[] };

const LOOKUP_CHUNK = 500;
const MAX_ATTRIBUTES_JSON = 512 * 1024;

function chunks<T>(items: T[], size = LOOKUP_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function attributeAt(attributes: Record<string, unknown>, path: string[]): unknown {
  let value: unknown = attributes;
  for (const segment of path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = Object.hasOwn(value, segment) ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return value;
}

/** `attributes` with `value` at `path`, or the reason it cannot be set (a non-object on the way). */
function withAttribute(
  attributes: Record<string, unknown>,
  path: string[],
  value: string,
): Record<string, unknown> | string {
  const result = structuredClone(attributes);
  let node: Record<string, unknown> = result;
  for (const [i, segment] of path.entries()) {
    if (i === path.length - 1) {
      node[segment] = value;
      break;
    }
    const next = Object.hasOwn(node, segment) ? node[segment] : undefined;
    if (next === undefined) {
      const created: Record<string, unknown> = {};
      node[segment] = created;
      node = created;
    } else if (next !== null && typeof next === 'object' && !Array.isArray(next)) {
      node = next as Record<string, unknown>;
    } else {
      return `attributes.${path.slice(0, i + 1).join('.')} holds a value that is not an object, so it cannot have sub-keys.`;
    }
  }
  return result;
}

/** The directory state a plan is computed against, read in a few queries. */
interface DirectorySnapshot {
  /** Users matched by each row key (normalised as `rowKey` normalises). */
  byKey: Map<string, User[]>;
  /** Users by username, for every username a row mentions. */
  byUsername: Map<string, User>;
  /** Groups by name, for every group a row mentions. */
  groupsByName: Map<string, string>;
  /** Group names per user, for the matched users. */
  groupNamesOf: Map<number, string[]>;
}

async function usersWhere(db: Db, column: 'username' | 'email', values: string[]): Promise<User[]> {
  const users: User[] = [];
  for (const chunk of chunks([...new Set(values)])) {
    // Emails reach here as the import accepts them, ASCII (zod's email check), so SQL's lower()
    // folds them as JavaScript does on both dialects (SQLite's folds ASCII only).
    const query =
      column === 'username'
        ? db.selectFrom('users').selectAll().where('username', 'in', chunk)
        : db.selectFrom('users').selectAll().where(sql<string>`lower(email)`, 'in', chunk);
    users.push(...(await query.execute()).map(toUser));
  }
  return users;
}

/** Groups' names and UUIDs where `column` is one of `values`. */
async function groupsWhere(db: Db, column: 'name' | 'group_uuid', values: string[]) {
  const groups: Array<{ name: string; group_uuid: string }> = [];
  for (const chunk of chunks(values)) {
    groups.push(
      ...(await db.selectFrom('groups').select(['name', 'group_uuid']).where(column, 'in', chunk).execute()),
    );
  }
  return groups;
}

/**
 * Users whose attribute at `path`, as text, is one of `values`, by value. Attributes are JSON
 * stored differently per dialect: the directory is read page by page instead of through a
 * dialect-specific JSON query.
 */
async function usersByAttribute(db: Db, path: string[], values: Set<string>): Promise<Map<string, User[]>> {
  const result = new Map<string, User[]>();
  for (let lastId = 0; ; ) {
    const rows = await db
      .selectFrom('users')
      .selectAll()
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(1000)
      .execute();
    if (rows.length === 0) break;
    lastId = rows[rows.length - 1]?.id ?? lastId;
    for (const user of rows.map(toUser)) {
      const value = attributeAt(user.attributes, path);
      if (value === undefined || value === null || typeof value === 'object') continue;
      const text = String(value);
      if (values.has(text)) result.set(text, [...(result.get(text) ?? []), user]);
    }
  }
  return result;
}

async function readSnapshot(
  db: Db,
  mapping: ColumnMapping,
  rows: Array<{ key: string | null; values: RowValues }>,
): Promise<DirectorySnapshot> {
  const keys = rows.flatMap((r) => (r.key === null ? [] : [r.key]));
  let byKey = new Map<string, User[]>();
  if (mapping.key.kind === 'attribute') byKey = await usersByAttribute(db, mapping.key.path, new Set(keys));
  else {
    const column = mapping.key.kind;
    for (const user of await usersWhere(db, column, keys)) {
      const key = column === 'username' ? user.username : user.email.toLowerCase();
      byKey.set(key, [...(byKey.get(key) ?? []), user]);
    }
  }
  const usernames = rows.flatMap((r) => (r.values.username === undefined ? [] : [r.values.username]));
  const byUsername = new Map((await usersWhere(db, 'username', usernames)).map((u) => [u.username, u]));
  const groupNames = [...new Set(rows.flatMap((r) => r.values.groups ?? []))];
  const groupsByName = new Map<string, string>();
  const namesByUuid = new Map<string, string>();
  for (const g of await groupsWhere(db, 'name', groupNames)) groupsByName.set(g.name, g.group_uuid);
  const matchedPks = [...new Set([...byKey.values()].flat().map((u) => u.pk))];
  const groupNamesOf = new Map<number, string[]>();
  for (const chunk of chunks(matchedPks)) {
    const uuidsOf = await groupUuidsOfUsers(db, chunk);
    const unknown = [...new Set([...uuidsOf.values()].flat())].filter((u) => !namesByUuid.has(u));
    for (const g of await groupsWhere(db, 'group_uuid', unknown)) namesByUuid.set(g.group_uuid, g.name);
    for (const [pk, uuids] of uuidsOf) {
      groupNamesOf.set(pk, uuids.map((u) => namesByUuid.get(u) ?? u).sort());
    }
  }
  return { byKey, byUsername, groupsByName, groupNamesOf };
}

const SCALAR_FIELDS = ['username', 'name', 'email', 'is_active', 'type', 'path'] as const;

/** The changes and the write for a row whose values are valid, against its user (or none). */
function planRow(
  row: ImportRowPlan,
  values: RowValues,
  existing: User | null,
  snapshot: DirectorySnapshot,
): PlannedWrite | null {
  const unknownGroups = (values.groups ?? []).filter((g) => !snapshot.groupsByName.has(g));
  for (const group of unknownGroups) {
    row.errors.push(`groups: no group is named "${group}" (create it under Directory › Groups first).`);
  }
  const patch: UserPatch = {};
  for (const field of SCALAR_FIELDS) {
    const after = values[field];
    if (after === undefined) continue;
    const before = existing ? existing[field] : null;
    if (before === after) continue;
    row.changes.push({ field, before, after });
    Object.assign(patch, { [field]: after });
  }
  let attributes: Record<string, unknown> = existing ? existing.attributes : {};
  for (const { path, name, value } of values.attributes) {
    const next = withAttribute(attributes, path, value);
    if (typeof next === 'string') row.errors.push(`${name}: ${next}`);
    else {
      const before = attributeAt(attributes, path);
      if (!isDeepStrictEqual(before, value))
        row.changes.push({ field: name, before: before ?? null, after: value });
      attributes = next;
    }
  }
  if (values.attributes.length > 0 && JSON.stringify(attributes).length > MAX_ATTRIBUTES_JSON) {
    row.errors.push('attributes: the user’s attributes would exceed 512 KiB of JSON.');
  }
  const currentGroups = existing ? (snapshot.groupNamesOf.get(existing.pk) ?? []) : [];
  const added = (values.groups ?? []).filter(
    (g) => !currentGroups.includes(g) && snapshot.groupsByName.has(g),
  );
  if (added.length > 0) {
    row.changes.push({ field: 'groups', before: currentGroups, after: [...currentGroups, ...added].sort() });
  }
  if (row.errors.length > 0) return null;
  const addGroupUuids = added.map((g) => snapshot.groupsByName.get(g) as string);
  if (values.attributes.length > 0 && !isDeepStrictEqual(attributes, existing?.attributes ?? {})) {
    patch.attributes = attributes;
  }
  if (!existing) {
    row.action = 'create';
    const input: UserInput = { ...patch, username: row.username, name: values.name ?? '' };
    if (addGroupUuids.length > 0) input.groups = addGroupUuids;
    return { kind: 'create', row, input };
  }
  if (row.changes.length === 0) return null;
  row.action = 'update';
  return { kind: 'update', row, pk: existing.pk, patch, addGroupUuids };
}

/** The usernames two or more rows would give: each such row is an error. */
function conflictingUsernames(planned: PlannedWrite[]): Map<string, number[]> {
  const rowsOf = new Map<string, number[]>();
  for (const write of planned) {
    const gives = write.kind === 'create' ? write.input.username : write.patch.username;
    if (gives !== undefined) rowsOf.set(gives, [...(rowsOf.get(gives) ?? []), write.row.row]);
  }
  return new Map([...rowsOf].filter(([, rows]) => rows.length > 1));
}

function countActions(rows: ImportRowPlan[]): Record<ImportAction, number> {
  const counts: Record<ImportAction, number> = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const row of rows) counts[row.action] += 1;
  return counts;
}

function planDigest(rows: ImportRowPlan[]): string {
  const material = rows.map((r) => [r.row, r.action, r.user_pk, r.username, r.changes, r.errors]);
  return createHash('sha256').update(JSON.stringify(material)).digest('hex');
}

/**
 * The preview of a CSV import and the writes it calls for. Throws a validation error (`csv`,
 * `mapping.<column>`, `key`) when the file or the mapping cannot be used at all; a problem with
 * one row is that row's error.
 */
export async function planCsvImport(
  db: Db,
  request: CsvImportRequest,
  actor: Actor,
): Promise<{ plan: ImportPlan; writes: PlannedWrite[] }> {
  const file: CsvFile = parseCsvFile(request.csv, request.delimiter ?? ',');
  const mapping = checkColumnMapping(file.columns, request.mapping, request.key);
  const separator = request.group_separator ?? ';';
  const read = file.records.map((record) => {
    const { values, errors } = readRowValues(record, mapping, file.columns.length, separator);
    const keyCell = record.cells[mapping.keyColumn.index] ?? '';
    if (errors.length === 0 && keyCell.trim() === '') {
      errors.push(`Missing key: the column "${mapping.keyColumn.column}" (${mapping.keyName}) is empty.`);
    }
    return {
      record,
      values,
      errors,
      keyCell,
      key: errors.length > 0 ? null : rowKey(values, record, mapping),
    };
  });
  const rowsOfKey = new Map<string, number[]>();
  for (const r of read)
    if (r.key !== null) rowsOfKey.set(r.key, [...(rowsOfKey.get(r.key) ?? []), r.record.line]);
  const snapshot = await readSnapshot(db, mapping, read);
  const rows: ImportRowPlan[] = [];
  const writes: PlannedWrite[] = [];
  for (const r of read) {
    const row: ImportRowPlan = {
      row: r.record.line,
      action: 'unchanged',
      key: r.keyCell,
      username: r.values.username ?? '',
      user_pk: null,
      changes: [],
      errors: [...r.errors],
    };
    rows.push(row);
    if (r.key === null) continue;
    const others = (rowsOfKey.get(r.key) ?? []).filter((line) => line !== row.row);
    if (others.length > 0) {
      row.errors.push(
        `Duplicate key: "${r.keyCell}" appears again on row ${others.join(', ')}; each user may appear once.`,
      );
      continue;
    }
    const matches = snapshot.byKey.get(r.key) ?? [];
    if (matches.length > 1) {
      row.errors.push(
        `The key "${r.keyCell}" matches ${matches.length} users (${matches.map((u) => u.username).join(', ')}); use a key that identifies one user.`,
      );
      continue;
    }
    const existing = matches[0] ?? null;
    row.user_pk = existing?.pk ?? null;
    row.username = r.values.username ?? existing?.username ?? '';
    if (!existing && r.values.username === undefined) {
      row.errors.push(`A new user needs a username: map a column to username and fill it on this row.`);
      continue;
    }
    const holder = r.values.username === undefined ? undefined : snapshot.byUsername.get(r.values.username);
    if (holder && holder.pk !== existing?.pk) {
      row.errors.push(
        `username: "${r.values.username}" is already the username of another user (pk ${holder.pk}).`,
      );
      continue;
    }
    if (existing && actor && existing.pk === actor.pk && r.values.is_active === false) {
      row.errors.push('is_active: you cannot deactivate your own account through an import.');
      continue;
    }
    const write = planRow(row, r.values, existing, snapshot);
    if (write) writes.push(write);
  }
  const conflicts = conflictingUsernames(writes);
  const kept = writes.filter((write) => {
    const gives = write.kind === 'create' ? write.input.username : write.patch.username;
    const rowsGiving = gives === undefined ? undefined : conflicts.get(gives);
    if (!rowsGiving) return true;
    const others = rowsGiving.filter((line) => line !== write.row.row);
    write.row.errors.push(
      `username: "${gives}" is also given on row ${others.join(', ')}; each user needs its own.`,
    );
    return false;
  });
  for (const row of rows) {
    if (row.errors.length > 0) {
      row.action = 'error';
      row.changes = [];
    }
  }
  return {
    plan: { columns: file.columns, rows, counts: countActions(rows), digest: planDigest(rows) },
    writes: kept,
  };
}
