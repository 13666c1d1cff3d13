/** The tenant's Entra data model as Conduit sees it: extension properties, subscribed SKUs (issue 16) (being filled in). */
import type { FastifyInstance } from 'fastify';
import type { ApiContext } from './context.js';

export async function entraModelRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  void app;
  void ctx;
}
