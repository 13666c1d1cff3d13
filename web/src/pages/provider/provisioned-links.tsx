/**
 * The provider's links (its provisioned users and groups): Microsoft ID, state and last error, the
 * attributes last pushed, and per object **Sync** and **Unlink**; any object can be picked and synced.
 */
import { Button, Flex, FlexItem, ToolbarItem } from '@patternfly/react-core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { entra } from '../../api/endpoints.js';
import { queryKeys } from '../../api/queries/keys.js';
import type { EntraProvider, GroupLink, ListParams, Paginated, UserLink } from '../../api/types.js';
import { ConfirmModal, formatDate, JsonBlock, StatusLabel } from '../../components/common.js';
import { ListView } from '../../components/list-view.js';
import { SearchSelect, searchGroups, searchUsers } from '../../components/search-select.js';
import { LinkError, SyncObjectModal } from '../../components/sync-views.js';

type SyncTarget = { kind: 'user' | 'group'; id: string; label: string };

/** What differs between the users' and the groups' table. */
interface LinkKind<L extends UserLink | GroupLink> {
  kind: 'user' | 'group';
  label: string;
  list: 'users' | 'groups';
  column: string;
  emptyText: string;
  unlinkBody: string;
  fetchPage: (q: ListParams) => Promise<Paginated<L>>;
  unlink: (id: string) => Promise<void>;
  /** The object's local id (what `sync/object/` takes) and its name. */
  objectId: (l: L) => string;
  name: (l: L) => string;
  cell: (l: L) => ReactNode;
}

const USERS: LinkKind<UserLink> = {
  kind: 'user',
  label: 'Provisioned users',
  list: 'users',
  column: 'User',
  emptyText: 'No user has been synced yet. Run a full sync, or sync a single user.',
  unlinkBody:
    'Conduit forgets which Entra ID user this is. Nothing is changed in Entra ID; the next sync finds it again by discovery or creates it.',
  fetchPage: entra.userLinks,
  unlink: entra.unlinkUser,
  objectId: (l) => String(l.user),
  name: (l) => l.user_obj?.username ?? String(l.user),
  cell: (l) => (
    <Link to={`/users/${l.user}`}>
      {l.user_obj ? `${l.user_obj.username} (${l.user_obj.name})` : `#${l.user}`}
    </Link>
  ),
};

const GROUPS: LinkKind<GroupLink> = {
  kind: 'group',
  label: 'Provisioned groups',
  list: 'groups',
  column: 'Group',
  emptyText: 'No group has been synced yet. Run a full sync, or sync a single group.',
  unlinkBody: 'Conduit forgets which Entra ID group this is. Nothing is changed in Entra ID.',
  fetchPage: entra.groupLinks,
  unlink: entra.unlinkGroup,
  objectId: (l) => l.group,
  name: (l) => l.group_obj?.name ?? l.group,
  cell: (l) => <Link to={`/groups/${l.group}`}>{l.group_obj?.name ?? l.group}</Link>,
};

export function ProvisionedUsers({ provider }: { provider: EntraProvider }) {
  return <ProvisionedLinks provider={provider} spec={USERS} />;
}

export function ProvisionedGroups({ provider }: { provider: EntraProvider }) {
  return <ProvisionedLinks provider={provider} spec={GROUPS} />;
}

function ProvisionedLinks<L extends UserLink | GroupLink>({
  provider,
  spec,
}: {
  provider: EntraProvider;
  spec: LinkKind<L>;
}) {
  const [target, setTarget] = useState<SyncTarget | null>(null);
  const [unlink, setUnlink] = useState<L | null>(null);
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.links.all });
  return (
    <div className="pf-v6-u-mt-md">
      <ListView<L>
        label={spec.label}
        queryKey={queryKeys.links.list(spec.list, provider.pk)}
        fetchPage={(q) => spec.fetchPage({ ...q, provider__id: provider.pk })}
        searchable={false}
        rowKey={(l) => l.id}
        toolbarItems={
          <ToolbarItem>
            <PickAndSync kind={spec.kind} onPick={setTarget} />
          </ToolbarItem>
        }
        emptyText={spec.emptyText}
        expand={(l) => (
          <>
            <strong>Last pushed attributes</strong>
            <JsonBlock value={l.attributes} label={`Attributes of ${spec.name(l)}`} />
          </>
        )}
        columns={[
          { title: spec.column, render: spec.cell },
          {
            title: 'Microsoft ID',
            render: (l) => (l.microsoft_id ? <code className="cd-wrap">{l.microsoft_id}</code> : '—'),
            modifier: 'breakWord',
          },
          { title: 'State', render: (l) => <LinkState link={l} /> },
          { title: 'Last synced', render: (l) => formatDate(l.last_synced_at) },
          {
            title: 'Actions',
            render: (l) => (
              <Flex gap={{ default: 'gapSm' }} flexWrap={{ default: 'nowrap' }}>
                <Button
                  variant="secondary"
                  size="sm"
                  aria-label={`Sync ${spec.name(l)}`}
                  onClick={() => setTarget({ kind: spec.kind, id: spec.objectId(l), label: spec.name(l) })}
                >
                  Sync
                </Button>
                <Button
                  variant="link"
                  size="sm"
                  isDanger
                  onClick={() => setUnlink(l)}
                  aria-label={`Unlink ${spec.name(l)}`}
                >
                  Unlink
                </Button>
              </Flex>
            ),
          },
        ]}
      />
      {target && (
        <SyncObjectModal
          providerId={provider.pk}
          providerDryRun={provider.dry_run}
          kind={target.kind}
          objectId={target.id}
          objectLabel={target.label}
          onClose={() => {
            setTarget(null);
            void refresh();
          }}
        />
      )}
      {unlink && (
        <ConfirmModal
          title={`Unlink ${spec.name(unlink)}?`}
          confirmLabel="Unlink"
          body={spec.unlinkBody}
          onClose={() => setUnlink(null)}
          onConfirm={async () => {
            await spec.unlink(unlink.id);
            await refresh();
          }}
        />
      )}
    </div>
  );
}

function LinkState({ link }: { link: UserLink | GroupLink }) {
  return (
    <>
      <StatusLabel status={link.state} />
      <LinkError
        error={link.last_error}
        requestId={link.last_request_id}
        className="pf-v6-u-font-size-sm cd-wrap pf-v6-u-mt-xs"
      />
    </>
  );
}

/** Choose any user or group (linked or not) and sync just that object. */
function PickAndSync({ kind, onPick }: { kind: 'user' | 'group'; onPick: (t: SyncTarget) => void }) {
  const [choice, setChoice] = useState<{ value: string; label: string } | null>(null);
  const label = kind === 'user' ? 'User to sync' : 'Group to sync';
  return (
    <Flex
      gap={{ default: 'gapSm' }}
      alignItems={{ default: 'alignItemsCenter' }}
      flexWrap={{ default: 'nowrap' }}
    >
      <FlexItem style={{ minWidth: '14rem' }}>
        <SearchSelect
          id={`pick-${kind}`}
          queryKey={kind === 'user' ? 'users' : 'groups'}
          ariaLabel={label}
          placeholder={kind === 'user' ? 'Sync a user…' : 'Sync a group…'}
          value={choice?.value ?? null}
          onChange={(_v, c) => setChoice(c)}
          search={kind === 'user' ? searchUsers : searchGroups}
        />
      </FlexItem>
      <Button
        variant="secondary"
        isDisabled={!choice}
        onClick={() => choice && onPick({ kind, id: choice.value, label: choice.label })}
      >
        Sync
      </Button>
    </Flex>
  );
}
