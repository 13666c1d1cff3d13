/**
 * One CSV row turned into user field values, each checked as the directory would check it: the
 * username by the directory's username rules, the email as the API does, `is_active` and `type`
 * from a small vocabulary. An empty cell means "no value": it leaves the field as it is.
 */
import { z } from 'zod';
import { DirectoryValidationError } from '../../directory/errors.js';
import { USER_TYPES, type UserType } from '../../directory/types.js';
import { normaliseUsername } from '../../directory/usernames.js';
import type { ColumnMapping, MappedColumn } from './column-mapping.js';
import type { CsvRecord } from './csv-file.js';

/** The values a row gives, by field; absent fields were empty or not mapped. */
export interface RowValues {
  username?: string;
  name?: string;
  email?: string;
  is_active?: boolean;
  type?: UserType;
  path?: string;
  /** `attributes.<path>` values, in column order. */
  attributes: Array<{ path: string[]; name: string; value: string }>;
  /** Group names the user must be a direct member of. */
  groups?: string[];
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'active', 'enabled']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'inactive', 'disabled']);
const MAX_PATH_LENGTH = 1000;
const MAX_EMAIL_LENGTH = 254;

/** Like the API's email field: a valid address, or `name@localhost` (the bootstrap admin has one). */
function emailProblem(value: string): string | null {
  if (value.length > MAX_EMAIL_LENGTH)
    return `Ensure this field has no more than ${MAX_EMAIL_LENGTH} characters.`;
  if (z.email().safeParse(value).success || /^[^\s@]+@localhost$/i.test(value)) return null;
  return `"${value}" is not a valid email address.`;
}

function directoryMessage(error: unknown): string {
  if (error instanceof DirectoryValidationError) return Object.values(error.fields).flat().join(' ');
  throw error;
}

/** Read one mapped column's cell into `values`, or return what is wrong with it. */
function readCell(
  values: RowValues,
  column: MappedColumn,
  cell: string,
  groupSeparator: string,
): string | null {
  const target = column.target;
  const label = `${column.name} (column "${column.column}")`;
  if (target.kind === 'attribute') {
    values.attributes.push({ path: target.path, name: column.name, value: cell });
    return null;
  }
  if (target.kind === 'groups') {
    const names = cell
      .split(groupSeparator)
      .map((g) => g.trim())
      .filter((g) => g !== '');
    values.groups = [...new Set(names)];
    return null;
  }
  switch (target.field) {
    case 'username':
      try {
        values.username = normaliseUsername(cell);
        return null;
      } catch (error) {
        return `${label}: ${directoryMessage(error)}`;
      }
    case 'name':
      values.name = cell;
      return null;
    case 'email': {
      const problem = emailProblem(cell);
      if (problem) return `${label}: ${problem}`;
      values.email = cell;
      return null;
    }
    case 'is_active': {
      const word = cell.trim().toLowerCase();
      if (TRUE_WORDS.has(word)) values.is_active = true;
      else if (FALSE_WORDS.has(word)) values.is_active = false;
      else return `${label}: "${cell}" is neither true nor false (write true/false, yes/no or 1/0).`;
      return null;
    }
    case 'type': {
      const type = cell.trim().toLowerCase();
      if (!(USER_TYPES as readonly string[]).includes(type)) {
        return `${label}: "${cell}" is not a user type (one of ${USER_TYPES.join(', ')}).`;
      }
      values.type = type as UserType;
      return null;
    }
    case 'path':
      if (cell.length > MAX_PATH_LENGTH) {
        return `${label}: Ensure this field has no more than ${MAX_PATH_LENGTH} characters.`;
      }
      values.path = cell;
      return null;
  }
}

/** The row's values and every problem found in its cells (empty cells are skipped). */
export function readRowValues(
  record: CsvRecord,
  mapping: ColumnMapping,
  fileColumns: number,
  groupSeparator: string,
): { values: RowValues; errors: string[] } {
  const values: RowValues = { attributes: [] };
  const errors: string[] = [];
  if (record.cells.length !== fileColumns) {
    errors.push(
      `The row has ${record.cells.length} field${record.cells.length === 1 ? '' : 's'}, the header ${fileColumns}: check for a missing or extra delimiter.`,
    );
    return { values, errors };
  }
  for (const column of mapping.columns) {
    const cell = record.cells[column.index] ?? '';
    if (cell.trim() === '') continue;
    const problem = readCell(values, column, cell, groupSeparator);
    if (problem) errors.push(problem);
  }
  return { values, errors };
}

/** The key of a row as compared across rows and with the directory (emails ignore case). */
export function rowKey(values: RowValues, record: CsvRecord, mapping: ColumnMapping): string | null {
  const key = mapping.key;
  if (key.kind === 'username') return values.username ?? null;
  if (key.kind === 'email') return values.email?.toLowerCase() ?? null;
  const cell = record.cells[mapping.keyColumn.index] ?? '';
  return cell.trim() === '' ? null : cell;
}
