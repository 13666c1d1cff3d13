/**
 * LDAP sources as stored: name, slug and enabled flag as columns, every other field in `settings`,
 * the bind password sealed with the secret box (it never leaves this module except to bind), and
 * the source's property mappings in `source_mappings`. Writes record an audit event.
 */
import type { Kysely, Transaction } from 'kysely';
import { v4 as uuidv4 } from 'uuid';
import { auditModelChange } from '../../directory/changes.js';
import { DirectoryNotFoundError, DirectoryValidationError } from '../../directory/errors.js';
import type { Actor } from '../../directory/types.js';
import { isUniqueViolation, nowIso, readBool, readJson, readTime, writeJson } from '../../store/dialect.js';
import type { Database } from '../../store/schema.js';
import type { SecretBox } from '../../store/secret-box.js';
import { DEFAULT_LDAP_SETTINGS, type LdapSourceSettings } from './source-settings.js';

type Conn = Kysely<Database> | Transaction<Database>;

/** The `property_mappings.type` of LDAP source mappings. */
export const LDAP_MAPPING_TYPE = 'ldap_source';

/** A stored source. */
export interface LdapSource {
  id: number;
  uuid: string;
  slug: string;
  name: string;
  enabled: boolean;
  settings: LdapSourceSettings;
  hasBindPassword: boolean;
  /** The last connectivity check (authentik's `connectivity`), or null. */
  connectivity: Record<string, Record<string, string>> | null;
  userMappings: string[];
  groupMappings: string[];
  created: string;
  updated: string;
}

/** What a create or update may set. */
export interface LdapSourceInput {
  name: string;
  slug: string;
  enabled?: boolean;
  settings: Partial<LdapSourceSettings> & Pick<LdapSourceSettings, 'server_uri' | 'base_dn'>;
  /** Write-only. Undefined or empty on update: unchanged. */
  bind_password?: string;
  user_property_mappings?: string[];
  group_property_mappings?: string[];
}

export type LdapSourcePatch = Partial<Omit<LdapSourceInput, 'settings'>> & {
  settings?: Partial<LdapSourceSettings>;
};

function passwordContext(id: number): string {
  return `ldap_sources.bind_password.${id}`;
}

async function mappingsOf(
  db: Conn,
  ids: number[],
): Promise<Map<number, { user: string[]; group: string[] }>> {
  const out = new Map<number, { user: string[]; group: string[] }>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('source_mappings')
    .innerJoin('property_mappings', 'property_mappings.uuid', 'source_mappings.mapping_uuid')
    .select(['source_mappings.source_id', 'source_mappings.kind', 'source_mappings.mapping_uuid'])
    .where('source_mappings.source_id', 'in', ids)
    .orderBy('property_mappings.name')
    .execute();
  for (const id of ids) out.set(id, { user: [], group: [] });
  for (const r of rows) {
    const entry = out.get(r.source_id);
    if (entry) (r.kind === 'group' ? entry.group : entry.user).push(r.mapping_uuid);
  }
  return out;
}

type SourceRow = Awaited<ReturnType<typeof selectSources>>[number];

function selectSources(db: Conn) {
  return db.selectFrom('ldap_sources').selectAll().orderBy('name').execute();
}

function toSource(row: SourceRow, mappings: { user: string[]; group: string[] } | undefined): LdapSource {
  return {
    id: row.id,
    uuid: row.uuid,
    slug: row.slug,
    name: row.name,
    enabled: readBool(row.enabled),
    settings: {
      ...DEFAULT_LDAP_SETTINGS,
      ...readJson<Partial<LdapSourceSettings>>(row.settings, {}),
    } as LdapSourceSettings,
    hasBindPassword: row.bind_password !== null,
    connectivity: readJson(row.connectivity, null),
    userMappings: mappings?.user ?? [],
    groupMappings: mappings?.group ?? [],
    created: readTime(row.created_at),
    updated: readTime(row.updated_at),
  };
}

/** Every source, by name. */
export async function listLdapSources(db: Conn): Promise<LdapSource[]> {
  const rows = await selectSources(db);
  const mappings = await mappingsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toSource(r, mappings.get(r.id)));
}

async function findBy(
  db: Conn,
  column: 'slug' | 'id' | 'uuid',
  value: string | number,
): Promise<LdapSource | null> {
  const row = await db
    .selectFrom('ldap_sources')
    .selectAll()
    .where(column, '=', value as never)
    .executeTakeFirst();
  if (!row) return null;
  return toSource(row, (await mappingsOf(db, [row.id])).get(row.id));
}

/** The source with this slug; throws `DirectoryNotFoundError`. */
export async function getLdapSource(db: Conn, slug: string): Promise<LdapSource> {
  const source = await findBy(db, 'slug', slug);
  if (!source) throw new DirectoryNotFoundError('ldap_source', slug);
  return source;
}

/** The source with this id, or null. */
export async function findLdapSourceById(db: Conn, id: number): Promise<LdapSource | null> {
  return findBy(db, 'id', id);
}

/** The source with this uuid, or null. */
export async function findLdapSourceByUuid(db: Conn, uuid: string): Promise<LdapSource | null> {
  return findBy(db, 'uuid', uuid);
}

/** The source's bind password, or '' when none is stored (anonymous bind). */
export async function readBindPassword(
  db: Conn,
  box: SecretBox,
  source: Pick<LdapSource, 'id'>,
): Promise<string> {
  const row = await db
    .selectFrom('ldap_sources')
    .select('bind_password')
    .where('id', '=', source.id)
    .executeTakeFirst();
  return row?.bind_password ? box.open(row.bind_password, passwordContext(source.id)) : '';
}

async function checkReferences(db: Conn, patch: LdapSourcePatch): Promise<void> {
  const fields: Record<string, string[]> = {};
  for (const field of ['user_property_mappings', 'group_property_mappings'] as const) {
    const wanted = [...new Set(patch[field] ?? [])];
    if (wanted.length === 0) continue;
    const rows = await db
      .selectFrom('property_mappings')
      .select(['uuid', 'type'])
      .where('uuid', 'in', wanted)
      .execute();
    const found = new Map(rows.map((r) => [r.uuid, r.type]));
    const problems = wanted.flatMap((uuid) => {
      const type = found.get(uuid);
      if (type === undefined) return [`Invalid pk "${uuid}" - object does not exist.`];
      if (type !== LDAP_MAPPING_TYPE)
        return [`Mapping "${uuid}" is a ${type} mapping; choose an LDAP source property mapping.`];
      return [];
    });
    if (problems.length > 0) fields[field] = problems;
  }
  const parent = patch.settings?.sync_parent_group;
  if (parent) {
    const row = await db
      .selectFrom('groups')
      .select('id')
      .where('group_uuid', '=', parent)
      .executeTakeFirst();
    if (!row) fields.sync_parent_group = [`Invalid pk "${parent}" - object does not exist.`];
  }
  if (Object.keys(fields).length > 0) throw new DirectoryValidationError(fields);
}

async function replaceMappings(
  trx: Transaction<Database>,
  sourceId: number,
  kind: 'user' | 'group',
  uuids: string[],
) {
  await trx
    .deleteFrom('source_mappings')
    .where('source_id', '=', sourceId)
    .where('kind', '=', kind)
    .execute();
  const unique = [...new Set(uuids)];
  if (unique.length > 0) {
    await trx
      .insertInto('source_mappings')
      .values(unique.map((mapping_uuid) => ({ source_id: sourceId, mapping_uuid, kind })))
      .execute();
  }
}

function conflict(error: unknown, input: { name?: string; slug?: string }): never {
  if (!isUniqueViolation(error)) throw error;
  const message = String((error as Error).message);
  if (/slug/.test(message) && input.slug !== undefined)
    throw DirectoryValidationError.field('slug', 'LDAP Source with this slug already exists.');
  throw DirectoryValidationError.field('name', 'LDAP Source with this name already exists.');
}

const auditModel = (s: { uuid: string; name: string }) => ({
  app: 'conduit.sources.ldap',
  model_name: 'ldapsource',
  pk: s.uuid,
  name: s.name,
});

/** Create a source (mappings and parent group must exist). */
export async function createLdapSource(
  db: Kysely<Database>,
  box: SecretBox,
  input: LdapSourceInput,
  actor: Actor,
): Promise<LdapSource> {
  await checkReferences(db, input);
  const now = nowIso();
  const settings: LdapSourceSettings = { ...DEFAULT_LDAP_SETTINGS, ...input.settings };
  try {
    const id = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('ldap_sources')
        .values({
          uuid: uuidv4(),
          slug: input.slug,
          name: input.name,
          enabled: input.enabled ?? true,
          settings: writeJson(settings),
          bind_password: null,
          connectivity: null,
          created_at: now,
          updated_at: now,
        })
        .returning(['id', 'uuid'])
        .executeTakeFirstOrThrow();
      if (input.bind_password) {
        await trx
          .updateTable('ldap_sources')
          .set({ bind_password: box.seal(input.bind_password, passwordContext(row.id)) })
          .where('id', '=', row.id)
          .execute();
      }
      await replaceMappings(trx, row.id, 'user', input.user_property_mappings ?? []);
      await replaceMappings(trx, row.id, 'group', input.group_property_mappings ?? []);
      await auditModelChange(trx, 'model_created', auditModel({ uuid: row.uuid, name: input.name }), actor);
      return row.id;
    });
    return (await findLdapSourceById(db, id)) as LdapSource;
  } catch (error) {
    return conflict(error, input);
  }
}

/** Update a source; fields left undefined keep their value, an empty bind password keeps the stored one. */
export async function updateLdapSource(
  db: Kysely<Database>,
  box: SecretBox,
  slug: string,
  patch: LdapSourcePatch,
  actor: Actor,
): Promise<LdapSource> {
  const before = await getLdapSource(db, slug);
  await checkReferences(db, patch);
  const settings: LdapSourceSettings = { ...before.settings, ...(patch.settings ?? {}) };
  // A different server or bind name makes the last connectivity answer stale.
  const endpointChanged =
    settings.server_uri !== before.settings.server_uri || settings.bind_cn !== before.settings.bind_cn;
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('ldap_sources')
        .set({
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.slug !== undefined && { slug: patch.slug }),
          ...(patch.enabled !== undefined && { enabled: patch.enabled }),
          settings: writeJson(settings),
          ...(patch.bind_password && {
            bind_password: box.seal(patch.bind_password, passwordContext(before.id)),
          }),
          ...((endpointChanged || patch.bind_password) && { connectivity: null }),
          updated_at: nowIso(),
        })
        .where('id', '=', before.id)
        .execute();
      if (patch.user_property_mappings !== undefined)
        await replaceMappings(trx, before.id, 'user', patch.user_property_mappings);
      if (patch.group_property_mappings !== undefined)
        await replaceMappings(trx, before.id, 'group', patch.group_property_mappings);
      await auditModelChange(
        trx,
        'model_updated',
        auditModel({ uuid: before.uuid, name: patch.name ?? before.name }),
        actor,
      );
    });
  } catch (error) {
    return conflict(error, patch);
  }
  return (await findLdapSourceById(db, before.id)) as LdapSource;
}

/** Delete a source. The users and groups it made stay in the directory, no longer connected. */
export async function deleteLdapSource(db: Kysely<Database>, slug: string, actor: Actor): Promise<void> {
  const source = await getLdapSource(db, slug);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('ldap_sources').where('id', '=', source.id).execute();
    await auditModelChange(trx, 'model_deleted', auditModel(source), actor);
  });
}

/** Store the answer of a connectivity check (authentik's `connectivity`). */
export async function saveConnectivity(
  db: Conn,
  sourceId: number,
  connectivity: Record<string, Record<string, string>>,
): Promise<void> {
  await db
    .updateTable('ldap_sources')
    .set({ connectivity: writeJson(connectivity) })
    .where('id', '=', sourceId)
    .execute();
}
