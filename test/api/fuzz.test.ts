/**
 * Random bodies to every write endpoint of the admin API never produce a 5xx: whatever arrives is
 * either accepted or answered with a 4xx. Endpoints are enumerated from `apiRoutes`, so routes added
 * later are fuzzed too; path parameters point at real objects so handlers run past their lookups.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../src/api/routes.js';
import { createApplication } from '../../src/directory/applications.js';
import { createGroup } from '../../src/directory/groups.js';
import { createToken } from '../../src/directory/tokens.js';
import { createUser } from '../../src/directory/users.js';
import { createTestApi, type TestApi } from '../support/api.js';
import { DIALECTS } from '../support/stores.js';
import { fillRoute, type RegisteredRoute, routeRecorder } from './registered-routes.js';

/** Bounded for CI; raise with CONDUIT_FUZZ_RUNS to search harder. */
const RUNS_PER_ENDPOINT = Number(process.env.CONDUIT_FUZZ_RUNS ?? 30);
/** Printed with every failure; set CONDUIT_FUZZ_SEED to replay a run. */
const SEED = Number(process.env.CONDUIT_FUZZ_SEED ?? Date.now() % 2_147_483_647);
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);
/** Names every plain object inherits: as lookup keys they find functions, not columns. */
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);
/** Nested far past any depth limit: recursive walks of it overflow the stack. */
const DEEP_DEPTH = 50_000;
const deepObject = `${'{"a":'.repeat(DEEP_DEPTH)}1${'}'.repeat(DEEP_DEPTH)}`;
const deepArray = `${'['.repeat(DEEP_DEPTH)}${']'.repeat(DEEP_DEPTH)}`;
/** Login is rate-limited and covered by its own suite. */
const SKIP = new Set(['/api/v3/conduit/session/']);

/** Field names the admin API's request bodies use: random bodies mix them with arbitrary keys. */
const FIELDS = [
  'username',
  'name',
  'email',
  'is_active',
  'groups',
  'roles',
  'attributes',
  'path',
  'type',
  'last_login',
  'is_superuser',
  'parents',
  'users',
  'pk',
  'slug',
  'provider',
  'backchannel_providers',
  'open_in_new_tab',
  'meta_launch_url',
  'meta_icon',
  'meta_description',
  'meta_publisher',
  'policy_engine_mode',
  'group',
  'identifier',
  'intent',
  'user',
  'description',
  'expires',
  'expiring',
  'managed',
  'key',
  'password',
  'create_group',
  'client_id',
  'client_secret',
  'tenant_id',
  'filter_group',
  'property_mappings',
];

const awkwardString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '%',
    '_',
    '\\',
    "'; drop table users; --",
    'x'.repeat(5000),
    'admin',
    'internal',
    'api',
  ),
  fc.uuid(),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);
const awkwardNumber = fc.oneof(
  fc.integer(),
  fc.constantFrom(
    0,
    -1,
    1,
    2,
    2_147_483_647,
    2_147_483_648,
    -2_147_483_649,
    Number.MAX_SAFE_INTEGER,
    1e300,
    0.5,
  ),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  awkwardString,
  awkwardNumber,
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(awkwardString, awkwardNumber), { maxLength: 4 }),
  fc.dictionary(awkwardString, fc.oneof(awkwardString, awkwardNumber, fc.constant(null)), { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);
const smallNumber = fc.oneof(awkwardNumber, fc.integer({ min: 1, max: 5 }));
const isoDate = fc.oneof(
  fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }).map((d) => d.toISOString()),
  awkwardString,
);
/** Bodies whose fields mostly have the right types, so that validation passes and handlers run. */
const typedBody = fc.record(
  {
    username: awkwardString,
    name: awkwardString,
    email: fc.oneof(fc.emailAddress(), awkwardString),
    is_active: fc.boolean(),
    is_superuser: fc.boolean(),
    groups: fc.array(fc.uuid(), { maxLength: 3 }),
    parents: fc.array(fc.uuid(), { maxLength: 3 }),
    roles: fc.array(fc.uuid(), { maxLength: 1 }),
    users: fc.array(smallNumber, { maxLength: 3 }),
    attributes: fc.dictionary(awkwardString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    path: awkwardString,
    type: fc.constantFrom('internal', 'external', 'service_account', 'internal_service_account', 'robot'),
    last_login: fc.oneof(isoDate, fc.constant(null)),
    pk: smallNumber,
    slug: fc.oneof(fc.stringMatching(/^[-a-z0-9_]{1,20}$/), awkwardString),
    provider: fc.oneof(smallNumber, fc.constant(null)),
    backchannel_providers: fc.array(smallNumber, { maxLength: 3 }),
    open_in_new_tab: fc.boolean(),
    meta_launch_url: fc.oneof(fc.webUrl(), awkwardString),
    policy_engine_mode: fc.constantFrom('all', 'any', 'some'),
    identifier: fc.oneof(fc.stringMatching(/^[-a-z0-9_]{1,20}$/), awkwardString),
    intent: fc.constantFrom('api', 'app_password', 'recovery', 'verification', 'other'),
    user: smallNumber,
    description: awkwardString,
    expires: fc.oneof(isoDate, fc.constant(null)),
    expiring: fc.boolean(),
    managed: fc.oneof(awkwardString, fc.constant(null)),
    key: awkwardString,
    password: awkwardString,
    create_group: fc.boolean(),
  },
  { requiredKeys: [] },
);
const shapedBody = fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string()), value, { maxKeys: 8 });
/** A body: mostly objects with the API's field names, sometimes anything JSON at all, sometimes not JSON. */
const body = fc.oneof(
  { weight: 6, arbitrary: typedBody.map((b) => ({ json: b as unknown })) },
  { weight: 3, arbitrary: shapedBody.map((b) => ({ json: b as unknown })) },
  { weight: 2, arbitrary: fc.jsonValue().map((b) => ({ json: b as unknown })) },
  { weight: 1, arbitrary: fc.string().map((raw) => ({ raw })) },
);

describe.each(DIALECTS)('fuzzing every write endpoint on %s', (dialect) => {
  let api: TestApi;
  let writeRoutes: RegisteredRoute[] = [];
  let readRoutes: RegisteredRoute[] = [];
  const params: Record<string, string> = {};

  beforeAll(async () => {
    const recorder = routeRecorder();
    api = await createTestApi(dialect, [recorder.module, ...apiRoutes]);
    writeRoutes = recorder.routes.filter(
      (r) => WRITE_METHODS.has(r.method) && r.url.startsWith('/api/v3/') && !SKIP.has(r.url),
    );
    readRoutes = recorder.routes.filter((r) => r.method === 'GET' && r.url.startsWith('/api/v3/'));
    const db = api.store.db;
    const user = await createUser(db, { username: 'fuzz-target', name: 'Fuzz Target' }, null);
    const group = await createGroup(db, { name: 'fuzz-group', users: [user.pk] }, null);
    await createApplication(db, { name: 'Fuzz', slug: 'fuzz-app' }, null);
    await createToken(db, { identifier: 'fuzz-token', user: user.pk, expiring: false }, null);
    Object.assign(params, {
      id: String(user.pk),
      group_uuid: group.group_uuid,
      slug: 'fuzz-app',
      identifier: 'fuzz-token',
    });
  });
  afterAll(async () => api.close());

  it('has write endpoints to fuzz', () => {
    expect(writeRoutes.length).toBeGreaterThanOrEqual(15);
  });

  it('never answers an Object.prototype name as ordering with a 5xx, on every GET route', async () => {
    const failures: string[] = [];
    for (const route of readRoutes) {
      // A route that cannot answer here at all (503: no sync engine in this process) is not at fault.
      const plain = await api.app.inject({
        method: 'GET',
        url: fillRoute(route.url, params),
        headers: api.auth,
      });
      if (plain.statusCode >= 500) continue;
      for (const name of PROTOTYPE_NAMES) {
        for (const ordering of [name, `-${name}`]) {
          const url = `${fillRoute(route.url, params)}?ordering=${encodeURIComponent(ordering)}`;
          const res = await api.app.inject({ method: 'GET', url, headers: api.auth });
          if (res.statusCode >= 500)
            failures.push(`GET ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
      }
    }
    expect(readRoutes.length).toBeGreaterThanOrEqual(10);
    expect(failures).toEqual([]);
  });

  it('never answers JSON nested 50,000 levels deep, or very long strings, with a 5xx', {
    timeout: 120_000,
  }, async () => {
    const longString = JSON.stringify('x'.repeat(200_000));
    const payloads = [
      deepObject,
      deepArray,
      `{"attributes":${deepObject}}`,
      `{${FIELDS.map((f) => `"${f}":${deepObject}`).join(',')}}`.slice(0, 900_000),
      `{${FIELDS.slice(0, 4)
        .map((f) => `"${f}":${longString}`)
        .join(',')}}`,
      `{"attributes":{${Array.from({ length: 2_000 }, (_, i) => `"k${i}":${JSON.stringify('v'.repeat(300))}`).join(',')}}}`,
    ];
    const failures: string[] = [];
    for (const route of writeRoutes) {
      for (const [n, payload] of payloads.entries()) {
        const url = fillRoute(route.url, params);
        const res = await api.app.inject({
          method: route.method as 'POST',
          url,
          headers: { ...api.auth, 'content-type': 'application/json' },
          payload,
        });
        if (res.statusCode >= 500)
          failures.push(`${route.method} ${url} payload #${n} → ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('never answers a random body with a 5xx', {
    timeout: Math.max(60_000, RUNS_PER_ENDPOINT * 1_000),
  }, async () => {
    const failures: string[] = [];
    for (const route of writeRoutes) {
      await fc
        .assert(
          fc.asyncProperty(body, fc.boolean(), async (payload, realTarget) => {
            const url = fillRoute(route.url, realTarget ? params : {}, realTarget ? '1' : '999999');
            const res = await api.app.inject({
              method: route.method as 'POST',
              url,
              headers: { ...api.auth, 'content-type': 'application/json' },
              payload: 'raw' in payload ? payload.raw : JSON.stringify(payload.json),
            });
            if (res.statusCode >= 500) {
              failures.push(
                `${route.method} ${url} ${JSON.stringify(payload).slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 200)}`,
              );
            }
            return res.statusCode < 500;
          }),
          { numRuns: RUNS_PER_ENDPOINT, endOnFailure: true, seed: SEED },
        )
        .catch(() => undefined);
    }
    expect(failures, `CONDUIT_FUZZ_SEED=${SEED}`).toEqual([]);
  });
});
