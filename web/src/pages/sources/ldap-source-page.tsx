/**
 * One LDAP source: its connectivity (checked when the page opens), sync status and progress, the
 * last run's per-object errors, its settings, and **Sync now**.
 */
import {
  Alert,
  Button,
  DescriptionList,
  Flex,
  Grid,
  GridItem,
  Label,
  List,
  ListItem,
  Progress,
  Spinner,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import {
  type ConnectivityReport,
  type LdapSource,
  ldapSourceKeys,
  ldapSources,
  type SourceResult,
  type SourceRun,
  useLdapConnectivity,
  useLdapRunErrors,
  useLdapSource,
  useLdapSyncNow,
  useLdapSyncStatus,
} from '../../api/sources.js';
import {
  ConfirmModal,
  ErrorAlert,
  formatDate,
  DetailItem as Row,
  StatusLabel,
  TitledCard,
} from '../../components/common.js';
import { CompactTable, type TableColumn } from '../../components/compact-table.js';
import { ResourceDetailPage } from '../../components/crud-shell.js';
import { LdapSourceForm } from './ldap-source-form.js';

const STEP_NAMES: Record<string, string> = {
  connect: 'Connect',
  bind: 'Bind',
  base_dn: 'Read the base DN',
  users: 'Find users',
  groups: 'Find groups',
};

function ServerChecks({ server }: { server: ConnectivityReport['servers'][number] }) {
  return (
    <div className="pf-v6-u-mb-md">
      <Flex gap={{ default: 'gapSm' }} alignItems={{ default: 'alignItemsCenter' }}>
        <strong>{server.server}</strong>
        <StatusLabel status={server.status} />
      </Flex>
      <List isPlain className="pf-v6-u-mt-sm">
        {server.steps.map((s) => (
          <ListItem key={s.step}>
            <StatusLabel status={s.status} /> {STEP_NAMES[s.step] ?? s.step}: {s.message}
          </ListItem>
        ))}
      </List>
      {(server.users !== null || server.groups !== null) && (
        <p className="pf-v6-u-mt-sm">
          Sample counts: {server.users ?? '—'} users, {server.groups ?? '—'} groups.
        </p>
      )}
    </div>
  );
}

function ConnectivityCard({ slug }: { slug: string }) {
  const check = useLdapConnectivity(slug);
  return (
    <TitledCard
      title="Connectivity"
      actions={
        <Button variant="secondary" onClick={() => void check.refetch()} isLoading={check.isFetching}>
          Check again
        </Button>
      }
    >
      {check.isLoading && <Spinner size="md" aria-label="Checking the connection" />}
      <ErrorAlert error={check.error} title="The check could not run" />
      {check.data && (
        <>
          <Alert
            isInline
            variant={check.data.status === 'ok' ? 'success' : 'danger'}
            title={
              check.data.status === 'ok'
                ? 'Conduit can bind and read the base DN.'
                : 'Conduit cannot read this directory.'
            }
            className="pf-v6-u-mb-md"
          />
          {check.data.servers.map((s) => (
            <ServerChecks key={s.server} server={s} />
          ))}
        </>
      )}
    </TitledCard>
  );
}

const COUNT_KEYS = ['created', 'updated', 'unchanged', 'deleted', 'errors'] as const;

function RunCountsTable({ run }: { run: SourceRun }) {
  return (
    <Table aria-label="Objects in the latest run" variant="compact">
      <Thead>
        <Tr>
          <Th>Objects</Th>
          {COUNT_KEYS.map((k) => (
            <Th key={k}>{k[0]?.toUpperCase() + k.slice(1)}</Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {(['users', 'groups', 'memberships'] as const).map((kind) => (
          <Tr key={kind}>
            <Td dataLabel="Objects">{kind[0]?.toUpperCase() + kind.slice(1)}</Td>
            {COUNT_KEYS.map((k) => (
              <Td key={k} dataLabel={k}>
                {run.counts[kind][k]}
              </Td>
            ))}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}

function SyncStatusCard({ source }: { source: LdapSource }) {
  const status = useLdapSyncStatus(source.slug);
  const syncNow = useLdapSyncNow(source.slug);
  const [confirming, setConfirming] = useState(false);
  const data = status.data;
  const run = data?.run ?? null;
  const held = run?.held_deletions ?? null;
  return (
    <>
      <TitledCard
        title="Sync status"
        actions={
          <Button
            variant="primary"
            onClick={() => syncNow.mutate(false)}
            isLoading={syncNow.isPending}
            isDisabled={!source.enabled || data?.is_running === true || syncNow.isPending}
          >
            Sync now
          </Button>
        }
      >
        <ErrorAlert error={syncNow.error} title="The sync could not start" />
        {syncNow.isSuccess && !data?.is_running && (
          <Alert isInline variant="info" title={syncNow.data.detail} className="pf-v6-u-mb-md" />
        )}
        {!source.enabled && (
          <Alert
            isInline
            variant="warning"
            title="This source is disabled: enable it to sync."
            className="pf-v6-u-mb-md"
          />
        )}
        <ErrorAlert error={status.error} title="Could not load the sync status" />
        <DescriptionList isHorizontal isCompact className="pf-v6-u-mb-md">
          <Row term="State">
            {data?.is_running ? (
              <StatusLabel status="running" />
            ) : (
              <StatusLabel status={data?.last_sync_status ?? null} />
            )}
          </Row>
          <Row term="Last successful sync">{formatDate(data?.last_successful_sync)}</Row>
          <Row term="Next scheduled sync">
            {data?.next_sync ? formatDate(data.next_sync) : 'On demand only'}
          </Row>
          {run && (
            <Row term="Latest run">
              {run.mode ?? 'sync'} ({run.trigger}), started {formatDate(run.started)}
              {run.finished ? `, finished ${formatDate(run.finished)}` : ''}
            </Row>
          )}
        </DescriptionList>
        {run && data?.is_running && (
          <Progress
            className="pf-v6-u-mb-md"
            title={`Syncing ${run.phase ?? ''}`.trim()}
            value={run.total > 0 ? (100 * run.done) / run.total : 0}
            label={`${run.done} of ${run.total} entries`}
          />
        )}
        {run?.error && (
          <Alert isInline variant="danger" title="The latest run failed" className="pf-v6-u-mb-md">
            {run.error}
          </Alert>
        )}
        {held && (held.users > 0 || held.groups > 0) && (
          <Alert
            isInline
            variant="warning"
            title={`Deletions held back: ${held.users} users and ${held.groups} groups are no longer found`}
            className="pf-v6-u-mb-md"
            actionLinks={
              <Button variant="link" isInline onClick={() => setConfirming(true)}>
                Sync and delete them
              </Button>
            }
          >
            They are more than {held.limit_percent}% of the source&apos;s objects, so the run did not delete
            them.
          </Alert>
        )}
        {run && <RunCountsTable run={run} />}
        {!run && !status.isLoading && <p>This source has not synced yet.</p>}
      </TitledCard>
      {confirming && (
        <ConfirmModal
          title="Delete the objects no longer found?"
          body="The next sync deletes the users and groups this source no longer finds, beyond the deletion limit."
          confirmLabel="Sync and delete"
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            await syncNow.mutateAsync(true);
            setConfirming(false);
          }}
        />
      )}
    </>
  );
}

const ERROR_COLUMNS: Array<TableColumn<SourceResult>> = [
  { title: 'Object', cell: (r) => r.object_type },
  { title: 'DN', cell: (r) => r.dn ?? '—', modifier: 'breakWord' },
  { title: 'Operation', cell: (r) => r.operation },
  { title: 'Error', cell: (r) => r.message ?? '—' },
];

function RunErrorsCard({ slug, run }: { slug: string; run: SourceRun | null }) {
  const errors = useLdapRunErrors(slug, run?.id);
  const rows = errors.data?.results ?? [];
  return (
    <TitledCard title="Errors of the latest run">
      <ErrorAlert error={errors.error} title="Could not load the errors" />
      {rows.length === 0 ? (
        <p>{run ? 'No object failed.' : 'No run yet.'}</p>
      ) : (
        <CompactTable label="Objects that failed" columns={ERROR_COLUMNS} rows={rows} rowKey={(r) => r.id} />
      )}
      {(errors.data?.pagination.count ?? 0) > rows.length && (
        <p className="pf-v6-u-mt-sm">
          The first {rows.length} of {errors.data?.pagination.count} errors are shown.
        </p>
      )}
    </TitledCard>
  );
}

function SettingsCard({ source }: { source: LdapSource }) {
  const yes = (v: boolean) => (v ? 'Yes' : 'No');
  return (
    <TitledCard title="Settings">
      <DescriptionList isHorizontal isCompact>
        <Row term="Server URI">{source.server_uri}</Row>
        <Row term="TLS">
          {[source.start_tls && 'StartTLS', source.sni && 'SNI', source.peer_certificate && 'own CA']
            .filter(Boolean)
            .join(', ') || 'Default'}
        </Row>
        <Row term="Bind CN">{source.bind_cn || 'Anonymous'}</Row>
        <Row term="Bind password">{source.has_bind_password ? 'Stored' : 'None'}</Row>
        <Row term="Base DN">{source.base_dn}</Row>
        <Row term="User filter">{source.user_object_filter}</Row>
        <Row term="Group filter">{source.group_object_filter}</Row>
        <Row term="Uniqueness field">{source.object_uniqueness_field}</Row>
        <Row term="Sync users / groups">
          {yes(source.sync_users)} / {yes(source.sync_groups)}
        </Row>
        <Row term="Nested groups">{yes(source.sync_group_hierarchy)}</Row>
        <Row term="Delete objects not found">
          {source.delete_not_found_objects ? `Yes (held above ${source.deletion_limit_percent}%)` : 'No'}
        </Row>
        <Row term="Schedule">
          {source.sync_interval_minutes === 0
            ? 'On demand only'
            : `Every ${source.sync_interval_minutes} minutes`}
        </Row>
      </DescriptionList>
    </TitledCard>
  );
}

export function LdapSourcePage() {
  const slug = useParams().slug ?? '';
  const query = useLdapSource(slug);
  const status = useLdapSyncStatus(slug);
  const navigate = useNavigate();
  return (
    <ResourceDetailPage<LdapSource>
      query={query}
      noun="Source"
      name={(s) => s.name}
      description={(s) => (
        <>
          LDAP source <code>{s.slug}</code>{' '}
          {!s.enabled && (
            <Label isCompact color="orange">
              Disabled
            </Label>
          )}
        </>
      )}
      form={({ item, onCancel, onSaved }) => (
        <LdapSourceForm
          source={item}
          onCancel={onCancel}
          onSaved={async (saved) => {
            await onSaved(saved);
            if (item && saved.slug !== item.slug) navigate(`/sources/ldap/${encodeURIComponent(saved.slug)}`);
          }}
        />
      )}
      queryKey={ldapSourceKeys.all}
      deleteBody="The source's users and groups stay in the directory; they are no longer synced from it."
      remove={(s) => ldapSources.remove(s.slug)}
      listPath="/sources"
    >
      {(source) => (
        <Grid hasGutter>
          <GridItem lg={6}>
            <ConnectivityCard slug={source.slug} />
          </GridItem>
          <GridItem lg={6}>
            <SyncStatusCard source={source} />
          </GridItem>
          <GridItem lg={6}>
            <RunErrorsCard slug={source.slug} run={status.data?.run ?? null} />
          </GridItem>
          <GridItem lg={6}>
            <SettingsCard source={source} />
          </GridItem>
        </Grid>
      )}
    </ResourceDetailPage>
  );
}
