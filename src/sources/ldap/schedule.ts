/** When a source's scheduled sync is due: `sync_interval_minutes` after its last run started. */
import type { LdapSource } from './source-records.js';
import type { SourceRun } from './sync-runs.js';

/** The time the next scheduled sync is due, or null (disabled, or on demand only). */
export function nextScheduledSync(
  source: Pick<LdapSource, 'enabled' | 'settings' | 'created'>,
  lastRun: SourceRun | null,
): Date | null {
  const minutes = source.settings.sync_interval_minutes;
  if (!source.enabled || minutes <= 0) return null;
  // A new source syncs on the first tick; afterwards every interval after the last start.
  if (!lastRun) return new Date(source.created);
  return new Date(Date.parse(lastRun.started) + minutes * 60_000);
}
