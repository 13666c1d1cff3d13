/**
 * One page of property mappings of a provider type, for the admin API's list: every filter, the
 * order and the count in SQL (the engine reads mappings with `listStoredMappings`).
 */
import { type Kysely, sql } from 'kysely';
import { containsText, fetchPage, type Page, type PageRequest } from '../directory/paging.js';
import type { DialectName } from '../store/dialect.js';
import type { Database } from '../store/schema.js';
import { listStoredMappings, type StoredMapping } from './mapping-records.js';

/** What to list. */
export interface MappingListQuery extends PageRequest {
  /** The provider type the mappings are for, e.g. `microsoft_entra`. */
  type: string;
  /** Only managed mappings with one of these keys. */
  managed?: string[];
  /** true: only hand-written mappings; false: only managed ones. */
  managed_isnull?: boolean;
  /** Exactly this name. */
  name?: string;
  /** In the name (any case) or in the expression (exact case). */
  search?: string;
  /** `managed`: managed mappings first, by key; otherwise by name. */
  ordering?: string;
}

/** The page of mappings the query asks for, with the count of all that match. */
export async function listMappingPage(
  db: Kysely<Database>,
  dialect: DialectName,
  query: MappingListQuery,
): Promise<Page<StoredMapping>> {
  let base = db.selectFrom('property_mappings').where('type', '=', query.type);
  if (query.managed) base = base.where('managed', 'in', query.managed.length > 0 ? query.managed : ['']);
  if (query.managed_isnull !== undefined)
    base = base.where('managed', query.managed_isnull ? 'is' : 'is not', null);
  if (query.name !== undefined) base = base.where('name', '=', query.name);
  const search = query.search;
  if (search) {
    // The expression is matched case-sensitively: LIKE ignores case on SQLite.
    const inExpression =
      dialect === 'sqlite'
        ? sql<boolean>`instr(expression, ${search}) > 0`
        : sql<boolean>`strpos(expression, ${search}) > 0`;
    base = base.where(({ or }) => or([containsText('name', search), inExpression]));
  }
  const byManaged = query.ordering === 'managed';
  const { rows, count } = await fetchPage(
    base,
    (q) =>
      q
        .select('uuid')
        .$if(byManaged, (o) => o.orderBy(sql`managed is null`).orderBy('managed'))
        .orderBy('name')
        .orderBy('uuid'),
    query,
  );
  // The page's mappings read as the engine reads them, put back in the page's order.
  const uuids = rows.map((r) => r.uuid);
  const mappings = rows.length > 0 ? await listStoredMappings(db, { uuids }) : [];
  const byUuid = new Map(mappings.map((m) => [m.pk, m]));
  return {
    results: uuids.map((uuid) => byUuid.get(uuid)).filter((m): m is StoredMapping => m !== undefined),
    count,
    page: query.page,
    page_size: query.page_size,
  };
}
