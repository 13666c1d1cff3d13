/** Every route module of the admin API, in registration order. */
import { coreRoutes, type RouteModule } from './core-routes.js';
import { jobRoutes } from './jobs.js';
import { propertyMappingRoutes } from './property-mappings.js';
import { entraProviderRoutes } from './providers-entra.js';
import { entraLinkRoutes } from './providers-entra-links.js';

export const apiRoutes: RouteModule[] = [
  ...coreRoutes,
  entraProviderRoutes,
  entraLinkRoutes,
  propertyMappingRoutes,
  jobRoutes,
];
