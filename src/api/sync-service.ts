/** What the provider routes need from the sync engine and job queue; supplied by `src/app.ts`. */
import type { JobQueue } from '../jobs/job-queue.js';
import type { ConnectionReport } from '../providers/entra/graph-client.js';
import type { EntraCloud } from '../providers/entra/settings.js';
import type { SyncDeps } from '../sync/session.js';

export interface ProviderDefaults {
  cloud: EntraCloud;
  login_url: string | null;
  graph_url: string | null;
  /** The built-in emulator tenant of the demo, to show beside the form. */
  demo_tenant?: { tenant_id: string; client_id: string; client_secret: string; domain: string } | null;
}

export interface SyncService {
  deps: SyncDeps;
  queue: JobQueue | null;
  defaults: ProviderDefaults;
  /**
   * The Graph write rate a provider's writes are paced to, per app + tenant (CONDUIT_GRAPH_WRITES_PER_SECOND,
   * else 95 % of Graph's 20 writes/s): a running full sync's write estimate goes by it.
   */
  writesPerSecond?: number;
  testConnection(providerId: number): Promise<ConnectionReport>;
}
