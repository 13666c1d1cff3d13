/** GET /metrics: Prometheus text exposition (issue 18) (being filled in). */
import type { FastifyInstance } from 'fastify';
import type { ApiContext } from './context.js';

export async function metricsRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  void app;
  void ctx;
}
