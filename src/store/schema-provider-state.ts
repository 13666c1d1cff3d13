/** Tables of migration 0012 (staged offboarding, pause and quarantine state (issue 14).), part of `Database` in `schema.ts`. */

// biome-ignore lint/suspicious/noEmptyInterface: filled in as the migration gains tables.
export interface ProviderStateTables {}
