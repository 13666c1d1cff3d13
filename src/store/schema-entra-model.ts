/** Tables of migration 0014 (the Entra data model: managed references, licences, owners, guests (issue 16).), part of `Database` in `schema.ts`. */

// biome-ignore lint/suspicious/noEmptyInterface: filled in as the migration gains tables.
export interface EntraModelTables {}
