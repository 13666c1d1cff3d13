/** The directory's route modules (core/users, core/groups, core/applications, core/tokens, events, providers/all). */
import type { FastifyInstance } from 'fastify';
import type { ApiContext } from './context.js';

export type RouteModule = (app: FastifyInstance, ctx: ApiContext) => Promise<void>;

export const coreRoutes: RouteModule[] = [];
