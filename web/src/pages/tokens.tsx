/** Directory > Tokens: API tokens and app passwords. The key is shown once, when it is created. */
import { ActionGroup, Button, Form, Label } from '@patternfly/react-core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { tokens as tokensApi, users as usersApi } from '../api/endpoints.js';
import { queryKeys } from '../api/queries/keys.js';
import type { Token } from '../api/types.js';
import { ConfirmModal, FormErrors, formatDate, ShownOnce } from '../components/common.js';
import { FormModal, ListPage, useFormSubmit } from '../components/crud-shell.js';
import { SearchSelectField, SelectField, SwitchField, TextField } from '../components/form-fields.js';
import { searchUsers } from '../components/search-select.js';
import { useSession } from '../components/session.js';
import { useTitle } from '../components/use-title.js';

export function TokensPage() {
  useTitle('Tokens');
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Token | null>(null);
  const client = useQueryClient();
  return (
    <>
      <ListPage<Token>
        title="Tokens"
        description="API tokens authenticate scripts and tools against Conduit's API (Authorization: Bearer <key>)."
        onCreate={() => setCreating(true)}
        list={{
          label: 'Tokens',
          queryKey: queryKeys.tokens.all,
          fetchPage: tokensApi.list,
          rowKey: (t) => t.identifier,
          columns: [
            { title: 'Identifier', render: (t) => <code>{t.identifier}</code> },
            { title: 'User', render: (t) => <Link to={`/users/${t.user}`}>{t.user_obj.username}</Link> },
            { title: 'Intent', render: (t) => t.intent.replace(/_/g, ' ') },
            {
              title: 'Expires',
              render: (t) => (t.expiring ? formatDate(t.expires) : <Label isCompact>Never</Label>),
            },
            { title: 'Description', render: (t) => t.description || '—', modifier: 'breakWord' },
            {
              title: 'Actions',
              render: (t) =>
                t.managed ? (
                  <Label isCompact>Managed</Label>
                ) : (
                  <Button
                    variant="link"
                    isDanger
                    size="sm"
                    onClick={() => setDeleting(t)}
                    aria-label={`Delete ${t.identifier}`}
                  >
                    Delete
                  </Button>
                ),
            },
          ],
        }}
      />
      {creating && (
        <CreateTokenModal
          onClose={() => {
            setCreating(false);
            void client.invalidateQueries({ queryKey: queryKeys.tokens.all });
          }}
        />
      )}
      {deleting && (
        <ConfirmModal
          title={`Delete token ${deleting.identifier}?`}
          body="Anything using this token stops working."
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await tokensApi.remove(deleting.identifier);
            await client.invalidateQueries({ queryKey: queryKeys.tokens.all });
          }}
        />
      )}
    </>
  );
}

type TokenFormValues = {
  identifier: string;
  user: string | null;
  intent: 'api' | 'app_password';
  description: string;
  expiring: boolean;
  expires: string;
};
const TOKEN_FIELDS = ['identifier', 'user', 'intent', 'description', 'expiring', 'expires'];

function CreateTokenModal({ onClose }: { onClose: () => void }) {
  const { session } = useSession();
  const [key, setKey] = useState<{ identifier: string; key: string } | null>(null);
  const form = useForm<TokenFormValues>({
    defaultValues: {
      identifier: '',
      user: String(session.user.pk),
      intent: 'api',
      description: '',
      expiring: true,
      expires: '',
    },
  });
  const { control, watch, formState } = form;
  const { submit, formErrors } = useFormSubmit(form, TOKEN_FIELDS, async (values) => {
    const { identifier, user, intent, description, expiring, expires } = values;
    const created = await tokensApi.create({
      identifier,
      user: user ? Number(user) : undefined,
      intent,
      description,
      expiring,
      ...(expiring && expires ? { expires: new Date(expires).toISOString() } : {}),
    });
    setKey({ identifier, key: created.key });
  });
  return (
    <FormModal id="token-title" title="Create Token" onClose={onClose}>
      {key ? (
        <ShownOnce
          title={`Token ${key.identifier} created`}
          notice="Copy the key now: Conduit stores only a hash and cannot show it again."
          secret={key.key}
          label="Token key"
          onClose={onClose}
        />
      ) : (
        <Form noValidate onSubmit={submit}>
          <FormErrors messages={formErrors} />
          <TextField
            control={control}
            name="identifier"
            id="token-identifier"
            label="Identifier"
            isRequired
          />
          <SearchSelectField
            control={control}
            name="user"
            id="token-user"
            label="User"
            queryKey="users"
            ariaLabel="User"
            resolveLabel={async (pk) => (await usersApi.get(Number(pk))).username}
            search={searchUsers}
          />
          <SelectField
            control={control}
            name="intent"
            id="token-intent"
            label="Intent"
            options={[
              { value: 'api', label: 'API Token' },
              { value: 'app_password', label: 'App password' },
            ]}
          />
          <TextField control={control} name="description" id="token-description" label="Description" />
          <SwitchField control={control} name="expiring" id="token-expiring" label="Expiring" />
          {watch('expiring') && (
            <TextField
              control={control}
              name="expires"
              id="token-expires"
              label="Expires on"
              type="datetime-local"
              help="Leave empty for the default (30 minutes)."
            />
          )}
          <ActionGroup>
            <Button type="submit" isLoading={formState.isSubmitting} isDisabled={formState.isSubmitting}>
              Create
            </Button>
            <Button variant="link" onClick={onClose}>
              Cancel
            </Button>
          </ActionGroup>
        </Form>
      )}
    </FormModal>
  );
}
