/** The provider's changelog: audit events of the provider and its mappings, with field diffs (being filled in, issue 18). */
import type { EntraProvider } from '../../api/types.js';

export function ProviderChangelog({ provider }: { provider: EntraProvider }) {
  return <div data-provider={provider.pk} />;
}
