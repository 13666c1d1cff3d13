/**
 * `/api/v3/conduit/jobs/`: the job queue as an administrator needs it — counts, dead jobs (failed
 * every attempt) with their last error, and retrying one.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { JobQueue } from '../jobs/job-queue.js';
import { requireSuperuser } from './auth.js';
import type { ApiContext } from './context.js';
import { requiredText } from './core-fields.js';
import { ApiError } from './http-errors.js';

export async function jobRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const guard = { onRequest: requireSuperuser(ctx.store.db) };
  // A process that runs no queue (an API-only test harness) has no jobs: empty lists, unknown ids.
  const queue = () => (ctx.services.queue as JobQueue | null | undefined) ?? null;

  r.get('/api/v3/conduit/jobs/', { ...guard, schema: { tags: ['conduit'] } }, async () => {
    const q = queue();
    return { kind: q?.kind ?? null, counts: q ? await q.counts() : { pending: 0, running: 0, dead: 0 } };
  });

  r.get('/api/v3/conduit/jobs/dead/', { ...guard, schema: { tags: ['conduit'] } }, async () =>
    ((await queue()?.listDead()) ?? []).map((j) => ({
      id: j.id,
      task: j.task,
      payload: j.payload,
      queue_name: j.queueName,
      attempts: j.attempts,
      last_error: j.lastError,
      created: j.createdAt,
    })),
  );

  r.post(
    '/api/v3/conduit/jobs/:id/retry/',
    {
      ...guard,
      schema: {
        tags: ['conduit'],
        params: z.object({ id: z.string().regex(/^\d{1,18}$/, 'A job id is a number.') }),
      },
    },
    async (request, reply) => {
      if (!(await queue()?.retryDead(request.params.id))) throw ApiError.notFound();
      return reply.status(202).send({ detail: 'The job was scheduled to run again.' });
    },
  );
}
