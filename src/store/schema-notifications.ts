/** Tables of migration 0010 (notification transports, rules, deliveries and local notifications (issue 18).), part of `Database` in `schema.ts`. */

// biome-ignore lint/suspicious/noEmptyInterface: filled in as the migration gains tables.
export interface NotificationTables {}
