/** Directory › Federation and Social login: the LDAP sources that feed the directory. */
import { Label } from '@patternfly/react-core';
import { Link } from 'react-router';
import { type LdapSource, ldapSourceKeys, ldapSources, useLdapSyncStatus } from '../../api/sources.js';
import { formatDate, StatusLabel } from '../../components/common.js';
import { ResourceListPage } from '../../components/crud-shell.js';
import type { Column } from '../../components/list-view.js';
import { LdapSourceForm } from './ldap-source-form.js';

export { LdapSourcePage } from './ldap-source-page.js';

/** The latest run's end (or "running"), from the source's sync status. */
function LastSync({ slug }: { slug: string }) {
  const status = useLdapSyncStatus(slug, 10_000);
  const run = status.data?.run;
  if (status.isLoading) return <>…</>;
  if (!run) return <>Never</>;
  return <>{run.finished ? formatDate(run.finished) : 'running'}</>;
}

function LastStatus({ slug }: { slug: string }) {
  const status = useLdapSyncStatus(slug, 10_000);
  return <StatusLabel status={status.data?.run?.status ?? null} />;
}

const COLUMNS: Array<Column<LdapSource>> = [
  { title: 'Name', render: (s) => <Link to={`/sources/ldap/${encodeURIComponent(s.slug)}`}>{s.name}</Link> },
  { title: 'Slug', render: (s) => s.slug },
  { title: 'Type', render: () => 'LDAP' },
  {
    title: 'Enabled',
    render: (s) =>
      s.enabled ? (
        'Enabled'
      ) : (
        <Label isCompact color="orange">
          Disabled
        </Label>
      ),
  },
  { title: 'Last sync', render: (s) => <LastSync slug={s.slug} /> },
  { title: 'Status', render: (s) => <LastStatus slug={s.slug} /> },
];

export function SourcesPage() {
  return (
    <ResourceListPage<LdapSource>
      title="Federation and Social login"
      description="Sources feed the directory from where identities already live: LDAP and Active Directory servers are read on a schedule, and their users and groups reach Entra ID through the providers."
      noun="Source"
      list={{
        label: 'Sources',
        queryKey: ldapSourceKeys.list,
        fetchPage: ldapSources.list,
        filters: { ordering: 'name' },
        rowKey: (s) => s.pk,
        columns: COLUMNS,
        emptyText: 'No sources yet: create an LDAP source to read users and groups from a directory server.',
      }}
      form={({ item, onCancel, onSaved }) => (
        <LdapSourceForm source={item} onCancel={onCancel} onSaved={onSaved} />
      )}
      queryKey={ldapSourceKeys.all}
      pathOf={(s) => `/sources/ldap/${encodeURIComponent(s.slug)}`}
    />
  );
}
