/** Tables of migration 0011 (held changes of every kind and prevented actions (issue 14).), part of `Database` in `schema.ts`. */

// biome-ignore lint/suspicious/noEmptyInterface: filled in as the migration gains tables.
export interface HeldChangeTables {}
