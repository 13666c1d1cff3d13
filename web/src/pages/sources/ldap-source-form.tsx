/**
 * The LDAP source form (create and edit), its fields grouped as authentik's form groups them:
 * the source, connection, TLS, bind, base DN and filters, sync options, and property mappings.
 * A 400 from the API puts each message on its field; the bind password is write-only.
 */
import { FormGroup, FormSection, FormSelect, FormSelectOption } from '@patternfly/react-core';
import { useState } from 'react';
import { type Control, useForm } from 'react-hook-form';
import { useAllGroups } from '../../api/queries/directory.js';
import {
  type LdapSource,
  type LdapSourcePatch,
  type LdapSourceRequest,
  ldapSources,
  useLdapMappings,
  useLdapPresets,
} from '../../api/sources.js';
import { ResourceFormBody, useFormSubmit } from '../../components/crud-shell.js';
import {
  CheckListField,
  Help,
  NumberField,
  SelectField,
  SwitchField,
  TextField,
} from '../../components/form-fields.js';

/** The fields the form edits, all of the model's but authentik's sign-in ones (Conduit has no sign-in). */
const FORM_FIELDS = [
  'name',
  'slug',
  'enabled',
  'server_uri',
  'start_tls',
  'sni',
  'bind_cn',
  'base_dn',
  'additional_user_dn',
  'additional_group_dn',
  'user_object_filter',
  'group_object_filter',
  'group_membership_field',
  'user_membership_attribute',
  'lookup_groups_from_user',
  'object_uniqueness_field',
  'sync_users',
  'sync_groups',
  'sync_group_hierarchy',
  'delete_not_found_objects',
  'user_property_mappings',
  'group_property_mappings',
  'user_path_template',
  'sync_interval_minutes',
  'sync_page_size',
  'deletion_limit_percent',
] as const satisfies ReadonlyArray<keyof LdapSource>;

type Values = Pick<LdapSource, (typeof FORM_FIELDS)[number]> & {
  /** Write-only: empty keeps the stored password. */
  bind_password: string;
  /** '' for none. */
  peer_certificate_pem: string;
  /** A group's UUID, or '' for none. */
  sync_parent_group: string;
};

/** A new source: authentik's defaults (its LDAP source model), until a directory type is chosen. */
const NEW_SOURCE: Values = {
  name: '',
  slug: '',
  enabled: true,
  server_uri: '',
  peer_certificate_pem: '',
  start_tls: false,
  sni: false,
  bind_cn: '',
  bind_password: '',
  base_dn: '',
  additional_user_dn: '',
  additional_group_dn: '',
  user_object_filter: '(objectClass=person)',
  group_object_filter: '(objectClass=group)',
  group_membership_field: 'member',
  user_membership_attribute: 'distinguishedName',
  lookup_groups_from_user: false,
  object_uniqueness_field: 'objectSid',
  sync_users: true,
  sync_groups: true,
  sync_parent_group: '',
  sync_group_hierarchy: false,
  delete_not_found_objects: false,
  user_property_mappings: [],
  group_property_mappings: [],
  user_path_template: 'goauthentik.io/sources/%(slug)s',
  sync_interval_minutes: 120,
  sync_page_size: 500,
  deletion_limit_percent: 20,
};

const KNOWN_FIELDS = [...Object.keys(NEW_SOURCE), 'peer_certificate'];

function valuesOf(source: LdapSource): Values {
  const fields = Object.fromEntries(FORM_FIELDS.map((k) => [k, source[k]])) as Pick<
    LdapSource,
    (typeof FORM_FIELDS)[number]
  >;
  return {
    ...fields,
    bind_password: '',
    peer_certificate_pem: source.peer_certificate_pem ?? '',
    sync_parent_group: source.sync_parent_group ?? '',
  };
}

type SwitchName = {
  [K in keyof Values]: Values[K] extends boolean ? K : never;
}[keyof Values];

/** A switch named by its label (PatternFly's own label is hidden from axe when the switch is off). */
function Toggle({
  control,
  name,
  id,
  label,
}: {
  control: Control<Values>;
  name: SwitchName;
  id: string;
  label: string;
}) {
  return <SwitchField control={control} name={name} id={id} label={label} ariaLabel={label} />;
}

function toRequest(values: Values, isEdit: boolean): LdapSourcePatch {
  const { bind_password, peer_certificate_pem, sync_parent_group, ...rest } = values;
  return {
    ...rest,
    ...(bind_password !== '' || !isEdit ? { bind_password } : {}),
    peer_certificate_pem: peer_certificate_pem.trim() === '' ? null : peer_certificate_pem,
    sync_parent_group: sync_parent_group === '' ? null : sync_parent_group,
  };
}

export function LdapSourceForm({
  source,
  onCancel,
  onSaved,
}: {
  source: LdapSource | null;
  onCancel: () => void;
  onSaved: (saved: LdapSource) => Promise<void> | void;
}) {
  const mappings = useLdapMappings();
  const groups = useAllGroups();
  const presets = useLdapPresets();
  const [preset, setPreset] = useState('');
  const form = useForm<Values>({ defaultValues: source ? valuesOf(source) : NEW_SOURCE });
  const { control, reset, getValues } = form;
  const isEdit = source !== null;

  /** Fill the filters, fields and mappings with a kind of server's (or authentik's defaults for ''). */
  const choosePreset = (key: string) => {
    setPreset(key);
    const chosen = presets.data?.[key];
    // The fields the presets set, back to authentik's defaults; no mappings (the server then
    // gives the managed defaults of the source's kind).
    const presetFields = Object.keys(Object.values(presets.data ?? {})[0]?.settings ?? {}) as Array<
      keyof Values
    >;
    const defaults = {
      ...Object.fromEntries(presetFields.map((k) => [k, NEW_SOURCE[k]])),
      user_property_mappings: [],
      group_property_mappings: [],
    };
    reset({
      ...getValues(),
      ...(chosen
        ? {
            ...chosen.settings,
            user_property_mappings: chosen.user_property_mappings,
            group_property_mappings: chosen.group_property_mappings,
          }
        : defaults),
    });
  };

  const body = useFormSubmit(form, KNOWN_FIELDS, async (values) => {
    const body = toRequest(values, isEdit);
    await onSaved(
      source
        ? await ldapSources.update(source.slug, body)
        : await ldapSources.create(body as LdapSourceRequest),
    );
  });

  const mappingOptions = (mappings.data ?? []).map((m) => ({ value: m.pk, label: m.name }));
  const c = control;
  return (
    <ResourceFormBody {...body} isEdit={isEdit} onCancel={onCancel}>
      <FormSection title="Source" titleElement="h3">
        <TextField control={c} name="name" id="ldap-name" label="Name" required />
        <TextField
          control={c}
          name="slug"
          id="ldap-slug"
          label="Slug"
          required
          help="Letters, numbers, underscores and hyphens: the source's address (/sources/ldap/<slug>)."
        />
        <Toggle control={c} name="enabled" id="ldap-enabled" label="Enabled" />
        {!isEdit && (
          <FormGroup label="Directory type" fieldId="ldap-preset">
            <FormSelect
              id="ldap-preset"
              value={preset}
              aria-describedby="ldap-preset-help"
              onChange={(_e, v) => choosePreset(v)}
            >
              <FormSelectOption value="" label="authentik’s defaults" />
              {Object.entries(presets.data ?? {}).map(([key, p]) => (
                <FormSelectOption key={key} value={key} label={p.label} />
              ))}
            </FormSelect>
            <Help id="ldap-preset-help">
              Fills the filters, fields and mappings below with the defaults for this kind of server.
            </Help>
          </FormGroup>
        )}
      </FormSection>
      <FormSection title="Connection" titleElement="h3">
        <TextField
          control={c}
          name="server_uri"
          id="ldap-server-uri"
          label="Server URI"
          required
          placeholder="ldaps://ldap.example.com"
          help="ldap:// or ldaps://; several URIs separated by commas are tried in turn (failover)."
        />
      </FormSection>
      <FormSection title="TLS" titleElement="h3">
        <Toggle control={c} name="start_tls" id="ldap-start-tls" label="Enable StartTLS" />
        <Toggle control={c} name="sni" id="ldap-sni" label="Use Server URI for SNI verification" />
        <TextField
          control={c}
          name="peer_certificate_pem"
          id="ldap-peer-certificate"
          label="TLS verification certificate"
          rows={4}
          placeholder="-----BEGIN CERTIFICATE-----"
          help="The CA certificate(s) to trust, as PEM. Empty: the system's trusted CAs."
        />
      </FormSection>
      <FormSection title="Bind" titleElement="h3">
        <TextField
          control={c}
          name="bind_cn"
          id="ldap-bind-cn"
          label="Bind CN"
          placeholder="cn=conduit,ou=services,dc=example,dc=com"
          autoComplete="off"
        />
        <TextField
          control={c}
          name="bind_password"
          id="ldap-bind-password"
          label="Bind password"
          type="password"
          autoComplete="new-password"
          help={
            source?.has_bind_password
              ? 'A password is stored. Leave empty to keep it.'
              : 'Stored encrypted; never shown again.'
          }
        />
      </FormSection>
      <FormSection title="Base DN and filters" titleElement="h3">
        <TextField
          control={c}
          name="base_dn"
          id="ldap-base-dn"
          label="Base DN"
          required
          placeholder="dc=example,dc=com"
        />
        <TextField
          control={c}
          name="additional_user_dn"
          id="ldap-user-dn"
          label="Additional user DN"
          help="Prepended to the base DN for user searches."
        />
        <TextField
          control={c}
          name="additional_group_dn"
          id="ldap-group-dn"
          label="Additional group DN"
          help="Prepended to the base DN for group searches."
        />
        <TextField control={c} name="user_object_filter" id="ldap-user-filter" label="User object filter" />
        <TextField
          control={c}
          name="group_object_filter"
          id="ldap-group-filter"
          label="Group object filter"
        />
        <TextField
          control={c}
          name="group_membership_field"
          id="ldap-membership-field"
          label="Group membership field"
          help="The attribute of a group that lists its members (member, memberUid)."
        />
        <TextField
          control={c}
          name="user_membership_attribute"
          id="ldap-user-membership-attribute"
          label="User membership attribute"
          help="The user attribute the membership field holds (distinguishedName, uid)."
        />
        <Toggle
          control={c}
          name="lookup_groups_from_user"
          id="ldap-lookup-groups"
          label="Lookup using a user attribute (memberOf)"
        />
        <TextField
          control={c}
          name="object_uniqueness_field"
          id="ldap-uniqueness"
          label="Object uniqueness field"
          help="Identifies an entry across renames and moves (objectGUID or objectSid on AD, entryUUID on OpenLDAP)."
        />
      </FormSection>
      <FormSection title="Sync options" titleElement="h3">
        <Toggle control={c} name="sync_users" id="ldap-sync-users" label="Sync users" />
        <Toggle control={c} name="sync_groups" id="ldap-sync-groups" label="Sync groups" />
        <Toggle
          control={c}
          name="sync_group_hierarchy"
          id="ldap-hierarchy"
          label="Sync the group hierarchy (nested groups)"
        />
        <SelectField
          control={c}
          name="sync_parent_group"
          id="ldap-parent-group"
          label="Parent group"
          help="Every synced group becomes a child of this group."
          options={[
            { value: '', label: 'None' },
            ...(groups.data ?? []).map((g) => ({ value: g.pk, label: g.name })),
          ]}
        />
        <TextField
          control={c}
          name="user_path_template"
          id="ldap-user-path"
          label="User path"
          help="The path of the users this source creates; %(slug)s is the source's slug."
        />
        <Toggle
          control={c}
          name="delete_not_found_objects"
          id="ldap-delete"
          label="Delete users and groups no longer found"
        />
        <NumberField
          control={c}
          name="deletion_limit_percent"
          id="ldap-deletion-limit"
          label="Deletion limit (%)"
          min={0}
          help="Deletions above this share of the source's users or groups wait for a confirmation."
        />
        <NumberField
          control={c}
          name="sync_interval_minutes"
          id="ldap-interval"
          label="Sync every (minutes)"
          min={0}
          help="0 syncs only when you press Sync now."
        />
        <NumberField
          control={c}
          name="sync_page_size"
          id="ldap-page-size"
          label="Page size"
          min={1}
          help="Entries per page of the paged search (at most 1000)."
        />
      </FormSection>
      <FormSection title="Mappings" titleElement="h3">
        <CheckListField
          control={c}
          name="user_property_mappings"
          id="ldap-user-mappings"
          label="User property mappings"
          options={mappingOptions}
          emptyText={mappings.isLoading ? 'Loading mappings…' : 'No LDAP source mappings.'}
        />
        <CheckListField
          control={c}
          name="group_property_mappings"
          id="ldap-group-mappings"
          label="Group property mappings"
          options={mappingOptions}
          emptyText={mappings.isLoading ? 'Loading mappings…' : 'No LDAP source mappings.'}
        />
      </FormSection>
    </ResourceFormBody>
  );
}
