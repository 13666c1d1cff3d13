/**
 * The admin API's routes, as registered: a route module that records every route added after it
 * (fastify's `onRoute` hook), so suites cover routes that later modules add without listing them.
 */
import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../../src/api/context.js';

export interface RegisteredRoute {
  method: string;
  /** fastify's URL pattern, e.g. `/api/v3/core/users/:id/`. */
  url: string;
}

/** A route module to register first; `routes` fills as the following modules register theirs. */
export function routeRecorder(): {
  module: (app: FastifyInstance, ctx: ApiContext) => Promise<void>;
  routes: RegisteredRoute[];
} {
  const routes: RegisteredRoute[] = [];
  return {
    routes,
    module: async (app) => {
      app.addHook('onRoute', (options) => {
        const methods = Array.isArray(options.method) ? options.method : [options.method];
        for (const method of methods) routes.push({ method: String(method).toUpperCase(), url: options.url });
      });
    },
  };
}

/** Fill a route pattern's parameters, by name (`{id: '3'}`), with `fallback` for any other. */
export function fillRoute(url: string, values: Record<string, string>, fallback = '1'): string {
  return url.replace(/:([A-Za-z_]+)/g, (_m, name: string) => encodeURIComponent(values[name] ?? fallback));
}
