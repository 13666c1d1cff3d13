/** Notification transports and rules, shaped as authentik's /api/v3/events/transports/ and /events/rules/ (issue 18) (being filled in). */
import type { FastifyInstance } from 'fastify';
import type { ApiContext } from './context.js';

export async function notificationRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  void app;
  void ctx;
}
