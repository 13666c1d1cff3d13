/** What every superuser-only route module starts from. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireSuperuser } from './auth.js';
import type { ApiContext } from './context.js';

/**
 * The zod-typed app to register routes on, the database, the superuser guard (`onRequest`) and
 * `notify`, which wakes the outbox relay after a directory write (direct sync starts at once).
 */
export function adminRoutes(app: FastifyInstance, ctx: ApiContext) {
  const db = ctx.store.db;
  return {
    r: app.withTypeProvider<ZodTypeProvider>(),
    db,
    onRequest: requireSuperuser(db),
    notify: () => ctx.services.notifyChange?.(),
  };
}
