import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, type Harness, startHarness, userBody } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.reset());

describe('throttling', () => {
  it('is off by default', async () => {
    for (let i = 0; i < 30; i++) expect((await h.graph('GET', '/users')).status).toBe(200);
  });

  it('answers 429 with the exact body, fractional Retry-After and throttle headers once the RU bucket is empty', async () => {
    h.emu.control.updateSettings({
      throttling: true,
      throttleLimits: { ruPerAppTenant: { small: 10, medium: 10, large: 10 }, ruWindowMs: 10_000 },
    });
    const statuses: number[] = [];
    let throttled: Awaited<ReturnType<Harness['graph']>> | undefined;
    for (let i = 0; i < 6; i++) {
      const r = await h.graph('GET', '/users');
      statuses.push(r.status);
      if (r.status === 429) throttled = r;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    if (!throttled) throw new Error('expected a 429');
    expect(throttled.headers['content-type']).toMatch(/^application\/json/);
    const retryAfter = Number(throttled.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(1);
    expect(retryAfter).toBeLessThanOrEqual(2);
    expect(throttled.headers['retry-after']).toMatch(/^\d+(\.\d{1,3})?$/);
    expect(throttled.headers['x-ms-throttle-scope']).toBe(
      `Tenant_Application/ReadWrite/${h.emu.clientId}/${h.emu.tenantId}`,
    );
    expect(throttled.headers['x-ms-throttle-information']).toBe('ResourceUnitLimitExceeded');
    expect(throttled.json).toEqual({
      error: {
        code: 'TooManyRequests',
        message: 'Please retry again later.',
        innerError: {
          code: '429',
          date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
          message: 'Please retry after',
          'request-id': throttled.headers['request-id'],
          status: '429',
        },
      },
    });
    expect(h.emu.control.getStats().throttled).toBe(1);
  });

  it('sends x-ms-throttle-limit-percentage above 80 % usage', async () => {
    h.emu.control.updateSettings({
      throttling: true,
      throttleLimits: { ruPerAppTenant: { small: 10, medium: 10, large: 10 } },
    });
    const first = await h.graph('GET', '/users/00000000-0000-4000-8000-000000000000');
    expect(first.headers['x-ms-throttle-limit-percentage']).toBeUndefined();
    for (let i = 0; i < 7; i++) await h.graph('GET', '/organization');
    const r = await h.graph('GET', '/organization');
    expect(Number(r.headers['x-ms-throttle-limit-percentage'])).toBeGreaterThan(0.8);
  });

  it('throttles calls made before Retry-After elapsed, and recovers after it', async () => {
    h.emu.control.updateSettings({
      throttling: true,
      timeScale: 20,
      throttleLimits: { ruPerAppTenant: { small: 4, medium: 4, large: 4 }, ruWindowMs: 10_000 },
    });
    await h.graph('GET', '/users');
    await h.graph('GET', '/users');
    const t = await h.graph('GET', '/organization');
    expect(t.status).toBe(429);
    const retryAfter = Number(t.headers['retry-after']);
    expect(retryAfter).toBeLessThan(0.5);
    const early = await h.graph('GET', '/organization');
    expect(early.status).toBe(429);
    await new Promise((r) => setTimeout(r, retryAfter * 1000 + 50));
    expect((await h.graph('GET', '/organization')).status).toBe(200);
  });

  it('extends the throttled period with the early-retry penalty', async () => {
    h.emu.control.updateSettings({
      throttling: true,
      throttleLimits: { ruPerAppTenant: { small: 2, medium: 2, large: 2 }, earlyRetryPenaltyMs: 5000 },
    });
    await h.graph('GET', '/users');
    const first = await h.graph('GET', '/users');
    expect(first.status).toBe(429);
    const early = await h.graph('GET', '/users');
    expect(early.status).toBe(429);
    expect(Number(early.headers['retry-after'])).toBeGreaterThan(Number(first.headers['retry-after']) + 4);
  });

  it('keeps a separate write quota (WriteLimitExceeded)', async () => {
    h.emu.control.updateSettings({ throttling: true, throttleLimits: { writesPerAppTenant: 2 } });
    expect((await h.graph('POST', '/users', { body: userBody('w1') })).status).toBe(201);
    expect((await h.graph('POST', '/users', { body: userBody('w2') })).status).toBe(201);
    const r = await h.graph('POST', '/users', { body: userBody('w3') });
    expect(r.status).toBe(429);
    expect(errorOf(r).code).toBe('TooManyRequests');
    expect(r.headers['x-ms-throttle-information']).toBe('WriteLimitExceeded');
    expect(r.headers['x-ms-throttle-scope']).toBe(
      `Tenant_Application/Write/${h.emu.clientId}/${h.emu.tenantId}`,
    );
  });

  it('enforces the tenant-wide write quota across apps', async () => {
    h.emu.control.updateSettings({ throttling: true, throttleLimits: { writesPerTenant: 1 } });
    const other = h.emu.control.createApp({ roles: ['User.ReadWrite.All'] });
    const token = h.emu.control.mintToken({ clientId: other.clientId }).accessToken;
    expect((await h.graph('POST', '/users', { body: userBody('t1') })).status).toBe(201);
    const r = await h.graph('POST', '/users', { token, body: userBody('t2') });
    expect(r.status).toBe(429);
    expect(r.headers['x-ms-throttle-scope']).toBe(`Tenant/Write/${h.emu.tenantId}`);
  });

  it('sizes the RU budget by tenant size class', async () => {
    h.emu.control.updateSettings({
      throttling: true,
      throttleLimits: { ruPerAppTenant: { small: 2, medium: 4, large: 8 } },
    });
    h.emu.control.setTenantSizeClass(h.emu.tenantId, 'medium');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await h.graph('GET', '/organization')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
  });

  it('refills faster with timeScale (budgets per scaled window)', async () => {
    h.emu.control.updateSettings({
      throttling: true,
      timeScale: 100,
      throttleLimits: { ruPerAppTenant: { small: 5, medium: 5, large: 5 }, ruWindowMs: 10_000 },
    });
    let ok = 0;
    const until = Date.now() + 500;
    while (Date.now() < until) if ((await h.graph('GET', '/organization')).status === 200) ok++;
    // 5 RU per 100 ms of real time: about 25 + 5 in 500 ms, far more than the 5 a real-time window allows.
    expect(ok).toBeGreaterThan(15);
    expect(ok).toBeLessThan(45);
  });
});
