import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, type Harness, ref, securityGroupBody, startHarness, userBody } from './harness.js';

let h: Harness;
const JSON_HEADERS = { 'Content-Type': 'application/json' };

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.reset());

interface SubResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: { error?: { code: string; message: string }; [key: string]: unknown };
}

function responses(reply: { json: Record<string, unknown> }): Map<string, SubResponse> {
  const list = reply.json.responses as SubResponse[];
  return new Map(list.map((r) => [r.id, r]));
}

describe('$batch', () => {
  it('runs sub-requests with relative URLs (with or without a leading slash) and answers 200', async () => {
    const r = await h.graph('POST', '/$batch', {
      body: {
        requests: [
          { id: '1', method: 'POST', url: '/users', headers: JSON_HEADERS, body: userBody('b1') },
          { id: '2', method: 'GET', url: 'users?$select=id', dependsOn: ['1'] },
          { id: '3', method: 'GET', url: '/users/00000000-0000-4000-8000-000000000000' },
        ],
      },
    });
    expect(r.status).toBe(200);
    const byId = responses(r);
    expect(byId.get('1')?.status).toBe(201);
    expect(byId.get('2')?.status).toBe(200);
    expect(byId.get('3')?.status).toBe(404);
    expect(byId.get('3')?.body?.error?.code).toBe('Request_ResourceNotFound');
  });

  it('gives 424 to dependents of a failed request, transitively', async () => {
    const r = await h.graph('POST', '/$batch', {
      body: {
        requests: [
          {
            id: 'a',
            method: 'POST',
            url: '/users',
            headers: JSON_HEADERS,
            body: { displayName: 'incomplete' },
          },
          { id: 'b', method: 'GET', url: '/users', dependsOn: ['a'] },
          { id: 'c', method: 'GET', url: '/users', dependsOn: ['b'] },
          { id: 'd', method: 'GET', url: '/users' },
        ],
      },
    });
    expect(r.status).toBe(200);
    const byId = responses(r);
    expect(byId.get('a')?.status).toBe(400);
    expect(byId.get('b')?.status).toBe(424);
    expect(byId.get('c')?.status).toBe(424);
    expect(byId.get('d')?.status).toBe(200);
    expect(h.emu.control.getStats().writes).toBe(1);
  });

  it('rejects more than 20 requests with 400', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/users' }));
    const r = await h.graph('POST', '/$batch', { body: { requests } });
    expect(r.status).toBe(400);
    expect(errorOf(r).code).toBe('BadRequest');
    const ok = await h.graph('POST', '/$batch', { body: { requests: requests.slice(0, 20) } });
    expect(ok.status).toBe(200);
  });

  it('rejects duplicate ids compared case-insensitively, failing the whole batch', async () => {
    const r = await h.graph('POST', '/$batch', {
      body: {
        requests: [
          { id: 'X1', method: 'POST', url: '/users', headers: JSON_HEADERS, body: userBody('dupid') },
          { id: 'x1', method: 'GET', url: '/users' },
        ],
      },
    });
    expect(r.status).toBe(400);
    expect(errorOf(r).code).toBe('BadRequest');
    expect(h.emu.control.getStats().writes).toBe(0);
  });

  it('requires a Content-Type header when a body is present', async () => {
    const r = await h.graph('POST', '/$batch', {
      body: { requests: [{ id: '1', method: 'POST', url: '/users', body: userBody('noct') }] },
    });
    expect(r.status).toBe(400);
    expect(errorOf(r).code).toBe('BadRequest');
  });

  it('passes per-request headers such as ConsistencyLevel', async () => {
    const r = await h.graph('POST', '/$batch', {
      body: {
        requests: [
          { id: '1', method: 'GET', url: '/users/$count' },
          { id: '2', method: 'GET', url: '/users/$count', headers: { ConsistencyLevel: 'eventual' } },
        ],
      },
    });
    const byId = responses(r);
    expect(byId.get('1')?.status).toBe(400);
    expect(byId.get('2')?.status).toBe(200);
    expect(byId.get('2')?.body).toBe('0');
  });

  it('adds members and reports "already exist" per item', async () => {
    const g = await h.graph('POST', '/groups', { body: securityGroupBody('BatchGroup') });
    const u = await h.graph('POST', '/users', { body: userBody('bm') });
    const add = {
      method: 'POST',
      url: `/groups/${g.json.id}/members/$ref`,
      headers: JSON_HEADERS,
      body: { '@odata.id': ref(String(u.json.id)) },
    };
    const r = await h.graph('POST', '/$batch', {
      body: {
        requests: [
          { id: '1', ...add },
          { id: '2', ...add, dependsOn: ['1'] },
        ],
      },
    });
    const byId = responses(r);
    expect(byId.get('1')?.status).toBe(204);
    expect(byId.get('2')?.status).toBe(400);
    expect(byId.get('2')?.body?.error?.message).toBe(
      "One or more added object references already exist for the following modified properties: 'members'.",
    );
  });

  it('throttles sub-requests individually with their own Retry-After', async () => {
    h.emu.control.updateSettings({ throttling: true, throttleLimits: { writesPerAppTenant: 2 } });
    const requests = [1, 2, 3].map((i) => ({
      id: String(i),
      method: 'POST',
      url: '/users',
      headers: JSON_HEADERS,
      body: userBody(`thr${i}`),
    }));
    const r = await h.graph('POST', '/$batch', { body: { requests } });
    expect(r.status).toBe(200);
    const byId = responses(r);
    expect(byId.get('1')?.status).toBe(201);
    expect(byId.get('2')?.status).toBe(201);
    const throttled = byId.get('3');
    expect(throttled?.status).toBe(429);
    expect(Number(throttled?.headers['Retry-After'])).toBeGreaterThan(0);
    expect(throttled?.body?.error).toMatchObject({
      code: 'TooManyRequests',
      message: 'Please retry again later.',
    });
    expect(h.emu.control.getStats().throttled).toBe(1);
  });

  it('can shuffle the response order (seeded)', async () => {
    h.emu.control.updateSettings({ shuffleBatchResponses: true });
    const requests = Array.from({ length: 20 }, (_, i) => ({
      id: String(i),
      method: 'GET',
      url: '/users?$top=1',
    }));
    const r = await h.graph('POST', '/$batch', { body: { requests } });
    const order = (r.json.responses as SubResponse[]).map((x) => x.id);
    expect(order.slice().sort((a, b) => Number(a) - Number(b))).toEqual(requests.map((x) => x.id));
    expect(order).not.toEqual(requests.map((x) => x.id));
  });
});
