/**
 * `/api/v3/providers/microsoft_entra/:id/sync/held_deletions/`: deletions held above the
 * provider's deletion threshold, and the administrator's decision on them (confirm: each is sent
 * as a `sync.delete` job; discard: the remote objects stay in Entra ID, no longer linked).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deletionSyncJob } from '../jobs/job-specs.js';
import { confirmHeldDeletions, discardHeldDeletions } from '../sync/held-deletion-decisions.js';
import { listHeldDeletions } from '../sync/held-deletions.js';
import { actorOf, requireSuperuser } from './auth.js';
import type { ApiContext } from './context.js';
import {
  ENTRA_PROVIDERS_PATH,
  loadEntraProvider,
  providerIdParams,
  requireQueue,
} from './providers-entra.common.js';
import { heldDeletionResponse, presentHeldDeletion } from './providers-entra.shapes.js';

const heldListResponse = z.object({
  count: z.number(),
  /** The provider's deletion threshold: more deletions than this in one sync are held. */
  threshold: z.number(),
  results: z.array(heldDeletionResponse),
});

/** The held-deletion routes of the Entra provider. */
export async function entraHeldDeletionRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;
  const guard = { onRequest: requireSuperuser(db) };
  const base = `${ENTRA_PROVIDERS_PATH}/:id/sync/held_deletions`;
  const tags = ['providers'];

  r.get(
    `${base}/`,
    { ...guard, schema: { tags, params: providerIdParams, response: { 200: heldListResponse } } },
    async (request) => {
      const view = await loadEntraProvider(db, request.params.id);
      const held = await listHeldDeletions(db, view.provider.id);
      return {
        count: held.length,
        threshold: view.provider.settings.deletion_threshold,
        results: held.map(presentHeldDeletion),
      };
    },
  );

  r.post(
    `${base}/confirm/`,
    {
      ...guard,
      schema: { tags, params: providerIdParams, response: { 202: z.object({ confirmed: z.number() }) } },
    },
    async (request, reply) => {
      const { provider } = await loadEntraProvider(db, request.params.id);
      const queue = requireQueue(ctx);
      const confirmed = await confirmHeldDeletions(db, provider, actorOf(request), (trx, held) =>
        queue.addJobs(
          trx,
          held.map((h) =>
            deletionSyncJob({
              providerId: provider.id,
              type: h.objectType,
              remoteId: h.remoteId,
              label: h.label,
              confirmed: true,
            }),
          ),
        ),
      );
      queue.wake();
      return reply.status(202).send({ confirmed });
    },
  );

  r.post(
    `${base}/discard/`,
    {
      ...guard,
      schema: { tags, params: providerIdParams, response: { 200: z.object({ discarded: z.number() }) } },
    },
    async (request) => {
      const { provider } = await loadEntraProvider(db, request.params.id);
      return { discarded: await discardHeldDeletions(db, provider, actorOf(request)) };
    },
  );
}
