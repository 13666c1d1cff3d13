/**
 * The fields a `directory` mapping set may return (see `MappingResultKind`): the parts of a
 * Conduit directory user or group that a source's mappings set, with the JSON type of each.
 * `null` is accepted for every field and means "not set" (the source's default applies).
 * Which values are valid (a known user `type`, a unique username) is the directory's to check.
 */
import type { MappingObjectKind } from './types.js';

/** JSON type of a directory field; `object` is a plain object (`attributes`, free-form inside). */
export type DirectoryFieldType = 'string' | 'boolean' | 'object';

/** Fields of a directory user a mapping may return, in the order errors list them. */
export const DIRECTORY_USER_FIELDS: Readonly<Record<string, DirectoryFieldType>> = Object.freeze({
  username: 'string',
  name: 'string',
  email: 'string',
  is_active: 'boolean',
  path: 'string',
  attributes: 'object',
  type: 'string',
});

/** Fields of a directory group a mapping may return. */
export const DIRECTORY_GROUP_FIELDS: Readonly<Record<string, DirectoryFieldType>> = Object.freeze({
  name: 'string',
  attributes: 'object',
  is_superuser: 'boolean',
});

const fieldsOf = (kind: MappingObjectKind) =>
  kind === 'user' ? DIRECTORY_USER_FIELDS : DIRECTORY_GROUP_FIELDS;

/** The names of the fields a directory `kind` has, in order. */
export function directoryFieldNames(kind: MappingObjectKind): string[] {
  return Object.keys(fieldsOf(kind));
}

/** What is wrong with one mapping's result, or null when every field is known and well typed. */
export type DirectoryResultProblem =
  | { field: string; unknown: true }
  | { field: string; unknown: false; reason: string };

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Check one mapping's result (plain JSON from the sandbox) against the fields of a directory `kind`. */
export function checkDirectoryResult(
  kind: MappingObjectKind,
  result: Record<string, unknown>,
): DirectoryResultProblem | null {
  const fields = fieldsOf(kind);
  for (const field of Object.keys(result)) {
    const expected = Object.hasOwn(fields, field) ? fields[field] : undefined;
    if (expected === undefined) return { field, unknown: true };
    const value = result[field];
    if (value === null) continue;
    const ok =
      expected === 'object' ? typeof value === 'object' && !Array.isArray(value) : typeof value === expected;
    if (ok) continue;
    const hint =
      Array.isArray(value) && expected === 'string'
        ? ' (an attribute has many values: return one of them)'
        : '';
    return {
      field,
      unknown: false,
      reason: `property ${field} is ${describeValue(value)}, but a directory ${kind}'s ${field} is ${expected === 'object' ? 'an object' : `a ${expected}`} (or null)${hint}`,
    };
  }
  return null;
}
