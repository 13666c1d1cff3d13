/** Tables of migration 0013 (retention of run results and events, metrics state (issue 18).), part of `Database` in `schema.ts`. */

// biome-ignore lint/suspicious/noEmptyInterface: filled in as the migration gains tables.
export interface RetentionTables {}
