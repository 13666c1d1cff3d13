/**
 * `/api/v3/events/events/`: the audit log, read-only. Events are written in the transaction of
 * the change they record (see `src/directory/changes.ts`); the API never creates or edits them.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type AuditLogEntry,
  EVENT_RETENTION_MS,
  getEvent,
  listEventActions,
  listEvents,
} from '../directory/events.js';
import { requireSuperuser } from './auth.js';
import type { ApiContext } from './context.js';
import { jsonObject, listQuery, queryList, text, typeCreateSchema } from './core-fields.js';
import { paginated, toEnvelope } from './pagination.js';

/** The actions Conduit records, with the labels authentik gives them. */
const KNOWN_ACTIONS: Record<string, string> = {
  login: 'Login',
  login_failed: 'Login failed',
  logout: 'Logout',
  password_set: 'Password set',
  secret_rotate: 'Secret rotate',
  model_created: 'Model created',
  model_updated: 'Model updated',
  model_deleted: 'Model deleted',
  configuration_error: 'Configuration error',
  configuration_warning: 'Configuration warning',
  system_task_execution: 'System task execution',
  system_task_exception: 'System task exception',
  system_exception: 'System exception',
  property_mapping_exception: 'Property mapping exception',
  suspicious_request: 'Suspicious request',
  provider_endpoints_changed: 'Provider endpoints changed',
};

export const eventSchema = z.object({
  pk: z.string(),
  user: jsonObject,
  action: z.string(),
  app: z.string(),
  context: jsonObject,
  client_ip: z.string().nullable(),
  created: z.string(),
  expires: z.string(),
  brand: jsonObject,
  /** Conduit's addition to authentik's shape: identical events within a window share one entry. */
  repeat_count: z.number().int().min(1),
  /** When the last repeat happened (null for a single event). */
  last_seen: z.string().nullable(),
});

function toEvent(entry: AuditLogEntry): z.infer<typeof eventSchema> {
  return {
    pk: entry.id,
    user: entry.actor,
    action: entry.action,
    app: entry.app,
    context: entry.context,
    client_ip: entry.client_ip,
    created: entry.created,
    expires: new Date(Date.parse(entry.last_seen ?? entry.created) + EVENT_RETENTION_MS).toISOString(),
    brand: {},
    repeat_count: entry.repeat_count,
    last_seen: entry.last_seen,
  };
}

const listQuerySchema = z.object({
  ...listQuery,
  action: text(200).optional(),
  actions: queryList(text(200)).optional(),
  username: text(150).optional(),
  client_ip: text(100).optional(),
  context_model_app: text(200).optional(),
  context_model_name: text(200).optional(),
  context_model_pk: text(200).optional(),
});

export async function eventRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, dialect } = ctx.store;
  const onRequest = requireSuperuser(db);

  r.get(
    '/api/v3/events/events/',
    {
      onRequest,
      schema: { tags: ['events'], querystring: listQuerySchema, response: { 200: paginated(eventSchema) } },
    },
    async (request) => toEnvelope(await listEvents(db, dialect, request.query), toEvent),
  );

  r.get(
    '/api/v3/events/events/actions/',
    { onRequest, schema: { tags: ['events'], response: { 200: z.array(typeCreateSchema) } } },
    async () => {
      const actions = [...new Set([...Object.keys(KNOWN_ACTIONS), ...(await listEventActions(db))])].sort();
      return actions.map((action) => ({
        name: KNOWN_ACTIONS[action] ?? action,
        description: action,
        component: '',
        model_name: '',
        requires_enterprise: false,
        deprecated: false,
      }));
    },
  );

  r.get(
    '/api/v3/events/events/:event_uuid/',
    {
      onRequest,
      schema: {
        tags: ['events'],
        params: z.object({ event_uuid: text(100) }),
        response: { 200: eventSchema },
      },
    },
    async (request) => toEvent(await getEvent(db, request.params.event_uuid)),
  );
}
