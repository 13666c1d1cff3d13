/** The directory's route modules (core/users, core/groups, core/applications, core/tokens, events, providers/all). */
import type { FastifyInstance } from 'fastify';
import type { ApiContext } from './context.js';
import { coreApplicationRoutes } from './core-applications.js';
import { coreGroupRoutes } from './core-groups.js';
import { coreTokenRoutes } from './core-tokens.js';
import { coreUserRoutes } from './core-users.js';
import { eventRoutes } from './events.js';
import { providerAllRoutes } from './providers-all.js';

export type RouteModule = (app: FastifyInstance, ctx: ApiContext) => Promise<void>;

export const coreRoutes: RouteModule[] = [
  coreUserRoutes,
  coreGroupRoutes,
  coreApplicationRoutes,
  coreTokenRoutes,
  eventRoutes,
  providerAllRoutes,
];
