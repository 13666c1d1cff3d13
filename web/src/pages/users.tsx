/** Directory > Users: list with search, type filter and pagination; create/edit; the user page. */
import { Button, DescriptionList, Form, Grid, GridItem, Label, ToolbarItem } from '@patternfly/react-core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import { users as usersApi } from '../api/endpoints.js';
import { useAllGroups, useUser } from '../api/queries/directory.js';
import { queryKeys } from '../api/queries/keys.js';
import type { User, UserRequest } from '../api/types.js';
import {
  ErrorAlert,
  formatDate,
  JsonBlock,
  LinkedLabels,
  DetailItem as Row,
  ShownOnce,
  TitledCard,
  USER_TYPES,
  userTypeLabel,
} from '../components/common.js';
import {
  FormActions,
  FormModal,
  ResourceDetailPage,
  ResourceFormBody,
  type ResourceFormProps,
  ResourceListPage,
  useFormSubmit,
} from '../components/crud-shell.js';
import { CheckListField, SelectField, SwitchField, TextField } from '../components/form-fields.js';
import { type Column, FilterSelect } from '../components/list-view.js';
import { ObjectSyncState } from '../components/object-sync-state.js';
import { UserSourceLabel } from './sources/user-source.js';

export function UsersPage() {
  const [type, setType] = useState('');
  const [serviceAccount, setServiceAccount] = useState(false);
  const client = useQueryClient();
  return (
    <>
      <ResourceListPage<User>
        title="Users"
        description="The people and service accounts in Conduit's directory. Providers sync them to Entra ID."
        noun="User"
        list={{
          label: 'Users',
          queryKey: queryKeys.users.list,
          fetchPage: usersApi.list,
          filters: { type: type || undefined, ordering: 'username' },
          rowKey: (u) => u.pk,
          columns: USER_COLUMNS,
        }}
        toolbarStart={
          <ToolbarItem>
            <FilterSelect
              id="user-type-filter"
              ariaLabel="Filter by user type"
              value={type}
              onChange={setType}
              allLabel="All user types"
              options={USER_TYPES}
            />
          </ToolbarItem>
        }
        toolbarEnd={
          <>
            <ToolbarItem>
              <Button variant="secondary" onClick={() => setServiceAccount(true)}>
                Create Service account
              </Button>
            </ToolbarItem>
            <ToolbarItem>
              <Link to="/users/import" className="pf-v6-c-button pf-m-secondary">
                Import from CSV
              </Link>
            </ToolbarItem>
          </>
        }
        form={UserForm}
        queryKey={queryKeys.users.all}
        pathOf={(u) => `/users/${u.pk}`}
      />
      {serviceAccount && (
        <ServiceAccountModal
          onClose={() => {
            setServiceAccount(false);
            void client.invalidateQueries({ queryKey: queryKeys.users.all });
          }}
        />
      )}
    </>
  );
}

const USER_COLUMNS: Array<Column<User>> = [
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
];

type UserFormValues = Required<Omit<UserRequest, 'attributes'>> & { password: string };
const USER_FIELDS = ['username', 'name', 'email', 'is_active', 'path', 'type', 'groups', 'password'];

export function UserForm({ item: user, onCancel, onSaved }: ResourceFormProps<User>) {
  const allGroups = useAllGroups();
  // A new user whose password was then refused (too short, too common) already exists: a second
  // submit must update that user, not create it again ("username already exists").
  const [created, setCreated] = useState<User | null>(null);
  const form = useForm<UserFormValues>({
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
  const { control } = form;
  const body = useFormSubmit(form, USER_FIELDS, async ({ password, ...values }) => {
    const existing = user ?? created;
    const saved = existing ? await usersApi.update(existing.pk, values) : await usersApi.create(values);
    if (!existing) setCreated(saved);
    if (password) await usersApi.setPassword(saved.pk, password);
    await onSaved(saved);
  });
  return (
    <ResourceFormBody {...body} isEdit={user !== null} onCancel={onCancel}>
      <TextField control={control} name="username" id="user-username" label="Username" required />
      <TextField
        control={control}
        name="name"
        id="user-name"
        label="Name"
        help="Sent to Entra ID as displayName by the default mapping."
      />
      <TextField
        control={control}
        name="email"
        id="user-email"
        label="Email"
        type="email"
        help="Becomes the userPrincipalName in Entra ID: its domain must be verified in the tenant."
      />
      <SelectField
        control={control}
        name="type"
        id="user-type"
        label="User type"
        options={USER_TYPES}
        help="Service accounts are machine identities; providers with “Exclude service accounts” never sync them."
      />
      <SwitchField
        control={control}
        name="is_active"
        id="user-active"
        label="Active"
        help="Inactive users are synced with sign-in blocked (accountEnabled false)."
      />
      <TextField control={control} name="path" id="user-path" label="Path" />
      <CheckListField
        control={control}
        name="groups"
        id="user-groups"
        label="Groups"
        options={(allGroups.data ?? []).map((g) => ({ value: g.pk, label: g.name }))}
      />
      <TextField
        control={control}
        name="password"
        id="user-password"
        label={user ? 'New password' : 'Password'}
        type="password"
        autoComplete="new-password"
        help="Optional: only needed to sign in to Conduit. It is never sent to Entra ID."
      />
    </ResourceFormBody>
  );
}

type ServiceAccountValues = { name: string; create_group: boolean; expiring: boolean };

function ServiceAccountModal({ onClose }: { onClose: () => void }) {
  const [result, setResult] = useState<{ username: string; token: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { control, handleSubmit, watch, formState } = useForm<ServiceAccountValues>({
    defaultValues: { name: '', create_group: false, expiring: true },
  });
  const submit = handleSubmit(async (values) => {
    setError(null);
    try {
      setResult(await usersApi.createServiceAccount(values));
    } catch (err) {
      setError(err);
    }
  });
  return (
    <FormModal id="sa-title" title="Create Service account" onClose={onClose}>
      {result ? (
        <ShownOnce
          title={`Service account ${result.username} created`}
          notice="Copy its token now: it is shown only once."
          secret={result.token}
          label="Service account token"
          onClose={onClose}
        />
      ) : (
        <Form onSubmit={submit}>
          <ErrorAlert error={error} title="Could not create the service account" />
          <TextField control={control} name="name" id="sa-name" label="Username" isRequired />
          <SwitchField control={control} name="create_group" id="sa-group" label="Create group" />
          <SwitchField control={control} name="expiring" id="sa-expiring" label="Expiring token" />
          <FormActions
            isEdit={false}
            isSubmitting={formState.isSubmitting}
            isDisabled={!watch('name')}
            onCancel={onClose}
          />
        </Form>
      )}
    </FormModal>
  );
}

export function UserDetailPage() {
  const id = Number(useParams().id);
  return (
    <ResourceDetailPage<User>
      query={useUser(id)}
      noun="User"
      name={(u) => u.username}
      description={(u) => `${u.name || 'No name'} · ${userTypeLabel(u.type)}`}
      form={UserForm}
      queryKey={queryKeys.users.all}
      deleteBody="Each provider applies its user deletion action in Entra ID (delete, suspend or do nothing)."
      remove={(u) => usersApi.remove(u.pk)}
      listPath="/users"
    >
      {(u) => <UserDetails user={u} />}
    </ResourceDetailPage>
  );
}

function UserDetails({ user: u }: { user: User }) {
  return (
    <Grid hasGutter>
      <GridItem md={6} span={12}>
        <TitledCard title="Details" isFullHeight>
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
          <UserSourceLabel userPk={u.pk} />
        </TitledCard>
      </GridItem>
      <GridItem md={6} span={12}>
        <TitledCard title="Groups" isFullHeight>
          <LinkedLabels
            items={(u.groups_obj ?? []).map((g) => ({ key: g.pk, name: g.name, to: `/groups/${g.pk}` }))}
            label="Groups"
            empty="Not a member of any group."
            color="blue"
            numLabels={20}
          />
          <strong className="pf-v6-u-display-block pf-v6-u-mt-md">Attributes</strong>
          <JsonBlock value={u.attributes} label="User attributes" />
        </TitledCard>
      </GridItem>
      <GridItem span={12}>
        <ObjectSyncState kind="user" localId={u.pk} objectRef={String(u.pk)} label={u.username} />
      </GridItem>
    </Grid>
  );
}
