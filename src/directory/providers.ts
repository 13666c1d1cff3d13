/**
 * Read access to providers as the directory sees them: their type, name, and which application
 * uses them as main or backchannel provider. Creating and configuring a provider belongs to its
 * type's module (e.g. `src/providers/entra`); this module knows nothing type-specific.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DialectName } from '../store/dialect.js';
import type { Database } from '../store/schema.js';
import { DirectoryNotFoundError } from './errors.js';
import { containsText, fetchPage, orderingOf, type Page, type PageRequest } from './paging.js';

type Conn = Kysely<Database> | Transaction<Database>;

export interface ProviderSummary {
  pk: number;
  name: string;
  /** Provider type, e.g. `microsoft_entra`. */
  type: string;
  /** UUIDs of the user property mappings of the provider. */
  property_mappings: string[];
  /** The application using this provider as its main provider, if any. */
  application: { slug: string; name: string } | null;
  /** The application using this provider as a backchannel provider, if any. */
  backchannel_application: { slug: string; name: string } | null;
}

export interface ProviderListQuery extends PageRequest {
  search?: string;
  /** true: only providers no application uses as main provider; false: only those one does. */
  application_isnull?: boolean;
  /** Only providers of these types (e.g. the backchannel-only types). */
  types?: string[];
  ordering?: string;
}

async function summarise(
  db: Conn,
  rows: Array<{ id: number; name: string; type: string; backchannel_application_uuid: string | null }>,
): Promise<ProviderSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [mains, backchannels, mappings] = await Promise.all([
    db
      .selectFrom('applications')
      .select(['provider_id', 'slug', 'name'])
      .where('provider_id', 'in', ids)
      .orderBy('slug')
      .execute(),
    db
      .selectFrom('applications')
      .select(['uuid', 'slug', 'name'])
      .where(
        'uuid',
        'in',
        rows
          .map((r) => r.backchannel_application_uuid)
          .filter((u): u is string => u !== null)
          .concat(['']),
      )
      .execute(),
    db
      .selectFrom('provider_mappings')
      .select(['provider_id', 'mapping_uuid'])
      .where('provider_id', 'in', ids)
      .where('kind', '=', 'user')
      .execute(),
  ]);
  return rows.map((r) => {
    const main = mains.find((a) => a.provider_id === r.id);
    const backchannel = backchannels.find((a) => a.uuid === r.backchannel_application_uuid);
    return {
      pk: r.id,
      name: r.name,
      type: r.type,
      property_mappings: mappings.filter((m) => m.provider_id === r.id).map((m) => m.mapping_uuid),
      application: main ? { slug: main.slug, name: main.name } : null,
      backchannel_application: backchannel ? { slug: backchannel.slug, name: backchannel.name } : null,
    };
  });
}

export async function getProviderSummary(db: Conn, pk: number): Promise<ProviderSummary> {
  const row = await db
    .selectFrom('providers')
    .select(['id', 'name', 'type', 'backchannel_application_uuid'])
    .where('id', '=', pk)
    .executeTakeFirst();
  if (!row) throw new DirectoryNotFoundError('provider', pk);
  const [summary] = await summarise(db, [row]);
  return summary as ProviderSummary;
}

/** Summaries of the given providers, in the order of `pks` (unknown pks are skipped). */
export async function providerSummaries(db: Conn, pks: number[]): Promise<ProviderSummary[]> {
  if (pks.length === 0) return [];
  const rows = await db
    .selectFrom('providers')
    .select(['id', 'name', 'type', 'backchannel_application_uuid'])
    .where('id', 'in', pks)
    .execute();
  const summaries = await summarise(db, rows);
  return pks
    .map((pk) => summaries.find((s) => s.pk === pk))
    .filter((s): s is ProviderSummary => s !== undefined);
}

const PROVIDER_ORDERING: ReadonlyMap<string, 'id' | 'name' | 'type'> = new Map([
  ['pk', 'id'],
  ['name', 'name'],
  ['type', 'type'],
] as const);

export async function listProviderSummaries(
  db: Kysely<Database>,
  query: ProviderListQuery,
): Promise<Page<ProviderSummary>> {
  let base = db.selectFrom('providers');
  if (query.search) base = base.where(containsText('name', query.search));
  if (query.types) base = base.where('type', 'in', query.types.length > 0 ? query.types : ['']);
  if (query.application_isnull !== undefined) {
    const used = db.selectFrom('applications').select('provider_id').where('provider_id', 'is not', null);
    base = base.where('id', query.application_isnull ? 'not in' : 'in', used);
  }
  const order = orderingOf(query.ordering, PROVIDER_ORDERING, 'name');
  const { rows, count } = await fetchPage(
    base,
    (q) =>
      q
        .select(['id', 'name', 'type', 'backchannel_application_uuid'])
        .orderBy(order.column, order.direction)
        .orderBy('id'),
    query,
  );
  return {
    results: await summarise(db, rows),
    count,
    page: query.page,
    page_size: query.page_size,
  };
}

/** Which providers of one type to list: every filter is applied in SQL, and the page counted there. */
export interface ProviderIdQuery extends PageRequest {
  type: string;
  /** Exactly this name. */
  name?: string;
  /** Part of the name, case-insensitive. */
  search?: string;
  /** Only providers filtering on the group with this UUID. */
  filter_group_uuid?: string;
  /** Boolean settings (type-specific, stored in `settings`) that must have these values; absent counts as false. */
  flags?: Record<string, boolean>;
}

/** One page of provider ids of a type, in name order, with the count of all that match. */
export async function listProviderIds(
  db: Kysely<Database>,
  dialect: DialectName,
  query: ProviderIdQuery,
): Promise<Page<number>> {
  let base = db.selectFrom('providers').where('type', '=', query.type);
  if (query.name !== undefined) base = base.where('name', '=', query.name);
  if (query.search) base = base.where(containsText('name', query.search));
  if (query.filter_group_uuid !== undefined) {
    const group = db.selectFrom('groups').select('id').where('group_uuid', '=', query.filter_group_uuid);
    base = base.where('filter_group_id', 'in', group);
  }
  for (const [key, value] of Object.entries(query.flags ?? {})) {
    base = base.where(
      dialect === 'sqlite'
        ? sql<boolean>`coalesce(json_extract(settings, ${`$.${key}`}), 0) = ${value ? 1 : 0}`
        : sql<boolean>`coalesce((settings->>${key})::boolean, false) = ${value}`,
    );
  }
  const { rows, count } = await fetchPage(base, (q) => q.select('id').orderBy('name').orderBy('id'), query);
  return {
    results: rows.map((r) => r.id),
    count,
    page: query.page,
    page_size: query.page_size,
  };
}
