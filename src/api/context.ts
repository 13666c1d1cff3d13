/** What every route module receives: storage and the services behind the API. */

import type { Store } from '../store/database.js';
import type { SecretBox } from '../store/secret-box.js';

export interface ApiContext {
  store: Store;
  secrets: SecretBox;
  /** Services added by later layers (sync, jobs); routes check for what they need. */
  services: ApiServices;
}

/** Hooks into the sync engine and job queue; filled in by `src/server.ts`. */
export interface ApiServices {
  /** Wake the outbox relay after a write, so direct sync starts at once instead of on the next poll. */
  notifyChange?: () => void;
  [name: string]: unknown;
}
