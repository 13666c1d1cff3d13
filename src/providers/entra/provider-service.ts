/**
 * Creating, changing and deleting Entra providers: settings validated once, the credential (a
 * client secret, or a certificate with its private key) sealed at rest and never returned, mapping
 * sets stored, and every save recorded as an outbox change (a save starts a full sync, as in
 * authentik) with its audit event.
 *
 * Invariant: a provider has exactly one credential. Setting a certificate removes the secret and
 * vice versa; the certificate's non-secret facts (thumbprints, subject, validity) are kept in
 * `settings.client_certificate`, which is null while a secret is used.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Kysely } from 'kysely';
import { auditModelChange, emitChange, recordEvent } from '../../directory/changes.js';
import { DirectoryNotFoundError, DirectoryValidationError } from '../../directory/errors.js';
import type { Actor } from '../../directory/types.js';
import { MANAGED_GROUP_MAPPING_KEY, MANAGED_USER_MAPPING_KEY } from '../../mappings/index.js';
import { isUniqueViolation, nowIso, writeJson } from '../../store/dialect.js';
import type { Database } from '../../store/schema.js';
import type { SecretBox } from '../../store/secret-box.js';
import { managedMappingUuid } from '../../sync/mapping-records.js';
import {
  DEFAULT_SYNC_SETTINGS,
  findProvider,
  ProviderSecretUnreadableError,
  providerMappings,
  readProviderSecrets,
  setProviderMappings,
  writeProviderSecrets,
} from '../../sync/provider-records.js';
import type {
  DeleteAction,
  ExternalUsers,
  GroupNesting,
  OutOfScopeAction,
  ScopingRuleSet,
  SyncProvider,
} from '../../sync/types.js';
import {
  CERTIFICATE_SECRET_KEYS,
  ClientCertificateError,
  type ClientCertificateFacts,
  parseClientCertificate,
} from './client-certificate.js';
import { credentialEndpoints, ENTRA_PROVIDER_TYPE, type EntraCloud, type EntraSettings } from './settings.js';

export interface EntraProviderInput {
  name: string;
  client_id: string;
  /** The app registration's client secret; give this or `client_certificate`, not both. */
  client_secret?: string;
  /** PEM text holding the certificate's private key and the certificate (and optionally its chain). */
  client_certificate?: string;
  tenant_id: string;
  exclude_users_service_account?: boolean;
  /** Group UUID, or null. */
  filter_group?: string | null;
  user_delete_action?: DeleteAction;
  group_delete_action?: DeleteAction;
  property_mappings?: string[];
  property_mappings_group?: string[];
  sync_page_size?: number;
  sync_page_timeout?: string;
  discovery_enabled?: boolean;
  dry_run?: boolean;
  sync_interval_minutes?: number;
  out_of_scope_action?: OutOfScopeAction;
  deletion_threshold?: number;
  cloud?: EntraCloud;
  login_url?: string | null;
  graph_url?: string | null;
  group_filters?: string[];
  group_filters_include_children?: boolean;
  filter_group_include_children?: boolean;
  user_scoping_rules?: ScopingRuleSet[];
  suspend_then_delete_after_days?: number | null;
  protected_group?: string | null;
  delete_adopted_objects?: boolean;
  held_changes_threshold?: number;
  held_changes_threshold_percent?: number;
  held_changes_window_minutes?: number;
  paused?: boolean;
  sync_schedule?: string | null;
  group_nesting?: GroupNesting;
  external_users?: ExternalUsers;
  send_invitation_message?: boolean;
  invite_redirect_url?: string | null;
  default_usage_location?: string | null;
}

export type EntraProviderPatch = Partial<EntraProviderInput>;

export interface EntraProviderView {
  provider: SyncProvider;
  filterGroupUuid: string | null;
  userMappings: string[];
  groupMappings: string[];
  /** Which credential is stored (null: none, e.g. a row written by an older tool). */
  credential: 'client_secret' | 'client_certificate' | null;
  /** The certificate's non-secret facts, when the credential is a certificate. */
  certificate: ClientCertificateFacts | null;
}

type Db = Kysely<Database>;

const SETTING_KEYS = [
  'client_id',
  'tenant_id',
  'exclude_users_service_account',
  'user_delete_action',
  'group_delete_action',
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
  'group_filters',
  'group_filters_include_children',
  'filter_group_include_children',
  'user_scoping_rules',
  'suspend_then_delete_after_days',
  'protected_group',
  'delete_adopted_objects',
  'held_changes_threshold',
  'held_changes_threshold_percent',
  'held_changes_window_minutes',
  'paused',
  'sync_schedule',
  'group_nesting',
  'external_users',
  'send_invitation_message',
  'invite_redirect_url',
  'default_usage_location',
] as const;

/** Settings whose values are not shown in the audit log's diff (none are secret, but keep the rule explicit). */
const UNDIFFED_KEYS = new Set<string>(['client_certificate']);

function pickSettings(input: EntraProviderPatch): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) if (input[key] !== undefined) out[key] = input[key];
  return out;
}

async function filterGroupId(db: Db, uuid: string | null | undefined): Promise<number | null | undefined> {
  if (uuid === undefined) return undefined;
  if (uuid === null) return null;
  const row = await db.selectFrom('groups').select('id').where('group_uuid', '=', uuid).executeTakeFirst();
  if (!row)
    throw DirectoryValidationError.field('filter_group', `Invalid pk "${uuid}" - object does not exist.`);
  return row.id;
}

/** Every group uuid a setting names must exist (`group_filters`, `protected_group`). */
async function checkGroupRefs(db: Db, input: EntraProviderPatch): Promise<void> {
  const refs: Array<[string, string[]]> = [
    ['group_filters', input.group_filters ?? []],
    ['protected_group', input.protected_group ? [input.protected_group] : []],
  ];
  for (const [field, uuids] of refs) {
    if (uuids.length === 0) continue;
    const rows = await db
      .selectFrom('groups')
      .select('group_uuid')
      .where('group_uuid', 'in', uuids)
      .execute();
    const found = new Set(rows.map((r) => r.group_uuid));
    const missing = uuids.find((u) => !found.has(u));
    if (missing)
      throw DirectoryValidationError.field(field, `Invalid pk "${missing}" - object does not exist.`);
  }
}

async function checkMappings(db: Db, field: string, uuids: string[] | undefined): Promise<void> {
  if (!uuids || uuids.length === 0) return;
  const rows = await db.selectFrom('property_mappings').select('uuid').where('uuid', 'in', uuids).execute();
  const missing = uuids.find((u) => !rows.some((r) => r.uuid === u));
  if (missing)
    throw DirectoryValidationError.field(field, `Invalid pk "${missing}" - object does not exist.`);
}

function checkActions(input: EntraProviderPatch): void {
  if (input.group_delete_action === 'suspend') {
    // Entra groups cannot be disabled; authentik silently does nothing. Say so instead.
    throw DirectoryValidationError.field(
      'group_delete_action',
      'Groups cannot be suspended in Entra ID: choose "delete" or "do_nothing".',
    );
  }
}

export async function getEntraProvider(db: Db, id: number): Promise<EntraProviderView> {
  const provider = await findProvider(db, id);
  if (!provider || provider.type !== ENTRA_PROVIDER_TYPE) throw new DirectoryNotFoundError('provider', id);
  const [group, users, groups, secretRow] = await Promise.all([
    provider.filterGroupId === null
      ? null
      : db
          .selectFrom('groups')
          .select('group_uuid')
          .where('id', '=', provider.filterGroupId)
          .executeTakeFirst(),
    providerMappings(db, id, 'user'),
    providerMappings(db, id, 'group'),
    db.selectFrom('providers').select('secrets').where('id', '=', id).executeTakeFirst(),
  ]);
  const certificate =
    (provider.settings as { client_certificate?: ClientCertificateFacts | null }).client_certificate ?? null;
  return {
    provider,
    filterGroupUuid: group?.group_uuid ?? null,
    userMappings: users.map((m) => m.id),
    groupMappings: groups.map((m) => m.id),
    credential: !secretRow?.secrets ? null : certificate ? 'client_certificate' : 'client_secret',
    certificate,
  };
}

/**
 * The sealed secrets and the settings entry for the credential a create or update gives, or null
 * when it gives none. Field errors: both given, or an unusable certificate.
 */
function credentialFrom(
  input: Pick<EntraProviderPatch, 'client_secret' | 'client_certificate'>,
): { secrets: Record<string, string>; certificate: ClientCertificateFacts | null } | null {
  // An empty value means "not given": the edit form never receives the stored credential.
  const secret = input.client_secret || undefined;
  const pem = input.client_certificate?.trim() || undefined;
  if (secret && pem)
    throw DirectoryValidationError.field(
      'client_certificate',
      'Give either a client secret or a certificate, not both: the provider uses exactly one.',
    );
  if (secret) return { secrets: { client_secret: secret }, certificate: null };
  if (!pem) return null;
  try {
    const parsed = parseClientCertificate(pem);
    return {
      secrets: {
        [CERTIFICATE_SECRET_KEYS.privateKey]: parsed.privateKeyPem,
        [CERTIFICATE_SECRET_KEYS.certificate]: parsed.certificatePem,
      },
      certificate: parsed.facts,
    };
  } catch (error) {
    if (error instanceof ClientCertificateError)
      throw DirectoryValidationError.field('client_certificate', error.message);
    throw error;
  }
}

export async function createEntraProvider(
  db: Db,
  box: SecretBox,
  input: EntraProviderInput,
  actor: Actor,
  defaults: { cloud: EntraCloud; login_url: string | null; graph_url: string | null },
): Promise<EntraProviderView> {
  checkActions(input);
  await checkGroupRefs(db, input);
  await checkMappings(db, 'property_mappings', input.property_mappings);
  await checkMappings(db, 'property_mappings_group', input.property_mappings_group);
  const filterGroup = await filterGroupId(db, input.filter_group);
  const userMappings =
    input.property_mappings ??
    [await managedMappingUuid(db, MANAGED_USER_MAPPING_KEY)].filter((u): u is string => !!u);
  const groupMappings =
    input.property_mappings_group ??
    [await managedMappingUuid(db, MANAGED_GROUP_MAPPING_KEY)].filter((u): u is string => !!u);
  const credential = credentialFrom(input);
  if (!credential)
    throw DirectoryValidationError.field(
      'client_secret',
      'Enter the app registration’s client secret, or give a certificate (client_certificate) instead.',
    );
  const settings = {
    ...DEFAULT_SYNC_SETTINGS,
    cloud: input.cloud ?? defaults.cloud,
    login_url: input.cloud === undefined ? defaults.login_url : (input.login_url ?? null),
    graph_url: input.cloud === undefined ? defaults.graph_url : (input.graph_url ?? null),
    ...pickSettings(input),
    client_certificate: credential.certificate,
  };
  try {
    const id = await db.transaction().execute(async (trx) => {
      const now = nowIso();
      const row = await trx
        .insertInto('providers')
        .values({
          name: input.name,
          type: ENTRA_PROVIDER_TYPE,
          backchannel_application_uuid: null,
          filter_group_id: filterGroup ?? null,
          settings: writeJson(settings),
          secrets: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeProviderSecrets(trx as unknown as Db, box, row.id, credential.secrets);
      await setProviderMappings(trx, row.id, 'user', userMappings);
      await setProviderMappings(trx, row.id, 'group', groupMappings);
      await emitChange(trx, { topic: 'provider.saved', provider_id: row.id });
      await auditModelChange(
        trx,
        'model_created',
        {
          app: 'conduit_providers_microsoft_entra',
          model_name: 'microsoftentraprovider',
          pk: row.id,
          name: input.name,
        },
        actor,
      );
      return row.id;
    });
    return getEntraProvider(db, id);
  } catch (error) {
    if (isUniqueViolation(error))
      throw DirectoryValidationError.field('name', `Provider with this name "${input.name}" already exists.`);
    throw error;
  }
}

/** Stored values equal for the purpose of "did this save change anything" (null and absent alike). */
function sameValue(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(a ?? null, b ?? null);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}

/**
 * Whether a given credential equals the stored one. A stored credential that cannot be opened
 * (the key changed) is never equal: entering it again is how that is fixed.
 */
async function sameCredential(
  db: Db,
  box: SecretBox,
  id: number,
  secrets: Record<string, string>,
): Promise<boolean> {
  try {
    const stored = await readProviderSecrets(db, box, id);
    const keys = Object.keys(secrets);
    return keys.length === Object.keys(stored).length && keys.every((k) => stored[k] === secrets[k]);
  } catch (error) {
    if (error instanceof ProviderSecretUnreadableError) return false;
    throw error;
  }
}

/**
 * Save changes to a provider. A save that changes nothing writes nothing (no outbox row, so no
 * full sync, and no event). A save that changes something clears the provider's recorded
 * configuration error (its sync is tried again) and starts a full sync.
 *
 * The stored credential is sent only to the endpoints it was entered for: a change of the
 * sign-in or Graph endpoint (`cloud`, `login_url`, `graph_url`) must carry the credential again,
 * or an API token would be enough to have the app's secret sent to a host of one's choosing. A
 * change of `tenant_id` or `client_id` alone does not: the credential still goes to the same
 * sign-in service only (see docs/admin/create-entra-provider.md). The endpoint change is audited
 * with the old and new endpoints.
 */
export async function updateEntraProvider(
  db: Db,
  box: SecretBox,
  id: number,
  patch: EntraProviderPatch,
  actor: Actor,
): Promise<EntraProviderView> {
  const current = await getEntraProvider(db, id);
  checkActions(patch);
  await checkGroupRefs(db, patch);
  await checkMappings(db, 'property_mappings', patch.property_mappings);
  await checkMappings(db, 'property_mappings_group', patch.property_mappings_group);
  const filterGroup = await filterGroupId(db, patch.filter_group);
  const credential = credentialFrom(patch);
  const before = current.provider.settings as Record<string, unknown>;
  const changedSettings = pickSettings(patch);
  const settings: Record<string, unknown> = {
    ...before,
    ...changedSettings,
    ...(credential ? { client_certificate: credential.certificate } : {}),
  };
  const endpointsBefore = credentialEndpoints(before as Partial<EntraSettings>);
  const endpointsAfter = credentialEndpoints(settings as Partial<EntraSettings>);
  if (!endpointsAfter)
    throw new DirectoryValidationError({
      ...(!settings.login_url && { login_url: ['Required when the cloud is "custom".'] }),
      ...(!settings.graph_url && { graph_url: ['Required when the cloud is "custom".'] }),
    });
  const endpointsMoved =
    endpointsBefore?.loginUrl !== endpointsAfter.loginUrl ||
    endpointsBefore?.graphUrl !== endpointsAfter.graphUrl;
  if (endpointsMoved && !credential) {
    const field = current.credential === 'client_certificate' ? 'client_certificate' : 'client_secret';
    throw DirectoryValidationError.field(
      field,
      `The sign-in or Graph endpoint changes (to ${endpointsAfter.loginUrl} and ${endpointsAfter.graphUrl}): enter the ${
        field === 'client_certificate' ? 'certificate' : 'client secret'
      } again. A stored credential is only sent to the endpoints it was entered for.`,
    );
  }

  const changed = [
    ...(patch.name !== undefined && patch.name !== current.provider.name ? ['name'] : []),
    ...(filterGroup !== undefined && filterGroup !== current.provider.filterGroupId ? ['filter_group'] : []),
    ...Object.keys(changedSettings).filter((k) => !sameValue(changedSettings[k], before[k])),
    ...(patch.property_mappings !== undefined && !sameSet(patch.property_mappings, current.userMappings)
      ? ['property_mappings']
      : []),
    ...(patch.property_mappings_group !== undefined &&
    !sameSet(patch.property_mappings_group, current.groupMappings)
      ? ['property_mappings_group']
      : []),
  ];
  // Names only: a credential's value never reaches the audit log.
  if (credential && !(await sameCredential(db, box, id, credential.secrets)))
    changed.push(credential.certificate ? 'client_certificate' : 'client_secret');
  if (changed.length === 0) return current;

  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('providers')
        .set({
          ...(patch.name !== undefined && { name: patch.name }),
          ...(filterGroup !== undefined && { filter_group_id: filterGroup }),
          settings: writeJson(settings),
          updated_at: nowIso(),
          // A changed provider is tried again: its next sync finds out whether the error is fixed.
          config_error: null,
          config_error_at: null,
        })
        .where('id', '=', id)
        .execute();
      // No credential in an update means "unchanged"; a new one replaces the old, whatever its kind.
      if (credential) await writeProviderSecrets(trx as unknown as Db, box, id, credential.secrets);
      if (patch.property_mappings !== undefined)
        await setProviderMappings(trx, id, 'user', patch.property_mappings);
      if (patch.property_mappings_group !== undefined)
        await setProviderMappings(trx, id, 'group', patch.property_mappings_group);
      await emitChange(trx, { topic: 'provider.saved', provider_id: id });
      const model = {
        app: 'conduit_providers_microsoft_entra',
        model_name: 'microsoftentraprovider',
        pk: id,
        name: patch.name ?? current.provider.name,
      };
      // Field-level diff of the settings (authentik's changelog shape: `{field: {previous_value, new_value}}`).
      const diff = Object.fromEntries(
        Object.keys(changedSettings)
          .filter((k) => !UNDIFFED_KEYS.has(k) && !sameValue(changedSettings[k], before[k]))
          .map((k) => [k, { previous_value: before[k] ?? null, new_value: changedSettings[k] ?? null }]),
      );
      if (patch.name !== undefined && patch.name !== current.provider.name)
        diff.name = { previous_value: current.provider.name, new_value: patch.name };
      await auditModelChange(trx, 'model_updated', model, actor, { changed, diff });
      if (endpointsMoved)
        await recordEvent(trx, {
          action: 'provider_endpoints_changed',
          actor,
          context: {
            model,
            before: endpointsBefore && {
              login_url: endpointsBefore.loginUrl,
              graph_url: endpointsBefore.graphUrl,
            },
            after: { login_url: endpointsAfter.loginUrl, graph_url: endpointsAfter.graphUrl },
          },
        });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw DirectoryValidationError.field('name', `Provider with this name "${patch.name}" already exists.`);
    throw error;
  }
  return getEntraProvider(db, id);
}

export async function deleteEntraProvider(db: Db, id: number, actor: Actor): Promise<void> {
  const current = await getEntraProvider(db, id);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('applications').set({ provider_id: null }).where('provider_id', '=', id).execute();
    await trx.deleteFrom('providers').where('id', '=', id).execute();
    await auditModelChange(
      trx,
      'model_deleted',
      {
        app: 'conduit_providers_microsoft_entra',
        model_name: 'microsoftentraprovider',
        pk: id,
        name: current.provider.name,
      },
      actor,
    );
  });
}
