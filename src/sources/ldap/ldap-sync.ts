/** One sync of an LDAP source into the directory (filled in next). */
import type { LdapSyncDeps } from './ldap-jobs.js';
import type { LdapSource } from './source-records.js';

export interface SourceSyncOptions {
  trigger: 'schedule' | 'manual';
  confirmDeletions: boolean;
}

export async function runSourceSync(
  _deps: LdapSyncDeps,
  _source: LdapSource,
  _options: SourceSyncOptions,
): Promise<void> {}
