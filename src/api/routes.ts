/** Every route module of the admin API, in registration order. */
import { coreRoutes, type RouteModule } from './core-routes.js';
import { csvImportRoutes } from './csv-import.js';
import { jobRoutes } from './jobs.js';
import { propertyMappingRoutes } from './property-mappings.js';
import { entraProviderRoutes } from './providers-entra.js';
import { entraLinkRoutes } from './providers-entra-links.js';
import { ldapSourceRoutes } from './sources-ldap.js';

export const apiRoutes: RouteModule[] = [
  ...coreRoutes,
  entraProviderRoutes,
  entraLinkRoutes,
  propertyMappingRoutes,
  jobRoutes,
  ldapSourceRoutes,
  csvImportRoutes,
];
