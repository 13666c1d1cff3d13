/**
 * The managed LDAP source property mappings: defaults for OpenLDAP (inetOrgPerson, groupOfNames)
 * and Active Directory (sAMAccountName, userPrincipalName, userAccountControl, objectGUID). They are
 * created at start, and brought up to date when their expression here changes, as the Entra
 * defaults are (src/sync/mapping-records.ts). Each returns part of a directory user or group:
 * `username`, `name`, `email`, `is_active`, `path`, `attributes` (users); `name`, `attributes` (groups).
 * The helpers they use (`first`, `attr`, `uac`, …) are described in docs/admin/ldap-sources.md.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { upsertManagedMapping } from '../../sync/mapping-records.js';
import { LDAP_MAPPING_TYPE } from './source-records.js';

export interface ManagedLdapMapping {
  managed: string;
  name: string;
  /** Which object the mapping produces. */
  kind: 'user' | 'group';
  /** Which directory it is meant for (the source form proposes the matching set). */
  flavour: 'common' | 'openldap' | 'active_directory';
  expression: string;
}

const m = (
  key: string,
  name: string,
  kind: ManagedLdapMapping['kind'],
  flavour: ManagedLdapMapping['flavour'],
  expression: string,
): ManagedLdapMapping => ({ managed: `conduit/sources/ldap/${key}`, name, kind, flavour, expression });

export const MANAGED_LDAP_MAPPINGS: readonly ManagedLdapMapping[] = [
  m(
    'default-name',
    'LDAP default: Name (displayName, cn)',
    'user',
    'common',
    '({ name: attr("displayName") ?? attr("cn") ?? attr("name") ?? "" })',
  ),
  m(
    'default-mail',
    'LDAP default: Email (mail)',
    'user',
    'common',
    'attr("mail") === undefined ? null : { email: attr("mail") }',
  ),
  m(
    'default-attributes',
    'LDAP default: Attributes (givenName, sn, title, department, telephoneNumber)',
    'user',
    'common',
    `const out = {};
for (const key of ["givenName", "sn", "title", "department", "telephoneNumber", "mobile", "employeeNumber"]) {
  const value = attr(key);
  if (value !== undefined) out[key] = value;
}
return { attributes: out };`,
  ),
  m('openldap-uid', 'LDAP OpenLDAP: Username (uid)', 'user', 'openldap', '({ username: attr("uid") })'),
  m(
    'ms-samaccountname',
    'LDAP Active Directory: Username (sAMAccountName)',
    'user',
    'active_directory',
    '({ username: attr("sAMAccountName") })',
  ),
  m(
    'ms-userprincipalname',
    'LDAP Active Directory: userPrincipalName (email when mail is empty, attribute upn)',
    'user',
    'active_directory',
    `const upn = attr("userPrincipalName");
if (upn === undefined) return null;
return attr("mail") ? { attributes: { upn } } : { email: upn, attributes: { upn } };`,
  ),
  m(
    'ms-useraccountcontrol',
    'LDAP Active Directory: Active (userAccountControl ACCOUNTDISABLE)',
    'user',
    'active_directory',
    `const value = attr("userAccountControl");
if (value === undefined) return null;
return { is_active: !uac(value).includes("ACCOUNTDISABLE"), attributes: { userAccountControl: uac(value) } };`,
  ),
  m(
    'ms-objectguid',
    'LDAP Active Directory: objectGUID and objectSid as text (attributes)',
    'user',
    'active_directory',
    `const out = {};
if (attr("objectGUID") !== undefined) out.objectGUID = guid(attr("objectGUID"));
if (attr("objectSid") !== undefined) out.objectSid = sid(attr("objectSid"));
return { attributes: out };`,
  ),
  m('group-cn', 'LDAP default: Group name (cn)', 'group', 'common', '({ name: attr("cn") ?? attr("name") })'),
  m(
    'group-description',
    'LDAP default: Group description (attribute description)',
    'group',
    'common',
    'attr("description") === undefined ? null : { attributes: { description: attr("description") } }',
  ),
];

/** The managed mappings a new source of this flavour gets by default. */
export function defaultMappingKeys(
  flavour: 'openldap' | 'active_directory',
  kind: 'user' | 'group',
): string[] {
  return MANAGED_LDAP_MAPPINGS.filter(
    (x) => x.kind === kind && (x.flavour === 'common' || x.flavour === flavour),
  ).map((x) => x.managed);
}

/** Whether a managed key belongs to an LDAP source mapping. */
export function isManagedLdapMapping(managed: string | null): boolean {
  return managed !== null && MANAGED_LDAP_MAPPINGS.some((x) => x.managed === managed);
}

/**
 * Create the managed LDAP mappings, or bring their name and expression up to date. Idempotent,
 * and safe from several processes at once.
 */
export async function ensureManagedLdapMappings(db: Kysely<Database>): Promise<void> {
  for (const mapping of MANAGED_LDAP_MAPPINGS) await upsertManagedMapping(db, mapping, LDAP_MAPPING_TYPE);
}

/** The uuids of managed mappings by key. */
export async function managedLdapMappingUuids(db: Kysely<Database>, keys: string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom('property_mappings')
    .select(['uuid', 'managed', 'name'])
    .where('managed', 'in', keys)
    .orderBy('name')
    .execute();
  return rows.map((r) => r.uuid);
}

/** Settings and managed mappings that suit a directory server, offered by the source form. */
export interface LdapPreset {
  label: string;
  settings: {
    user_object_filter: string;
    group_object_filter: string;
    object_uniqueness_field: string;
    group_membership_field: string;
    user_membership_attribute: string;
    lookup_groups_from_user: boolean;
  };
  userMappingKeys: string[];
  groupMappingKeys: string[];
}

export const LDAP_PRESETS: Readonly<Record<'openldap' | 'active_directory', LdapPreset>> = {
  openldap: {
    label: 'OpenLDAP (inetOrgPerson, groupOfNames)',
    settings: {
      user_object_filter: '(objectClass=inetOrgPerson)',
      group_object_filter: '(objectClass=groupOfNames)',
      object_uniqueness_field: 'entryUUID',
      group_membership_field: 'member',
      user_membership_attribute: 'distinguishedName',
      lookup_groups_from_user: false,
    },
    userMappingKeys: defaultMappingKeys('openldap', 'user'),
    groupMappingKeys: defaultMappingKeys('openldap', 'group'),
  },
  active_directory: {
    label: 'Active Directory (user, group, objectGUID)',
    settings: {
      user_object_filter: '(&(objectCategory=person)(objectClass=user))',
      group_object_filter: '(objectClass=group)',
      object_uniqueness_field: 'objectGUID',
      group_membership_field: 'member',
      user_membership_attribute: 'distinguishedName',
      lookup_groups_from_user: false,
    },
    userMappingKeys: defaultMappingKeys('active_directory', 'user'),
    groupMappingKeys: defaultMappingKeys('active_directory', 'group'),
  },
};

/** The preset a source's uniqueness field suggests: AD's binary ids, or OpenLDAP otherwise. */
export function presetFor(uniquenessField: string | undefined): LdapPreset {
  const field = (uniquenessField ?? 'objectSid').toLowerCase();
  return field === 'objectguid' || field === 'objectsid'
    ? LDAP_PRESETS.active_directory
    : LDAP_PRESETS.openldap;
}
