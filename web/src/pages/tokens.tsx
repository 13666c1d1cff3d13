/** Directory > Tokens: API tokens and app passwords. The key is shown once, when it is created. */
import {
  ActionGroup,
  Alert,
  Button,
  ClipboardCopy,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Label,
  Modal,
  ModalBody,
  ModalHeader,
  PageSection,
  Switch,
  TextInput,
  ToolbarItem,
} from '@patternfly/react-core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/client.js';
import { tokens as tokensApi, users as usersApi } from '../api/endpoints.js';
import type { Token } from '../api/types.js';
import { ConfirmModal, errorMessage, formatDate, PageHeader } from '../components/common.js';
import { ListView } from '../components/list-view.js';
import { SearchSelect } from '../components/search-select.js';
import { useSession } from '../components/session.js';
import { useTitle } from '../components/use-title.js';

export function TokensPage() {
  useTitle('Tokens');
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Token | null>(null);
  const client = useQueryClient();
  return (
    <>
      <PageHeader
        title="Tokens"
        description="API tokens authenticate scripts and tools against Conduit's API (Authorization: Bearer <key>)."
      />
      <PageSection>
        <ListView<Token>
          label="Tokens"
          queryKey={['tokens']}
          fetchPage={tokensApi.list}
          rowKey={(t) => t.identifier}
          toolbarItems={
            <ToolbarItem>
              <Button variant="primary" onClick={() => setCreating(true)}>
                Create
              </Button>
            </ToolbarItem>
          }
          columns={[
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
          ]}
        />
      </PageSection>
      {creating && (
        <CreateTokenModal
          onClose={() => {
            setCreating(false);
            void client.invalidateQueries({ queryKey: ['tokens'] });
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
            await client.invalidateQueries({ queryKey: ['tokens'] });
          }}
        />
      )}
    </>
  );
}

function CreateTokenModal({ onClose }: { onClose: () => void }) {
  const { session } = useSession();
  const [identifier, setIdentifier] = useState('');
  const [user, setUser] = useState<string | null>(String(session.user.pk));
  const [intent, setIntent] = useState<'api' | 'app_password'>('api');
  const [description, setDescription] = useState('');
  const [expiring, setExpiring] = useState(true);
  const [expires, setExpires] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [other, setOther] = useState<string | null>(null);
  const [key, setKey] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const err = (f: string) =>
    errors[f] ? (
      <FormHelperText>
        <HelperText>
          <HelperTextItem variant="error" role="alert">
            {errors[f]?.join(' ')}
          </HelperTextItem>
        </HelperText>
      </FormHelperText>
    ) : null;
  return (
    <Modal isOpen onClose={onClose} variant="medium" aria-labelledby="token-title">
      <ModalHeader title="Create Token" labelId="token-title" />
      <ModalBody>
        {key ? (
          <>
            <Alert variant="success" isInline title={`Token ${identifier} created`} className="pf-v6-u-mb-md">
              Copy the key now: Conduit stores only a hash and cannot show it again.
            </Alert>
            <ClipboardCopy isReadOnly hoverTip="Copy" clickTip="Copied" aria-label="Token key">
              {key}
            </ClipboardCopy>
            <ActionGroup className="pf-v6-u-mt-md">
              <Button onClick={onClose}>Close</Button>
            </ActionGroup>
          </>
        ) : (
          <Form
            noValidate
            onSubmit={async (e) => {
              e.preventDefault();
              setBusy(true);
              setErrors({});
              setOther(null);
              try {
                const created = await tokensApi.create({
                  identifier,
                  user: user ? Number(user) : undefined,
                  intent,
                  description,
                  expiring,
                  ...(expiring && expires ? { expires: new Date(expires).toISOString() } : {}),
                });
                setKey(created.key);
              } catch (error) {
                if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0)
                  setErrors(error.fieldErrors);
                else setOther(errorMessage(error));
              } finally {
                setBusy(false);
              }
            }}
          >
            {(other || errors.non_field_errors) && (
              <Alert variant="danger" isInline title={other ?? errors.non_field_errors?.join(' ') ?? ''} />
            )}
            <FormGroup label="Identifier" isRequired fieldId="token-identifier">
              <TextInput
                id="token-identifier"
                value={identifier}
                onChange={(_e, v) => setIdentifier(v)}
                isRequired
                validated={errors.identifier ? 'error' : 'default'}
              />
              {err('identifier')}
            </FormGroup>
            <FormGroup label="User" fieldId="token-user">
              <SearchSelect
                id="token-user"
                queryKey="users"
                ariaLabel="User"
                value={user}
                onChange={(v) => setUser(v)}
                resolveLabel={async (pk) => (await usersApi.get(Number(pk))).username}
                search={async (q) =>
                  (
                    await usersApi.list({ search: q || undefined, page_size: 20, include_groups: false })
                  ).results.map((u) => ({ value: String(u.pk), label: u.username, description: u.name }))
                }
              />
              {err('user')}
            </FormGroup>
            <FormGroup label="Intent" fieldId="token-intent">
              <FormSelect
                id="token-intent"
                value={intent}
                onChange={(_e, v) => setIntent(v as 'api' | 'app_password')}
              >
                <FormSelectOption value="api" label="API Token" />
                <FormSelectOption value="app_password" label="App password" />
              </FormSelect>
              {err('intent')}
            </FormGroup>
            <FormGroup label="Description" fieldId="token-description">
              <TextInput id="token-description" value={description} onChange={(_e, v) => setDescription(v)} />
              {err('description')}
            </FormGroup>
            <Switch
              id="token-expiring"
              label="Expiring"
              isChecked={expiring}
              onChange={(_e, v) => setExpiring(v)}
            />
            {expiring && (
              <FormGroup label="Expires on" fieldId="token-expires">
                <TextInput
                  id="token-expires"
                  type="datetime-local"
                  value={expires}
                  onChange={(_e, v) => setExpires(v)}
                  validated={errors.expires ? 'error' : 'default'}
                />
                <FormHelperText>
                  <HelperText>
                    <HelperTextItem>Leave empty for the default (30 minutes).</HelperTextItem>
                  </HelperText>
                </FormHelperText>
                {err('expires')}
              </FormGroup>
            )}
            <ActionGroup>
              <Button type="submit" isLoading={busy} isDisabled={busy}>
                Create
              </Button>
              <Button variant="link" onClick={onClose}>
                Cancel
              </Button>
            </ActionGroup>
          </Form>
        )}
      </ModalBody>
    </Modal>
  );
}
