/**
 * One Microsoft Entra provider: overview (assignment, connection test, sync status with live
 * progress and "Run full sync now"), provisioned users and groups with a per-object **Sync**,
 * run history, and the dry-run plan. The parts live in `pages/provider/`.
 */
import { Bullseye, Label, PageSection, Spinner, Tab, Tabs, TabTitleText } from '@patternfly/react-core';
import { useParams, useSearchParams } from 'react-router';
import { useProvider } from '../api/queries/providers.js';
import { DOCS, ErrorAlert, PageHeader } from '../components/common.js';
import { useTitle } from '../components/use-title.js';
import { ProviderChangelog } from './provider/changelog.js';
import { PendingOffboardings } from './provider/offboarding.js';
import { Overview } from './provider/overview.js';
import { PlanViewer } from './provider/plan-viewer.js';
import { ProviderActions } from './provider/provider-actions.js';
import { ProvisionedGroups, ProvisionedUsers } from './provider/provisioned-links.js';
import { RunHistory } from './provider/run-history.js';

export function ProviderPage() {
  const id = Number(useParams().id);
  const [searchParams, setSearchParams] = useSearchParams();
  const tab = searchParams.get('tab') ?? 'overview';
  const provider = useProvider(id);
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
          <Tab eventKey="offboarding" title={<TabTitleText>Offboarding</TabTitleText>}>
            <PendingOffboardings provider={p} />
          </Tab>
          <Tab eventKey="changelog" title={<TabTitleText>Changelog</TabTitleText>}>
            <ProviderChangelog provider={p} />
          </Tab>
        </Tabs>
      </PageSection>
    </>
  );
}
