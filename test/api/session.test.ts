import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApi, type TestApi } from '../support/api.js';
import { DIALECTS } from '../support/stores.js';

describe.each(DIALECTS)('admin session and health on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(dialect);
  });
  afterAll(async () => api.close());

  it('reports liveness and readiness', async () => {
    expect((await api.app.inject({ url: '/-/health/live/' })).statusCode).toBe(204);
    expect((await api.app.inject({ url: '/-/health/ready/' })).statusCode).toBe(204);
  });

  it('logs in with an HttpOnly SameSite cookie and returns a CSRF token', async () => {
    const res = await api.app.inject({
      method: 'POST',
      url: '/api/v3/conduit/session/',
      payload: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'conduit_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(res.json().csrf_token).toEqual(expect.any(String));
    const me = await api.app.inject({
      url: '/api/v3/conduit/session/',
      cookies: { conduit_session: cookie?.value ?? '' },
    });
    expect(me.json().user.username).toBe('admin');
  });

  it('rejects a wrong password with a 400 and records login_failed, then rate-limits', async () => {
    const attempt = () =>
      api.app.inject({
        method: 'POST',
        url: '/api/v3/conduit/session/',
        payload: { username: 'admin', password: 'nope-nope' },
      });
    const first = await attempt();
    expect(first.statusCode).toBe(400);
    expect(first.json()).toEqual({ non_field_errors: ['Invalid username or password.'] });
    for (let i = 0; i < 4; i++) await attempt();
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Identical failures share one row and count in `repeat_count`; the limited attempt is not recorded.
    const failed = await api.store.db
      .selectFrom('events')
      .select((eb) => eb.fn.sum<number>('repeat_count').as('n'))
      .where('action', '=', 'login_failed')
      .executeTakeFirstOrThrow();
    expect(Number(failed.n)).toBe(5);
  });

  it('answers bad login input with field errors, not a crash', async () => {
    const res = await api.app.inject({
      method: 'POST',
      url: '/api/v3/conduit/session/',
      payload: { username: '' },
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json())).toEqual(expect.arrayContaining(['username', 'password']));
    const bad = await api.app.inject({
      method: 'POST',
      url: '/api/v3/conduit/session/',
      headers: { 'content-type': 'application/json' },
      payload: '{nope',
    });
    expect(bad.statusCode).toBe(400);
  });

  it('serves its OpenAPI document', async () => {
    const res = await api.app.inject({ url: '/api/v3/schema/' });
    expect(res.statusCode).toBe(200);
    expect(res.json().openapi).toMatch(/^3\./);
  });
});
