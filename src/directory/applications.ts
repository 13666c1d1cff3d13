/**
 * Applications. An application may have one main provider and any number of backchannel providers;
 * a provider is a backchannel of at most one application (`providers.backchannel_application_uuid`).
 * A backchannel provider only syncs while it is assigned, so assignments emit a `provider.assigned` change.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { v4 as uuidv4 } from 'uuid';
import { isUniqueViolation, nowIso, readBool } from '../store/dialect.js';
import type { ApplicationsTable, Database } from '../store/schema.js';
import { auditModelChange, emitProviderAssignment } from './changes.js';
import { DirectoryNotFoundError, DirectoryValidationError } from './errors.js';
import { containsText, fetchPage, orderingOf, type Page, type PageRequest } from './paging.js';
import type { Actor, Application } from './types.js';

type Db = Kysely<Database>;
type Conn = Db | Transaction<Database>;

export interface ApplicationInput {
  name: string;
  slug: string;
  provider?: number | null;
  backchannel_providers?: number[];
  group?: string;
  meta_launch_url?: string;
  meta_description?: string;
  meta_publisher?: string;
  meta_icon?: string | null;
  open_in_new_tab?: boolean;
  policy_engine_mode?: 'all' | 'any';
}

export type ApplicationPatch = Partial<ApplicationInput>;

export interface ApplicationListQuery extends PageRequest {
  search?: string;
  name?: string;
  slug?: string;
  group?: string;
  meta_description?: string;
  meta_launch_url?: string;
  meta_publisher?: string;
  ordering?: string;
}

export const SLUG_PATTERN = /^[-a-zA-Z0-9_]+$/;

function toApplication(row: Selectable<ApplicationsTable>, backchannel: number[]): Application {
  return {
    uuid: row.uuid,
    slug: row.slug,
    name: row.name,
    provider: row.provider_id,
    backchannel_providers: backchannel,
    group: row.group,
    meta_launch_url: row.meta_launch_url,
    meta_description: row.meta_description,
    meta_publisher: row.meta_publisher,
    meta_icon: row.meta_icon,
    open_in_new_tab: readBool(row.open_in_new_tab),
    policy_engine_mode: row.policy_engine_mode === 'all' ? 'all' : 'any',
  };
}

async function backchannelsOf(db: Conn, uuids: string[]): Promise<Map<string, number[]>> {
  const result = new Map<string, number[]>(uuids.map((u) => [u, []]));
  if (uuids.length === 0) return result;
  const rows = await db
    .selectFrom('providers')
    .select(['id', 'backchannel_application_uuid'])
    .where('backchannel_application_uuid', 'in', uuids)
    .orderBy('id')
    .execute();
  for (const r of rows) result.get(r.backchannel_application_uuid as string)?.push(r.id);
  return result;
}

async function rowBySlug(db: Conn, slug: string): Promise<Selectable<ApplicationsTable>> {
  const row = await db.selectFrom('applications').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!row) throw new DirectoryNotFoundError('application', slug);
  return row;
}

export async function getApplication(db: Conn, slug: string): Promise<Application> {
  const row = await rowBySlug(db, slug);
  return toApplication(row, (await backchannelsOf(db, [row.uuid])).get(row.uuid) ?? []);
}

/** `ordering` values and their columns. */
const APPLICATION_ORDERING: ReadonlyMap<string, 'name' | 'slug' | 'group'> = new Map([
  ['name', 'name'],
  ['slug', 'slug'],
  ['group', 'group'],
] as const);

export async function listApplications(db: Db, query: ApplicationListQuery): Promise<Page<Application>> {
  let base = db.selectFrom('applications');
  if (query.search) {
    const search = query.search;
    base = base.where(({ or }) => or([containsText('name', search), containsText('slug', search)]));
  }
  if (query.name !== undefined) base = base.where('name', '=', query.name);
  if (query.slug !== undefined) base = base.where('slug', '=', query.slug);
  if (query.group !== undefined) base = base.where('group', '=', query.group);
  if (query.meta_description !== undefined)
    base = base.where('meta_description', '=', query.meta_description);
  if (query.meta_launch_url !== undefined) base = base.where('meta_launch_url', '=', query.meta_launch_url);
  if (query.meta_publisher !== undefined) base = base.where('meta_publisher', '=', query.meta_publisher);
  const order = orderingOf(query.ordering, APPLICATION_ORDERING, 'name');
  const { rows, count } = await fetchPage(
    base,
    (q) => q.selectAll().orderBy(order.column, order.direction).orderBy('slug'),
    query,
  );
  const backchannels = await backchannelsOf(
    db,
    rows.map((r) => r.uuid),
  );
  return {
    results: rows.map((r) => toApplication(r, backchannels.get(r.uuid) ?? [])),
    count,
    page: query.page,
    page_size: query.page_size,
  };
}

function validateSlug(slug: string | undefined): void {
  if (slug !== undefined && !SLUG_PATTERN.test(slug)) {
    throw DirectoryValidationError.field(
      'slug',
      'Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.',
    );
  }
}

async function validateProviders(trx: Transaction<Database>, field: string, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await trx.selectFrom('providers').select('id').where('id', 'in', ids).execute();
  const missing = ids.find((id) => !rows.some((r) => r.id === id));
  if (missing !== undefined)
    throw DirectoryValidationError.field(field, `Invalid pk "${missing}" - object does not exist.`);
}

async function assignBackchannels(
  trx: Transaction<Database>,
  appUuid: string,
  providerIds: number[],
  actor: Actor,
): Promise<void> {
  const current = (await backchannelsOf(trx, [appUuid])).get(appUuid) ?? [];
  const wanted = new Set(providerIds);
  for (const id of current) {
    if (wanted.has(id)) continue;
    await trx
      .updateTable('providers')
      .set({ backchannel_application_uuid: null })
      .where('id', '=', id)
      .execute();
    await emitProviderAssignment(trx, id, null, actor);
  }
  for (const id of wanted) {
    if (current.includes(id)) continue;
    await trx
      .updateTable('providers')
      .set({ backchannel_application_uuid: appUuid })
      .where('id', '=', id)
      .execute();
    await emitProviderAssignment(trx, id, appUuid, actor);
  }
}

/** A provider is the main provider of at most one application (a one-to-one link, as in authentik). */
async function ensureProviderFree(
  trx: Transaction<Database>,
  providerId: number | null | undefined,
  appUuid: string | null,
): Promise<void> {
  if (providerId == null) return;
  let query = trx.selectFrom('applications').select(['slug']).where('provider_id', '=', providerId);
  if (appUuid !== null) query = query.where('uuid', '!=', appUuid);
  const other = await query.executeTakeFirst();
  if (other)
    throw DirectoryValidationError.field(
      'provider',
      `This provider is already the provider of application "${other.slug}".`,
    );
}

function slugConflict(error: unknown, slug: string | undefined): never {
  if (isUniqueViolation(error))
    throw DirectoryValidationError.field('slug', `Application with this slug "${slug}" already exists.`);
  throw error;
}

export async function createApplication(db: Db, input: ApplicationInput, actor: Actor): Promise<Application> {
  validateSlug(input.slug);
  try {
    return await db.transaction().execute(async (trx) => {
      await validateProviders(trx, 'provider', input.provider != null ? [input.provider] : []);
      await ensureProviderFree(trx, input.provider, null);
      await validateProviders(trx, 'backchannel_providers', input.backchannel_providers ?? []);
      const now = nowIso();
      const uuid = uuidv4();
      await trx
        .insertInto('applications')
        .values({
          uuid,
          slug: input.slug,
          name: input.name,
          provider_id: input.provider ?? null,
          group: input.group ?? '',
          meta_launch_url: input.meta_launch_url ?? '',
          meta_description: input.meta_description ?? '',
          meta_publisher: input.meta_publisher ?? '',
          meta_icon: input.meta_icon ?? null,
          open_in_new_tab: input.open_in_new_tab ?? false,
          policy_engine_mode: input.policy_engine_mode ?? 'any',
          created_at: now,
          updated_at: now,
        })
        .execute();
      await assignBackchannels(trx, uuid, input.backchannel_providers ?? [], actor);
      const app = await getApplication(trx, input.slug);
      await auditModelChange(
        trx,
        'model_created',
        { app: 'conduit_core', model_name: 'application', pk: uuid, name: app.name },
        actor,
      );
      return app;
    });
  } catch (error) {
    return slugConflict(error, input.slug);
  }
}

export async function updateApplication(
  db: Db,
  slug: string,
  patch: ApplicationPatch,
  actor: Actor,
): Promise<Application> {
  validateSlug(patch.slug);
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await rowBySlug(trx, slug);
      if (patch.provider != null) await validateProviders(trx, 'provider', [patch.provider]);
      await ensureProviderFree(trx, patch.provider, row.uuid);
      if (patch.backchannel_providers)
        await validateProviders(trx, 'backchannel_providers', patch.backchannel_providers);
      const current = toApplication(row, (await backchannelsOf(trx, [row.uuid])).get(row.uuid) ?? []);
      // A save that changes nothing writes nothing: no audit event claiming an update.
      if (!applicationPatchChanges(current, patch)) return current;
      await trx
        .updateTable('applications')
        .set({
          ...(patch.slug !== undefined && { slug: patch.slug }),
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.provider !== undefined && { provider_id: patch.provider }),
          ...(patch.group !== undefined && { group: patch.group }),
          ...(patch.meta_launch_url !== undefined && { meta_launch_url: patch.meta_launch_url }),
          ...(patch.meta_description !== undefined && { meta_description: patch.meta_description }),
          ...(patch.meta_publisher !== undefined && { meta_publisher: patch.meta_publisher }),
          ...(patch.meta_icon !== undefined && { meta_icon: patch.meta_icon }),
          ...(patch.open_in_new_tab !== undefined && { open_in_new_tab: patch.open_in_new_tab }),
          ...(patch.policy_engine_mode !== undefined && { policy_engine_mode: patch.policy_engine_mode }),
          updated_at: nowIso(),
        })
        .where('uuid', '=', row.uuid)
        .execute();
      if (patch.backchannel_providers !== undefined)
        await assignBackchannels(trx, row.uuid, patch.backchannel_providers, actor);
      const app = await getApplication(trx, patch.slug ?? slug);
      await auditModelChange(
        trx,
        'model_updated',
        { app: 'conduit_core', model_name: 'application', pk: row.uuid, name: app.name },
        actor,
      );
      return app;
    });
  } catch (error) {
    return slugConflict(error, patch.slug);
  }
}

/** Whether applying `patch` would change the application or its backchannel providers. */
function applicationPatchChanges(current: Application, patch: ApplicationPatch): boolean {
  const { backchannel_providers: backchannels, ...fields } = patch;
  const changedField = (Object.keys(fields) as Array<keyof typeof fields>).some(
    (key) => fields[key] !== undefined && fields[key] !== current[key],
  );
  if (changedField) return true;
  if (backchannels === undefined) return false;
  const wanted = new Set(backchannels);
  return (
    wanted.size !== current.backchannel_providers.length ||
    current.backchannel_providers.some((id) => !wanted.has(id))
  );
}

export async function deleteApplication(db: Db, slug: string, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await rowBySlug(trx, slug);
    await assignBackchannels(trx, row.uuid, [], actor);
    await trx.deleteFrom('applications').where('uuid', '=', row.uuid).execute();
    await auditModelChange(
      trx,
      'model_deleted',
      { app: 'conduit_core', model_name: 'application', pk: row.uuid, name: row.name },
      actor,
    );
  });
}
