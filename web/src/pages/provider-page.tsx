/**
 * One Microsoft Entra provider: overview (assignment, connection test, sync status with live
 * progress and "Run full sync now"), provisioned users and groups with a per-object **Sync**,
 * run history, and the dry-run plan.
 */
import {
  Alert,
  AlertActionLink,
  Bullseye,
  Button,
  Card,
  CardBody,
  CardFooter,
  CardHeader,
  CardTitle,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  EmptyState,
  EmptyStateBody,
  ExpandableSection,
  Flex,
  FlexItem,
  FormSelect,
  FormSelectOption,
  Gallery,
  Grid,
  GridItem,
  Label,
  List,
  ListItem,
  Modal,
  ModalBody,
  ModalHeader,
  PageSection,
  Progress,
  Spinner,
  Tab,
  Tabs,
  TabTitleText,
  ToolbarItem,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { entra, groups as groupsApi, users as usersApi } from '../api/endpoints.js';
import type {
  ConnectionReport,
  EntraProvider,
  GroupLink,
  SyncPlan,
  SyncResult,
  SyncRun,
  UserLink,
} from '../api/types.js';
import {
  ConfirmModal,
  DOCS,
  ErrorAlert,
  errorMessage,
  formatDate,
  formatDuration,
  JsonBlock,
  PageHeader,
  StatusLabel,
} from '../components/common.js';
import { ListView } from '../components/list-view.js';
import {
  CLOUD_OPTIONS,
  certificateExpiresSoon,
  ProviderForm,
  useAllMappings,
} from '../components/provider-form.js';
import { SearchSelect } from '../components/search-select.js';
import { objectName, ResultDetail, RunCounts, SyncObjectModal } from '../components/sync-views.js';
import { useTitle } from '../components/use-title.js';

export const NOT_ASSIGNED_WARNING =
  'Warning: Provider is not assigned to an application as backchannel provider.';

const ACTION_LABEL: Record<string, string> = {
  delete: 'Delete',
  suspend: 'Suspend',
  do_nothing: 'Do Nothing',
};

export function ProviderPage() {
  const id = Number(useParams().id);
  const [searchParams, setSearchParams] = useSearchParams();
  const tab = searchParams.get('tab') ?? 'overview';
  const provider = useQuery({
    queryKey: ['providers', 'entra', id],
    queryFn: () => entra.get(id),
    enabled: Number.isInteger(id),
  });
  useTitle(provider.data?.name ?? 'Provider');
  if (provider.isLoading)
    return (
      <Bullseye>
        <Spinner aria-label="Loading provider" />
      </Bullseye>
    );
  if (!provider.data)
    return (
      <PageSection>
        <ErrorAlert
          error={provider.error ?? new Error('Provider not found.')}
          title="Could not load the provider"
        />
      </PageSection>
    );
  const p = provider.data;
  return (
    <>
      <PageHeader
        title={
          <>
            {p.name}{' '}
            {p.dry_run && (
              <Label color="purple" isCompact>
                Dry run
              </Label>
            )}
          </>
        }
        description={`${p.verbose_name} · tenant ${p.tenant_id}`}
        help={DOCS.overview}
        actions={<ProviderActions provider={p} />}
      />
      <PageSection>
        <Tabs
          activeKey={tab}
          onSelect={(_e, k) => setSearchParams({ tab: String(k) })}
          aria-label="Provider sections"
          mountOnEnter
          unmountOnExit
        >
          <Tab eventKey="overview" title={<TabTitleText>Overview</TabTitleText>}>
            <Overview provider={p} />
          </Tab>
          <Tab eventKey="users" title={<TabTitleText>Provisioned Users</TabTitleText>}>
            <ProvisionedUsers provider={p} />
          </Tab>
          <Tab eventKey="groups" title={<TabTitleText>Provisioned Groups</TabTitleText>}>
            <ProvisionedGroups provider={p} />
          </Tab>
          <Tab eventKey="runs" title={<TabTitleText>Sync runs</TabTitleText>}>
            <RunHistory provider={p} />
          </Tab>
          <Tab eventKey="plan" title={<TabTitleText>Dry-run plan</TabTitleText>}>
            <PlanViewer provider={p} />
          </Tab>
        </Tabs>
      </PageSection>
    </>
  );
}

function ProviderActions({ provider }: { provider: EntraProvider }) {
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const client = useQueryClient();
  const navigate = useNavigate();
  const mappings = useAllMappings();
  return (
    <>
      <Button variant="secondary" onClick={() => setEditing(true)}>
        Edit
      </Button>
      <Button variant="danger" onClick={() => setDeleting(true)}>
        Delete
      </Button>
      {editing && (
        <Modal isOpen onClose={() => setEditing(false)} variant="large" aria-labelledby="edit-provider-title">
          <ModalHeader title="Update Microsoft Entra Provider" labelId="edit-provider-title" />
          <ModalBody>
            {mappings.data ? (
              <ProviderForm
                provider={provider}
                allMappings={mappings.data}
                submitLabel="Save"
                secondaryActions={
                  <Button variant="link" onClick={() => setEditing(false)}>
                    Cancel
                  </Button>
                }
                onSubmit={async (body) => {
                  const updated = await entra.update(provider.pk, body);
                  client.setQueryData(['providers', 'entra', provider.pk], updated);
                  await client.invalidateQueries({ queryKey: ['providers'] });
                  setEditing(false);
                }}
              />
            ) : (
              <Spinner aria-label="Loading" />
            )}
          </ModalBody>
        </Modal>
      )}
      {deleting && (
        <ConfirmModal
          title={`Delete ${provider.name}?`}
          body="The provider, its links and its run history are deleted. Nothing is deleted in Entra ID."
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            await entra.remove(provider.pk);
            await client.invalidateQueries({ queryKey: ['providers'] });
            navigate('/providers');
          }}
        />
      )}
    </>
  );
}

/**
 * Deletions past the threshold wait here: the administrator sends them to Entra ID, or keeps the
 * accounts there (no longer linked).
 */
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const heldDeletionsKey = (pk: number) => ['providers', 'entra', pk, 'held-deletions'];

/** A provider's held deletions; shared by its page and its dashboard card. */
function useHeldDeletions(pk: number, enabled = true) {
  return useQuery({
    queryKey: heldDeletionsKey(pk),
    queryFn: () => entra.heldDeletions(pk),
    refetchInterval: 15_000,
    enabled,
  });
}

function HeldDeletionsAlert({ provider }: { provider: EntraProvider }) {
  const client = useQueryClient();
  const held = useHeldDeletions(provider.pk);
  const [done, setDone] = useState<string | null>(null);
  const decide = useMutation({
    mutationFn: async (choice: 'confirm' | 'discard') =>
      choice === 'confirm'
        ? `${plural((await entra.confirmHeldDeletions(provider.pk)).confirmed, 'deletion was', 'deletions were')} sent to Entra ID.`
        : `${plural((await entra.discardHeldDeletions(provider.pk)).discarded, 'object was', 'objects were')} kept in Entra ID, no longer linked.`,
    onSuccess: async (message) => {
      setDone(message);
      await client.invalidateQueries({ queryKey: heldDeletionsKey(provider.pk) });
    },
  });
  const data = held.data;
  if (done && !data?.count)
    return (
      <GridItem span={12}>
        <Alert variant="success" isInline title={done} />
      </GridItem>
    );
  if (!data || data.count === 0) return null;
  const shown = data.results.slice(0, 10);
  return (
    <GridItem span={12}>
      <Alert
        variant="danger"
        isInline
        title={`${plural(data.count, 'deletion is', 'deletions are')} held: more than ${data.threshold} within 10 minutes`}
        data-testid="held-deletions"
        actionLinks={
          <>
            <AlertActionLink onClick={() => decide.mutate('confirm')} isDisabled={decide.isPending}>
              Delete them in Entra ID
            </AlertActionLink>
            <AlertActionLink onClick={() => decide.mutate('discard')} isDisabled={decide.isPending}>
              Keep them in Entra ID
            </AlertActionLink>
          </>
        }
      >
        <p>
          These objects were deleted in Conduit, but so many deletions at once may be a mistake, so nothing
          was sent to Entra ID for them. Check the list, then decide.
        </p>
        <ul className="pf-v6-u-mt-sm">
          {shown.map((h) => (
            <li key={h.id}>
              {h.object_type} <strong>{h.object}</strong> ({h.action}, Entra object id{' '}
              <code>{h.remote_id}</code>)
            </li>
          ))}
          {data.count > shown.length && <li>… and {data.count - shown.length} more</li>}
        </ul>
        {decide.error && <ErrorAlert error={decide.error} title="The decision could not be applied" />}
      </Alert>
    </GridItem>
  );
}

function Overview({ provider: p }: { provider: EntraProvider }) {
  const navigate = useNavigate();
  const mappings = useAllMappings();
  const names = (ids: string[]) => ids.map((i) => mappings.data?.find((m) => m.pk === i)?.name ?? i);
  const group = useQuery({
    queryKey: ['groups', p.filter_group],
    queryFn: () => groupsApi.get(p.filter_group as string),
    enabled: !!p.filter_group,
  });
  return (
    <Grid hasGutter className="pf-v6-u-mt-md">
      <HeldDeletionsAlert provider={p} />
      {!p.assigned_backchannel_application_name && (
        <GridItem span={12}>
          <Alert
            variant="warning"
            isInline
            title={NOT_ASSIGNED_WARNING}
            actionLinks={
              <AlertActionLink onClick={() => navigate('/applications')}>Go to Applications</AlertActionLink>
            }
          >
            Nothing is synced until an application lists this provider under{' '}
            <strong>Backchannel Providers</strong>: open Applications &gt; Applications, create or edit an
            application, and select this provider there.
          </Alert>
        </GridItem>
      )}
      <GridItem md={6} span={12}>
        <SyncStatusCard provider={p} />
      </GridItem>
      <GridItem md={6} span={12}>
        <ConnectionCard provider={p} />
      </GridItem>
      <GridItem span={12}>
        <Card>
          <CardHeader>
            <CardTitle component="h2">Settings</CardTitle>
          </CardHeader>
          <CardBody>
            <DescriptionList
              isCompact
              columnModifier={{ default: '1Col', lg: '2Col' }}
              aria-label="Provider settings"
            >
              <Item term="Application">
                {p.assigned_backchannel_application_name ? (
                  <Link to="/applications">{p.assigned_backchannel_application_name}</Link>
                ) : (
                  'Not assigned'
                )}
              </Item>
              <Item term="Client ID">
                <code className="cd-wrap">{p.client_id}</code>
              </Item>
              <Item term="Credential">
                <CredentialSummary provider={p} />
              </Item>
              <Item term="Tenant ID">
                <code className="cd-wrap">{p.tenant_id}</code>
              </Item>
              <Item term="User deletion action">{ACTION_LABEL[p.user_delete_action]}</Item>
              <Item term="Group deletion action">{ACTION_LABEL[p.group_delete_action]}</Item>
              <Item term="Exclude service accounts">{p.exclude_users_service_account ? 'Yes' : 'No'}</Item>
              <Item term="Group">
                {p.filter_group ? (
                  group.data ? (
                    <Link to={`/groups/${p.filter_group}`}>{group.data.name}</Link>
                  ) : (
                    p.filter_group
                  )
                ) : (
                  'All users'
                )}
              </Item>
              <Item term="User Property Mappings">{names(p.property_mappings).join(', ') || 'None'}</Item>
              <Item term="Group Property Mappings">
                {names(p.property_mappings_group).join(', ') || 'None'}
              </Item>
              <Item term="Dry run">{p.dry_run ? 'On: nothing is written to Entra ID' : 'Off'}</Item>
              <Item term="Page size / timeout">
                {p.sync_page_size} / {p.sync_page_timeout}
              </Item>
              <Item term="Discovery">{p.discovery_enabled ? 'Enabled' : 'Disabled'}</Item>
              <Item term="Full sync interval">{p.sync_interval_minutes} minutes</Item>
              <Item term="Users leaving scope">
                {{ none: 'Do nothing', suspend: 'Suspend', delete: 'Delete' }[p.out_of_scope_action]}
              </Item>
              <Item term="Deletion threshold">
                {p.deletion_threshold === 0 ? 'Off' : p.deletion_threshold}
              </Item>
              <Item term="National cloud">
                {CLOUD_OPTIONS.find((c) => c.value === p.cloud)?.label ?? p.cloud}
              </Item>
              {p.cloud === 'custom' && (
                <Item term="Graph URL">
                  <code className="cd-wrap">{p.graph_url}</code>
                </Item>
              )}
            </DescriptionList>
          </CardBody>
        </Card>
      </GridItem>
    </Grid>
  );
}

/** Which credential the provider signs in with; a certificate with its thumbprint and expiry. */
function CredentialSummary({ provider: p }: { provider: EntraProvider }) {
  if (p.credential_type === 'client_certificate') {
    const expired = !!p.client_certificate_expires && Date.parse(p.client_certificate_expires) <= Date.now();
    return (
      <>
        Certificate {p.client_certificate_subject}
        <div>
          Thumbprint <code className="cd-wrap">{p.client_certificate_thumbprint}</code>
        </div>
        <div>
          {expired ? 'Expired' : 'Expires'} {formatDate(p.client_certificate_expires)}{' '}
          {certificateExpiresSoon(p.client_certificate_expires) && (
            <Label isCompact color={expired ? 'red' : 'orange'}>
              {expired ? 'Sign-in fails: upload a new certificate' : 'Renew soon'}
            </Label>
          )}
        </div>
      </>
    );
  }
  if (p.credential_type === 'client_secret') return <>Client secret (set, never shown)</>;
  return <>Not set</>;
}

/** What a running full sync is doing, by phase (its pages run as jobs, users before groups). */
const PHASE_TITLES: Record<string, string> = {
  starting: 'Reading the tenant (discovery)',
  users: 'Syncing users',
  groups: 'Syncing groups and memberships',
};

function Item({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <DescriptionListGroup>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription>{children}</DescriptionListDescription>
    </DescriptionListGroup>
  );
}

export function SyncStatusCard({ provider, compact }: { provider: EntraProvider; compact?: boolean }) {
  const client = useQueryClient();
  const status = useQuery({
    queryKey: ['sync-status', provider.pk],
    queryFn: () => entra.status(provider.pk),
    refetchInterval: (q) => (q.state.data?.is_running ? 1000 : 10_000),
  });
  const [queued, setQueued] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const run = useMutation({
    mutationFn: (confirmDeletions: boolean) => entra.runFullSync(provider.pk, confirmDeletions),
    onSuccess: () => {
      setQueued(true);
      setTimeout(() => setQueued(false), 4000);
      void client.invalidateQueries({ queryKey: ['sync-status', provider.pk] });
      void client.invalidateQueries({ queryKey: ['runs', provider.pk] });
    },
  });
  const held = useHeldDeletions(provider.pk, compact === true);
  const s = status.data;
  const progress = s?.progress;
  return (
    <Card isFullHeight>
      <CardHeader>
        <CardTitle component="h2">
          {compact ? <Link to={`/providers/${provider.pk}`}>{provider.name}</Link> : 'Sync status'}
        </CardTitle>
      </CardHeader>
      <CardBody>
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
        {s && (
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
        )}
        {run.error && <ErrorAlert error={run.error} title="Could not start the sync" />}
        {queued && (
          <Alert
            variant="success"
            isInline
            isPlain
            title="A full sync was queued."
            className="pf-v6-u-mt-sm"
          />
        )}
      </CardBody>
      <CardFooter>
        <Flex gap={{ default: 'gapSm' }}>
          <Button
            variant="primary"
            onClick={() => run.mutate(false)}
            isLoading={run.isPending}
            isDisabled={run.isPending || !s?.assigned || s?.is_running}
          >
            Run full sync now
          </Button>
          {!compact && provider.out_of_scope_action !== 'none' && provider.deletion_threshold > 0 && (
            <Button
              variant="secondary"
              isDanger
              onClick={() => setConfirming(true)}
              isDisabled={run.isPending || !s?.assigned || s?.is_running}
            >
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
      </CardFooter>
    </Card>
  );
}

function ConnectionCard({ provider }: { provider: EntraProvider }) {
  const test = useMutation({ mutationFn: () => entra.testConnection(provider.pk) });
  const r: ConnectionReport | undefined = test.data;
  const err = r?.error
    ? typeof r.error === 'string'
      ? r.error
      : (r.error.message ?? JSON.stringify(r.error))
    : null;
  return (
    <Card isFullHeight>
      <CardHeader>
        <CardTitle component="h2">Connection</CardTitle>
      </CardHeader>
      <CardBody aria-live="polite">
        <p>
          Signs in with the Client ID and Client Secret and checks the Graph application permissions Conduit
          needs.
        </p>
        {test.error && <ErrorAlert error={test.error} title="The connection test could not run" />}
        {r && (
          <div className="pf-v6-u-mt-sm">
            <Alert
              variant={r.ok ? 'success' : 'danger'}
              isInline
              title={r.ok ? 'Connection successful' : 'Connection failed'}
            >
              {err && <p>{err}</p>}
              {r.verifiedDomains && r.verifiedDomains.length > 0 && (
                <p>Verified domains: {r.verifiedDomains.join(', ')}</p>
              )}
              {r.grantedPermissions && r.grantedPermissions.length > 0 && (
                <p>Granted permissions: {r.grantedPermissions.join(', ')}</p>
              )}
            </Alert>
            {r.missingPermissions && r.missingPermissions.length > 0 && (
              <Alert variant="warning" isInline title="Missing permissions" className="pf-v6-u-mt-sm">
                <p>
                  Grant these Microsoft Graph application permissions and admin consent in the app
                  registration:
                </p>
                <List>
                  {r.missingPermissions.map((m) => (
                    <ListItem key={m}>
                      <code>{m}</code>
                    </ListItem>
                  ))}
                </List>
                <Link to={DOCS.configureEntra}>How to grant permissions</Link>
              </Alert>
            )}
          </div>
        )}
      </CardBody>
      <CardFooter>
        <Button
          variant="secondary"
          onClick={() => test.mutate()}
          isLoading={test.isPending}
          isDisabled={test.isPending}
        >
          Test connection
        </Button>
      </CardFooter>
    </Card>
  );
}

function LinkState({ link }: { link: UserLink | GroupLink }) {
  return (
    <>
      <StatusLabel status={link.state} />
      {link.last_error && (
        <div className="pf-v6-u-font-size-sm cd-wrap pf-v6-u-mt-xs">
          {link.last_error}
          {link.last_request_id && (
            <>
              {' '}
              (Graph request-id <code>{link.last_request_id}</code>)
            </>
          )}
        </div>
      )}
    </>
  );
}

type SyncTarget = { kind: 'user' | 'group'; id: string; label: string };

function ProvisionedUsers({ provider }: { provider: EntraProvider }) {
  const [target, setTarget] = useState<SyncTarget | null>(null);
  const [unlink, setUnlink] = useState<UserLink | null>(null);
  const client = useQueryClient();
  return (
    <div className="pf-v6-u-mt-md">
      <ListView<UserLink>
        label="Provisioned users"
        queryKey={['links', 'users', provider.pk]}
        fetchPage={(q) => entra.userLinks({ ...q, provider__id: provider.pk })}
        searchable={false}
        rowKey={(l) => l.id}
        toolbarItems={
          <ToolbarItem>
            <PickAndSync kind="user" onPick={setTarget} />
          </ToolbarItem>
        }
        emptyText="No user has been synced yet. Run a full sync, or sync a single user."
        expand={(l) => (
          <>
            <strong>Last pushed attributes</strong>
            <JsonBlock value={l.attributes} label={`Attributes of ${l.user_obj?.username ?? l.user}`} />
          </>
        )}
        columns={[
          {
            title: 'User',
            render: (l) => (
              <Link to={`/users/${l.user}`}>
                {l.user_obj ? `${l.user_obj.username} (${l.user_obj.name})` : `#${l.user}`}
              </Link>
            ),
          },
          {
            title: 'Microsoft ID',
            render: (l) => (l.microsoft_id ? <code className="cd-wrap">{l.microsoft_id}</code> : '—'),
            modifier: 'breakWord',
          },
          { title: 'State', render: (l) => <LinkState link={l} /> },
          { title: 'Last synced', render: (l) => formatDate(l.last_synced_at) },
          {
            title: 'Actions',
            render: (l) => (
              <Flex gap={{ default: 'gapSm' }} flexWrap={{ default: 'nowrap' }}>
                <Button
                  variant="secondary"
                  size="sm"
                  aria-label={`Sync ${l.user_obj?.username ?? l.user}`}
                  onClick={() =>
                    setTarget({
                      kind: 'user',
                      id: String(l.user),
                      label: l.user_obj?.username ?? String(l.user),
                    })
                  }
                >
                  Sync
                </Button>
                <Button
                  variant="link"
                  size="sm"
                  isDanger
                  onClick={() => setUnlink(l)}
                  aria-label={`Unlink ${l.user_obj?.username ?? l.user}`}
                >
                  Unlink
                </Button>
              </Flex>
            ),
          },
        ]}
      />
      {target && (
        <SyncObjectModal
          providerId={provider.pk}
          providerDryRun={provider.dry_run}
          kind={target.kind}
          objectId={target.id}
          objectLabel={target.label}
          onClose={() => {
            setTarget(null);
            void client.invalidateQueries({ queryKey: ['links'] });
          }}
        />
      )}
      {unlink && (
        <ConfirmModal
          title={`Unlink ${unlink.user_obj?.username ?? unlink.user}?`}
          confirmLabel="Unlink"
          body="Conduit forgets which Entra ID user this is. Nothing is changed in Entra ID; the next sync finds it again by discovery or creates it."
          onClose={() => setUnlink(null)}
          onConfirm={async () => {
            await entra.unlinkUser(unlink.id);
            await client.invalidateQueries({ queryKey: ['links'] });
          }}
        />
      )}
    </div>
  );
}

function ProvisionedGroups({ provider }: { provider: EntraProvider }) {
  const [target, setTarget] = useState<SyncTarget | null>(null);
  const [unlink, setUnlink] = useState<GroupLink | null>(null);
  const client = useQueryClient();
  return (
    <div className="pf-v6-u-mt-md">
      <ListView<GroupLink>
        label="Provisioned groups"
        queryKey={['links', 'groups', provider.pk]}
        fetchPage={(q) => entra.groupLinks({ ...q, provider__id: provider.pk })}
        searchable={false}
        rowKey={(l) => l.id}
        toolbarItems={
          <ToolbarItem>
            <PickAndSync kind="group" onPick={setTarget} />
          </ToolbarItem>
        }
        emptyText="No group has been synced yet. Run a full sync, or sync a single group."
        expand={(l) => (
          <>
            <strong>Last pushed attributes</strong>
            <JsonBlock value={l.attributes} label={`Attributes of ${l.group_obj?.name ?? l.group}`} />
          </>
        )}
        columns={[
          {
            title: 'Group',
            render: (l) => <Link to={`/groups/${l.group}`}>{l.group_obj?.name ?? l.group}</Link>,
          },
          {
            title: 'Microsoft ID',
            render: (l) => (l.microsoft_id ? <code className="cd-wrap">{l.microsoft_id}</code> : '—'),
            modifier: 'breakWord',
          },
          { title: 'State', render: (l) => <LinkState link={l} /> },
          { title: 'Last synced', render: (l) => formatDate(l.last_synced_at) },
          {
            title: 'Actions',
            render: (l) => (
              <Flex gap={{ default: 'gapSm' }} flexWrap={{ default: 'nowrap' }}>
                <Button
                  variant="secondary"
                  size="sm"
                  aria-label={`Sync ${l.group_obj?.name ?? l.group}`}
                  onClick={() =>
                    setTarget({ kind: 'group', id: l.group, label: l.group_obj?.name ?? l.group })
                  }
                >
                  Sync
                </Button>
                <Button
                  variant="link"
                  size="sm"
                  isDanger
                  onClick={() => setUnlink(l)}
                  aria-label={`Unlink ${l.group_obj?.name ?? l.group}`}
                >
                  Unlink
                </Button>
              </Flex>
            ),
          },
        ]}
      />
      {target && (
        <SyncObjectModal
          providerId={provider.pk}
          providerDryRun={provider.dry_run}
          kind={target.kind}
          objectId={target.id}
          objectLabel={target.label}
          onClose={() => {
            setTarget(null);
            void client.invalidateQueries({ queryKey: ['links'] });
          }}
        />
      )}
      {unlink && (
        <ConfirmModal
          title={`Unlink ${unlink.group_obj?.name ?? unlink.group}?`}
          confirmLabel="Unlink"
          body="Conduit forgets which Entra ID group this is. Nothing is changed in Entra ID."
          onClose={() => setUnlink(null)}
          onConfirm={async () => {
            await entra.unlinkGroup(unlink.id);
            await client.invalidateQueries({ queryKey: ['links'] });
          }}
        />
      )}
    </div>
  );
}

/** Choose any user or group (linked or not) and sync just that object. */
function PickAndSync({ kind, onPick }: { kind: 'user' | 'group'; onPick: (t: SyncTarget) => void }) {
  const [choice, setChoice] = useState<{ value: string; label: string } | null>(null);
  const label = kind === 'user' ? 'User to sync' : 'Group to sync';
  return (
    <Flex
      gap={{ default: 'gapSm' }}
      alignItems={{ default: 'alignItemsCenter' }}
      flexWrap={{ default: 'nowrap' }}
    >
      <FlexItem style={{ minWidth: '14rem' }}>
        <SearchSelect
          id={`pick-${kind}`}
          queryKey={kind === 'user' ? 'users' : 'groups'}
          ariaLabel={label}
          placeholder={kind === 'user' ? 'Sync a user…' : 'Sync a group…'}
          value={choice?.value ?? null}
          onChange={(_v, c) => setChoice(c)}
          search={async (q) =>
            kind === 'user'
              ? (
                  await usersApi.list({ search: q || undefined, page_size: 20, include_groups: false })
                ).results.map((u) => ({ value: String(u.pk), label: u.username, description: u.name }))
              : (
                  await groupsApi.list({ search: q || undefined, page_size: 20, include_users: false })
                ).results.map((g) => ({ value: g.pk, label: g.name }))
          }
        />
      </FlexItem>
      <Button
        variant="secondary"
        isDisabled={!choice}
        onClick={() => choice && onPick({ kind, id: choice.value, label: choice.label })}
      >
        Sync
      </Button>
    </Flex>
  );
}

function RunHistory({ provider }: { provider: EntraProvider }) {
  return (
    <div className="pf-v6-u-mt-md">
      <ListView<SyncRun>
        label="Sync runs"
        queryKey={['runs', provider.pk]}
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
  const q = useQuery({
    queryKey: ['run', providerId, runId],
    queryFn: () => entra.run(providerId, runId, { page_size: 100 }),
  });
  if (q.isLoading) return <Spinner size="md" aria-label="Loading results" />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const results = q.data?.results.results ?? [];
  if (results.length === 0) return <p>No per-object results were recorded (nothing changed).</p>;
  return <ResultsTable results={results} label="Run results" />;
}

function ResultsTable({ results, label }: { results: SyncResult[]; label: string }) {
  return (
    <Table aria-label={label} variant="compact">
      <Thead>
        <Tr>
          <Th>Object</Th>
          <Th>Operation</Th>
          <Th>Status</Th>
          <Th>Message</Th>
        </Tr>
      </Thead>
      <Tbody>
        {results.map((r) => (
          <Tr key={r.id}>
            <Td dataLabel="Object">{objectName(r)}</Td>
            <Td dataLabel="Operation">{r.operation}</Td>
            <Td dataLabel="Status">
              <StatusLabel status={r.status} />
            </Td>
            <Td dataLabel="Message" className="cd-wrap">
              {r.message ?? '—'}
              {r.graph_request_id && (
                <div className="pf-v6-u-font-size-sm">
                  Graph request-id <code>{r.graph_request_id}</code>
                </div>
              )}
              {r.detail !== null && r.detail !== undefined && hasDetail(r.detail) && (
                <ExpandableSection toggleText="Details">
                  <ResultDetail operation={r.operation} detail={r.detail} />
                </ExpandableSection>
              )}
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}

const hasDetail = (d: unknown) =>
  typeof d === 'object' && d !== null && Object.keys(d).some((k) => k !== 'object');

function PlanViewer({ provider }: { provider: EntraProvider }) {
  const [plan, setPlan] = useState<SyncPlan | null>(null);
  const [filter, setFilter] = useState('all');
  const compute = useMutation({ mutationFn: () => entra.plan(provider.pk), onSuccess: (p) => setPlan(p) });
  const results = plan?.results ?? [];
  const operations = [...new Set(results.map((r) => r.operation))].sort();
  const shown = results.filter((r) => filter === 'all' || r.operation === filter);
  return (
    <div className="pf-v6-u-mt-md">
      <p className="pf-v6-u-mb-md">
        The plan is a full sync in dry-run mode: Conduit reads Entra ID and shows, for each object and each
        property, what a real sync would create, update (before → after), suspend, delete, and which members
        it would add or remove. Nothing is written to Entra ID.
      </p>
      <Button
        variant="primary"
        onClick={() => compute.mutate()}
        isLoading={compute.isPending}
        isDisabled={compute.isPending}
      >
        {plan ? 'Compute the plan again' : 'Compute plan'}
      </Button>
      {compute.error && (
        <Alert variant="danger" isInline title="The plan could not be computed" className="pf-v6-u-mt-md">
          {errorMessage(compute.error)}
        </Alert>
      )}
      {plan && (
        <div className="pf-v6-u-mt-md" aria-live="polite">
          <Flex
            alignItems={{ default: 'alignItemsCenter' }}
            gap={{ default: 'gapMd' }}
            flexWrap={{ default: 'wrap' }}
          >
            <FlexItem>
              <strong>{plan.count} planned operations</strong> · <RunCounts counts={plan.run.counts} />
            </FlexItem>
            <FlexItem>
              <FormSelect
                id="plan-filter"
                aria-label="Show operations"
                value={filter}
                onChange={(_e, v) => setFilter(v)}
              >
                <FormSelectOption value="all" label="All operations" />
                {operations.map((o) => (
                  <FormSelectOption key={o} value={o} label={o.replace(/_/g, ' ')} />
                ))}
              </FormSelect>
            </FlexItem>
          </Flex>
          {results.length === 0 ? (
            <EmptyState headingLevel="h3" titleText="Entra ID is up to date">
              <EmptyStateBody>A sync now would change nothing.</EmptyStateBody>
            </EmptyState>
          ) : (
            <Gallery hasGutter minWidths={{ default: '100%' }} className="pf-v6-u-mt-md">
              {shown.map((r) => (
                <Card key={r.id} isCompact data-testid="plan-entry">
                  <CardHeader>
                    <CardTitle component="h3">
                      <Flex gap={{ default: 'gapSm' }} alignItems={{ default: 'alignItemsCenter' }}>
                        <Label isCompact color="blue">
                          {r.operation.replace(/_/g, ' ')}
                        </Label>
                        <span>{objectName(r)}</span>
                        <StatusLabel status={r.status} />
                      </Flex>
                    </CardTitle>
                  </CardHeader>
                  <CardBody>
                    {r.message && <p className="cd-wrap pf-v6-u-mb-sm">{r.message}</p>}
                    {hasDetail(r.detail) && <ResultDetail operation={r.operation} detail={r.detail} />}
                  </CardBody>
                </Card>
              ))}
            </Gallery>
          )}
        </div>
      )}
    </div>
  );
}
