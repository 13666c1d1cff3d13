/** What every route module receives: storage and the services behind the API. */

import type { JobQueue } from '../jobs/job-queue.js';
import type { Store } from '../store/database.js';
import type { SecretBox } from '../store/secret-box.js';
import type { SyncService } from './sync-service.js';

export interface ApiContext {
  store: Store;
  secrets: SecretBox;
  /** The sync engine and job queue behind the routes; a route that needs an absent one answers 503 or empty. */
  services: ApiServices;
}

/**
 * Hooks into the sync engine and job queue, filled in by `src/app.ts`. Each is optional: the
 * directory routes run without any (as in an API-only test), and each route says what it does
 * when one is missing.
 */
export interface ApiServices {
  /**
   * The sync engine: provider sync actions, plans, connection tests and the provider defaults.
   * Without it those routes answer 503.
   */
  sync?: SyncService;
  /**
   * The job queue of this process (also `sync.queue`), for routes that enqueue work (a full sync,
   * confirmed deletions, an LDAP source's `source.ldap.sync`) and for the jobs page. Null or absent
   * when no queue runs here: the jobs page is then empty and enqueuing routes answer 503.
   */
  queue?: JobQueue | null;
  /** Wake the outbox relay after a write, so direct sync starts at once instead of on the next poll. */
  notifyChange?: () => void;
}
