/** Directory › Federation and Social login: the LDAP sources that feed the directory. */
import { NotFoundPage } from '../not-found.js';

export function SourcesPage() {
  return <NotFoundPage />;
}

export function LdapSourcePage() {
  return <NotFoundPage />;
}
