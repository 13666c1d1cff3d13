/** "Test connection": signs in as the app registration and lists missing Graph permissions. */
import { Alert, Button, List, ListItem } from '@patternfly/react-core';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { entra } from '../../api/endpoints.js';
import type { ConnectionReport, EntraProvider } from '../../api/types.js';
import { DOCS, ErrorAlert, TitledCard } from '../../components/common.js';

export function ConnectionCard({ provider }: { provider: EntraProvider }) {
  const test = useMutation({ mutationFn: () => entra.testConnection(provider.pk) });
  const r: ConnectionReport | undefined = test.data;
  const err = r?.error ?? null;
  return (
    <TitledCard
      title="Connection"
      isFullHeight
      bodyLive
      footer={
        <Button
          variant="secondary"
          onClick={() => test.mutate()}
          isLoading={test.isPending}
          isDisabled={test.isPending}
        >
          Test connection
        </Button>
      }
    >
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
                Grant these Microsoft Graph application permissions and admin consent in the app registration:
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
    </TitledCard>
  );
}
