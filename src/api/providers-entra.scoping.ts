/** Scoping preview: who a rule or filter change brings into or takes out of a provider's scope (issue 14) (being filled in). */
import type { FastifyInstance } from 'fastify';
import type { ApiContext } from './context.js';

export async function entraScopingRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  void app;
  void ctx;
}
