/** Tables of the directory's sources (LDAP), part of `Database` in `schema.ts`. */

// biome-ignore lint/suspicious/noEmptyInterface: filled in with the LDAP source tables.
export interface SourceTables {}
