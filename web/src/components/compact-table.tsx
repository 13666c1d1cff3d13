/**
 * A compact read-only table from a list of columns: each column's title heads it and labels its
 * cells on narrow screens (`dataLabel`), so the headings and the cells cannot drift apart.
 */
import { Table, Tbody, Td, type TdProps, Th, Thead, Tr } from '@patternfly/react-table';
import type { Key, ReactNode } from 'react';

/** One column: its heading, what a row shows in it, and how its cells wrap. */
export interface TableColumn<T> {
  title: string;
  cell: (row: T) => ReactNode;
  className?: string;
  modifier?: TdProps['modifier'];
}

/** The rows of `rows` under the headings of `columns`, in a compact table named `label`. */
export function CompactTable<T>({
  label,
  columns,
  rows,
  rowKey,
  gridBreakPoint,
}: {
  label: string;
  columns: Array<TableColumn<T>>;
  rows: T[];
  rowKey: (row: T) => Key;
  /** '' keeps the grid at every width (a narrow table inside another). */
  gridBreakPoint?: '' | 'grid' | 'grid-md' | 'grid-lg' | 'grid-xl' | 'grid-2xl';
}) {
  return (
    <Table aria-label={label} variant="compact" gridBreakPoint={gridBreakPoint}>
      <Thead>
        <Tr>
          {columns.map((c) => (
            <Th key={c.title}>{c.title}</Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((row) => (
          <Tr key={rowKey(row)}>
            {columns.map((c) => (
              <Td key={c.title} dataLabel={c.title} className={c.className} modifier={c.modifier}>
                {c.cell(row)}
              </Td>
            ))}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
