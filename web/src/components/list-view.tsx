/** A searchable, paginated table over one of the API's list endpoints. */
import {
  Bullseye,
  EmptyState,
  EmptyStateBody,
  FormSelect,
  FormSelectOption,
  Pagination,
  SearchInput,
  Spinner,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import { ExpandableRowContent, Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import type { ListParams, Paginated } from '../api/types.js';
import { ErrorAlert } from './common.js';

export interface Column<T> {
  title: string;
  render: (row: T) => ReactNode;
  /** Hide on narrow screens? (PF's responsive grid still shows it as a labelled line.) */
  modifier?: 'wrap' | 'nowrap' | 'truncate' | 'breakWord';
}

export function useDebounced<T>(value: T, ms = 250): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function ListView<T>({
  queryKey,
  fetchPage,
  columns,
  rowKey,
  label,
  toolbarItems,
  filters,
  expand,
  emptyText = 'Nothing here yet.',
  searchable = true,
  pageSize = 20,
  refetchInterval,
  initialSearch = '',
}: {
  queryKey: readonly unknown[];
  fetchPage: (q: ListParams) => Promise<Paginated<T>>;
  columns: Array<Column<T>>;
  rowKey: (row: T) => string | number;
  label: string;
  toolbarItems?: ReactNode;
  filters?: ListParams;
  expand?: (row: T) => ReactNode;
  emptyText?: ReactNode;
  searchable?: boolean;
  pageSize?: number;
  refetchInterval?: number | false;
  initialSearch?: string;
}) {
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState(pageSize);
  const [search, setSearch] = useState(initialSearch);
  const debounced = useDebounced(search);
  const [expanded, setExpanded] = useState<Set<string | number>>(new Set());
  const filterKey = JSON.stringify(filters ?? {});
  // Back to the first page whenever the search or the filters change.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the dependencies are the trigger
  useEffect(() => setPage(1), [debounced, filterKey]);
  const query = useQuery({
    queryKey: [...queryKey, { page, perPage, search: debounced, filters }],
    queryFn: () => fetchPage({ ...filters, page, page_size: perPage, search: debounced || undefined }),
    placeholderData: keepPreviousData,
    refetchInterval,
  });
  const data = query.data;
  const count = data?.pagination.count ?? 0;
  const pagination = (variant: 'top' | 'bottom') => (
    <Pagination
      itemCount={count}
      page={page}
      perPage={perPage}
      onSetPage={(_e, p) => setPage(p)}
      onPerPageSelect={(_e, pp) => {
        setPerPage(pp);
        setPage(1);
      }}
      variant={variant}
      isCompact={variant === 'top'}
      titles={{ paginationAriaLabel: `${label} pagination (${variant})` }}
      perPageOptions={[
        { title: '10', value: 10 },
        { title: '20', value: 20 },
        { title: '50', value: 50 },
        { title: '100', value: 100 },
      ]}
    />
  );
  return (
    <>
      <Toolbar>
        <ToolbarContent>
          {searchable && (
            <ToolbarItem>
              <SearchInput
                aria-label={`Search ${label.toLowerCase()}`}
                placeholder="Search…"
                value={search}
                onChange={(_e, v) => setSearch(v)}
                onClear={() => setSearch('')}
              />
            </ToolbarItem>
          )}
          {toolbarItems}
          <ToolbarItem variant="pagination">{pagination('top')}</ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      <ErrorAlert error={query.error} title={`Could not load ${label.toLowerCase()}`} />
      {query.isLoading ? (
        <Bullseye>
          <Spinner aria-label={`Loading ${label.toLowerCase()}`} />
        </Bullseye>
      ) : data && data.results.length === 0 ? (
        <EmptyState headingLevel="h2" titleText={debounced ? 'No results' : `No ${label.toLowerCase()}`}>
          <EmptyStateBody>{debounced ? `Nothing matches “${debounced}”.` : emptyText}</EmptyStateBody>
        </EmptyState>
      ) : (
        <Table aria-label={label} variant="compact">
          <Thead>
            <Tr>
              {expand && <Th screenReaderText="Details" />}
              {columns.map((c) => (
                <Th key={c.title} modifier={c.modifier}>
                  {c.title}
                </Th>
              ))}
            </Tr>
          </Thead>
          {(data?.results ?? []).map((row, rowIndex) => {
            const key = rowKey(row);
            const isExpanded = expanded.has(key);
            return (
              <Tbody key={key} isExpanded={expand ? isExpanded : undefined}>
                <Tr>
                  {expand && (
                    <Td
                      expand={{
                        rowIndex,
                        isExpanded,
                        onToggle: () => {
                          const next = new Set(expanded);
                          if (isExpanded) next.delete(key);
                          else next.add(key);
                          setExpanded(next);
                        },
                      }}
                    />
                  )}
                  {columns.map((c) => (
                    <Td key={c.title} dataLabel={c.title} modifier={c.modifier}>
                      {c.render(row)}
                    </Td>
                  ))}
                </Tr>
                {expand && isExpanded && (
                  <Tr isExpanded>
                    <Td colSpan={columns.length + 1}>
                      <ExpandableRowContent>{expand(row)}</ExpandableRowContent>
                    </Td>
                  </Tr>
                )}
              </Tbody>
            );
          })}
        </Table>
      )}
      {count > perPage && pagination('bottom')}
    </>
  );
}

/** A select that filters a list: "all" first (`allValue`, `''` unless told), then the options. */
export function FilterSelect({
  id,
  ariaLabel,
  value,
  onChange,
  allLabel,
  allValue = '',
  options,
}: {
  id: string;
  ariaLabel: string;
  value: string;
  onChange: (value: string) => void;
  allLabel: string;
  allValue?: string;
  options: Array<{ value: string; label: string }>;
}) {
  return (
    <FormSelect id={id} aria-label={ariaLabel} value={value} onChange={(_e, v) => onChange(v)}>
      <FormSelectOption value={allValue} label={allLabel} />
      {options.map((o) => (
        <FormSelectOption key={o.value} value={o.value} label={o.label} />
      ))}
    </FormSelect>
  );
}
