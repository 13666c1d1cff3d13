/** Builds the HTTP server: the admin API under /api/v3/, health checks, the OpenAPI document and the web UI. */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ApiContext } from './context.js';
import { installErrorHandler } from './http-errors.js';
import { sessionRoutes } from './session.js';

export interface ServerOptions {
  logLevel?: string;
  /** Extra route modules registered after the core ones (sync, provider, mapping routes). */
  routes?: Array<(app: FastifyInstance, ctx: ApiContext) => Promise<void>>;
  /** The built web UI (web/dist), served at `/` with client-side routing. */
  webRoot?: string;
  /** The documentation folder, served at `/docs/`. */
  docsRoot?: string;
}

const REDACT = ['req.headers.authorization', 'req.headers.cookie', '*.client_secret', '*.password', '*.key'];

export async function buildServer(ctx: ApiContext, options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'silent', redact: REDACT },
    genReqId: (req) => (req.headers['x-request-id'] as string | undefined) ?? randomUUID(),
    bodyLimit: 1024 * 1024,
    trustProxy: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const webIndex = options.webRoot ? join(options.webRoot, 'index.html') : null;
  installErrorHandler(app, {
    spaIndexHtml: webIndex && existsSync(webIndex) ? readFileSync(webIndex, 'utf8') : undefined,
  });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Conduit',
        version: '0.1.0',
        description: 'Conduit admin API (authentik-compatible where it mirrors authentik)',
      },
      servers: [{ url: '/' }],
      components: { securitySchemes: { authentik: { type: 'http', scheme: 'bearer' } } },
      security: [{ authentik: [] }],
    },
    transform: jsonSchemaTransform,
  });

  app.get('/-/health/live/', async (_request, reply) => reply.status(204).send());
  app.get('/-/health/ready/', async (_request, reply) => {
    try {
      await ctx.store.db.selectFrom('settings').select('key').limit(1).execute();
      return reply.status(204).send();
    } catch {
      return reply.status(503).send({ detail: 'database unavailable' });
    }
  });

  await sessionRoutes(app, ctx);
  for (const register of options.routes ?? []) await register(app, ctx);

  app.get('/api/v3/schema/', { schema: { hide: true } }, async () => app.swagger());

  if (options.docsRoot && existsSync(options.docsRoot)) {
    await app.register(fastifyStatic, { root: options.docsRoot, prefix: '/docs/', decorateReply: false });
  }
  if (webIndex && existsSync(webIndex)) {
    await app.register(fastifyStatic, { root: options.webRoot as string, prefix: '/', wildcard: false });
  }
  return app;
}
