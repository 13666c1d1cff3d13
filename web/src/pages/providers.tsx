/** Applications > Providers: every provider, its application, and **Create**. */
import { Label } from '@patternfly/react-core';
import { ExclamationTriangleIcon } from '@patternfly/react-icons';
import { Link, useNavigate } from 'react-router';
import { entra } from '../api/endpoints.js';
import { queryKeys } from '../api/queries/keys.js';
import type { EntraProvider } from '../api/types.js';
import { DOCS } from '../components/common.js';
import { ListPage } from '../components/crud-shell.js';
import { useTitle } from '../components/use-title.js';

export function ProvidersPage() {
  useTitle('Providers');
  const navigate = useNavigate();
  return (
    <ListPage<EntraProvider>
      title="Providers"
      description="Providers connect Conduit's directory to other systems. A Microsoft Entra Provider syncs users and groups to an Entra ID tenant once an application uses it as a backchannel provider."
      help={DOCS.createProvider}
      onCreate={() => navigate('/providers/create')}
      list={{
        label: 'Providers',
        queryKey: queryKeys.providers.entraList,
        fetchPage: entra.list,
        rowKey: (p) => p.pk,
        emptyText: 'Create a Microsoft Entra Provider to start syncing users and groups to Entra ID.',
        columns: [
          { title: 'Name', render: (p) => <Link to={`/providers/${p.pk}`}>{p.name}</Link> },
          { title: 'Type', render: (p) => p.verbose_name },
          {
            title: 'Application',
            render: (p) =>
              p.assigned_backchannel_application_name ? (
                <Link
                  to={`/applications?search=${encodeURIComponent(p.assigned_backchannel_application_slug ?? '')}`}
                >
                  {p.assigned_backchannel_application_name}
                </Link>
              ) : (
                <Label color="orange" icon={<ExclamationTriangleIcon />} isCompact>
                  Not assigned to an application
                </Label>
              ),
          },
          {
            title: 'Tenant ID',
            render: (p) => <code className="cd-wrap">{p.tenant_id}</code>,
            modifier: 'breakWord',
          },
          {
            title: 'Mode',
            render: (p) =>
              p.dry_run ? (
                <Label color="purple" isCompact>
                  Dry run
                </Label>
              ) : (
                'Live'
              ),
          },
        ],
      }}
    />
  );
}
