/**
 * The LDAP source's background work, as the job queue sees it: one `source.ldap.sync` job per
 * source run (scheduled or "sync now"), and which sources are due on the scheduler's tick.
 * The job wiring (src/jobs) calls these two functions and nothing else of the LDAP source.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DialectName } from '../../store/dialect.js';
import type { Database } from '../../store/schema.js';
import type { SecretBox } from '../../store/secret-box.js';

/** Payload of a `source.ldap.sync` job. */
export interface LdapSyncPayload {
  sourceId: number;
}

/** What an LDAP source sync needs from the process. */
export interface LdapSyncDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  secrets: SecretBox;
  logger: Logger;
  /** The clock, controllable in tests. */
  now?: () => Date;
}

/** Run one sync of the source; throw to have the job retried. */
export async function runLdapSourceSync(_deps: LdapSyncDeps, _payload: LdapSyncPayload): Promise<void> {
  // Filled in with the LDAP source sync (src/sources/ldap).
}

/** The sources whose scheduled sync is due at `now` (enqueued with job key `source.ldap.sync:<id>`). */
export async function dueLdapSourceSyncs(_db: Kysely<Database>, _now: Date): Promise<LdapSyncPayload[]> {
  return [];
}
