/** Every route module of the admin API, in registration order. */
import { coreRoutes, type RouteModule } from './core-routes.js';

export const apiRoutes: RouteModule[] = [...coreRoutes];
