/**
 * The Microsoft Entra provider form, shared by the create wizard and the edit dialog. Every control
 * is bound to the API field of the same name through `EntraProviderRequest`, so a renamed or
 * missing binding is a type error (the reference lost "Page size" this way), and the end-to-end
 * suite reads every field back through the API.
 */
import {
  ActionGroup,
  Alert,
  Button,
  Form,
  FormFieldGroupExpandable,
  FormFieldGroupHeader,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Radio,
  Switch,
  TextArea,
  TextInput,
} from '@patternfly/react-core';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Controller, type FieldError, useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { groups as groupsApi, listAll, mappings as mappingsApi } from '../api/endpoints.js';
import type {
  Cloud,
  CredentialType,
  DeleteAction,
  EntraProvider,
  EntraProviderRequest,
  OutOfScopeAction,
  PropertyMapping,
  ProviderDefaults,
} from '../api/types.js';
import { CheckList } from './check-list.js';
import { applyFieldErrors, DOCS, FormErrors, formatDate } from './common.js';
import { SearchSelect } from './search-select.js';

export type ProviderFormValues = Required<
  Omit<EntraProviderRequest, 'client_secret' | 'client_certificate' | 'login_url' | 'graph_url'>
> & {
  /** Which credential the form sends (form-only: the API infers it from the field given). */
  credential_type: CredentialType;
  client_secret: string;
  client_certificate: string;
  login_url: string;
  graph_url: string;
};

const FIELDS: ReadonlyArray<keyof EntraProviderRequest> = [
  'name',
  'client_id',
  'client_secret',
  'client_certificate',
  'tenant_id',
  'exclude_users_service_account',
  'filter_group',
  'user_delete_action',
  'group_delete_action',
  'property_mappings',
  'property_mappings_group',
  'sync_page_size',
  'sync_page_timeout',
  'discovery_enabled',
  'dry_run',
  'sync_interval_minutes',
  'out_of_scope_action',
  'deletion_threshold',
  'cloud',
  'login_url',
  'graph_url',
];

export const CLOUD_OPTIONS: Array<{ value: Cloud; label: string }> = [
  { value: 'global', label: 'Global (login.microsoftonline.com, graph.microsoft.com)' },
  { value: 'usgov', label: 'US Government L4 (GCC High)' },
  { value: 'usgov_dod', label: 'US Government L5 (DoD)' },
  { value: 'china', label: 'China (operated by 21Vianet)' },
  { value: 'custom', label: 'Custom endpoints' },
];

const USER_ACTIONS: Array<{ value: DeleteAction; label: string; description: string }> = [
  {
    value: 'delete',
    label: 'Delete',
    description: 'The user is deleted in Entra ID. Entra ID keeps deleted users restorable for 30 days.',
  },
  {
    value: 'suspend',
    label: 'Suspend',
    description: 'The user stays in Entra ID but sign-in is blocked (accountEnabled is set to false).',
  },
  {
    value: 'do_nothing',
    label: 'Do Nothing',
    description: 'The connection is removed but the user is not modified in Entra ID.',
  },
];

const GROUP_ACTIONS: Array<{ value: DeleteAction; label: string; description: string; disabled?: boolean }> =
  [
    {
      value: 'delete',
      label: 'Delete',
      description: 'The group is deleted in Entra ID (restorable there for 30 days).',
    },
    {
      value: 'suspend',
      label: 'Suspend',
      description:
        'Not available for groups: Entra ID groups have no disabled state. Choose Delete or Do Nothing.',
      disabled: true,
    },
    {
      value: 'do_nothing',
      label: 'Do Nothing',
      description: 'The connection is removed but the group and its members are not modified in Entra ID.',
    },
  ];

const isManaged = (m: PropertyMapping, kind: 'user' | 'group') =>
  (m.managed ?? '').endsWith(`providers/microsoft_entra/${kind}`);

/** Initial values: the provider's (edit) or the reference's defaults plus the server's cloud defaults (create). */
export function initialProviderValues(
  provider: EntraProvider | null,
  defaults: ProviderDefaults | undefined,
  allMappings: PropertyMapping[],
): ProviderFormValues {
  if (provider) {
    return {
      name: provider.name,
      client_id: provider.client_id,
      credential_type: provider.credential_type ?? 'client_secret',
      client_secret: '',
      client_certificate: '',
      tenant_id: provider.tenant_id,
      exclude_users_service_account: provider.exclude_users_service_account,
      filter_group: provider.filter_group,
      user_delete_action: provider.user_delete_action,
      group_delete_action: provider.group_delete_action,
      property_mappings: provider.property_mappings,
      property_mappings_group: provider.property_mappings_group,
      sync_page_size: provider.sync_page_size,
      sync_page_timeout: provider.sync_page_timeout,
      discovery_enabled: provider.discovery_enabled,
      dry_run: provider.dry_run,
      sync_interval_minutes: provider.sync_interval_minutes,
      out_of_scope_action: provider.out_of_scope_action,
      deletion_threshold: provider.deletion_threshold,
      cloud: provider.cloud,
      login_url: provider.login_url ?? '',
      graph_url: provider.graph_url ?? '',
    };
  }
  return {
    name: '',
    client_id: '',
    credential_type: 'client_secret',
    client_secret: '',
    client_certificate: '',
    tenant_id: '',
    exclude_users_service_account: true,
    filter_group: null,
    user_delete_action: 'delete',
    group_delete_action: 'delete',
    property_mappings: allMappings.filter((m) => isManaged(m, 'user')).map((m) => m.pk),
    property_mappings_group: allMappings.filter((m) => isManaged(m, 'group')).map((m) => m.pk),
    sync_page_size: 100,
    sync_page_timeout: 'minutes=30',
    discovery_enabled: true,
    dry_run: false,
    sync_interval_minutes: 240,
    out_of_scope_action: 'none',
    deletion_threshold: 20,
    cloud: defaults?.cloud ?? 'global',
    login_url: defaults?.login_url ?? '',
    graph_url: defaults?.graph_url ?? '',
  };
}

/**
 * The request body: every field, and the chosen credential — left out on edit unless a new one was
 * given (the stored one is never sent to the browser).
 */
export function toProviderRequest(v: ProviderFormValues, isEdit: boolean): EntraProviderRequest {
  const body: EntraProviderRequest = {
    name: v.name.trim(),
    client_id: v.client_id.trim(),
    tenant_id: v.tenant_id.trim(),
    exclude_users_service_account: v.exclude_users_service_account,
    filter_group: v.filter_group || null,
    user_delete_action: v.user_delete_action,
    group_delete_action: v.group_delete_action,
    property_mappings: v.property_mappings,
    property_mappings_group: v.property_mappings_group,
    sync_page_size: Number(v.sync_page_size),
    sync_page_timeout: v.sync_page_timeout.trim(),
    discovery_enabled: v.discovery_enabled,
    dry_run: v.dry_run,
    sync_interval_minutes: Number(v.sync_interval_minutes),
    out_of_scope_action: v.out_of_scope_action,
    deletion_threshold: Number(v.deletion_threshold),
    cloud: v.cloud,
    login_url: v.cloud === 'custom' ? v.login_url.trim() || null : null,
    graph_url: v.cloud === 'custom' ? v.graph_url.trim() || null : null,
  };
  if (v.credential_type === 'client_certificate') {
    if (!isEdit || v.client_certificate.trim() !== '') body.client_certificate = v.client_certificate.trim();
  } else if (!isEdit || v.client_secret !== '') body.client_secret = v.client_secret;
  return body;
}

/** Under 30 days left (or already expired): time to upload a new certificate. */
export function certificateExpiresSoon(expires: string | null | undefined, now = Date.now()): boolean {
  return !!expires && Date.parse(expires) - now < 30 * 86_400_000;
}

function Help({ id, error, children }: { id: string; error?: FieldError; children?: ReactNode }) {
  if (!error && !children) return null;
  return (
    <FormHelperText>
      <HelperText id={id}>
        {error ? (
          <HelperTextItem variant="error" role="alert">
            {error.message}
          </HelperTextItem>
        ) : (
          <HelperTextItem>{children}</HelperTextItem>
        )}
      </HelperText>
    </FormHelperText>
  );
}

export function ProviderForm({
  provider,
  defaults,
  allMappings,
  submitLabel,
  onSubmit,
  secondaryActions,
}: {
  provider: EntraProvider | null;
  defaults?: ProviderDefaults;
  allMappings: PropertyMapping[];
  submitLabel: string;
  onSubmit: (body: EntraProviderRequest) => Promise<unknown>;
  secondaryActions?: ReactNode;
}) {
  const isEdit = provider !== null;
  const { control, register, handleSubmit, setError, watch, formState, getValues, setValue } =
    useForm<ProviderFormValues>({
      defaultValues: initialProviderValues(provider, defaults, allMappings),
    });
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const errors = formState.errors;
  const cloud = watch('cloud');
  const credential = watch('credential_type');
  const loginUrl = watch('login_url');
  const graphUrl = watch('graph_url');
  // The stored credential is only sent where it was entered for: the server refuses an endpoint
  // change without it (docs/admin/configure-entra.md), so the form asks for it first.
  const endpointsMove =
    isEdit &&
    (cloud !== provider.cloud ||
      (cloud === 'custom' &&
        (loginUrl.trim() !== (provider.login_url ?? '') || graphUrl.trim() !== (provider.graph_url ?? ''))));
  // A new provider, a switch to the other kind of credential, or new endpoints need the credential typed in.
  const secretRequired = !isEdit || provider.credential_type !== 'client_secret' || endpointsMove;
  const certificateRequired = !isEdit || provider.credential_type !== 'client_certificate' || endpointsMove;
  const sortedMappings = [...allMappings].sort(
    (a, b) => Number(!!b.managed) - Number(!!a.managed) || a.name.localeCompare(b.name),
  );
  const mappingOptions = sortedMappings.map((m) => ({
    value: m.pk,
    label: m.name,
    description: m.managed ? 'Managed default mapping' : undefined,
  }));

  const submit = handleSubmit(async (values) => {
    setFormErrors([]);
    try {
      await onSubmit(toProviderRequest(values, isEdit));
    } catch (error) {
      const rest = applyFieldErrors(error, setError, FIELDS as readonly string[]);
      // A field error inside the collapsed section must be visible.
      if (
        [
          'sync_page_size',
          'sync_page_timeout',
          'sync_interval_minutes',
          'out_of_scope_action',
          'deletion_threshold',
          'cloud',
          'login_url',
          'graph_url',
          'dry_run',
          'discovery_enabled',
        ].some((f) => f in ((error as { fieldErrors?: object }).fieldErrors ?? {}))
      ) {
        setAdvancedOpen(true);
      }
      setFormErrors(rest);
    }
  });

  const text = (
    name: 'name' | 'client_id' | 'tenant_id',
    label: string,
    help?: string,
    extra?: { placeholder?: string },
  ) => (
    <FormGroup label={label} isRequired fieldId={name}>
      <TextInput
        id={name}
        {...register(name, { required: `${label} is required.` })}
        isRequired
        placeholder={extra?.placeholder}
        validated={errors[name] ? 'error' : 'default'}
        aria-describedby={`${name}-help`}
        autoComplete="off"
      />
      <Help id={`${name}-help`} error={errors[name]}>
        {help}
      </Help>
    </FormGroup>
  );

  const deletionGroup = (
    name: 'user_delete_action' | 'group_delete_action',
    label: string,
    help: string,
    options: typeof GROUP_ACTIONS,
  ) => (
    <FormGroup role="radiogroup" isStack fieldId={name} label={label} isRequired labelHelp={undefined}>
      <Controller
        control={control}
        name={name}
        render={({ field }) => (
          <>
            {options.map((o) => (
              <Radio
                key={o.value}
                id={`${name}-${o.value}`}
                name={name}
                label={o.label}
                description={o.description}
                isChecked={field.value === o.value}
                isDisabled={o.disabled}
                onChange={() => field.onChange(o.value)}
              />
            ))}
          </>
        )}
      />
      <Help id={`${name}-help`} error={errors[name]}>
        {help}
      </Help>
    </FormGroup>
  );

  return (
    <Form onSubmit={submit} noValidate>
      <FormErrors messages={formErrors} />
      {text('name', 'Name', undefined, { placeholder: 'Type a provider name…' })}

      <FormFieldGroupExpandable
        isExpanded
        toggleAriaLabel="Protocol settings"
        header={
          <FormFieldGroupHeader
            titleText={{ text: 'Protocol settings', id: 'section-protocol' }}
            titleDescription="The app registration Conduit signs in with, and what happens in Entra ID when objects are deleted here."
          />
        }
      >
        {text('client_id', 'Client ID', 'Client ID for the app registration.')}
        <FormGroup role="radiogroup" isInline fieldId="credential_type" label="Credential" isRequired>
          <Controller
            control={control}
            name="credential_type"
            render={({ field }) => (
              <>
                <Radio
                  id="credential_type-client_secret"
                  name="credential_type"
                  label="Client secret"
                  isChecked={field.value === 'client_secret'}
                  onChange={() => field.onChange('client_secret')}
                />
                <Radio
                  id="credential_type-client_certificate"
                  name="credential_type"
                  label="Certificate"
                  isChecked={field.value === 'client_certificate'}
                  onChange={() => field.onChange('client_certificate')}
                />
              </>
            )}
          />
          <Help id="credential_type-help">
            How Conduit signs in as the app registration: exactly one of the two is used. A certificate is the
            safer choice — its private key never leaves Conduit, and Entra ID only holds the public
            certificate.
          </Help>
        </FormGroup>
        {credential === 'client_secret' ? (
          <FormGroup label="Client Secret" isRequired={secretRequired} fieldId="client_secret">
            <TextInput
              id="client_secret"
              type="password"
              {...register('client_secret', {
                validate: (v) =>
                  getValues('credential_type') !== 'client_secret' ||
                  !secretRequired ||
                  v !== '' ||
                  'Client Secret is required.',
              })}
              isRequired={secretRequired}
              placeholder={secretRequired ? undefined : 'Unchanged'}
              validated={errors.client_secret ? 'error' : 'default'}
              aria-describedby="client_secret-help"
              autoComplete="new-password"
            />
            <Help id="client_secret-help" error={errors.client_secret}>
              {endpointsMove && provider?.credential_type === 'client_secret'
                ? 'The national cloud or an endpoint changes: type the client secret again. A stored secret is only sent to the endpoints it was entered for.'
                : secretRequired
                  ? 'Client secret for the app registration (its Value, not its Secret ID). It is stored encrypted and never shown again.'
                  : 'Client secret for the app registration. The stored secret is never shown: leave this empty to keep it unchanged, or type a new secret to replace it.'}
            </Help>
          </FormGroup>
        ) : (
          <FormGroup
            label="Certificate and private key (PEM)"
            isRequired={certificateRequired}
            fieldId="client_certificate"
          >
            {provider?.credential_type === 'client_certificate' && (
              <Alert
                isInline
                isPlain
                variant={certificateExpiresSoon(provider.client_certificate_expires) ? 'warning' : 'info'}
                title={`Current certificate: ${provider.client_certificate_subject ?? 'set'}, expires ${formatDate(
                  provider.client_certificate_expires,
                )}`}
                className="pf-v6-u-mb-sm"
              >
                Thumbprint <code className="cd-wrap">{provider.client_certificate_thumbprint}</code>
              </Alert>
            )}
            <TextArea
              id="client_certificate"
              {...register('client_certificate', {
                validate: (v) =>
                  getValues('credential_type') !== 'client_certificate' ||
                  !certificateRequired ||
                  v.trim() !== '' ||
                  'Paste the private key and the certificate (PEM).',
              })}
              isRequired={certificateRequired}
              rows={6}
              resizeOrientation="vertical"
              spellCheck={false}
              placeholder={
                certificateRequired
                  ? '-----BEGIN PRIVATE KEY-----\n…\n-----END PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----'
                  : 'Unchanged'
              }
              validated={errors.client_certificate ? 'error' : 'default'}
              aria-describedby="client_certificate-help"
              autoComplete="off"
              className="cd-mono"
            />
            <div className="pf-v6-u-mt-sm">
              <label htmlFor="client_certificate-file" className="pf-v6-c-button pf-m-secondary pf-m-small">
                Add from a file…
              </label>
              <input
                id="client_certificate-file"
                type="file"
                accept=".pem,.crt,.cer,.key,.txt"
                className="pf-v6-screen-reader"
                onChange={async (e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (!file) return;
                  // Appended: the key and the certificate often come as two files.
                  const current = getValues('client_certificate').trim();
                  const added = (await file.text()).trim();
                  setValue('client_certificate', current ? `${current}\n${added}` : added, {
                    shouldDirty: true,
                    shouldValidate: true,
                  });
                }}
              />
            </div>
            <Help id="client_certificate-help" error={errors.client_certificate}>
              Paste the certificate’s private key and the certificate in PEM form (for example the output of{' '}
              <code>cat key.pem cert.pem</code>), or add them from files. Upload the certificate alone to the
              app registration under Certificates &amp; secrets. Conduit derives the thumbprint, stores the
              key encrypted and never shows it again.
              {endpointsMove && provider?.credential_type === 'client_certificate'
                ? ' The national cloud or an endpoint changes: paste the certificate again (a stored one is only sent to the endpoints it was entered for).'
                : certificateRequired
                  ? ''
                  : ' Leave this empty to keep the current certificate.'}
            </Help>
          </FormGroup>
        )}
        {text('tenant_id', 'Tenant ID', 'ID of the tenant accounts will be synced into.')}
        {deletionGroup(
          'user_delete_action',
          'User deletion action',
          'Determines what Conduit will do in Entra ID when a user is deleted from Conduit.',
          USER_ACTIONS,
        )}
        {deletionGroup(
          'group_delete_action',
          'Group deletion action',
          'Determines what Conduit will do in Entra ID when a group is deleted from Conduit.',
          GROUP_ACTIONS,
        )}
      </FormFieldGroupExpandable>

      <FormFieldGroupExpandable
        isExpanded
        toggleAriaLabel="User filtering"
        header={
          <FormFieldGroupHeader
            titleText={{ text: 'User filtering', id: 'section-filtering' }}
            titleDescription="Which users are synced."
          />
        }
      >
        <FormGroup fieldId="exclude_users_service_account">
          <Controller
            control={control}
            name="exclude_users_service_account"
            render={({ field }) => (
              <Switch
                id="exclude_users_service_account"
                label="Exclude service accounts"
                // PatternFly names the switch through its aria-hidden label, which axe does not count as a
                // visible label when the switch is off; the visible text above stays the same.
                aria-label="Exclude service accounts"
                isChecked={field.value}
                onChange={(_e, v) => field.onChange(v)}
                aria-describedby="exclude_users_service_account-help"
              />
            )}
          />
          <Help id="exclude_users_service_account-help" error={errors.exclude_users_service_account}>
            When on, users of type Service account and Internal service account are never synced to Entra ID.
          </Help>
        </FormGroup>
        <FormGroup label="Group" fieldId="filter_group">
          <Controller
            control={control}
            name="filter_group"
            render={({ field }) => (
              <SearchSelect
                id="filter_group"
                queryKey="groups"
                ariaLabel="Group"
                describedBy="filter_group-help"
                value={field.value}
                isInvalid={!!errors.filter_group}
                onChange={(v) => field.onChange(v)}
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
              />
            )}
          />
          <Help id="filter_group-help" error={errors.filter_group as FieldError | undefined}>
            Only sync users within the selected group. Leave empty to sync all users.
          </Help>
        </FormGroup>
      </FormFieldGroupExpandable>

      <FormFieldGroupExpandable
        isExpanded
        toggleAriaLabel="Attribute mapping"
        header={
          <FormFieldGroupHeader
            titleText={{ text: 'Attribute mapping', id: 'section-mapping' }}
            titleDescription="How directory objects become Microsoft Graph bodies."
          />
        }
      >
        <FormGroup label="User Property Mappings" fieldId="property_mappings" role="group" isStack>
          <Controller
            control={control}
            name="property_mappings"
            render={({ field }) => (
              <CheckList
                id="property_mappings"
                label="User Property Mappings"
                options={mappingOptions}
                value={field.value}
                onChange={field.onChange}
                describedBy="property_mappings-help"
              />
            )}
          />
          <Help id="property_mappings-help" error={errors.property_mappings as FieldError | undefined}>
            Property mappings used to create and update users. The managed default is selected for a new
            provider.
          </Help>
        </FormGroup>
        <FormGroup label="Group Property Mappings" fieldId="property_mappings_group" role="group" isStack>
          <Controller
            control={control}
            name="property_mappings_group"
            render={({ field }) => (
              <CheckList
                id="property_mappings_group"
                label="Group Property Mappings"
                options={mappingOptions}
                value={field.value}
                onChange={field.onChange}
                describedBy="property_mappings_group-help"
              />
            )}
          />
          <Help
            id="property_mappings_group-help"
            error={errors.property_mappings_group as FieldError | undefined}
          >
            Property mappings used to create and update groups. The managed default is selected for a new
            provider.
          </Help>
        </FormGroup>
        <Alert variant="info" isInline title="Skipping certain users or groups">
          The <code>SkipObject</code> exception can be used within a property mapping to prevent specific
          objects from being synced. Refer to the{' '}
          <Link to={DOCS.skipObjects}>Provider property mappings documentation</Link> for more details.
        </Alert>
      </FormFieldGroupExpandable>

      <FormFieldGroupExpandable
        isExpanded={advancedOpen}
        key={advancedOpen ? 'open' : 'closed'}
        toggleAriaLabel="Advanced settings"
        header={
          <FormFieldGroupHeader
            titleText={{ text: 'Advanced settings', id: 'section-advanced' }}
            titleDescription="Dry run, paging, discovery, schedule and national cloud. The defaults suit most tenants."
          />
        }
      >
        <FormGroup fieldId="dry_run">
          <Controller
            control={control}
            name="dry_run"
            render={({ field }) => (
              <Switch
                id="dry_run"
                label="Enable dry-run mode"
                isChecked={field.value}
                onChange={(_e, v) => field.onChange(v)}
                aria-describedby="dry_run-help"
              />
            )}
          />
          <Help id="dry_run-help" error={errors.dry_run}>
            When enabled, mutating requests will be dropped and logged instead: nothing is created, changed or
            deleted in Entra ID. Use the provider's plan to see what would happen.
          </Help>
        </FormGroup>
        <FormGroup label="Page size" isRequired fieldId="sync_page_size">
          <TextInput
            id="sync_page_size"
            type="number"
            min={1}
            {...register('sync_page_size', {
              valueAsNumber: true,
              required: 'Page size is required.',
              min: { value: 1, message: 'Page size must be at least 1.' },
            })}
            validated={errors.sync_page_size ? 'error' : 'default'}
            aria-describedby="sync_page_size-help"
          />
          <Help id="sync_page_size-help" error={errors.sync_page_size}>
            Controls the number of objects synced in a single task.
          </Help>
        </FormGroup>
        <FormGroup label="Page timeout" isRequired fieldId="sync_page_timeout">
          <TextInput
            id="sync_page_timeout"
            {...register('sync_page_timeout', { required: 'Page timeout is required.' })}
            validated={errors.sync_page_timeout ? 'error' : 'default'}
            aria-describedby="sync_page_timeout-help"
          />
          <Help id="sync_page_timeout-help" error={errors.sync_page_timeout}>
            Timeout for synchronization of a single page. A full sync in which no page has finished for this
            long is taken to have stopped, and the next one replaces it. Time-delta syntax:{' '}
            <code>minutes=30</code>, <code>hours=1;minutes=30</code>, <code>seconds=90</code>.
          </Help>
        </FormGroup>
        <FormGroup fieldId="discovery_enabled">
          <Controller
            control={control}
            name="discovery_enabled"
            render={({ field }) => (
              <Switch
                id="discovery_enabled"
                label="Enable automatic discovery of remote resources."
                isChecked={field.value}
                onChange={(_e, v) => field.onChange(v)}
                aria-describedby="discovery_enabled-help"
              />
            )}
          />
          <Help id="discovery_enabled-help" error={errors.discovery_enabled}>
            When enabled, a full sync first links objects that already exist in Entra ID (users by
            userPrincipalName, then mail; groups by display name when exactly one group has it) instead of
            creating duplicates.
          </Help>
        </FormGroup>
        <FormGroup label="Full sync interval (minutes)" isRequired fieldId="sync_interval_minutes">
          <TextInput
            id="sync_interval_minutes"
            type="number"
            min={5}
            {...register('sync_interval_minutes', {
              valueAsNumber: true,
              required: 'The interval is required.',
            })}
            validated={errors.sync_interval_minutes ? 'error' : 'default'}
            aria-describedby="sync_interval_minutes-help"
          />
          <Help id="sync_interval_minutes-help" error={errors.sync_interval_minutes}>
            How often a scheduled full sync runs (5 minutes to 7 days). Changes are also synced as they
            happen.
          </Help>
        </FormGroup>
        <FormGroup label="Users leaving scope" fieldId="out_of_scope_action">
          <Controller
            control={control}
            name="out_of_scope_action"
            render={({ field }) => (
              <FormSelect
                id="out_of_scope_action"
                value={field.value}
                onChange={(_e, v) => field.onChange(v as OutOfScopeAction)}
                aria-describedby="out_of_scope_action-help"
              >
                <FormSelectOption value="none" label="Do nothing (leave them in Entra ID)" />
                <FormSelectOption value="suspend" label="Suspend them in Entra ID" />
                <FormSelectOption value="delete" label="Delete them in Entra ID" />
              </FormSelect>
            )}
          />
          <Help id="out_of_scope_action-help" error={errors.out_of_scope_action}>
            What a full sync does to synced users who no longer match the user filtering (left the selected
            group, became a service account).
          </Help>
        </FormGroup>
        <FormGroup label="Deletion threshold" isRequired fieldId="deletion_threshold">
          <TextInput
            id="deletion_threshold"
            type="number"
            min={0}
            {...register('deletion_threshold', {
              valueAsNumber: true,
              required: 'The threshold is required.',
              min: { value: 0, message: 'The threshold cannot be negative.' },
            })}
            validated={errors.deletion_threshold ? 'error' : 'default'}
            aria-describedby="deletion_threshold-help"
          />
          <Help id="deletion_threshold-help" error={errors.deletion_threshold}>
            A full sync that would suspend or delete more users leaving scope than this holds them until you
            confirm on the provider page; so do deletions in Conduit past this many within 10 minutes (0 turns
            the check off).
          </Help>
        </FormGroup>
        <FormGroup label="National cloud" fieldId="cloud">
          <Controller
            control={control}
            name="cloud"
            render={({ field }) => (
              <FormSelect
                id="cloud"
                value={field.value}
                onChange={(_e, v) => field.onChange(v as Cloud)}
                aria-describedby="cloud-help"
                validated={errors.cloud ? 'error' : 'default'}
              >
                {CLOUD_OPTIONS.map((o) => (
                  <FormSelectOption key={o.value} value={o.value} label={o.label} />
                ))}
              </FormSelect>
            )}
          />
          <Help id="cloud-help" error={errors.cloud}>
            The Microsoft cloud your tenant lives in. “Custom endpoints” is for test tenants such as the
            demo's built-in Graph emulator.
          </Help>
        </FormGroup>
        {cloud === 'custom' && (
          <>
            <FormGroup label="Login URL" isRequired fieldId="login_url">
              <TextInput
                id="login_url"
                type="url"
                {...register('login_url')}
                validated={errors.login_url ? 'error' : 'default'}
                aria-describedby="login_url-help"
              />
              <Help id="login_url-help" error={errors.login_url}>
                The sign-in authority (https), without the tenant ID.
              </Help>
            </FormGroup>
            <FormGroup label="Graph URL" isRequired fieldId="graph_url">
              <TextInput
                id="graph_url"
                type="url"
                {...register('graph_url')}
                validated={errors.graph_url ? 'error' : 'default'}
                aria-describedby="graph_url-help"
              />
              <Help id="graph_url-help" error={errors.graph_url}>
                The Microsoft Graph base URL (https), including the version, e.g.{' '}
                <code>https://graph.microsoft.com/v1.0</code>.
              </Help>
            </FormGroup>
          </>
        )}
      </FormFieldGroupExpandable>

      <ActionGroup>
        {secondaryActions}
        <Button
          type="submit"
          variant="primary"
          isLoading={formState.isSubmitting}
          isDisabled={formState.isSubmitting}
        >
          {submitLabel}
        </Button>
      </ActionGroup>
    </Form>
  );
}

/** All Entra property mappings (a short list), for the form's selects. */
export function useAllMappings() {
  return useQuery({ queryKey: ['mappings', 'all'], queryFn: () => listAll(mappingsApi.list) });
}
