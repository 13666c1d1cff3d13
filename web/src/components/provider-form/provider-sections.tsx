/** The provider form's sections, in the order authentik's form shows them. */
import { Alert, FormFieldGroupExpandable, FormFieldGroupHeader } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { Link } from 'react-router';
import { groups as groupsApi } from '../../api/endpoints.js';
import type { EntraProvider, PropertyMapping } from '../../api/types.js';
import type { CheckOption } from '../check-list.js';
import { DOCS } from '../common.js';
import { CheckListField, RadioField, SearchSelectField, SwitchField, TextField } from '../form-fields.js';
import { CredentialFields } from './credential-fields.js';
import { GROUP_ACTIONS, type ProviderFormValues, USER_ACTIONS } from './provider-values.js';

type Form = UseFormReturn<ProviderFormValues>;

/** One expandable section with its title and description. */
export function Section({
  id,
  title,
  description,
  isExpanded = true,
  children,
}: {
  id: string;
  title: string;
  description: string;
  isExpanded?: boolean;
  children: ReactNode;
}) {
  return (
    <FormFieldGroupExpandable
      isExpanded={isExpanded}
      toggleAriaLabel={title}
      header={<FormFieldGroupHeader titleText={{ text: title, id }} titleDescription={description} />}
    >
      {children}
    </FormFieldGroupExpandable>
  );
}

/** A required text field whose error says which field is missing. */
function RequiredText({
  form,
  name,
  label,
  help,
  placeholder,
}: {
  form: Form;
  name: 'name' | 'client_id' | 'tenant_id';
  label: string;
  help?: string;
  placeholder?: string;
}) {
  return (
    <TextField
      control={form.control}
      name={name}
      label={label}
      help={help}
      required
      placeholder={placeholder}
      autoComplete="off"
    />
  );
}

export function NameField({ form }: { form: Form }) {
  return <RequiredText form={form} name="name" label="Name" placeholder="Type a provider name…" />;
}

export function ProtocolSection({
  form,
  provider,
  endpointsMove,
}: {
  form: Form;
  provider: EntraProvider | null;
  endpointsMove: boolean;
}) {
  const { control } = form;
  return (
    <Section
      id="section-protocol"
      title="Protocol settings"
      description="The app registration Conduit signs in with, and what happens in Entra ID when objects are deleted here."
    >
      <RequiredText
        form={form}
        name="client_id"
        label="Client ID"
        help="Client ID for the app registration."
      />
      <CredentialFields form={form} provider={provider} endpointsMove={endpointsMove} />
      <RequiredText
        form={form}
        name="tenant_id"
        label="Tenant ID"
        help="ID of the tenant accounts will be synced into."
      />
      <RadioField
        control={control}
        name="user_delete_action"
        label="User deletion action"
        isRequired
        options={USER_ACTIONS}
        help="Determines what Conduit will do in Entra ID when a user is deleted from Conduit."
      />
      <RadioField
        control={control}
        name="group_delete_action"
        label="Group deletion action"
        isRequired
        options={GROUP_ACTIONS}
        help="Determines what Conduit will do in Entra ID when a group is deleted from Conduit."
      />
    </Section>
  );
}

export function FilteringSection({ form }: { form: Form }) {
  const { control } = form;
  return (
    <Section id="section-filtering" title="User filtering" description="Which users are synced.">
      <SwitchField
        control={control}
        name="exclude_users_service_account"
        label="Exclude service accounts"
        ariaLabel="Exclude service accounts"
        help="When on, users of type Service account and Internal service account are never synced to Entra ID."
      />
      <SearchSelectField
        control={control}
        name="filter_group"
        label="Group"
        queryKey="groups"
        ariaLabel="Group"
        search={async (q) =>
          (
            await groupsApi.list({
              search: q || undefined,
              page_size: 20,
              ordering: 'name',
              include_users: false,
            })
          ).results.map((g) => ({ value: g.pk, label: g.name }))
        }
        resolveLabel={async (uuid) => (await groupsApi.get(uuid)).name}
        placeholder="All users (no group selected)"
        help="Only sync users within the selected group. Leave empty to sync all users."
      />
    </Section>
  );
}

export function MappingSection({ form, allMappings }: { form: Form; allMappings: PropertyMapping[] }) {
  const { control } = form;
  const options: Array<CheckOption<string>> = [...allMappings]
    .sort((a, b) => Number(!!b.managed) - Number(!!a.managed) || a.name.localeCompare(b.name))
    .map((m) => ({
      value: m.pk,
      label: m.name,
      description: m.managed ? 'Managed default mapping' : undefined,
    }));
  return (
    <Section
      id="section-mapping"
      title="Attribute mapping"
      description="How directory objects become Microsoft Graph bodies."
    >
      <CheckListField
        control={control}
        name="property_mappings"
        label="User Property Mappings"
        options={options}
        help="Property mappings used to create and update users. The managed default is selected for a new provider."
      />
      <CheckListField
        control={control}
        name="property_mappings_group"
        label="Group Property Mappings"
        options={options}
        help="Property mappings used to create and update groups. The managed default is selected for a new provider."
      />
      <Alert variant="info" isInline title="Skipping certain users or groups">
        The <code>SkipObject</code> exception can be used within a property mapping to prevent specific
        objects from being synced. Refer to the{' '}
        <Link to={DOCS.skipObjects}>Provider property mappings documentation</Link> for more details.
      </Alert>
    </Section>
  );
}
