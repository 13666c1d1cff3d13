// @vitest-environment happy-dom
/**
 * The LDAP source page while a sync runs (progress, Sync now disabled), with deletions held back by
 * the mass-deletion guard and the last run's per-object errors; and the user page's source label.
 * The API is a stubbed `fetch` answering as Conduit's `/api/v3/sources/ldap/…` routes do.
 */
import { cleanup, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConnectivityReport, LdapSource, SourceResult, SourceSyncStatus } from '../../api/sources.js';
import { renderRoutes } from '../../render-routes.js';
import { LdapSourcePage } from './sources-page.js';
import { UserSourceLabel } from './user-source.js';

const source = {
  pk: '0190a000-0000-7000-8000-000000000001',
  name: 'Corp AD',
  slug: 'corp-ad',
  enabled: true,
  server_uri: 'ldaps://dc1.corp.example',
  peer_certificate: null,
  peer_certificate_pem: null,
  start_tls: false,
  sni: false,
  bind_cn: 'cn=conduit,dc=corp,dc=example',
  has_bind_password: true,
  base_dn: 'dc=corp,dc=example',
  additional_user_dn: '',
  additional_group_dn: '',
  user_object_filter: '(objectClass=person)',
  group_object_filter: '(objectClass=group)',
  group_membership_field: 'member',
  user_membership_attribute: 'distinguishedName',
  lookup_groups_from_user: false,
  object_uniqueness_field: 'objectGUID',
  sync_users: true,
  sync_groups: true,
  sync_parent_group: null,
  sync_group_hierarchy: true,
  delete_not_found_objects: true,
  user_property_mappings: [],
  group_property_mappings: [],
  user_path_template: 'goauthentik.io/sources/%(slug)s',
  sync_interval_minutes: 60,
  sync_page_size: 500,
  deletion_limit_percent: 20,
  connectivity: null,
  promoted: false,
  authentication_flow: null,
  enrollment_flow: null,
  component: 'ak-source-ldap-form',
  verbose_name: 'LDAP Source',
  verbose_name_plural: 'LDAP Sources',
  meta_model_name: 'authentik_sources_ldap.ldapsource',
  policy_engine_mode: 'any',
  user_matching_mode: 'identifier',
  managed: null,
  icon: '',
  icon_url: '',
  icon_themed_urls: null,
  client_certificate: null,
  password_login_update_internal_password: false,
  sync_users_password: true,
  sync_outgoing_trigger_mode: 'deferred_end',
} satisfies LdapSource;

const counts = { created: 3, updated: 1, unchanged: 36, deleted: 0, errors: 1 };
const zero = { created: 0, updated: 0, unchanged: 0, deleted: 0, errors: 0 };

const status: SourceSyncStatus = {
  is_running: true,
  last_successful_sync: '2026-01-01T09:00:00.000Z',
  last_sync_status: 'running',
  next_sync: null,
  run: {
    id: '0190a000-0000-7000-8000-0000000000aa',
    status: 'running',
    trigger: 'manual',
    mode: 'full',
    phase: 'users',
    total: 100,
    done: 40,
    counts: { users: counts, groups: zero, memberships: zero },
    error: null,
    held_deletions: { users: 30, groups: 0, limit_percent: 20 },
    started: '2026-01-01T10:00:00.000Z',
    finished: null,
  },
};

const check: ConnectivityReport = {
  status: 'error',
  connectivity: {},
  servers: [
    {
      server: 'ldaps://dc1.corp.example',
      status: 'error',
      steps: [
        { step: 'connect', status: 'ok', message: 'Connected to ldaps://dc1.corp.example (TLS).' },
        { step: 'bind', status: 'error', message: 'The server refused the bind: invalid credentials.' },
      ],
      users: null,
      groups: null,
    },
  ],
};

const failure: SourceResult = {
  id: 7,
  object_type: 'user',
  dn: 'CN=Broken,OU=People,DC=corp,DC=example',
  local_id: null,
  operation: 'create',
  status: 'error',
  message: 'username: Usernames cannot begin or end with spaces.',
  created: '2026-01-01T10:00:01.000Z',
};

function page<T>(results: T[]) {
  const pagination = { next: 0, previous: 0, count: results.length, current: 1, total_pages: 1 };
  return {
    pagination: { ...pagination, start_index: 1, end_index: results.length },
    results,
    autocomplete: {},
  };
}

/** A `fetch` answering by path, and the paths it was asked for. */
function stubApi(routes: Record<string, unknown>) {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string) => {
      const path = input.split('?')[0] ?? '';
      asked.push(input);
      if (!(path in routes)) return new Response(JSON.stringify({ detail: 'Not found' }), { status: 404 });
      return new Response(JSON.stringify(routes[path]), { status: 200 });
    }),
  );
  return asked;
}

function renderAt(url: string, element: ReactNode) {
  return renderRoutes(url, { '/sources/ldap/:slug': element, '/users/:id': element });
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('LdapSourcePage', () => {
  it('shows a running sync’s progress, held deletions, the last run’s errors and the bind error', async () => {
    const asked = stubApi({
      '/api/v3/sources/ldap/corp-ad/': source,
      '/api/v3/sources/ldap/corp-ad/sync/status/': status,
      '/api/v3/sources/ldap/corp-ad/check/': check,
      [`/api/v3/sources/ldap/corp-ad/runs/${status.run?.id}/results/`]: page([failure]),
    });
    renderAt('/sources/ldap/corp-ad', <LdapSourcePage />);

    const progress = await screen.findByRole('progressbar', { name: 'Syncing users' });
    expect(progress.getAttribute('aria-valuenow')).toBe('40');
    expect(screen.getByText('40 of 100 entries')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sync now' }).hasAttribute('disabled')).toBe(true);
    expect(
      screen.getByText('Deletions held back: 30 users and 0 groups are no longer found', { exact: false }),
    ).toBeTruthy();
    expect(await screen.findByText('username: Usernames cannot begin or end with spaces.')).toBeTruthy();
    expect(screen.getByText('CN=Broken,OU=People,DC=corp,DC=example')).toBeTruthy();
    expect(await screen.findByText(/Bind: The server refused the bind: invalid credentials\./)).toBeTruthy();
    expect(screen.getByText('Conduit cannot read this directory.')).toBeTruthy();
    // Only the failed objects are asked for.
    expect(asked.some((u) => u.includes('/results/') && u.includes('status=error'))).toBe(true);
  });
});

describe('UserSourceLabel', () => {
  it('links to the source that made the user', async () => {
    const asked = stubApi({
      '/api/v3/sources/user_connections/ldap/': page([
        {
          pk: 1,
          user: 42,
          identifier: 'guid',
          dn: 'CN=Ada',
          source_obj: { pk: source.pk, name: 'Corp AD', slug: 'corp-ad' },
        },
      ]),
    });
    renderAt('/users/42', <UserSourceLabel userPk={42} />);
    const link = await screen.findByRole('link', { name: 'Corp AD' });
    expect(link.getAttribute('href')).toBe('/sources/ldap/corp-ad');
    expect(link.parentElement?.textContent).toBe('Source: Corp AD');
    expect(asked).toEqual(['/api/v3/sources/user_connections/ldap/?user=42']);
  });

  it('shows nothing for a user made in Conduit', async () => {
    const asked = stubApi({ '/api/v3/sources/user_connections/ldap/': page([]) });
    const { container } = renderAt('/users/7', <UserSourceLabel userPk={7} />);
    await waitFor(() => expect(asked).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(container.textContent).toBe('');
  });
});
