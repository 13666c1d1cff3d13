/** The provider page's header actions: edit the provider in a dialog, or delete it. */
import { Button, Modal, ModalBody, ModalHeader, Spinner } from '@patternfly/react-core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { entra } from '../../api/endpoints.js';
import { queryKeys } from '../../api/queries/keys.js';
import { useAllMappings } from '../../api/queries/mappings.js';
import type { EntraProvider } from '../../api/types.js';
import { ConfirmModal } from '../../components/common.js';
import { EditDeleteActions } from '../../components/crud-shell.js';
import { ProviderForm } from '../../components/provider-form/provider-form.js';

export function ProviderActions({ provider }: { provider: EntraProvider }) {
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const client = useQueryClient();
  const navigate = useNavigate();
  const mappings = useAllMappings();
  return (
    <>
      <EditDeleteActions onEdit={() => setEditing(true)} onDelete={() => setDeleting(true)} />
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
                  client.setQueryData(queryKeys.providers.detail(provider.pk), updated);
                  await client.invalidateQueries({ queryKey: queryKeys.providers.all });
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
            await client.invalidateQueries({ queryKey: queryKeys.providers.all });
            navigate('/providers');
          }}
        />
      )}
    </>
  );
}
