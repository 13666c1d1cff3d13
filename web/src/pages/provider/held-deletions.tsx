/**
 * Deletions past the threshold wait here: the administrator sends them to Entra ID, or keeps the
 * accounts there (no longer linked).
 */
import { Alert, AlertActionLink, GridItem } from '@patternfly/react-core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { entra } from '../../api/endpoints.js';
import { queryKeys } from '../../api/queries/keys.js';
import { useHeldDeletions } from '../../api/queries/providers.js';
import type { EntraProvider } from '../../api/types.js';
import { ErrorAlert, plural } from '../../components/common.js';

export function HeldDeletionsAlert({ provider }: { provider: EntraProvider }) {
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
      await client.invalidateQueries({ queryKey: queryKeys.providers.heldDeletions(provider.pk) });
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
