/**
 * The column mapping of a CSV import: which column of the file fills which field of a directory
 * user, and which field identifies the user (the key) so that importing the same file again finds
 * the same users instead of creating them twice.
 */
import { DirectoryValidationError } from '../../directory/errors.js';

/** User fields a column can fill (besides `attributes.<dotted.key>`). */
export const CSV_USER_FIELDS = ['username', 'name', 'email', 'is_active', 'type', 'path', 'groups'] as const;
export type CsvUserField = (typeof CSV_USER_FIELDS)[number];

/** Where a column's values go. */
export type ColumnTarget =
  | { kind: 'field'; field: Exclude<CsvUserField, 'groups'> }
  | { kind: 'groups' }
  | { kind: 'attribute'; path: string[] };

/** One mapped column: its position in the file and where its values go. */
export interface MappedColumn {
  column: string;
  index: number;
  target: ColumnTarget;
  /** The target as written in the mapping (`email`, `attributes.hr.department`). */
  name: string;
}

/** What identifies a user across imports: the username, the email, or one attribute. */
export type ImportKey = { kind: 'username' } | { kind: 'email' } | { kind: 'attribute'; path: string[] };

/** A mapping checked against a file's header. */
export interface ColumnMapping {
  columns: MappedColumn[];
  key: ImportKey;
  /** The key as written (`username`, `attributes.employee_id`). */
  keyName: string;
  /** The column the key is read from. */
  keyColumn: MappedColumn;
}

const ATTRIBUTE_PREFIX = 'attributes.';
/** Keys that would reach an object's prototype when assigned: never accepted as attribute names. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_ATTRIBUTE_DEPTH = 8;

/** The attribute path of `attributes.a.b` (`['a', 'b']`), or the reason it cannot be used. */
function attributePath(target: string): string[] | string {
  const segments = target.slice(ATTRIBUTE_PREFIX.length).split('.');
  if (segments.some((s) => s.trim() === '')) {
    return `"${target}" has an empty part: write attributes.<key> or attributes.<key>.<subkey>.`;
  }
  if (segments.some((s) => FORBIDDEN_KEYS.has(s))) {
    return `"${target}" uses a reserved name (__proto__, constructor, prototype).`;
  }
  if (segments.length > MAX_ATTRIBUTE_DEPTH) {
    return `"${target}" is nested ${segments.length} levels deep; at most ${MAX_ATTRIBUTE_DEPTH} are supported.`;
  }
  return segments;
}

/** The target of a mapping value, or the reason it is not one. */
export function parseColumnTarget(target: string): ColumnTarget | string {
  if (target.startsWith(ATTRIBUTE_PREFIX)) {
    const path = attributePath(target);
    return typeof path === 'string' ? path : { kind: 'attribute', path };
  }
  if (target === 'groups') return { kind: 'groups' };
  if ((CSV_USER_FIELDS as readonly string[]).includes(target)) {
    return { kind: 'field', field: target as Exclude<CsvUserField, 'groups'> };
  }
  return `Unknown field "${target}": use one of ${CSV_USER_FIELDS.join(', ')}, or attributes.<key>.`;
}

function parseKey(key: string): ImportKey | string {
  if (key === 'username') return { kind: 'username' };
  if (key === 'email') return { kind: 'email' };
  if (key.startsWith(ATTRIBUTE_PREFIX)) {
    const path = attributePath(key);
    return typeof path === 'string' ? path : { kind: 'attribute', path };
  }
  return `The key must be username, email or attributes.<key>, not "${key}".`;
}

/**
 * Check a mapping (`{column: target}`, an empty target ignores the column) against the file's
 * columns. Throws a validation error naming each bad part: `mapping.<column>` for a column the
 * file lacks, an unknown target or a target mapped twice; `key` when the key is not a field or
 * no column fills it.
 */
export function checkColumnMapping(
  fileColumns: string[],
  mapping: Record<string, string>,
  key: string,
): ColumnMapping {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => {
    errors[field] = [...(errors[field] ?? []), message];
  };
  const columns: MappedColumn[] = [];
  const byTarget = new Map<string, string>();
  for (const [column, rawTarget] of Object.entries(mapping)) {
    const name = rawTarget.trim();
    if (name === '') continue;
    const index = fileColumns.indexOf(column);
    if (index < 0) {
      add(
        `mapping.${column}`,
        `The file has no column "${column}" (its columns: ${fileColumns.map((c) => `"${c}"`).join(', ')}).`,
      );
      continue;
    }
    const target = parseColumnTarget(name);
    if (typeof target === 'string') {
      add(`mapping.${column}`, target);
      continue;
    }
    const other = byTarget.get(name);
    if (other !== undefined) {
      add(`mapping.${column}`, `"${name}" is already filled from the column "${other}": map it once.`);
      continue;
    }
    byTarget.set(name, column);
    columns.push({ column, index, target, name });
  }
  const parsedKey = parseKey(key);
  let keyColumn: MappedColumn | undefined;
  if (typeof parsedKey === 'string') add('key', parsedKey);
  else {
    keyColumn = columns.find((c) => c.name === key);
    if (!keyColumn && !Object.keys(errors).some((f) => f.startsWith('mapping.'))) {
      add('key', `The key "${key}" is not filled from any column: map a column to ${key}.`);
    }
  }
  if (Object.keys(errors).length > 0 || typeof parsedKey === 'string' || !keyColumn) {
    throw new DirectoryValidationError(
      Object.keys(errors).length > 0 ? errors : { key: [`Map a column to ${key}.`] },
    );
  }
  return { columns, key: parsedKey, keyName: key, keyColumn };
}

/**
 * A suggested mapping for a file's columns, by header name: `Username`/`login`/`sAMAccountName` →
 * username, `E-mail`/`mail` → email, `Display name`/`full name` → name, `active`/`enabled` →
 * is_active, `groups`/`memberOf` → groups; anything else → `attributes.<column in snake_case>`.
 * Each target is suggested once, so the suggestion is always a mapping the preview accepts.
 */
export function suggestColumnMapping(columns: string[]): Record<string, string> {
  const aliases: Array<[CsvUserField, RegExp]> = [
    ['username', /^(user ?name|login|user|uid|samaccountname|account)$/],
    ['email', /^(e-?mail( address)?|mail)$/],
    ['name', /^(name|full ?name|display ?name|displayname|cn)$/],
    ['is_active', /^(is ?active|active|enabled)$/],
    ['type', /^(type|user ?type)$/],
    ['path', /^(path|folder)$/],
    ['groups', /^(groups?|member ?of|memberof|teams?)$/],
  ];
  const used = new Set<string>();
  const suggestion: Record<string, string> = {};
  for (const column of columns) {
    const normalised = column.trim().toLowerCase().replace(/[_.]/g, ' ');
    const match = aliases.find(([field, pattern]) => !used.has(field) && pattern.test(normalised));
    if (match) {
      used.add(match[0]);
      suggestion[column] = match[0];
      continue;
    }
    const key = column
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '');
    const target = `${ATTRIBUTE_PREFIX}${key}`;
    // Two columns with the same key ("Cost Centre", "cost_centre"): only the first is suggested.
    suggestion[column] = key === '' || FORBIDDEN_KEYS.has(key) || used.has(target) ? '' : target;
    used.add(target);
  }
  return suggestion;
}
