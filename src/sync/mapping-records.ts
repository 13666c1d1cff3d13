/** Stored property mappings, and the managed defaults that are created (or updated) at start. */
import type { Kysely, Transaction } from 'kysely';
import { v4 as uuidv4 } from 'uuid';
import { managedMappings } from '../mappings/index.js';
import { nowIso, readTime } from '../store/dialect.js';
import type { Database } from '../store/schema.js';

type Conn = Kysely<Database> | Transaction<Database>;

export interface StoredMapping {
  pk: string;
  name: string;
  type: string;
  expression: string;
  managed: string | null;
  created: string;
  updated: string;
}

export async function listStoredMappings(
  db: Conn,
  filter: { uuids?: string[]; managed?: string[]; type?: string } = {},
): Promise<StoredMapping[]> {
  let q = db.selectFrom('property_mappings').selectAll();
  if (filter.uuids)
    q = filter.uuids.length > 0 ? q.where('uuid', 'in', filter.uuids) : q.where('uuid', '=', '');
  if (filter.managed && filter.managed.length > 0) q = q.where('managed', 'in', filter.managed);
  if (filter.type) q = q.where('type', '=', filter.type);
  const rows = await q.orderBy('name').execute();
  return rows.map((r) => ({
    pk: r.uuid,
    name: r.name,
    type: r.type,
    expression: r.expression,
    managed: r.managed,
    created: readTime(r.created_at),
    updated: readTime(r.updated_at),
  }));
}

/**
 * Create the managed default mappings, or bring their name and expression up to date when the
 * definitions changed. Idempotent, and safe to run from several processes at once.
 */
export async function ensureManagedMappings(db: Kysely<Database>): Promise<void> {
  for (const m of managedMappings) await upsertManagedMapping(db, m, 'microsoft_entra');
}

/**
 * Create one managed mapping of the given type, or bring its name and expression up to date.
 * Idempotent, and safe from several processes at once (a concurrent insert is left as it is).
 */
export async function upsertManagedMapping(
  db: Kysely<Database>,
  mapping: { managed: string; name: string; expression: string },
  type: string,
): Promise<void> {
  const existing = await db
    .selectFrom('property_mappings')
    .select(['uuid', 'name', 'expression'])
    .where('managed', '=', mapping.managed)
    .executeTakeFirst();
  const now = nowIso();
  if (!existing) {
    await db
      .insertInto('property_mappings')
      .values({
        uuid: uuidv4(),
        name: mapping.name,
        type,
        expression: mapping.expression,
        managed: mapping.managed,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  } else if (existing.expression !== mapping.expression || existing.name !== mapping.name) {
    await db
      .updateTable('property_mappings')
      .set({ name: mapping.name, expression: mapping.expression, updated_at: now })
      .where('uuid', '=', existing.uuid)
      .execute();
  }
}

export async function managedMappingUuid(db: Conn, managed: string): Promise<string | null> {
  const row = await db
    .selectFrom('property_mappings')
    .select('uuid')
    .where('managed', '=', managed)
    .executeTakeFirst();
  return row?.uuid ?? null;
}
