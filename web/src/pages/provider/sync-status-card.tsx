/**
 * A provider's sync status: the last run, or a running full sync's live progress, and "Run full sync
 * now". The dashboard shows the compact variant, one card per provider.
 */
import { Alert, Button, DescriptionList, Flex, Progress, Spinner } from '@patternfly/react-core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { entra } from '../../api/endpoints.js';
import { queryKeys } from '../../api/queries/keys.js';
import { useHeldDeletions, useProviderStatus } from '../../api/queries/providers.js';
import type { EntraProvider, SyncStatus } from '../../api/types.js';
import {
  ConfirmModal,
  ErrorAlert,
  formatDate,
  formatDuration,
  DetailItem as Item,
  plural,
  StatusLabel,
  TitledCard,
} from '../../components/common.js';
import { RunCounts } from '../../components/sync-views.js';

/** What a running full sync is doing, by phase (its pages run as jobs, users before groups). */
const PHASE_TITLES: Record<string, string> = {
  starting: 'Reading the tenant (discovery)',
  users: 'Syncing users',
  groups: 'Syncing groups and memberships',
};

export function SyncStatusCard({ provider, compact }: { provider: EntraProvider; compact?: boolean }) {
  const client = useQueryClient();
  const status = useProviderStatus(provider.pk);
  const [queued, setQueued] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const run = useMutation({
    mutationFn: (confirmDeletions: boolean) => entra.runFullSync(provider.pk, confirmDeletions),
    onSuccess: () => {
      setQueued(true);
      setTimeout(() => setQueued(false), 4000);
      void client.invalidateQueries({ queryKey: queryKeys.syncStatus.detail(provider.pk) });
      void client.invalidateQueries({ queryKey: queryKeys.runs.list(provider.pk) });
    },
  });
  const held = useHeldDeletions(provider.pk, compact === true);
  const s = status.data;
  const cannotRun = run.isPending || !s?.assigned || s?.is_running;
  return (
    <TitledCard
      title={compact ? <Link to={`/providers/${provider.pk}`}>{provider.name}</Link> : 'Sync status'}
      isFullHeight
      footer={
        <>
          <Flex gap={{ default: 'gapSm' }}>
            <Button
              variant="primary"
              onClick={() => run.mutate(false)}
              isLoading={run.isPending}
              isDisabled={cannotRun}
            >
              Run full sync now
            </Button>
            {!compact && provider.out_of_scope_action !== 'none' && provider.deletion_threshold > 0 && (
              <Button variant="secondary" isDanger onClick={() => setConfirming(true)} isDisabled={cannotRun}>
                Run and confirm held {provider.out_of_scope_action === 'delete' ? 'deletions' : 'suspensions'}
              </Button>
            )}
          </Flex>
          {confirming && (
            <ConfirmModal
              title="Confirm the held changes?"
              confirmLabel="Run full sync and confirm"
              body={`A full sync will ${provider.out_of_scope_action} every synced user who left this provider's scope, even more than the deletion threshold (${provider.deletion_threshold}). Check the last run's results first.`}
              onClose={() => setConfirming(false)}
              onConfirm={() => run.mutateAsync(true)}
            />
          )}
        </>
      }
    >
      <ErrorAlert error={status.error} />
      {compact && !!held.data?.count && (
        <Alert
          variant="danger"
          isInline
          isPlain
          className="pf-v6-u-mb-sm"
          title={
            <Link to={`/providers/${provider.pk}`} data-testid="dashboard-held-deletions">
              {plural(held.data.count, 'deletion is', 'deletions are')} held, waiting for your decision
            </Link>
          }
        />
      )}
      {status.isLoading && <Spinner size="md" aria-label="Loading sync status" />}
      {s && <StatusBody status={s} />}
      {run.error && <ErrorAlert error={run.error} title="Could not start the sync" />}
      {queued && (
        <Alert variant="success" isInline isPlain title="A full sync was queued." className="pf-v6-u-mt-sm" />
      )}
    </TitledCard>
  );
}

/** The running sync's progress bar, or the last run's outcome. */
export function StatusBody({ status: s }: { status: SyncStatus }) {
  const progress = s.progress;
  return (
    <div aria-live="polite">
      {s.is_running ? (
        <>
          <p>
            <strong>Sync currently running.</strong>
          </p>
          <Progress
            value={progress && progress.total > 0 ? (progress.done / progress.total) * 100 : 0}
            title={PHASE_TITLES[progress?.phase ?? ''] ?? 'Objects synced'}
            label={progress ? `${progress.done} of ${progress.total} objects` : 'Starting…'}
            valueText={progress ? `${progress.done} of ${progress.total} objects` : 'Starting'}
            measureLocation="outside"
            aria-label="Sync progress"
          />
          {progress?.estimated_finish_at && (
            <p className="pf-v6-u-font-size-sm" data-testid="sync-eta">
              {progress.remaining} left at {progress.objects_per_second} objects/s — estimated finish{' '}
              {new Date(progress.estimated_finish_at).toLocaleTimeString()}
            </p>
          )}
          {progress && progress.writes_done > 0 && (
            <p className="pf-v6-u-font-size-sm" data-testid="sync-writes">
              {plural(progress.writes_done, 'Graph write', 'Graph writes')} made
              {progress.writes_remaining !== null && <>, about {progress.writes_remaining} to go</>}
              {progress.paced_writes_per_second !== null && (
                <>
                  {' '}
                  (paced to {progress.paced_writes_per_second} writes/s
                  {progress.writes_per_second !== null && <>, running at {progress.writes_per_second}/s</>})
                </>
              )}
            </p>
          )}
        </>
      ) : (
        <DescriptionList isCompact isHorizontal aria-label="Sync status">
          <Item term="Status">
            {s.last_sync_status ? <StatusLabel status={s.last_sync_status} /> : 'Never synced'}
          </Item>
          <Item term="Last successful sync">{formatDate(s.last_successful_sync)}</Item>
          {s.last_run && (
            <>
              <Item term="Last run">
                {formatDate(s.last_run.started_at)} (
                {formatDuration(s.last_run.started_at, s.last_run.finished_at)})
              </Item>
              <Item term="Result">
                <RunCounts counts={s.last_run.counts} />
              </Item>
            </>
          )}
          {s.last_run?.error && <Item term="Error">{s.last_run.error}</Item>}
        </DescriptionList>
      )}
      {!s.assigned && (
        <p className="pf-v6-u-mt-sm pf-v6-u-text-color-subtle">
          Not assigned to an application: this provider does not sync.
        </p>
      )}
    </div>
  );
}
