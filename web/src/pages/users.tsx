/** Directory > Users: list with search, type filter and pagination; create/edit; the user page. */
import {
  ActionGroup,
  Alert,
  Bullseye,
  Button,
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  ClipboardCopy,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  Grid,
  GridItem,
  HelperText,
  HelperTextItem,
  Label,
  LabelGroup,
  Modal,
  ModalBody,
  ModalHeader,
  PageSection,
  Spinner,
  Switch,
  TextInput,
  ToolbarItem,
} from '@patternfly/react-core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Controller, type FieldError, useForm } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import { groups as groupsApi, listAll, users as usersApi } from '../api/endpoints.js';
import type { User, UserRequest, UserType } from '../api/types.js';
import { CheckList } from '../components/check-list.js';
import {
  applyFieldErrors,
  ConfirmModal,
  ErrorAlert,
  FormErrors,
  formatDate,
  JsonBlock,
  PageHeader,
  USER_TYPES,
  userTypeLabel,
} from '../components/common.js';
import { ListView } from '../components/list-view.js';
import { ObjectSyncState } from '../components/object-sync-state.js';
import { useTitle } from '../components/use-title.js';

export function UsersPage() {
  useTitle('Users');
  const [type, setType] = useState('');
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [serviceAccount, setServiceAccount] = useState(false);
  const client = useQueryClient();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title="Users"
        description="The people and service accounts in Conduit's directory. Providers sync them to Entra ID."
      />
      <PageSection>
        <ListView<User>
          label="Users"
          queryKey={['users']}
          fetchPage={usersApi.list}
          filters={{ type: type || undefined, ordering: 'username' }}
          rowKey={(u) => u.pk}
          toolbarItems={
            <>
              <ToolbarItem>
                <FormSelect
                  id="user-type-filter"
                  aria-label="Filter by user type"
                  value={type}
                  onChange={(_e, v) => setType(v)}
                >
                  <FormSelectOption value="" label="All user types" />
                  {USER_TYPES.map((t) => (
                    <FormSelectOption key={t.value} value={t.value} label={t.label} />
                  ))}
                </FormSelect>
              </ToolbarItem>
              <ToolbarItem>
                <Button variant="primary" onClick={() => setEditing('new')}>
                  Create
                </Button>
              </ToolbarItem>
              <ToolbarItem>
                <Button variant="secondary" onClick={() => setServiceAccount(true)}>
                  Create Service account
                </Button>
              </ToolbarItem>
            </>
          }
          columns={[
            { title: 'Username', render: (u) => <Link to={`/users/${u.pk}`}>{u.username}</Link> },
            { title: 'Name', render: (u) => u.name || '—' },
            { title: 'Email', render: (u) => u.email || '—', modifier: 'breakWord' },
            { title: 'Type', render: (u) => userTypeLabel(u.type) },
            {
              title: 'Status',
              render: (u) => (
                <>
                  {u.is_active ? (
                    'Active'
                  ) : (
                    <Label isCompact color="orange">
                      Inactive
                    </Label>
                  )}{' '}
                  {u.is_superuser && (
                    <Label isCompact color="blue">
                      Superuser
                    </Label>
                  )}
                </>
              ),
            },
            { title: 'Last login', render: (u) => formatDate(u.last_login) },
          ]}
        />
      </PageSection>
      {editing && (
        <Modal isOpen onClose={() => setEditing(null)} variant="medium" aria-labelledby="user-form-title">
          <ModalHeader
            title={editing === 'new' ? 'Create User' : `Update User: ${editing.username}`}
            labelId="user-form-title"
          />
          <ModalBody>
            <UserForm
              user={editing === 'new' ? null : editing}
              onCancel={() => setEditing(null)}
              onSaved={async (u) => {
                setEditing(null);
                await client.invalidateQueries({ queryKey: ['users'] });
                if (editing === 'new') navigate(`/users/${u.pk}`);
              }}
            />
          </ModalBody>
        </Modal>
      )}
      {serviceAccount && (
        <ServiceAccountModal
          onClose={() => {
            setServiceAccount(false);
            void client.invalidateQueries({ queryKey: ['users'] });
          }}
        />
      )}
    </>
  );
}

function Help({ id, error, children }: { id: string; error?: FieldError; children?: ReactNode }) {
  if (!error && !children) return null;
  return (
    <FormHelperText>
      <HelperText id={id}>
        {error ? (
          <HelperTextItem variant="error" role="alert">
            {error.message}
          </HelperTextItem>
        ) : (
          <HelperTextItem>{children}</HelperTextItem>
        )}
      </HelperText>
    </FormHelperText>
  );
}

type UserFormValues = Required<Omit<UserRequest, 'attributes'>> & { password: string };
const USER_FIELDS = ['username', 'name', 'email', 'is_active', 'path', 'type', 'groups', 'password'];

export function UserForm({
  user,
  onCancel,
  onSaved,
}: {
  user: User | null;
  onCancel: () => void;
  onSaved: (u: User) => Promise<void> | void;
}) {
  const allGroups = useQuery({
    queryKey: ['groups', 'all'],
    queryFn: () => listAll(groupsApi.list, { include_users: false }),
  });
  const [formErrors, setFormErrors] = useState<string[]>([]);
  // A new user whose password was then refused (too short, too common) already exists: a second
  // submit must update that user, not create it again ("username already exists").
  const [created, setCreated] = useState<User | null>(null);
  const { register, control, handleSubmit, setError, formState } = useForm<UserFormValues>({
    defaultValues: {
      username: user?.username ?? '',
      name: user?.name ?? '',
      email: user?.email ?? '',
      is_active: user?.is_active ?? true,
      path: user?.path ?? 'users',
      type: user?.type ?? 'internal',
      groups: user?.groups ?? [],
      password: '',
    },
  });
  const errors = formState.errors;
  const submit = handleSubmit(async ({ password, ...values }) => {
    setFormErrors([]);
    try {
      const existing = user ?? created;
      const saved = existing ? await usersApi.update(existing.pk, values) : await usersApi.create(values);
      if (!existing) setCreated(saved);
      if (password) await usersApi.setPassword(saved.pk, password);
      await onSaved(saved);
    } catch (error) {
      setFormErrors(applyFieldErrors(error, setError, USER_FIELDS));
    }
  });
  return (
    <Form onSubmit={submit} noValidate>
      <FormErrors messages={formErrors} />
      <FormGroup label="Username" isRequired fieldId="user-username">
        <TextInput
          id="user-username"
          {...register('username', { required: 'Username is required.' })}
          isRequired
          validated={errors.username ? 'error' : 'default'}
          aria-describedby="user-username-help"
        />
        <Help id="user-username-help" error={errors.username} />
      </FormGroup>
      <FormGroup label="Name" fieldId="user-name">
        <TextInput
          id="user-name"
          {...register('name')}
          validated={errors.name ? 'error' : 'default'}
          aria-describedby="user-name-help"
        />
        <Help id="user-name-help" error={errors.name}>
          Sent to Entra ID as displayName by the default mapping.
        </Help>
      </FormGroup>
      <FormGroup label="Email" fieldId="user-email">
        <TextInput
          id="user-email"
          type="email"
          {...register('email')}
          validated={errors.email ? 'error' : 'default'}
          aria-describedby="user-email-help"
        />
        <Help id="user-email-help" error={errors.email}>
          Becomes the userPrincipalName in Entra ID: its domain must be verified in the tenant.
        </Help>
      </FormGroup>
      <FormGroup label="User type" fieldId="user-type">
        <Controller
          control={control}
          name="type"
          render={({ field }) => (
            <FormSelect
              id="user-type"
              value={field.value}
              onChange={(_e, v) => field.onChange(v as UserType)}
              aria-describedby="user-type-help"
            >
              {USER_TYPES.map((t) => (
                <FormSelectOption key={t.value} value={t.value} label={t.label} />
              ))}
            </FormSelect>
          )}
        />
        <Help id="user-type-help" error={errors.type}>
          Service accounts are machine identities; providers with “Exclude service accounts” never sync them.
        </Help>
      </FormGroup>
      <FormGroup fieldId="user-active">
        <Controller
          control={control}
          name="is_active"
          render={({ field }) => (
            <Switch
              id="user-active"
              label="Active"
              isChecked={field.value}
              onChange={(_e, v) => field.onChange(v)}
            />
          )}
        />
        <Help id="user-active-help" error={errors.is_active}>
          Inactive users are synced with sign-in blocked (accountEnabled false).
        </Help>
      </FormGroup>
      <FormGroup label="Path" fieldId="user-path">
        <TextInput
          id="user-path"
          {...register('path')}
          validated={errors.path ? 'error' : 'default'}
          aria-describedby="user-path-help"
        />
        <Help id="user-path-help" error={errors.path} />
      </FormGroup>
      <FormGroup label="Groups" fieldId="user-groups" role="group" isStack>
        <Controller
          control={control}
          name="groups"
          render={({ field }) => (
            <CheckList
              id="user-groups"
              label="Groups"
              options={(allGroups.data ?? []).map((g) => ({ value: g.pk, label: g.name }))}
              value={field.value}
              onChange={field.onChange}
            />
          )}
        />
        <Help id="user-groups-help" error={errors.groups as FieldError | undefined} />
      </FormGroup>
      <FormGroup label={user ? 'New password' : 'Password'} fieldId="user-password">
        <TextInput
          id="user-password"
          type="password"
          autoComplete="new-password"
          {...register('password')}
          validated={errors.password ? 'error' : 'default'}
          aria-describedby="user-password-help"
        />
        <Help id="user-password-help" error={errors.password}>
          Optional: only needed to sign in to Conduit. It is never sent to Entra ID.
        </Help>
      </FormGroup>
      <ActionGroup>
        <Button
          type="submit"
          variant="primary"
          isLoading={formState.isSubmitting}
          isDisabled={formState.isSubmitting}
        >
          {user ? 'Save' : 'Create'}
        </Button>
        <Button variant="link" onClick={onCancel}>
          Cancel
        </Button>
      </ActionGroup>
    </Form>
  );
}

function ServiceAccountModal({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState('');
  const [createGroup, setCreateGroup] = useState(false);
  const [expiring, setExpiring] = useState(true);
  const [result, setResult] = useState<{ username: string; token: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal isOpen onClose={onClose} variant="medium" aria-labelledby="sa-title">
      <ModalHeader title="Create Service account" labelId="sa-title" />
      <ModalBody>
        {result ? (
          <>
            <Alert
              variant="success"
              isInline
              title={`Service account ${result.username} created`}
              className="pf-v6-u-mb-md"
            >
              Copy its token now: it is shown only once.
            </Alert>
            <ClipboardCopy isReadOnly hoverTip="Copy" clickTip="Copied" aria-label="Service account token">
              {result.token}
            </ClipboardCopy>
            <ActionGroup className="pf-v6-u-mt-md">
              <Button onClick={onClose}>Close</Button>
            </ActionGroup>
          </>
        ) : (
          <Form
            onSubmit={async (e) => {
              e.preventDefault();
              setBusy(true);
              setError(null);
              try {
                setResult(await usersApi.createServiceAccount({ name, create_group: createGroup, expiring }));
              } catch (err) {
                setError(err);
              } finally {
                setBusy(false);
              }
            }}
          >
            <ErrorAlert error={error} title="Could not create the service account" />
            <FormGroup label="Username" isRequired fieldId="sa-name">
              <TextInput id="sa-name" value={name} onChange={(_e, v) => setName(v)} isRequired />
            </FormGroup>
            <Switch
              id="sa-group"
              label="Create group"
              isChecked={createGroup}
              onChange={(_e, v) => setCreateGroup(v)}
            />
            <Switch
              id="sa-expiring"
              label="Expiring token"
              isChecked={expiring}
              onChange={(_e, v) => setExpiring(v)}
            />
            <ActionGroup>
              <Button type="submit" isLoading={busy} isDisabled={busy || !name}>
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

export function UserDetailPage() {
  const id = Number(useParams().id);
  const client = useQueryClient();
  const navigate = useNavigate();
  const user = useQuery({ queryKey: ['users', id], queryFn: () => usersApi.get(id) });
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  useTitle(user.data?.username ?? 'User');
  if (user.isLoading)
    return (
      <Bullseye>
        <Spinner aria-label="Loading user" />
      </Bullseye>
    );
  if (!user.data)
    return (
      <PageSection>
        <ErrorAlert error={user.error} title="Could not load the user" />
      </PageSection>
    );
  const u = user.data;
  return (
    <>
      <PageHeader
        title={u.username}
        description={`${u.name || 'No name'} · ${userTypeLabel(u.type)}`}
        actions={
          <>
            <Button variant="secondary" onClick={() => setEditing(true)}>
              Edit
            </Button>
            <Button variant="danger" onClick={() => setDeleting(true)}>
              Delete
            </Button>
          </>
        }
      />
      <PageSection>
        <Grid hasGutter>
          <GridItem md={6} span={12}>
            <Card isFullHeight>
              <CardHeader>
                <CardTitle component="h2">Details</CardTitle>
              </CardHeader>
              <CardBody>
                <DescriptionList isCompact isHorizontal aria-label="User details">
                  <Row term="Username">{u.username}</Row>
                  <Row term="Name">{u.name || '—'}</Row>
                  <Row term="Email">{u.email || '—'}</Row>
                  <Row term="User type">{userTypeLabel(u.type)}</Row>
                  <Row term="Active">{u.is_active ? 'Yes' : 'No'}</Row>
                  <Row term="Superuser">{u.is_superuser ? 'Yes' : 'No'}</Row>
                  <Row term="Path">{u.path}</Row>
                  <Row term="Joined">{formatDate(u.date_joined)}</Row>
                  <Row term="Last login">{formatDate(u.last_login)}</Row>
                </DescriptionList>
              </CardBody>
            </Card>
          </GridItem>
          <GridItem md={6} span={12}>
            <Card isFullHeight>
              <CardHeader>
                <CardTitle component="h2">Groups</CardTitle>
              </CardHeader>
              <CardBody>
                {(u.groups_obj ?? []).length === 0 ? (
                  'Not a member of any group.'
                ) : (
                  <LabelGroup numLabels={20} aria-label="Groups">
                    {(u.groups_obj ?? []).map((g) => (
                      <Label
                        key={g.pk}
                        color="blue"
                        render={({ className, content }) => (
                          <Link className={className} to={`/groups/${g.pk}`}>
                            {content}
                          </Link>
                        )}
                      >
                        {g.name}
                      </Label>
                    ))}
                  </LabelGroup>
                )}
                <strong className="pf-v6-u-display-block pf-v6-u-mt-md">Attributes</strong>
                <JsonBlock value={u.attributes} label="User attributes" />
              </CardBody>
            </Card>
          </GridItem>
          <GridItem span={12}>
            <ObjectSyncState kind="user" localId={u.pk} objectRef={String(u.pk)} label={u.username} />
          </GridItem>
        </Grid>
      </PageSection>
      {editing && (
        <Modal isOpen onClose={() => setEditing(false)} variant="medium" aria-labelledby="user-edit-title">
          <ModalHeader title={`Update User: ${u.username}`} labelId="user-edit-title" />
          <ModalBody>
            <UserForm
              user={u}
              onCancel={() => setEditing(false)}
              onSaved={async () => {
                setEditing(false);
                await client.invalidateQueries({ queryKey: ['users'] });
              }}
            />
          </ModalBody>
        </Modal>
      )}
      {deleting && (
        <ConfirmModal
          title={`Delete ${u.username}?`}
          body="Each provider applies its user deletion action in Entra ID (delete, suspend or do nothing)."
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            await usersApi.remove(u.pk);
            await client.invalidateQueries({ queryKey: ['users'] });
            navigate('/users');
          }}
        />
      )}
    </>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <DescriptionListGroup>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription>{children}</DescriptionListDescription>
    </DescriptionListGroup>
  );
}
