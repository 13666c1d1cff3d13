/**
 * Test-only shim for a server bug (reported to the server's owner): `buildServer` calls
 * `setNotFoundHandler` for the SPA fallback after `installErrorHandler` already set one, and
 * Fastify refuses a second handler on the same prefix, so Conduit cannot start once `web/dist`
 * exists. Until that is fixed in `src/api/server.ts`, the UI tests drop the first (API-only)
 * handler; the SPA fallback answers unknown `/api/` paths with the same 404 body.
 *
 * Used as `vi.mock('../../src/api/http-errors.js', () => import('./server-shim.js').then((m) => m.patchedHttpErrors()))`.
 */
import type { FastifyInstance } from 'fastify';

export async function patchedHttpErrors() {
  const original = await import('../../src/api/http-errors.js');
  return {
    ...original,
    installErrorHandler(app: FastifyInstance) {
      let skipped = false;
      const proxy = new Proxy(app, {
        get(target, prop, receiver) {
          if (prop === 'setNotFoundHandler' && !skipped) {
            skipped = true;
            return () => target;
          }
          const value = Reflect.get(target, prop, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      original.installErrorHandler(proxy);
    },
  };
}
