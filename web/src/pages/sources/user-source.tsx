/**
 * Where a directory user came from: the LDAP source that created it (from authentik's
 * `/api/v3/sources/user_connections/ldap/?user=<pk>`), or nothing for users made in Conduit.
 */
import { Link } from 'react-router';
import { useUserLdapConnection } from '../../api/sources.js';

export function UserSourceLabel({ userPk }: { userPk: number }) {
  const connection = useUserLdapConnection(userPk);
  const source = connection.data?.source_obj;
  if (!source) return null;
  return (
    <span>
      Source: <Link to={`/sources/ldap/${encodeURIComponent(source.slug)}`}>{source.name}</Link>
    </span>
  );
}
