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
import { runSourceSync } from './ldap-sync.js';
import { nextScheduledSync } from './schedule.js';
import { findLdapSourceById, listLdapSources } from './source-records.js';
import { isLive, latestSourceRun } from './sync-runs.js';

/** Payload of a `source.ldap.sync` job. */
export interface LdapSyncPayload {
  sourceId: number;
  /** `manual` for "sync now"; scheduled when absent. */
  trigger?: 'schedule' | 'manual';
  /** Apply deletions above the mass-deletion limit (an administrator confirmed them). */
  confirmDeletions?: boolean;
}

/** What an LDAP source sync needs from the process. */
export interface LdapSyncDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  secrets: SecretBox;
  logger: Logger;
  /** The clock, controllable in tests. */
  now?: () => Date;
  /** Wake the outbox relay after directory writes, so the providers follow at once. */
  notifyChange?: () => void;
}

/**
 * Run one sync of the source; throw to have the job retried. A source that is gone or disabled is
 * skipped; an LDAP server that cannot be read ends the run as an error (recorded, not retried:
 * the next scheduled run tries again), so a wrong password does not hammer the server.
 */
export async function runLdapSourceSync(deps: LdapSyncDeps, payload: LdapSyncPayload): Promise<void> {
  const source = await findLdapSourceById(deps.db, payload.sourceId);
  if (!source?.enabled) {
    deps.logger.info(
      { sourceId: payload.sourceId },
      'LDAP source sync skipped: the source is gone or disabled',
    );
    return;
  }
  await runSourceSync(deps, source, {
    trigger: payload.trigger ?? 'schedule',
    confirmDeletions: payload.confirmDeletions === true,
  });
}

/** The sources whose scheduled sync is due at `now` (enqueued with job key `source.ldap.sync:<id>`). */
export async function dueLdapSourceSyncs(db: Kysely<Database>, now: Date): Promise<LdapSyncPayload[]> {
  const due: LdapSyncPayload[] = [];
  for (const source of await listLdapSources(db)) {
    const latest = await latestSourceRun(db, source.id);
    if (latest && isLive(latest, now)) continue;
    const next = nextScheduledSync(source, latest);
    if (next && next.getTime() <= now.getTime()) due.push({ sourceId: source.id, trigger: 'schedule' });
  }
  return due;
}
