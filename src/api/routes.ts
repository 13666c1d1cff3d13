/** Every route module of the admin API, in registration order. */

import { configAsCodeRoutes } from './config-as-code.js';
import { coreRoutes, type RouteModule } from './core-routes.js';
import { csvImportRoutes } from './csv-import.js';
import { notificationRoutes } from './events-notifications.js';
import { jobRoutes } from './jobs.js';
import { metricsRoutes } from './metrics.js';
import { propertyMappingRoutes } from './property-mappings.js';
import { entraHeldDeletionRoutes } from './providers-entra.held.js';
import { entraProviderRoutes } from './providers-entra.js';
import { entraLinkRoutes } from './providers-entra.links.js';
import { entraModelRoutes } from './providers-entra.model.js';
import { entraOffboardingRoutes } from './providers-entra.offboarding.js';
import { entraProviderRunRoutes } from './providers-entra.runs.js';
import { entraScopingRoutes } from './providers-entra.scoping.js';
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
  entraScopingRoutes,
  entraOffboardingRoutes,
  entraModelRoutes,
  notificationRoutes,
  configAsCodeRoutes,
  metricsRoutes,
];
