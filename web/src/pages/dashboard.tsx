/** The dashboard: each provider's sync health, and the directory at a glance. */
import {
  Button,
  Card,
  CardBody,
  CardTitle,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  Gallery,
  PageSection,
  Title,
} from '@patternfly/react-core';
import { Link, useNavigate } from 'react-router';
import { useGroupCount, useUserCount } from '../api/queries/directory.js';
import { useDashboardProviders } from '../api/queries/providers.js';
import { useJobStatus } from '../api/queries/system.js';
import { DOCS, ErrorAlert, PageHeader } from '../components/common.js';
import { useTitle } from '../components/use-title.js';
import { SyncStatusCard } from './provider/sync-status-card.js';

export function DashboardPage() {
  useTitle('Dashboard');
  const navigate = useNavigate();
  const providers = useDashboardProviders();
  const userCount = useUserCount();
  const groupCount = useGroupCount();
  // Shares the jobs page's query, so both show the same count.
  const jobStatus = useJobStatus(15_000);
  const deadJobs = jobStatus.data?.counts.dead;
  const list = providers.data?.results ?? [];
  return (
    <>
      <PageHeader
        title="Dashboard"
        description="Sync health of each provider, and your directory at a glance."
        help={DOCS.overview}
      />
      <PageSection>
        <Gallery hasGutter minWidths={{ default: '100%', md: '180px' }} className="pf-v6-u-mb-lg">
          {[
            { title: 'Users', to: '/users', count: userCount.data?.pagination.count },
            { title: 'Groups', to: '/groups', count: groupCount.data?.pagination.count },
            { title: 'Providers', to: '/providers', count: providers.data?.pagination.count },
          ].map((c) => (
            <Card isCompact key={c.title}>
              <CardTitle component="h2">{c.title}</CardTitle>
              <CardBody>
                <Link to={c.to} className="pf-v6-u-font-size-2xl">
                  {c.count ?? '…'}
                </Link>
              </CardBody>
            </Card>
          ))}
          <Card isCompact>
            <CardTitle component="h2">Dead jobs</CardTitle>
            <CardBody>
              <Link
                to="/jobs"
                className={`pf-v6-u-font-size-2xl${deadJobs ? ' pf-v6-u-text-color-status-danger' : ''}`}
                data-testid="dashboard-dead-jobs"
              >
                {deadJobs ?? '…'}
              </Link>
              <div className="pf-v6-u-font-size-sm">
                {deadJobs === undefined
                  ? ''
                  : deadJobs === 0
                    ? 'The job queue is healthy.'
                    : 'Failed every attempt: fix the cause, then retry them.'}
              </div>
            </CardBody>
          </Card>
        </Gallery>
        <Title headingLevel="h2" className="pf-v6-u-mb-md">
          Provider sync health
        </Title>
        <ErrorAlert error={providers.error} />
        {providers.data && list.length === 0 && (
          <EmptyState headingLevel="h3" titleText="No provider yet">
            <EmptyStateBody>
              Create a Microsoft Entra Provider, then an application that uses it as a backchannel provider,
              to start syncing.
            </EmptyStateBody>
            <EmptyStateFooter>
              <EmptyStateActions>
                <Button variant="primary" onClick={() => navigate('/providers/create')}>
                  Create a provider
                </Button>
                <Button variant="link" onClick={() => navigate(DOCS.createProvider)}>
                  Read the guide
                </Button>
              </EmptyStateActions>
            </EmptyStateFooter>
          </EmptyState>
        )}
        <Gallery hasGutter minWidths={{ default: '100%', lg: '420px' }}>
          {list.map((p) => (
            <SyncStatusCard key={p.pk} provider={p} compact />
          ))}
        </Gallery>
      </PageSection>
    </>
  );
}
