/** Builds the HTTP server: the admin API under /api/v3/, health checks, the OpenAPI document and the web UI. */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiContext } from './context.js';
import { noContent } from './core-fields.js';
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
  /** Which proxies' X-Forwarded-* headers to believe (CONDUIT_TRUST_PROXY); default none. */
  trustProxy?: boolean | number | string[];
}

/**
 * The Content-Security-Policy of every response. The UI is one bundle from this origin: scripts
 * and connections stay same-origin; PatternFly sets inline styles, so styles allow them; images
 * are same-origin or data: URIs only, so rendered help or planted Markdown cannot load (and
 * beacon to) remote images; no page may frame Conduit (clickjacking).
 * No `upgrade-insecure-requests`: Conduit is also reached over plain http on a LAN address, where
 * upgraded requests would fail. https://developer.mozilla.org/docs/Web/HTTP/Headers/Content-Security-Policy
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
} as const;

const REDACT = ['req.headers.authorization', 'req.headers.cookie', '*.client_secret', '*.password', '*.key'];

/**
 * fastify's `trustProxy` for CONDUIT_TRUST_PROXY. A hop count becomes the function fastify builds
 * for one itself (trust the first `n` hops), which its type declarations do not accept as a number.
 */
function trustProxySetting(
  value: ServerOptions['trustProxy'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof value === 'number') return (_address, hop) => hop < value;
  return value ?? false;
}

export async function buildServer(ctx: ApiContext, options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'silent', redact: REDACT },
    genReqId: (req) => (req.headers['x-request-id'] as string | undefined) ?? randomUUID(),
    bodyLimit: 1024 * 1024,
    trustProxy: trustProxySetting(options.trustProxy),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const webIndex = options.webRoot ? join(options.webRoot, 'index.html') : null;
  installErrorHandler(app, {
    spaIndexHtml: webIndex && existsSync(webIndex) ? readFileSync(webIndex, 'utf8') : undefined,
  });
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: 'deny' },
    // HSTS belongs to whoever terminates TLS: sent from here it would pin https on a host name that
    // may also serve other things over plain http.
    strictTransportSecurity: false,
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

  const health = { tags: ['health'] };
  const live = { schema: { ...health, response: { 204: noContent } } };
  app.get('/-/health/live/', live, async (_request, reply) => reply.status(204).send(null));
  const ready = {
    schema: { ...health, response: { 204: noContent, 503: z.object({ detail: z.string() }) } },
  };
  app.get('/-/health/ready/', ready, async (_request, reply) => {
    try {
      await ctx.store.db.selectFrom('settings').select('key').limit(1).execute();
      return reply.status(204).send(null);
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
