/**
 * Where a directory user came from: the LDAP source that created it (from authentik's
 * `/api/v3/sources/user_connections/ldap/?user=<pk>`), or nothing for users made in Conduit.
 */
export function UserSourceLabel(_props: { userPk: number }) {
  return null;
}
