/**
 * The Entra provider's run history: its runs (newest first), one run with its results, and the
 * results of every run filtered by object or status. Filters and pages are applied in SQL
 * (`listRuns`, `listResults`).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getRun, listResults, listRuns } from '../sync/run-records.js';
import { requireSuperuser } from './auth.js';
import type { ApiContext } from './context.js';
import { pkParam, requiredText } from './core-fields.js';
import { ApiError } from './http-errors.js';
import { pageQuery, paginated, toEnvelope } from './pagination.js';
import { ENTRA_PROVIDERS_PATH, loadEntraProvider, providerIdParams } from './providers-entra.common.js';
import {
  presentResult,
  presentRun,
  resultResponse,
  resultStatusSchema,
  runResponse,
} from './providers-entra.shapes.js';

const pageOnly = { page: pageQuery.page, page_size: pageQuery.page_size };

/** The run-history routes of the Entra provider. */
export async function entraProviderRunRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;
  const guard = { onRequest: requireSuperuser(db) };
  const base = `${ENTRA_PROVIDERS_PATH}/:id/sync`;
  const tags = ['providers'];

  r.get(
    `${base}/runs/`,
    {
      ...guard,
      schema: {
        tags,
        params: providerIdParams,
        querystring: z.object(pageOnly),
        response: { 200: paginated(runResponse) },
      },
    },
    async (request) => {
      await loadEntraProvider(db, request.params.id);
      const { page, page_size } = request.query;
      const { runs, count } = await listRuns(db, request.params.id, page_size, (page - 1) * page_size);
      return toEnvelope({ results: runs, count, page, page_size }, presentRun);
    },
  );

  r.get(
    `${base}/runs/:run/`,
    {
      ...guard,
      schema: {
        tags,
        params: z.object({ id: pkParam.pipe(z.number().min(1)), run: requiredText(1024) }),
        querystring: z.object({ ...pageOnly, status: resultStatusSchema.optional() }),
        response: { 200: z.object({ run: runResponse, results: paginated(resultResponse) }) },
      },
    },
    async (request) => {
      const run = await getRun(db, request.params.run);
      if (!run || run.providerId !== request.params.id) throw ApiError.notFound();
      const { page, page_size, status } = request.query;
      const { results, count } = await listResults(
        db,
        { runId: run.id, status },
        page_size,
        (page - 1) * page_size,
      );
      return {
        run: presentRun(run),
        results: toEnvelope({ results, count, page, page_size }, presentResult),
      };
    },
  );

  r.get(
    `${base}/results/`,
    {
      ...guard,
      schema: {
        tags,
        params: providerIdParams,
        querystring: z.object({
          ...pageOnly,
          object_type: z.enum(['user', 'group']).optional(),
          object_id: pkParam.optional(),
          status: resultStatusSchema.optional(),
        }),
        response: { 200: paginated(resultResponse) },
      },
    },
    async (request) => {
      await loadEntraProvider(db, request.params.id);
      const { page, page_size, object_type, object_id, status } = request.query;
      const { results, count } = await listResults(
        db,
        { providerId: request.params.id, objectType: object_type, localId: object_id, status },
        page_size,
        (page - 1) * page_size,
      );
      return toEnvelope({ results, count, page, page_size }, presentResult);
    },
  );
}
