/**
 * An LDAP source's settings: authentik's field names, meanings and defaults
 * (https://docs.goauthentik.io/users-sources/sources/protocols/ldap/), and the checks that turn a
 * bad value into a field error naming the fix. Pure: no I/O.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { FilterParser } from 'ldapts';
import { isDn, parseDn } from './dn.js';

/** Every non-secret field of a source other than its name, slug and enabled flag. */
export interface LdapSourceSettings {
  /** One or more `ldap://` or `ldaps://` URIs, comma-separated: tried in order (failover). */
  server_uri: string;
  /**
   * PEM of the CA certificate(s) to trust for `ldaps://` and StartTLS; null: the system's roots.
   * The API shows it as authentik's `peer_certificate` (a uuid derived from the PEM, see
   * `certificateId`) and as Conduit's `peer_certificate_pem`.
   */
  peer_certificate_pem: string | null;
  /** Upgrade `ldap://` connections with StartTLS before binding. */
  start_tls: boolean;
  /** Send the host name as TLS server name indication. */
  sni: boolean;
  /** DN (or, for Active Directory, a UPN or DOMAIN\user) to bind as; empty binds anonymously. */
  bind_cn: string;
  base_dn: string;
  /** Prepended to `base_dn` for user searches. */
  additional_user_dn: string;
  /** Prepended to `base_dn` for group searches. */
  additional_group_dn: string;
  user_object_filter: string;
  group_object_filter: string;
  /** Attribute of a group listing its members (or, with `lookup_groups_from_user`, of a user listing its groups). */
  group_membership_field: string;
  /** Attribute of a user that the group's member values name (`distinguishedName`: the entry's DN). */
  user_membership_attribute: string;
  lookup_groups_from_user: boolean;
  /** Attribute that identifies an entry for life (renames and moves keep the same Conduit object). */
  object_uniqueness_field: string;
  sync_users: boolean;
  sync_users_password: boolean;
  sync_groups: boolean;
  /** UUID of the Conduit group every synced group is placed under, or null. */
  sync_parent_group: string | null;
  /** Groups that are members of groups become child groups. */
  sync_group_hierarchy: boolean;
  /** Delete users and groups this source made once they are missing from it. */
  delete_not_found_objects: boolean;
  password_login_update_internal_password: boolean;
  /** Path of synced users; `%(slug)s` is the source's slug. */
  user_path_template: string;
  promoted: boolean;
  policy_engine_mode: 'all' | 'any';
  user_matching_mode: string;
  sync_outgoing_trigger_mode: string;
  icon: string;
  /** Conduit: minutes between scheduled syncs (0: only on demand). */
  sync_interval_minutes: number;
  /** Conduit: entries per page of a paged search (RFC 2696). */
  sync_page_size: number;
  /** Conduit: deletions above this share of the source's users or groups wait for a confirmation. */
  deletion_limit_percent: number;
}

/** authentik's defaults (its LDAP source model), and Conduit's for its own fields. */
export const DEFAULT_LDAP_SETTINGS: Readonly<Omit<LdapSourceSettings, 'server_uri' | 'base_dn'>> =
  Object.freeze({
    peer_certificate_pem: null,
    start_tls: false,
    sni: false,
    bind_cn: '',
    additional_user_dn: '',
    additional_group_dn: '',
    user_object_filter: '(objectClass=person)',
    group_object_filter: '(objectClass=group)',
    group_membership_field: 'member',
    user_membership_attribute: 'distinguishedName',
    lookup_groups_from_user: false,
    object_uniqueness_field: 'objectSid',
    sync_users: true,
    sync_users_password: true,
    sync_groups: true,
    sync_parent_group: null,
    sync_group_hierarchy: false,
    delete_not_found_objects: false,
    password_login_update_internal_password: false,
    user_path_template: 'goauthentik.io/sources/%(slug)s',
    promoted: false,
    policy_engine_mode: 'any',
    user_matching_mode: 'identifier',
    sync_outgoing_trigger_mode: 'deferred_end',
    icon: '',
    sync_interval_minutes: 120,
    sync_page_size: 500,
    deletion_limit_percent: 20,
  });

/** The largest page a search asks for: Active Directory's default MaxPageSize. */
export const MAX_PAGE_SIZE = 1000;

/** One server of `server_uri`. */
export interface LdapServer {
  uri: string;
  secure: boolean;
  host: string;
  port: number;
}

/** The servers of a `server_uri` value, or a message saying what is wrong. */
export function parseServerUris(value: string): LdapServer[] | string {
  const parts = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) return 'Enter at least one URI, e.g. "ldaps://ldap.example.com".';
  const servers: LdapServer[] = [];
  for (const part of parts) {
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(part)?.[1]?.toLowerCase();
    if (scheme !== 'ldap' && scheme !== 'ldaps') {
      return `"${part}" must start with ldap:// or ldaps:// (ldapi:// and other schemes are not supported).`;
    }
    let url: URL;
    try {
      url = new URL(part.replace(/^ldaps?:/i, 'http:'));
    } catch {
      return `"${part}" is not a valid URI.`;
    }
    if (!url.hostname) return `"${part}" names no host.`;
    if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.username) {
      return `"${part}" may name only a scheme, host and port (put the base DN in base_dn).`;
    }
    const secure = scheme === 'ldaps';
    const port = url.port ? Number(url.port) : secure ? 636 : 389;
    servers.push({
      uri: `${scheme}://${url.host}`,
      secure,
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port,
    });
  }
  return servers;
}

/** A message when `value` is not an LDAP filter (RFC 4515), else null. */
export function filterProblem(value: string): string | null {
  const trimmed = value.trim();
  if (!trimmed.startsWith('(') || !trimmed.endsWith(')'))
    return 'An LDAP filter is enclosed in parentheses, e.g. "(objectClass=person)".';
  let depth = 0;
  for (let i = 0; i < trimmed.length; i++) {
    const ch = trimmed[i];
    if (ch === '\\') i++;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) break;
  }
  if (depth !== 0) return 'The parentheses of the filter do not balance.';
  try {
    FilterParser.parseString(trimmed);
    return null;
  } catch (error) {
    return `Not a valid LDAP filter (RFC 4515): ${(error as Error).message}`;
  }
}

/** A message when `value` is not a DN, else null; `optional` accepts the empty string. */
export function dnProblem(value: string, optional: boolean): string | null {
  if (value.trim() === '') return optional ? null : 'Enter a DN, e.g. "dc=example,dc=com".';
  const parsed = parseDn(value);
  if (typeof parsed === 'string') return `Not a valid DN: ${parsed}`;
  return null;
}

/** A message when `value` cannot be a bind name: a DN, a UPN (`user@domain`) or `DOMAIN\user`. */
export function bindNameProblem(value: string): string | null {
  if (value.trim() === '') return null;
  if (/^[^\s@]+@[^\s@]+$/.test(value) || /^[^\\=,\s]+\\[^\\]+$/.test(value)) return null;
  if (isDn(value)) return null;
  const parsed = parseDn(value);
  return `Enter the DN to bind as (e.g. "cn=conduit,dc=example,dc=com"), or for Active Directory a UPN or DOMAIN\\user${
    typeof parsed === 'string' ? `: ${parsed}` : '.'
  }`;
}

/** A message when `value` is not PEM with at least one certificate, else null. */
export function certificateProblem(value: string): string | null {
  const blocks = value.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0)
    return 'Paste the CA certificate as PEM ("-----BEGIN CERTIFICATE-----" …), not a file name or a key.';
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch (error) {
      return `A certificate in the PEM cannot be read: ${(error as Error).message}`;
    }
  }
  return null;
}

/** An attribute description (name or OID, options allowed), for the attribute-name fields. */
export const ATTRIBUTE_NAME = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)*)(?:;[A-Za-z0-9-]+)*$/;

/** The user path of a source (`user_path_template` with `%(slug)s` filled in). */
export function userPath(template: string, slug: string): string {
  return template.replaceAll('%(slug)s', slug);
}

/**
 * The stable uuid-shaped id of a CA PEM: authentik's `peer_certificate` names a stored certificate
 * by uuid, and Conduit, which keeps the PEM on the source, names it by its content.
 */
export function certificateId(pem: string | null): string | null {
  if (!pem) return null;
  const hex = createHash('sha256').update(pem.trim()).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
