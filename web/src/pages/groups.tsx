/** Directory > Groups: list, create/edit (name, superuser, parents), members, and the group page. */
import {
  ActionGroup,
  Bullseye,
  Button,
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  Flex,
  FlexItem,
  Form,
  FormGroup,
  FormHelperText,
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
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import { groups as groupsApi, listAll, users as usersApi } from '../api/endpoints.js';
import type { Group, GroupRequest } from '../api/types.js';
import { CheckList } from '../components/check-list.js';
import {
  applyFieldErrors,
  ConfirmModal,
  ErrorAlert,
  FormErrors,
  JsonBlock,
  PageHeader,
} from '../components/common.js';
import { ListView } from '../components/list-view.js';
import { ObjectSyncState } from '../components/object-sync-state.js';
import { SearchSelect } from '../components/search-select.js';
import { useTitle } from '../components/use-title.js';

export function GroupsPage() {
  useTitle('Groups');
  const [editing, setEditing] = useState<Group | 'new' | null>(null);
  const client = useQueryClient();
  const navigate = useNavigate();
  const all = useQuery({
    queryKey: ['groups', 'all'],
    queryFn: () => listAll(groupsApi.list, { include_users: false }),
  });
  const nameOf = (uuid: string) => all.data?.find((g) => g.pk === uuid)?.name ?? uuid;
  return (
    <>
      <PageHeader
        title="Groups"
        description="Groups in Conduit's directory. Providers sync them to Entra ID as security groups, with their members."
      />
      <PageSection>
        <ListView<Group>
          label="Groups"
          queryKey={['groups', 'list']}
          fetchPage={groupsApi.list}
          filters={{ ordering: 'name' }}
          rowKey={(g) => g.pk}
          toolbarItems={
            <ToolbarItem>
              <Button variant="primary" onClick={() => setEditing('new')}>
                Create
              </Button>
            </ToolbarItem>
          }
          columns={[
            { title: 'Name', render: (g) => <Link to={`/groups/${g.pk}`}>{g.name}</Link> },
            { title: 'Parents', render: (g) => (g.parents.length ? g.parents.map(nameOf).join(', ') : '—') },
            { title: 'Members', render: (g) => String(g.users.length) },
            {
              title: 'Superuser',
              render: (g) =>
                g.is_superuser ? (
                  <Label isCompact color="blue">
                    Superuser
                  </Label>
                ) : (
                  'No'
                ),
            },
          ]}
        />
      </PageSection>
      {editing && (
        <Modal isOpen onClose={() => setEditing(null)} variant="medium" aria-labelledby="group-form-title">
          <ModalHeader
            title={editing === 'new' ? 'Create Group' : `Update Group: ${editing.name}`}
            labelId="group-form-title"
          />
          <ModalBody>
            <GroupForm
              group={editing === 'new' ? null : editing}
              onCancel={() => setEditing(null)}
              onSaved={async (g) => {
                setEditing(null);
                await client.invalidateQueries({ queryKey: ['groups'] });
                if (editing === 'new') navigate(`/groups/${g.pk}`);
              }}
            />
          </ModalBody>
        </Modal>
      )}
    </>
  );
}

type GroupFormValues = Required<Pick<GroupRequest, 'name' | 'is_superuser' | 'parents'>>;

export function GroupForm({
  group,
  onCancel,
  onSaved,
}: {
  group: Group | null;
  onCancel: () => void;
  onSaved: (g: Group) => Promise<void> | void;
}) {
  const all = useQuery({
    queryKey: ['groups', 'all'],
    queryFn: () => listAll(groupsApi.list, { include_users: false }),
  });
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const { register, control, handleSubmit, setError, formState } = useForm<GroupFormValues>({
    defaultValues: {
      name: group?.name ?? '',
      is_superuser: group?.is_superuser ?? false,
      parents: group?.parents ?? [],
    },
  });
  const errors = formState.errors;
  const submit = handleSubmit(async (values) => {
    setFormErrors([]);
    try {
      const saved = group ? await groupsApi.update(group.pk, values) : await groupsApi.create(values);
      await onSaved(saved);
    } catch (error) {
      setFormErrors(applyFieldErrors(error, setError, ['name', 'is_superuser', 'parents']));
    }
  });
  return (
    <Form onSubmit={submit} noValidate>
      <FormErrors messages={formErrors} />
      <FormGroup label="Name" isRequired fieldId="group-name">
        <TextInput
          id="group-name"
          {...register('name', { required: 'Name is required.' })}
          isRequired
          validated={errors.name ? 'error' : 'default'}
          aria-describedby="group-name-help"
        />
        <FormHelperText>
          <HelperText id="group-name-help">
            {errors.name ? (
              <HelperTextItem variant="error">{errors.name.message}</HelperTextItem>
            ) : (
              <HelperTextItem>Becomes the group's displayName in Entra ID.</HelperTextItem>
            )}
          </HelperText>
        </FormHelperText>
      </FormGroup>
      <FormGroup fieldId="group-superuser">
        <Controller
          control={control}
          name="is_superuser"
          render={({ field }) => (
            <Switch
              id="group-superuser"
              label="Superuser privileges (members may sign in to this admin interface)"
              isChecked={field.value}
              onChange={(_e, v) => field.onChange(v)}
            />
          )}
        />
      </FormGroup>
      <FormGroup label="Parents" fieldId="group-parents" role="group" isStack>
        <Controller
          control={control}
          name="parents"
          render={({ field }) => (
            <CheckList
              id="group-parents"
              label="Parents"
              options={(all.data ?? [])
                .filter((g) => g.pk !== group?.pk)
                .map((g) => ({ value: g.pk, label: g.name }))}
              value={field.value}
              onChange={field.onChange}
            />
          )}
        />
        {errors.parents && (
          <FormHelperText>
            <HelperText>
              <HelperTextItem variant="error">{errors.parents.message}</HelperTextItem>
            </HelperText>
          </FormHelperText>
        )}
      </FormGroup>
      <ActionGroup>
        <Button
          type="submit"
          variant="primary"
          isLoading={formState.isSubmitting}
          isDisabled={formState.isSubmitting}
        >
          {group ? 'Save' : 'Create'}
        </Button>
        <Button variant="link" onClick={onCancel}>
          Cancel
        </Button>
      </ActionGroup>
    </Form>
  );
}

export function GroupDetailPage() {
  const uuid = useParams().uuid as string;
  const client = useQueryClient();
  const navigate = useNavigate();
  const group = useQuery({ queryKey: ['groups', uuid], queryFn: () => groupsApi.get(uuid) });
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [adding, setAdding] = useState<string | null>(null);
  const [memberError, setMemberError] = useState<unknown>(null);
  useTitle(group.data?.name ?? 'Group');
  if (group.isLoading)
    return (
      <Bullseye>
        <Spinner aria-label="Loading group" />
      </Bullseye>
    );
  if (!group.data)
    return (
      <PageSection>
        <ErrorAlert error={group.error} title="Could not load the group" />
      </PageSection>
    );
  const g = group.data;
  const refresh = () => client.invalidateQueries({ queryKey: ['groups'] });
  return (
    <>
      <PageHeader
        title={g.name}
        description={`${g.users.length} members`}
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
          <GridItem md={7} span={12}>
            <Card isFullHeight>
              <CardHeader>
                <CardTitle component="h2">Members</CardTitle>
              </CardHeader>
              <CardBody>
                <ErrorAlert error={memberError} />
                <Flex gap={{ default: 'gapSm' }} className="pf-v6-u-mb-md" flexWrap={{ default: 'nowrap' }}>
                  <FlexItem grow={{ default: 'grow' }}>
                    <SearchSelect
                      id="add-member"
                      queryKey="users"
                      ariaLabel="User to add"
                      placeholder="Add a user…"
                      value={adding}
                      onChange={(v) => setAdding(v)}
                      search={async (q) =>
                        (
                          await usersApi.list({
                            search: q || undefined,
                            page_size: 20,
                            include_groups: false,
                          })
                        ).results.map((u) => ({
                          value: String(u.pk),
                          label: u.username,
                          description: u.name,
                        }))
                      }
                    />
                  </FlexItem>
                  <Button
                    variant="secondary"
                    isDisabled={!adding}
                    onClick={async () => {
                      setMemberError(null);
                      try {
                        await groupsApi.addUser(g.pk, Number(adding));
                        setAdding(null);
                        await refresh();
                      } catch (e) {
                        setMemberError(e);
                      }
                    }}
                  >
                    Add
                  </Button>
                </Flex>
                {(g.users_obj ?? []).length === 0 ? (
                  <p>No members.</p>
                ) : (
                  <Table aria-label="Members" variant="compact">
                    <Thead>
                      <Tr>
                        <Th>Username</Th>
                        <Th>Name</Th>
                        <Th screenReaderText="Actions" />
                      </Tr>
                    </Thead>
                    <Tbody>
                      {(g.users_obj ?? []).map((u) => (
                        <Tr key={u.pk}>
                          <Td dataLabel="Username">
                            <Link to={`/users/${u.pk}`}>{u.username}</Link>
                          </Td>
                          <Td dataLabel="Name">{u.name}</Td>
                          <Td dataLabel="Actions">
                            <Button
                              variant="link"
                              isDanger
                              size="sm"
                              aria-label={`Remove ${u.username}`}
                              onClick={async () => {
                                setMemberError(null);
                                try {
                                  await groupsApi.removeUser(g.pk, u.pk);
                                  await refresh();
                                } catch (e) {
                                  setMemberError(e);
                                }
                              }}
                            >
                              Remove
                            </Button>
                          </Td>
                        </Tr>
                      ))}
                    </Tbody>
                  </Table>
                )}
              </CardBody>
            </Card>
          </GridItem>
          <GridItem md={5} span={12}>
            <Card isFullHeight>
              <CardHeader>
                <CardTitle component="h2">Hierarchy</CardTitle>
              </CardHeader>
              <CardBody>
                <strong>Parents</strong>
                <div className="pf-v6-u-mb-md">
                  {(g.parents_obj ?? []).length === 0 ? (
                    ' none'
                  ) : (
                    <LabelGroup aria-label="Parents">
                      {(g.parents_obj ?? []).map((p) => (
                        <Label
                          key={p.pk}
                          color="blue"
                          render={({ className, content }) => (
                            <Link className={className} to={`/groups/${p.pk}`}>
                              {content}
                            </Link>
                          )}
                        >
                          {p.name}
                        </Label>
                      ))}
                    </LabelGroup>
                  )}
                </div>
                <strong>Children</strong>
                <div className="pf-v6-u-mb-md">
                  {(g.children_obj ?? []).length === 0 ? (
                    ' none'
                  ) : (
                    <LabelGroup aria-label="Children">
                      {(g.children_obj ?? []).map((p) => (
                        <Label
                          key={p.pk}
                          render={({ className, content }) => (
                            <Link className={className} to={`/groups/${p.pk}`}>
                              {content}
                            </Link>
                          )}
                        >
                          {p.name}
                        </Label>
                      ))}
                    </LabelGroup>
                  )}
                </div>
                <strong>Superuser</strong> {g.is_superuser ? 'yes' : 'no'}
                <strong className="pf-v6-u-display-block pf-v6-u-mt-md">Attributes</strong>
                <JsonBlock value={g.attributes} label="Group attributes" />
              </CardBody>
            </Card>
          </GridItem>
          <GridItem span={12}>
            <ObjectSyncState kind="group" localId={g.num_pk} objectRef={g.pk} label={g.name} />
          </GridItem>
        </Grid>
      </PageSection>
      {editing && (
        <Modal isOpen onClose={() => setEditing(false)} variant="medium" aria-labelledby="group-edit-title">
          <ModalHeader title={`Update Group: ${g.name}`} labelId="group-edit-title" />
          <ModalBody>
            <GroupForm
              group={g}
              onCancel={() => setEditing(false)}
              onSaved={async () => {
                setEditing(false);
                await refresh();
              }}
            />
          </ModalBody>
        </Modal>
      )}
      {deleting && (
        <ConfirmModal
          title={`Delete ${g.name}?`}
          body="Each provider applies its group deletion action in Entra ID (delete or do nothing)."
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            await groupsApi.remove(g.pk);
            await refresh();
            navigate('/groups');
          }}
        />
      )}
    </>
  );
}
