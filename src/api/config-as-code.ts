/** Configuration as code through the API: export and apply one YAML document (issue 18) (being filled in). */
import type { FastifyInstance } from 'fastify';
import type { ApiContext } from './context.js';

export async function configAsCodeRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  void app;
  void ctx;
}
