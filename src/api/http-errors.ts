/**
 * One error handler for the whole API. Every failure answers in authentik's shapes:
 * validation → 400 `{field: [messages]}` (`non_field_errors` for the body as a whole),
 * missing object → 404 `{detail}`, authentication → 403 `{detail}`, and anything unexpected →
 * 500 `{detail}` with the request id, logged with its stack (never the stack in the response).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DirectoryNotFoundError, DirectoryValidationError } from '../directory/errors.js';

/** A 4xx answer with a body in authentik's shape. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: Record<string, unknown>,
  ) {
    super(typeof body.detail === 'string' ? body.detail : JSON.stringify(body));
  }

  static notFound(): ApiError {
    return new ApiError(404, { detail: 'No object matches the given query.' });
  }

  static validation(fields: Record<string, string[]>): ApiError {
    return new ApiError(400, fields);
  }

  static forbidden(detail = 'You do not have permission to perform this action.'): ApiError {
    return new ApiError(403, { detail });
  }
}

function zodFieldErrors(
  issues: ReadonlyArray<{
    instancePath?: string;
    message?: string;
    params?: { issue?: { path?: PropertyKey[]; message?: string } };
  }>,
) {
  const fields: Record<string, string[]> = {};
  for (const issue of issues) {
    const path = issue.params?.issue?.path ?? issue.instancePath?.split('/').filter(Boolean) ?? [];
    const key = path.length > 0 ? path.map(String).join('.') : 'non_field_errors';
    const message = issue.params?.issue?.message ?? issue.message ?? 'Invalid value.';
    fields[key] = [...(fields[key] ?? []), message];
  }
  return fields;
}

/**
 * Install the error and not-found handlers. With `spaIndexHtml`, GET requests outside `/api/` and
 * `/-/` that match no route get the web UI's page (client-side routing); API paths still get 404.
 */
export function installErrorHandler(app: FastifyInstance, options: { spaIndexHtml?: string } = {}): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.status(400).send(zodFieldErrors(error.validation));
    }
    if (error instanceof ApiError) return reply.status(error.statusCode).send(error.body);
    if (error instanceof DirectoryValidationError) return reply.status(400).send(error.fields);
    if (error instanceof DirectoryNotFoundError) return reply.status(404).send({ detail: error.message });
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply.status(400).send({ non_field_errors: [`JSON parse error - ${error.message}`] });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply
        .status(415)
        .send({ detail: `Unsupported media type "${request.headers['content-type'] ?? ''}" in request.` });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return reply.status(413).send({ detail: 'Request body is too large.' });
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ detail: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ detail: 'Internal server error.', request_id: request.id });
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (
      options.spaIndexHtml &&
      request.method === 'GET' &&
      !path.startsWith('/api/') &&
      !path.startsWith('/-/')
    ) {
      return reply.type('text/html').send(options.spaIndexHtml);
    }
    return reply.status(404).send({ detail: `Not found: ${request.method} ${path}` });
  });
}
