/**
 * Column groups that several migrations add in the same way. Each returns a step for Kysely's
 * `CreateTableBuilder.$call`, so a table's columns still read top to bottom in the order they are
 * created. A released migration's SQL must never change (see migrations.ts): change a helper here
 * only by adding a new one.
 */
import type { CreateTableBuilder, Kysely } from 'kysely';
import type { columnTypes, DialectName } from './dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run before (and independently of) the typed schema.
export type AnyDb = Kysely<any>;
// biome-ignore lint/suspicious/noExplicitAny: the schema builder's table types are open during migration.
export type Table = CreateTableBuilder<string, any>;
type ColumnTypes = ReturnType<typeof columnTypes>;

/** An auto-increment integer primary key: SQLite's AUTOINCREMENT, PostgreSQL's identity column. */
export function serialId(table: Table, dialect: DialectName, name = 'id'): Table {
  return dialect === 'sqlite'
    ? table.addColumn(name, 'integer', (c) => c.primaryKey().autoIncrement())
    : table.addColumn(name, 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity());
}

/**
 * A required reference to the row this one belongs to (`target` as `table.column`): deleting that
 * row deletes this one.
 */
export function belongsTo(name: string, target: string, type: 'integer' | 'text' = 'integer') {
  return (table: Table): Table =>
    table.addColumn(name, type, (c) => c.notNull().references(target).onDelete('cascade'));
}

/** The required `created_at` and `updated_at` timestamps of a row that is edited in place. */
export function createdAndUpdated(t: ColumnTypes) {
  return (table: Table): Table =>
    table
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull());
}

/** A run's progress: objects to handle and handled, counts by outcome, and the error that ended it. */
export function runProgress(t: ColumnTypes) {
  return (table: Table): Table =>
    table
      .addColumn('total', 'integer', (c) => c.notNull())
      .addColumn('done', 'integer', (c) => c.notNull())
      .addColumn('counts', t.json, (c) => c.notNull())
      .addColumn('error', 'text');
}

/** A run's clock: when it started, its last heartbeat (a stale one means its worker died), its end. */
export function runClock(t: ColumnTypes) {
  return (table: Table): Table =>
    table
      .addColumn('started_at', t.timestamp, (c) => c.notNull())
      .addColumn('heartbeat_at', t.timestamp, (c) => c.notNull())
      .addColumn('finished_at', t.timestamp);
}

/** A plain (non-unique) index on `columns` of `table`, for the lookups that name its columns. */
export async function createPlainIndex(
  db: AnyDb,
  name: string,
  table: string,
  columns: string[],
): Promise<void> {
  await db.schema.createIndex(name).on(table).columns(columns).execute();
}

/**
 * A table that assigns property mappings, by kind, to their owner (a provider or a source): both
 * sides cascade, and one mapping is assigned once per owner and kind (`primaryKey`'s columns).
 */
export async function createMappingAssignments(
  db: AnyDb,
  table: string,
  owner: { column: string; target: string },
  primaryKey: string[],
): Promise<void> {
  await db.schema
    .createTable(table)
    .$call(belongsTo(owner.column, owner.target))
    .$call(belongsTo('mapping_uuid', 'property_mappings.uuid', 'text'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint(`${table}_pk`, primaryKey)
    .execute();
}
