/** LDAP sources, shaped as authentik's `/api/v3/sources/ldap/` (docs/admin/ldap-sources.md). */
import type { RouteModule } from './core-routes.js';

export const ldapSourceRoutes: RouteModule = async () => {};
