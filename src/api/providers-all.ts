/**
 * `/api/v3/providers/all/`: every provider, whatever its type, in authentik's `Provider` shape.
 * Type-specific endpoints (e.g. `providers/microsoft_entra/`) live with their provider type.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { getProviderSummary, listProviderSummaries } from '../directory/providers.js';
import { adminRoutes } from './admin-routes.js';
import type { ApiContext } from './context.js';
import { listQuery, pkParam, typeCreateSchema } from './core-fields.js';
import { PROVIDER_TYPES, providerSchema, toProvider } from './core-shapes.js';
import { paginated, queryBoolean, toEnvelope } from './pagination.js';

const listQuerySchema = z.object({
  ...listQuery,
  application__isnull: queryBoolean.optional(),
  /** true: only backchannel providers (types that only sync); false: none of them. */
  backchannel: queryBoolean.optional(),
});

export async function providerAllRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const { r, db, onRequest } = adminRoutes(app, ctx);

  r.get(
    '/api/v3/providers/all/',
    {
      onRequest,
      schema: {
        tags: ['providers'],
        querystring: listQuerySchema,
        response: { 200: paginated(providerSchema) },
      },
    },
    async (request) => {
      const { backchannel, application__isnull, ...query } = request.query;
      const types =
        backchannel === undefined
          ? undefined
          : Object.entries(PROVIDER_TYPES)
              .filter(([, info]) => info.backchannel_only === backchannel)
              .map(([type]) => type);
      return toEnvelope(
        await listProviderSummaries(db, { ...query, types, application_isnull: application__isnull }),
        toProvider,
      );
    },
  );

  r.get(
    '/api/v3/providers/all/types/',
    { onRequest, schema: { tags: ['providers'], response: { 200: z.array(typeCreateSchema) } } },
    async () =>
      Object.values(PROVIDER_TYPES).map((info) => ({
        name: info.name,
        description: info.description,
        component: info.component,
        model_name: info.meta_model_name.split('.')[1] ?? info.meta_model_name,
        requires_enterprise: false,
        deprecated: false,
      })),
  );

  r.get(
    '/api/v3/providers/all/:id/',
    {
      onRequest,
      schema: { tags: ['providers'], params: z.object({ id: pkParam }), response: { 200: providerSchema } },
    },
    async (request) => toProvider(await getProviderSummary(db, request.params.id)),
  );
}
