/** Directory > Groups: list, create/edit (name, superuser, parents), members, and the group page. */
import { Button, Flex, FlexItem, Grid, GridItem, Label } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import { groups as groupsApi } from '../api/endpoints.js';
import { useAllGroups, useGroup } from '../api/queries/directory.js';
import { queryKeys } from '../api/queries/keys.js';
import type { Group, GroupRequest } from '../api/types.js';
import { ErrorAlert, JsonBlock, LinkedLabels, TitledCard } from '../components/common.js';
import {
  ResourceDetailPage,
  ResourceFormBody,
  type ResourceFormProps,
  ResourceListPage,
  useFormSubmit,
} from '../components/crud-shell.js';
import { CheckListField, SwitchField, TextField } from '../components/form-fields.js';
import { ObjectSyncState } from '../components/object-sync-state.js';
import { SearchSelect, searchUsers } from '../components/search-select.js';

export function GroupsPage() {
  const all = useAllGroups();
  const nameOf = (uuid: string) => all.data?.find((g) => g.pk === uuid)?.name ?? uuid;
  return (
    <ResourceListPage<Group>
      title="Groups"
      description="Groups in Conduit's directory. Providers sync them to Entra ID as security groups, with their members."
      noun="Group"
      list={{
        label: 'Groups',
        queryKey: queryKeys.groups.list,
        fetchPage: groupsApi.list,
        filters: { ordering: 'name' },
        rowKey: (g) => g.pk,
        columns: [
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
        ],
      }}
      form={GroupForm}
      queryKey={queryKeys.groups.all}
      pathOf={(g) => `/groups/${g.pk}`}
    />
  );
}

type GroupFormValues = Required<Pick<GroupRequest, 'name' | 'is_superuser' | 'parents'>>;

export function GroupForm({ item: group, onCancel, onSaved }: ResourceFormProps<Group>) {
  const all = useAllGroups();
  const form = useForm<GroupFormValues>({
    defaultValues: {
      name: group?.name ?? '',
      is_superuser: group?.is_superuser ?? false,
      parents: group?.parents ?? [],
    },
  });
  const { control } = form;
  const body = useFormSubmit(form, ['name', 'is_superuser', 'parents'], async (values) => {
    await onSaved(group ? await groupsApi.update(group.pk, values) : await groupsApi.create(values));
  });
  return (
    <ResourceFormBody {...body} isEdit={group !== null} onCancel={onCancel}>
      <TextField
        control={control}
        name="name"
        id="group-name"
        label="Name"
        required
        help="Becomes the group's displayName in Entra ID."
      />
      <SwitchField
        control={control}
        name="is_superuser"
        id="group-superuser"
        label="Superuser privileges (members may sign in to this admin interface)"
      />
      <CheckListField
        control={control}
        name="parents"
        id="group-parents"
        label="Parents"
        options={(all.data ?? [])
          .filter((g) => g.pk !== group?.pk)
          .map((g) => ({ value: g.pk, label: g.name }))}
      />
    </ResourceFormBody>
  );
}

export function GroupDetailPage() {
  const uuid = useParams().uuid as string;
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.groups.all });
  return (
    <ResourceDetailPage<Group>
      query={useGroup(uuid)}
      noun="Group"
      name={(g) => g.name}
      description={(g) => `${g.users.length} members`}
      form={GroupForm}
      queryKey={queryKeys.groups.all}
      deleteBody="Each provider applies its group deletion action in Entra ID (delete or do nothing)."
      remove={(g) => groupsApi.remove(g.pk)}
      listPath="/groups"
    >
      {(g) => (
        <Grid hasGutter>
          <GridItem md={7} span={12}>
            <MembersCard group={g} onChange={refresh} />
          </GridItem>
          <GridItem md={5} span={12}>
            <TitledCard title="Hierarchy" isFullHeight>
              {[
                { title: 'Parents', groups: g.parents_obj, color: 'blue' as const },
                { title: 'Children', groups: g.children_obj, color: undefined },
              ].map((h) => (
                <div key={h.title}>
                  <strong>{h.title}</strong>
                  <div className="pf-v6-u-mb-md">
                    <LinkedLabels
                      items={(h.groups ?? []).map((p) => ({
                        key: p.pk,
                        name: p.name,
                        to: `/groups/${p.pk}`,
                      }))}
                      label={h.title}
                      empty=" none"
                      color={h.color}
                    />
                  </div>
                </div>
              ))}
              <strong>Superuser</strong> {g.is_superuser ? 'yes' : 'no'}
              <strong className="pf-v6-u-display-block pf-v6-u-mt-md">Attributes</strong>
              <JsonBlock value={g.attributes} label="Group attributes" />
            </TitledCard>
          </GridItem>
          <GridItem span={12}>
            <ObjectSyncState kind="group" localId={g.num_pk} objectRef={g.pk} label={g.name} />
          </GridItem>
        </Grid>
      )}
    </ResourceDetailPage>
  );
}

/** The group's members, with a user picker to add one and **Remove** per member. */
function MembersCard({ group: g, onChange }: { group: Group; onChange: () => Promise<unknown> }) {
  const [adding, setAdding] = useState<string | null>(null);
  const [memberError, setMemberError] = useState<unknown>(null);
  const change = async (action: () => Promise<void>) => {
    setMemberError(null);
    try {
      await action();
      await onChange();
    } catch (e) {
      setMemberError(e);
    }
  };
  return (
    <TitledCard title="Members" isFullHeight>
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
            search={searchUsers}
          />
        </FlexItem>
        <Button
          variant="secondary"
          isDisabled={!adding}
          onClick={() =>
            change(async () => {
              await groupsApi.addUser(g.pk, Number(adding));
              setAdding(null);
            })
          }
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
                    onClick={() => change(() => groupsApi.removeUser(g.pk, u.pk))}
                  >
                    Remove
                  </Button>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </TitledCard>
  );
}
