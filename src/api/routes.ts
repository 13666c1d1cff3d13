/** Every route module of the admin API, in registration order. */
import { coreRoutes, type RouteModule } from './core-routes.js';
import { csvImportRoutes } from './csv-import.js';
import { jobRoutes } from './jobs.js';
import { propertyMappingRoutes } from './property-mappings.js';
import { entraHeldDeletionRoutes } from './providers-entra.held.js';
import { entraProviderRoutes } from './providers-entra.js';
import { entraLinkRoutes } from './providers-entra.links.js';
import { entraProviderRunRoutes } from './providers-entra.runs.js';
import { entraProviderSyncRoutes } from './providers-entra.sync.js';
import { ldapSourceRoutes } from './sources-ldap.js';

export const apiRoutes: RouteModule[] = [
  ...coreRoutes,
  entraProviderRoutes,
  entraProviderSyncRoutes,
  entraProviderRunRoutes,
  entraHeldDeletionRoutes,
  entraLinkRoutes,
  propertyMappingRoutes,
  jobRoutes,
  ldapSourceRoutes,
  csvImportRoutes,
];
