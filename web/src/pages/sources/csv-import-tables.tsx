/** The CSV import page's tables: the column mapping, the preview of each row, and the result. */
import {
  FormSelect,
  FormSelectOption,
  Label,
  LabelGroup,
  List,
  ListItem,
  TextInput,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { Link } from 'react-router';
import {
  CSV_USER_FIELDS,
  type CsvImportAction,
  type CsvImportChange,
  type CsvImportOutcome,
  type CsvImportPreview,
  type CsvImportResult,
} from '../../api/sources.js';
import { Help } from '../../components/form-fields.js';

/** What the administrator chose for one column: a user field, an attribute (with its key), or nothing. */
export interface ColumnChoice {
  /** '' (ignore), a user field, or 'attribute'. */
  field: string;
  /** The dotted key when `field` is 'attribute'. */
  attribute: string;
}

const ATTRIBUTE_PREFIX = 'attributes.';

/** The choice a mapping target stands for (`attributes.hr.dept` → attribute `hr.dept`). */
export function choiceOf(target: string): ColumnChoice {
  if (target.startsWith(ATTRIBUTE_PREFIX))
    return { field: 'attribute', attribute: target.slice(ATTRIBUTE_PREFIX.length) };
  return { field: target, attribute: '' };
}

/** The mapping target of a choice ('' when the column is ignored or its attribute key is blank). */
export function targetOf(choice: ColumnChoice): string {
  if (choice.field !== 'attribute') return choice.field;
  return choice.attribute.trim() === '' ? '' : `${ATTRIBUTE_PREFIX}${choice.attribute.trim()}`;
}

/** One line per column of the file: its name, first value, and the field it fills. */
export function MappingTable({
  columns,
  sample,
  choices,
  errors,
  onChange,
}: {
  columns: string[];
  sample: Record<string, string>;
  choices: Record<string, ColumnChoice>;
  /** Field errors of the last preview, by column (`mapping.<column>`). */
  errors: Record<string, string[]>;
  onChange: (column: string, choice: ColumnChoice) => void;
}) {
  return (
    <Table aria-label="Column mapping" variant="compact">
      <Thead>
        <Tr>
          <Th>Column in the file</Th>
          <Th>First row</Th>
          <Th>Imported as</Th>
        </Tr>
      </Thead>
      <Tbody>
        {columns.map((column, i) => {
          const choice = choices[column] ?? { field: '', attribute: '' };
          const id = `column-${i}`;
          const columnErrors = errors[`mapping.${column}`];
          return (
            <Tr key={column}>
              <Td dataLabel="Column in the file">{column || <em>(no name)</em>}</Td>
              <Td dataLabel="First row" modifier="truncate">
                {sample[column] || '—'}
              </Td>
              <Td dataLabel="Imported as">
                <FormSelect
                  id={`${id}-field`}
                  aria-label={`Field for column ${column}`}
                  value={choice.field}
                  validated={columnErrors ? 'error' : 'default'}
                  aria-describedby={columnErrors ? `${id}-error` : undefined}
                  onChange={(_e, field) => onChange(column, { ...choice, field })}
                >
                  <FormSelectOption value="" label="Do not import" />
                  {CSV_USER_FIELDS.map((f) => (
                    <FormSelectOption key={f.value} value={f.value} label={f.label} />
                  ))}
                  <FormSelectOption value="attribute" label="Attribute…" />
                </FormSelect>
                {choice.field === 'attribute' && (
                  <TextInput
                    id={`${id}-attribute`}
                    className="pf-v6-u-mt-xs"
                    aria-label={`Attribute key for column ${column}`}
                    placeholder="department or hr.cost_centre"
                    value={choice.attribute}
                    onChange={(_e, attribute) => onChange(column, { ...choice, attribute })}
                  />
                )}
                <Help id={`${id}-error`} error={columnErrors?.join(' ')} />
              </Td>
            </Tr>
          );
        })}
      </Tbody>
    </Table>
  );
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.join(', ');
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** The fields a row sets: `field: before → after` (only the new value for a created user). */
function ChangeList({ changes, isNew }: { changes: CsvImportChange[]; isNew: boolean }) {
  if (changes.length === 0) return <>—</>;
  return (
    <List isPlain>
      {changes.map((c) => (
        <ListItem key={c.field}>
          <strong>{c.field}</strong>: {isNew ? show(c.after) : `${show(c.before)} → ${show(c.after)}`}
        </ListItem>
      ))}
    </List>
  );
}

const ACTION_LABELS: Record<
  CsvImportAction | CsvImportOutcome,
  { text: string; color: 'green' | 'blue' | 'grey' | 'red' | 'orange' }
> = {
  create: { text: 'Create', color: 'green' },
  update: { text: 'Update', color: 'blue' },
  unchanged: { text: 'Unchanged', color: 'grey' },
  error: { text: 'Error', color: 'red' },
  created: { text: 'Created', color: 'green' },
  updated: { text: 'Updated', color: 'blue' },
  rolled_back: { text: 'Not applied', color: 'orange' },
};

function ActionLabel({ action }: { action: CsvImportAction | CsvImportOutcome }) {
  const { text, color } = ACTION_LABELS[action];
  return (
    <Label color={color} isCompact>
      {text}
    </Label>
  );
}

/** Counts as labels: "2 to create", "1 to update" … */
export function CountLabels({
  counts,
  words,
}: {
  counts: Record<string, number>;
  words: Record<string, string>;
}) {
  return (
    <LabelGroup numLabels={10} aria-label="Counts">
      {Object.entries(words).map(([key, word]) => (
        <Label key={key} color={ACTION_LABELS[key as CsvImportAction]?.color ?? 'grey'}>
          {counts[key] ?? 0} {word}
        </Label>
      ))}
    </LabelGroup>
  );
}

function UserCell({ username, pk }: { username: string; pk: number | null }) {
  if (!username) return <>—</>;
  return pk === null ? username : <Link to={`/users/${pk}`}>{username}</Link>;
}

/** The rows shown at most; the counts above always cover the whole file. */
export const MAX_SHOWN_ROWS = 1000;

/** One line of the preview or result table. */
interface ShownRow {
  row: number;
  status: CsvImportAction | CsvImportOutcome;
  key: string;
  username: string;
  user_pk: number | null;
  changes: CsvImportChange[];
  /** Errors (the row was not written) or warnings (it was). */
  messages: string[];
  showChanges: boolean;
  isNew: boolean;
}

function RowsTable({ label, statusTitle, rows }: { label: string; statusTitle: string; rows: ShownRow[] }) {
  return (
    <Table aria-label={label} variant="compact">
      <Thead>
        <Tr>
          <Th>Row</Th>
          <Th>{statusTitle}</Th>
          <Th>User</Th>
          <Th>Details</Th>
        </Tr>
      </Thead>
      <Tbody>
        {rows.slice(0, MAX_SHOWN_ROWS).map((r) => (
          <Tr key={r.row}>
            <Td dataLabel="Row">{r.row}</Td>
            <Td dataLabel={statusTitle}>
              <ActionLabel action={r.status} />
            </Td>
            <Td dataLabel="User">
              <UserCell username={r.username || r.key} pk={r.user_pk} />
            </Td>
            <Td dataLabel="Details">
              {r.messages.length > 0 && (
                <List isPlain>
                  {r.messages.map((m) => (
                    <ListItem key={m}>{m}</ListItem>
                  ))}
                </List>
              )}
              {r.showChanges && <ChangeList changes={r.changes} isNew={r.isNew} />}
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}

/** What the import would do, row by row. */
export function PreviewTable({ preview }: { preview: CsvImportPreview }) {
  const rows = preview.rows.map((r) => ({
    ...r,
    status: r.action,
    messages: r.errors,
    showChanges: r.action !== 'error',
    isNew: r.action === 'create',
  }));
  return <RowsTable label="Import preview" statusTitle="Action" rows={rows} />;
}

/** What the import did, row by row. */
export function ResultTable({ result }: { result: CsvImportResult }) {
  const rows = result.rows.map((r) => ({
    ...r,
    status: r.outcome,
    messages: [...r.errors, ...r.warnings],
    showChanges: r.outcome === 'created' || r.outcome === 'updated',
    isNew: r.outcome === 'created',
  }));
  return <RowsTable label="Import result" statusTitle="Result" rows={rows} />;
}
