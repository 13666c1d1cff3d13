/** Providers as stored: generic columns, type-specific settings (JSON) and sealed secrets. */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { nowIso, readJson, readTime } from '../store/dialect.js';
import type { Database, ProvidersTable } from '../store/schema.js';
import { type SecretBox, SecretUnreadableError } from '../store/secret-box.js';
import type { OutgoingSyncSettings, SyncProvider } from './types.js';

type Conn = Kysely<Database> | Transaction<Database>;

export const DEFAULT_SYNC_SETTINGS: OutgoingSyncSettings = {
  exclude_users_service_account: false,
  user_delete_action: 'delete',
  group_delete_action: 'delete',
  sync_page_size: 100,
  sync_page_timeout: 'minutes=30',
  discovery_enabled: true,
  dry_run: false,
  sync_interval_minutes: 240,
  out_of_scope_action: 'none',
  deletion_threshold: 20,
  group_filters: [],
  group_filters_include_children: false,
  filter_group_include_children: false,
  user_scoping_rules: [],
  suspend_then_delete_after_days: null,
  protected_group: null,
  delete_adopted_objects: false,
  held_changes_threshold: 20,
  held_changes_threshold_percent: 10,
  held_changes_window_minutes: 10,
  paused: false,
  sync_schedule: null,
  group_nesting: 'direct',
  external_users: 'skip',
  send_invitation_message: false,
  invite_redirect_url: null,
  default_usage_location: null,
};

export function toSyncProvider(row: Selectable<ProvidersTable>): SyncProvider {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    backchannelApplicationUuid: row.backchannel_application_uuid,
    filterGroupId: row.filter_group_id,
    settings: {
      ...DEFAULT_SYNC_SETTINGS,
      ...readJson<Record<string, unknown>>(row.settings, {}),
    } as SyncProvider['settings'],
  };
}

export async function findProvider(db: Conn, id: number): Promise<SyncProvider | null> {
  const row = await db.selectFrom('providers').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSyncProvider(row) : null;
}

/** Providers that sync: those assigned to an application as a backchannel provider. */
export async function listActiveProviders(db: Conn): Promise<SyncProvider[]> {
  const rows = await db
    .selectFrom('providers')
    .selectAll()
    .where('backchannel_application_uuid', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.map(toSyncProvider);
}

function secretContext(providerId: number): string {
  return `providers.secrets.${providerId}`;
}

/**
 * A provider's stored credential does not open with the configured keys: the secret key changed
 * (a new `CONDUIT_SECRET_KEYS` or `secret.key` without the old key in the ring), or the row was
 * copied from another installation. Nothing can be sent until the credential is entered again.
 */
export class ProviderSecretUnreadableError extends Error {
  readonly code = 'secret_unreadable';
  constructor(
    readonly providerId: number,
    /** The API field that takes the credential again. */
    readonly field: 'client_secret' | 'client_certificate',
  ) {
    super(
      `The stored ${field === 'client_certificate' ? 'client certificate' : 'client secret'} cannot be decrypted with the configured keys (CONDUIT_SECRET_KEYS / secret.key); enter the ${field === 'client_certificate' ? 'certificate' : 'secret'} again, or restore the key it was saved with.`,
    );
  }
}

/** The provider's secrets, opened; throws `ProviderSecretUnreadableError` when the keys cannot open them. */
export async function readProviderSecrets(
  db: Conn,
  box: SecretBox,
  providerId: number,
): Promise<Record<string, string>> {
  const row = await db
    .selectFrom('providers')
    .select(['secrets', 'settings'])
    .where('id', '=', providerId)
    .executeTakeFirst();
  if (!row?.secrets) return {};
  try {
    return JSON.parse(box.open(row.secrets, secretContext(providerId))) as Record<string, string>;
  } catch (error) {
    if (!(error instanceof SecretUnreadableError)) throw error;
    const settings = readJson<{ client_certificate?: unknown }>(row.settings, {});
    throw new ProviderSecretUnreadableError(
      providerId,
      settings.client_certificate ? 'client_certificate' : 'client_secret',
    );
  }
}

export async function writeProviderSecrets(
  db: Conn,
  box: SecretBox,
  providerId: number,
  secrets: Record<string, string>,
): Promise<void> {
  await db
    .updateTable('providers')
    .set({ secrets: box.seal(JSON.stringify(secrets), secretContext(providerId)), updated_at: nowIso() })
    .where('id', '=', providerId)
    .execute();
}

/** The provider's mapping definitions of one kind, ordered by name (the evaluation order). */
export async function providerMappings(
  db: Conn,
  providerId: number,
  kind: 'user' | 'group',
): Promise<Array<{ id: string; name: string; expression: string; managed: string | null }>> {
  const rows = await db
    .selectFrom('provider_mappings')
    .innerJoin('property_mappings', 'property_mappings.uuid', 'provider_mappings.mapping_uuid')
    .select([
      'property_mappings.uuid',
      'property_mappings.name',
      'property_mappings.expression',
      'property_mappings.managed',
    ])
    .where('provider_mappings.provider_id', '=', providerId)
    .where('provider_mappings.kind', '=', kind)
    .orderBy('property_mappings.name')
    .execute();
  return rows.map((r) => ({ id: r.uuid, name: r.name, expression: r.expression, managed: r.managed }));
}

export async function setProviderMappings(
  db: Conn,
  providerId: number,
  kind: 'user' | 'group',
  mappingUuids: string[],
): Promise<void> {
  await db
    .deleteFrom('provider_mappings')
    .where('provider_id', '=', providerId)
    .where('kind', '=', kind)
    .execute();
  const unique = [...new Set(mappingUuids)];
  if (unique.length > 0) {
    await db
      .insertInto('provider_mappings')
      .values(unique.map((mapping_uuid) => ({ provider_id: providerId, mapping_uuid, kind })))
      .execute();
  }
}

/** The configuration error that stopped a provider's sync, as recorded (see `recordConfigurationError`). */
export interface ProviderConfigurationError {
  message: string;
  /** When it was recorded (ISO 8601). */
  at: string;
}

/**
 * The provider's recorded configuration error, or null when none is set. While one is set, direct
 * sync jobs of the provider send nothing (`src/sync/direct-sync.ts`).
 */
export async function readConfigurationError(
  db: Conn,
  providerId: number,
): Promise<ProviderConfigurationError | null> {
  const row = await db
    .selectFrom('providers')
    .select(['config_error', 'config_error_at'])
    .where('id', '=', providerId)
    .executeTakeFirst();
  if (!row?.config_error) return null;
  return { message: row.config_error, at: readTime(row.config_error_at ?? nowIso()) };
}

/**
 * Record a provider's configuration error. With `onlyIfClear`, an error already recorded is kept
 * and false is returned: of several jobs failing at once, one reports it.
 */
export async function writeConfigurationError(
  db: Conn,
  providerId: number,
  message: string,
  options: { onlyIfClear?: boolean } = {},
): Promise<boolean> {
  let update = db
    .updateTable('providers')
    .set({ config_error: message, config_error_at: nowIso() })
    .where('id', '=', providerId);
  if (options.onlyIfClear) update = update.where('config_error', 'is', null);
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Forget a provider's configuration error: after a save, a successful connection test or a
 * successful sync. Returns whether one was set.
 */
export async function clearConfigurationError(db: Conn, providerId: number): Promise<boolean> {
  const result = await db
    .updateTable('providers')
    .set({ config_error: null, config_error_at: null })
    .where('id', '=', providerId)
    .where('config_error', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
