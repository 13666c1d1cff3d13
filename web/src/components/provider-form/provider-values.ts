/**
 * The provider form's values and how they map to the API: initial values (the provider's, or the
 * server's defaults for a new one), the request body, and the fixed choices the form offers.
 */
import type {
  Cloud,
  CredentialType,
  DeleteAction,
  EntraProvider,
  EntraProviderRequest,
  OutOfScopeAction,
  PropertyMapping,
  ProviderDefaults,
} from '../../api/types.js';
import type { FieldOption } from '../form-fields.js';

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

/** The fields inside the collapsed "Advanced settings" section (opened when one of them is in error). */
export const ADVANCED_FIELDS: ReadonlyArray<keyof EntraProviderRequest> = [
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
];

/** The API fields the form binds: a 400 naming one of them is shown on that field. */
export const PROVIDER_FIELDS: ReadonlyArray<keyof EntraProviderRequest> = [
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
  ...ADVANCED_FIELDS,
];

export const CLOUD_OPTIONS: Array<FieldOption<Cloud>> = [
  { value: 'global', label: 'Global (login.microsoftonline.com, graph.microsoft.com)' },
  { value: 'usgov', label: 'US Government L4 (GCC High)' },
  { value: 'usgov_dod', label: 'US Government L5 (DoD)' },
  { value: 'china', label: 'China (operated by 21Vianet)' },
  { value: 'custom', label: 'Custom endpoints' },
];

export const OUT_OF_SCOPE_OPTIONS: Array<FieldOption<OutOfScopeAction>> = [
  { value: 'none', label: 'Do nothing (leave them in Entra ID)' },
  { value: 'suspend', label: 'Suspend them in Entra ID' },
  { value: 'delete', label: 'Delete them in Entra ID' },
];

export const USER_ACTIONS: Array<FieldOption<DeleteAction>> = [
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

export const GROUP_ACTIONS: Array<FieldOption<DeleteAction>> = [
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

/** The settings added after authentik's (scoping, safety, schedule, Entra data model), as the provider has them. */
function scopingAndModelSettings(p: EntraProvider) {
  return {
    group_filters: p.group_filters,
    group_filters_include_children: p.group_filters_include_children,
    filter_group_include_children: p.filter_group_include_children,
    user_scoping_rules: p.user_scoping_rules,
    suspend_then_delete_after_days: p.suspend_then_delete_after_days,
    protected_group: p.protected_group,
    delete_adopted_objects: p.delete_adopted_objects,
    held_changes_threshold: p.held_changes_threshold,
    held_changes_threshold_percent: p.held_changes_threshold_percent,
    held_changes_window_minutes: p.held_changes_window_minutes,
    paused: p.paused,
    sync_schedule: p.sync_schedule,
    group_nesting: p.group_nesting,
    external_users: p.external_users,
    send_invitation_message: p.send_invitation_message,
    invite_redirect_url: p.invite_redirect_url,
    default_usage_location: p.default_usage_location,
  };
}

/**
 * Initial values: the provider's (edit), or for a new provider the server's defaults (the sync
 * settings `GET /api/v3/conduit/provider_defaults/` serves, and the national cloud the server runs
 * against) with the managed mappings selected.
 */
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
      ...scopingAndModelSettings(provider),
    };
  }
  if (!defaults)
    throw new Error(
      'A new provider form starts from the served defaults: pass ProviderForm the answer of GET /api/v3/conduit/provider_defaults/.',
    );
  return {
    ...defaults.settings,
    name: '',
    client_id: '',
    credential_type: 'client_secret',
    client_secret: '',
    client_certificate: '',
    tenant_id: '',
    filter_group: null,
    property_mappings: allMappings.filter((m) => isManaged(m, 'user')).map((m) => m.pk),
    property_mappings_group: allMappings.filter((m) => isManaged(m, 'group')).map((m) => m.pk),
    cloud: defaults.cloud ?? 'global',
    login_url: defaults.login_url ?? '',
    graph_url: defaults.graph_url ?? '',
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
