/**
 * Creating, changing and deleting Entra providers: settings validated once, the credential (a
 * client secret, or a certificate with its private key) sealed at rest and never returned, mapping
 * sets stored, and every save recorded as an outbox change (a save starts a full sync, as in the
 * reference) with its audit event.
 *
 * Invariant: a provider has exactly one credential. Setting a certificate removes the secret and
 * vice versa; the certificate's non-secret facts (thumbprints, subject, validity) are kept in
 * `settings.client_certificate`, which is null while a secret is used.
 */
import type { Kysely } from 'kysely';
import { auditModelChange, emitChange } from '../../directory/changes.js';
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
  providerMappings,
  setProviderMappings,
  writeProviderSecrets,
} from '../../sync/provider-records.js';
import type { DeleteAction, OutOfScopeAction, SyncProvider } from '../../sync/types.js';
import {
  CERTIFICATE_SECRET_KEYS,
  ClientCertificateError,
  type ClientCertificateFacts,
  parseClientCertificate,
} from './client-certificate.js';
import { ENTRA_PROVIDER_TYPE, type EntraCloud } from './settings.js';

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
] as const;

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

async function checkMappings(db: Db, field: string, uuids: string[] | undefined): Promise<void> {
  if (!uuids || uuids.length === 0) return;
  const rows = await db.selectFrom('property_mappings').select('uuid').where('uuid', 'in', uuids).execute();
  const missing = uuids.find((u) => !rows.some((r) => r.uuid === u));
  if (missing)
    throw DirectoryValidationError.field(field, `Invalid pk "${missing}" - object does not exist.`);
}

function checkActions(input: EntraProviderPatch): void {
  if (input.group_delete_action === 'suspend') {
    // Entra groups cannot be disabled; the reference silently did nothing. Say so instead.
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

export async function updateEntraProvider(
  db: Db,
  box: SecretBox,
  id: number,
  patch: EntraProviderPatch,
  actor: Actor,
): Promise<EntraProviderView> {
  const current = await getEntraProvider(db, id);
  checkActions(patch);
  await checkMappings(db, 'property_mappings', patch.property_mappings);
  await checkMappings(db, 'property_mappings_group', patch.property_mappings_group);
  const filterGroup = await filterGroupId(db, patch.filter_group);
  const credential = credentialFrom(patch);
  const settings = {
    ...current.provider.settings,
    ...pickSettings(patch),
    ...(credential ? { client_certificate: credential.certificate } : {}),
  };
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('providers')
        .set({
          ...(patch.name !== undefined && { name: patch.name }),
          ...(filterGroup !== undefined && { filter_group_id: filterGroup }),
          settings: writeJson(settings),
          updated_at: nowIso(),
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
      await auditModelChange(
        trx,
        'model_updated',
        {
          app: 'conduit_providers_microsoft_entra',
          model_name: 'microsoftentraprovider',
          pk: id,
          name: patch.name ?? current.provider.name,
        },
        actor,
        {
          // Names only: a credential's value never reaches the audit log.
          changed: Object.keys(patch)
            .filter((k) => k !== 'client_secret' && k !== 'client_certificate')
            .concat(patch.client_secret ? ['client_secret'] : [])
            .concat(patch.client_certificate?.trim() ? ['client_certificate'] : []),
        },
      );
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
