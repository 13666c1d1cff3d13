/** A user's or group's sync state in every Entra provider: link, last error, recent results, Sync. */
import { Button, EmptyState, EmptyStateBody, Spinner } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { queryKeys } from '../api/queries/keys.js';
import { useAllEntraProviders, useLastObjectResult, useObjectLink } from '../api/queries/providers.js';
import type { EntraProvider } from '../api/types.js';
import { ErrorAlert, formatDate, StatusLabel, TitledCard } from './common.js';
import { LinkError, SyncObjectModal } from './sync-views.js';

export function ObjectSyncState({
  kind,
  localId,
  objectRef,
  label,
}: {
  kind: 'user' | 'group';
  localId: number;
  objectRef: string;
  label: string;
}) {
  const providers = useAllEntraProviders();
  return (
    <TitledCard title="Sync state per provider">
      <ErrorAlert error={providers.error} />
      {providers.isLoading && <Spinner size="md" aria-label="Loading providers" />}
      {providers.data && providers.data.length === 0 && (
        <EmptyState headingLevel="h3" titleText="No provider">
          <EmptyStateBody>
            No provider syncs this {kind}.{' '}
            <Link to="/providers/create">Create a Microsoft Entra Provider</Link>.
          </EmptyStateBody>
        </EmptyState>
      )}
      {providers.data && providers.data.length > 0 && (
        <Table aria-label={`Sync state of ${label}`} variant="compact">
          <Thead>
            <Tr>
              <Th>Provider</Th>
              <Th>State</Th>
              <Th>Microsoft ID</Th>
              <Th>Last result</Th>
              <Th screenReaderText="Actions" />
            </Tr>
          </Thead>
          <Tbody>
            {providers.data.map((p) => (
              <ProviderRow
                key={p.pk}
                provider={p}
                kind={kind}
                localId={localId}
                objectRef={objectRef}
                label={label}
              />
            ))}
          </Tbody>
        </Table>
      )}
    </TitledCard>
  );
}

function ProviderRow({
  provider,
  kind,
  localId,
  objectRef,
  label,
}: {
  provider: EntraProvider;
  kind: 'user' | 'group';
  localId: number;
  objectRef: string;
  label: string;
}) {
  const client = useQueryClient();
  const [syncing, setSyncing] = useState(false);
  const link = useObjectLink(kind, provider.pk, localId, objectRef);
  const results = useLastObjectResult(kind, provider.pk, localId);
  const l = link.data;
  const last = results.data?.results[0];
  return (
    <Tr>
      <Td dataLabel="Provider">
        <Link to={`/providers/${provider.pk}`}>{provider.name}</Link>
      </Td>
      <Td dataLabel="State">
        {l ? <StatusLabel status={l.state} /> : 'Not linked'}
        <LinkError error={l?.last_error} requestId={l?.last_request_id} />
      </Td>
      <Td dataLabel="Microsoft ID" modifier="breakWord">
        {l?.microsoft_id ? <code>{l.microsoft_id}</code> : '—'}
      </Td>
      <Td dataLabel="Last result">
        {last ? (
          <>
            {last.operation} <StatusLabel status={last.status} />
            <div className="pf-v6-u-font-size-sm">{formatDate(last.created)}</div>
          </>
        ) : (
          '—'
        )}
      </Td>
      <Td dataLabel="Actions">
        <Button
          variant="secondary"
          size="sm"
          onClick={() => setSyncing(true)}
          aria-label={`Sync ${label} to ${provider.name}`}
        >
          Sync
        </Button>
        {syncing && (
          <SyncObjectModal
            providerId={provider.pk}
            providerDryRun={provider.dry_run}
            kind={kind}
            objectId={kind === 'user' ? String(localId) : objectRef}
            objectLabel={label}
            onClose={() => {
              setSyncing(false);
              void client.invalidateQueries({ queryKey: queryKeys.links.all });
              void client.invalidateQueries({ queryKey: queryKeys.results.all });
            }}
          />
        )}
      </Td>
    </Tr>
  );
}
