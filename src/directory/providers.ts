/**
 * Read access to providers as the directory sees them: their type, name, and which application
 * uses them as main or backchannel provider. Creating and configuring a provider belongs to its
 * type's module (e.g. `src/providers/entra`); this module knows nothing type-specific.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../store/schema.js';
import { DirectoryNotFoundError } from './errors.js';
import { likePattern, type Page, type PageRequest, pageOffset } from './paging.js';

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

export async function listProviderSummaries(
  db: Kysely<Database>,
  query: ProviderListQuery,
): Promise<Page<ProviderSummary>> {
  let base = db.selectFrom('providers');
  if (query.search)
    base = base.where(sql<boolean>`lower(name) like ${likePattern(query.search.toLowerCase())} escape '\\'`);
  if (query.types) base = base.where('type', 'in', query.types.length > 0 ? query.types : ['']);
  if (query.application_isnull !== undefined) {
    const used = db.selectFrom('applications').select('provider_id').where('provider_id', 'is not', null);
    base = base.where('id', query.application_isnull ? 'not in' : 'in', used);
  }
  const descending = query.ordering?.startsWith('-') ?? false;
  const key = (query.ordering ?? 'name').replace(/^-/, '');
  const column = key === 'pk' ? 'id' : key === 'type' ? 'type' : 'name';
  const [rows, total] = await Promise.all([
    base
      .select(['id', 'name', 'type', 'backchannel_application_uuid'])
      .orderBy(column, descending ? 'desc' : 'asc')
      .orderBy('id')
      .limit(query.page_size)
      .offset(pageOffset(query))
      .execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    results: await summarise(db, rows),
    count: Number(total.n),
    page: query.page,
    page_size: query.page_size,
  };
}
