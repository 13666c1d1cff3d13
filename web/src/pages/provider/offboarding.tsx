/** Pending staged offboardings: suspended users due for deletion, cancel or do now (being filled in, issue 14). */
import type { EntraProvider } from '../../api/types.js';

export function PendingOffboardings({ provider }: { provider: EntraProvider }) {
  return <div data-provider={provider.pk} />;
}
