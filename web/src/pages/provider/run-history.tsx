/** The provider's sync runs, newest first; a run expands to its per-object results. */
import { ExpandableSection, Spinner } from '@patternfly/react-core';
import { entra } from '../../api/endpoints.js';
import { queryKeys } from '../../api/queries/keys.js';
import { useRun } from '../../api/queries/providers.js';
import type { EntraProvider, SyncResult, SyncRun } from '../../api/types.js';
import { ErrorAlert, formatDate, formatDuration, StatusLabel } from '../../components/common.js';
import { CompactTable, type TableColumn } from '../../components/compact-table.js';
import { ListView } from '../../components/list-view.js';
import { objectName, ResultDetail, RunCounts } from '../../components/sync-views.js';

export function RunHistory({ provider }: { provider: EntraProvider }) {
  return (
    <div className="pf-v6-u-mt-md">
      <ListView<SyncRun>
        label="Sync runs"
        queryKey={queryKeys.runs.list(provider.pk)}
        fetchPage={(q) => entra.runs(provider.pk, q)}
        searchable={false}
        rowKey={(r) => r.id}
        refetchInterval={5000}
        emptyText="No sync has run yet."
        expand={(r) => <RunResults providerId={provider.pk} runId={r.id} />}
        columns={[
          { title: 'Started', render: (r) => formatDate(r.started_at) },
          { title: 'Kind', render: (r) => `${r.kind}${r.dry_run ? ' (dry run)' : ''}` },
          { title: 'Status', render: (r) => <StatusLabel status={r.status} /> },
          { title: 'Objects', render: (r) => `${r.done} / ${r.total}` },
          { title: 'Counts', render: (r) => <RunCounts counts={r.counts} /> },
          { title: 'Duration', render: (r) => formatDuration(r.started_at, r.finished_at) },
          { title: 'Error', render: (r) => r.error ?? '—', modifier: 'breakWord' },
        ]}
      />
    </div>
  );
}

function RunResults({ providerId, runId }: { providerId: number; runId: string }) {
  const q = useRun(providerId, runId);
  if (q.isLoading) return <Spinner size="md" aria-label="Loading results" />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const results = q.data?.results.results ?? [];
  if (results.length === 0) return <p>No per-object results were recorded (nothing changed).</p>;
  return <ResultsTable results={results} label="Run results" />;
}

const RESULT_COLUMNS: Array<TableColumn<SyncResult>> = [
  { title: 'Object', cell: objectName },
  { title: 'Operation', cell: (r) => r.operation },
  { title: 'Status', cell: (r) => <StatusLabel status={r.status} /> },
  {
    title: 'Message',
    className: 'cd-wrap',
    cell: (r) => (
      <>
        {r.message ?? '—'}
        {r.graph_request_id && (
          <div className="pf-v6-u-font-size-sm">
            Graph request-id <code>{r.graph_request_id}</code>
          </div>
        )}
        {hasDetail(r.detail) && (
          <ExpandableSection toggleText="Details">
            <ResultDetail operation={r.operation} detail={r.detail} />
          </ExpandableSection>
        )}
      </>
    ),
  },
];

function ResultsTable({ results, label }: { results: SyncResult[]; label: string }) {
  return <CompactTable label={label} columns={RESULT_COLUMNS} rows={results} rowKey={(r) => r.id} />;
}

/** Whether a result's detail holds more than the object it is about. */
export const hasDetail = (d: unknown) =>
  typeof d === 'object' && d !== null && Object.keys(d).some((k) => k !== 'object');
