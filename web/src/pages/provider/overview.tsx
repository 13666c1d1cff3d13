/** The provider page's overview: held deletions, assignment, sync status, connection and settings. */
import { Alert, AlertActionLink, DescriptionList, Grid, GridItem, Label } from '@patternfly/react-core';
import { Link, useNavigate } from 'react-router';
import { useGroup } from '../../api/queries/directory.js';
import { useAllMappings } from '../../api/queries/mappings.js';
import type { EntraProvider } from '../../api/types.js';
import { formatDate, DetailItem as Item, TitledCard } from '../../components/common.js';
import { CLOUD_OPTIONS, certificateExpiresSoon } from '../../components/provider-form/provider-values.js';
import { ConnectionCard } from './connection-card.js';
import { HeldDeletionsAlert } from './held-deletions.js';
import { SyncStatusCard } from './sync-status-card.js';

export const NOT_ASSIGNED_WARNING =
  'Warning: Provider is not assigned to an application as backchannel provider.';

const ACTION_LABEL: Record<string, string> = {
  delete: 'Delete',
  suspend: 'Suspend',
  do_nothing: 'Do Nothing',
};

export function Overview({ provider: p }: { provider: EntraProvider }) {
  const navigate = useNavigate();
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
        <SettingsCard provider={p} />
      </GridItem>
    </Grid>
  );
}

function SettingsCard({ provider: p }: { provider: EntraProvider }) {
  const mappings = useAllMappings();
  const names = (ids: string[]) => ids.map((i) => mappings.data?.find((m) => m.pk === i)?.name ?? i);
  const group = useGroup(p.filter_group ?? '', !!p.filter_group);
  return (
    <TitledCard title="Settings">
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
        <Item term="Group Property Mappings">{names(p.property_mappings_group).join(', ') || 'None'}</Item>
        <Item term="Dry run">{p.dry_run ? 'On: nothing is written to Entra ID' : 'Off'}</Item>
        <Item term="Page size / timeout">
          {p.sync_page_size} / {p.sync_page_timeout}
        </Item>
        <Item term="Discovery">{p.discovery_enabled ? 'Enabled' : 'Disabled'}</Item>
        <Item term="Full sync interval">{p.sync_interval_minutes} minutes</Item>
        <Item term="Users leaving scope">
          {{ none: 'Do nothing', suspend: 'Suspend', delete: 'Delete' }[p.out_of_scope_action]}
        </Item>
        <Item term="Deletion threshold">{p.deletion_threshold === 0 ? 'Off' : p.deletion_threshold}</Item>
        <Item term="National cloud">{CLOUD_OPTIONS.find((c) => c.value === p.cloud)?.label ?? p.cloud}</Item>
        {p.cloud === 'custom' && (
          <Item term="Graph URL">
            <code className="cd-wrap">{p.graph_url}</code>
          </Item>
        )}
      </DescriptionList>
    </TitledCard>
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
