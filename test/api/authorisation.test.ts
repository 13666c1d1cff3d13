/**
 * Every admin API route refuses anyone who is not an active superuser: anonymous callers get
 * 401/403, a valid token of an ordinary user gets 403. Routes are enumerated from the app itself
 * (every module of `apiRoutes`, plus the generated OpenAPI document), so a route added later is
 * covered without touching this file. Only the session login endpoints and the public OpenAPI
 * document are exempt.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../src/api/routes.js';
import { createToken } from '../../src/directory/tokens.js';
import { createUser } from '../../src/directory/users.js';
import { createTestApi, type TestApi } from '../support/api.js';
import { DIALECTS } from '../support/stores.js';
import { fillRoute, type RegisteredRoute, routeRecorder } from './registered-routes.js';

/**
 * The session login endpoints, and the OpenAPI document (registered by server.ts, public as in
 * authentik: it describes the contract, which `@goauthentik/api` publishes anyway).
 */
const EXEMPT = new Set(['/api/v3/conduit/session/', '/api/v3/schema/']);
const USER_TOKEN = 'ordinary-user-token-0123456789';
const EXPIRED_TOKEN = 'expired-admin-token-0123456789';

describe.each(DIALECTS)('authorisation of every admin API route on %s', (dialect) => {
  let api: TestApi;
  let routes: RegisteredRoute[] = [];

  beforeAll(async () => {
    const recorder = routeRecorder();
    api = await createTestApi(dialect, [recorder.module, ...apiRoutes]);
    const fromModules = recorder.routes.filter((r) => r.url.startsWith('/api/v3/'));
    // The OpenAPI document also lists routes registered outside `apiRoutes` (server.ts).
    const document = api.app.swagger() as { paths?: Record<string, Record<string, unknown>> };
    const fromDocument = Object.entries(document.paths ?? {})
      .filter(([path]) => path.startsWith('/api/v3/'))
      .flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => ({
          method: method.toUpperCase(),
          url: path.replace(/\{([^}]+)\}/g, ':$1'),
        })),
      );
    const seen = new Map<string, RegisteredRoute>();
    for (const route of [...fromModules, ...fromDocument]) {
      if (!EXEMPT.has(route.url)) seen.set(`${route.method} ${route.url}`, route);
    }
    routes = [...seen.values()];
    const user = await createUser(api.store.db, { username: 'mallory', name: 'Mallory' }, null);
    await createToken(
      api.store.db,
      { identifier: 'mallory-token', user: user.pk, key: USER_TOKEN, expiring: false },
      null,
    );
    await createToken(
      api.store.db,
      {
        identifier: 'expired-admin',
        user: api.adminPk,
        key: EXPIRED_TOKEN,
        expiring: true,
        expires: new Date(Date.now() - 1000).toISOString(),
      },
      null,
    );
  });
  afterAll(async () => api.close());

  function call(route: RegisteredRoute, headers: Record<string, string>) {
    const hasBody = route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH';
    return api.app.inject({
      method: route.method as 'GET',
      url: fillRoute(route.url, {}),
      headers: { ...headers, ...(hasBody && { 'content-type': 'application/json' }) },
      ...(hasBody && { payload: '{}' }),
    });
  }

  it('finds the routes of every module', () => {
    const urls = new Set(routes.map((r) => r.url));
    for (const url of [
      '/api/v3/core/users/',
      '/api/v3/core/users/:id/',
      '/api/v3/core/groups/:group_uuid/add_user/',
      '/api/v3/core/applications/:slug/',
      '/api/v3/core/tokens/:identifier/view_key/',
      '/api/v3/events/events/',
      '/api/v3/providers/all/',
    ]) {
      expect(urls).toContain(url);
    }
    expect(routes.length).toBeGreaterThan(30);
  });

  // A 400 here means the route validates its input before it authenticates: run the guard as an
  // `onRequest` hook (before body parsing and validation), not as a `preHandler`.
  const HINT = 'routes must authenticate in onRequest, before validation';

  it('refuses anonymous callers with 401 or 403 on every route', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const res = await call(route, {});
      if (res.statusCode !== 401 && res.statusCode !== 403)
        failures.push(`${route.method} ${route.url} → ${res.statusCode}`);
    }
    expect(failures, HINT).toEqual([]);
  });

  it('refuses a logged-in user who is not a superuser with 403 on every route', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const res = await call(route, { authorization: `Bearer ${USER_TOKEN}` });
      if (res.statusCode !== 403) failures.push(`${route.method} ${route.url} → ${res.statusCode}`);
    }
    expect(failures, HINT).toEqual([]);
  });

  it('refuses an expired superuser token and a malformed header on every route', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      for (const authorization of [`Bearer ${EXPIRED_TOKEN}`, 'Bearer', 'Basic YWRtaW46YWRtaW4=']) {
        const res = await call(route, { authorization });
        if (res.statusCode !== 401 && res.statusCode !== 403)
          failures.push(`${route.method} ${route.url} (${authorization}) → ${res.statusCode}`);
      }
    }
    expect(failures, HINT).toEqual([]);
  });

  it('refuses anonymous and non-admin callers before it looks at hostile input', async () => {
    const deep = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
    const hostile = [
      { query: '?ordering=constructor', payload: deep },
      { query: '?ordering=__proto__&search=%00', payload: JSON.stringify({ name: 'x'.repeat(200_000) }) },
    ];
    const failures: string[] = [];
    for (const route of routes) {
      const hasBody = route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH';
      for (const headers of [{}, { authorization: `Bearer ${USER_TOKEN}` }]) {
        for (const { query, payload } of hostile) {
          const res = await api.app.inject({
            method: route.method as 'GET',
            url: `${fillRoute(route.url, {})}${query}`,
            headers: { ...headers, ...(hasBody && { 'content-type': 'application/json' }) },
            ...(hasBody && { payload }),
          });
          if (res.statusCode !== 401 && res.statusCode !== 403)
            failures.push(`${route.method} ${route.url}${query} → ${res.statusCode}`);
        }
      }
    }
    expect(failures, HINT).toEqual([]);
  });

  it('admits the superuser (the refusals above are not a blanket 403)', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.method === 'GET' && !r.url.includes(':'))) {
      const res = await api.app.inject({ method: 'GET', url: route.url, headers: api.auth });
      if (res.statusCode === 401 || res.statusCode === 403)
        failures.push(`${route.method} ${route.url} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });
});
