import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DryRunRejectedError, GraphBadRequestError } from './graph-errors.js';
import { createGraphHttp, type GraphHttpOptions, isMutatingRequest } from './graph-http.js';
import { DEFAULT_RETRY_POLICY } from './rate-backoff.js';
import { createConcurrencyLimiter, createWritePacer } from './rate-limiter.js';

// The HTTP layer alone, against a plain local server. Tokens are a stub here only because this file
// tests header handling and URL safety, not authentication (the emulator suites use MSAL).
let server: Server;
let base: string;
const seen: Array<{ method: string; url: string; headers: IncomingHttpHeaders }> = [];
const dispatcher = new Agent();

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    res.setHeader('content-type', 'application/json');
    if (req.url?.startsWith('/v1.0/page1')) {
      res.end(JSON.stringify({ value: [1], '@odata.nextLink': `${base}/page2?$skiptoken=abc` }));
    } else res.end(JSON.stringify({ value: [2] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`;
});
afterAll(async () => {
  await dispatcher.close();
  await new Promise((resolve) => server.close(resolve));
});

function http(overrides: Partial<GraphHttpOptions> = {}) {
  const clock = { now: Date.now, sleep: async () => {} };
  return createGraphHttp({
    graphBaseUrl: base,
    tokens: {
      getToken: async () => ({ token: 'stub', expiresOnMs: Date.now() + 3_600_000 }),
      grantedRoles: async () => [],
    },
    dispatcher,
    pacer: createWritePacer(20, clock),
    limiter: createConcurrencyLimiter(4),
    clock,
    retry: DEFAULT_RETRY_POLICY,
    notFoundRetry: { attempts: 1, delayMs: 1 },
    dryRun: false,
    lowPriority: false,
    ...overrides,
  });
}

describe('isMutatingRequest', () => {
  it('treats GET and a $batch of GETs as safe, anything else as mutating', () => {
    expect(isMutatingRequest('GET', 'https://g/v1.0/users', undefined)).toBe(false);
    expect(
      isMutatingRequest('POST', 'https://g/v1.0/$batch', {
        requests: [{ method: 'GET' }, { method: 'get' }],
      }),
    ).toBe(false);
    expect(
      isMutatingRequest('POST', 'https://g/v1.0/$batch', {
        requests: [{ method: 'GET' }, { method: 'DELETE' }],
      }),
    ).toBe(true);
    expect(isMutatingRequest('POST', 'https://g/v1.0/$batch', {})).toBe(true);
    for (const m of ['POST', 'PATCH', 'PUT', 'DELETE'])
      expect(isMutatingRequest(m, 'https://g/v1.0/users', {})).toBe(true);
  });
});

describe('createGraphHttp', () => {
  it('sends the bearer token, a client-request-id, Low priority and ConsistencyLevel only when asked', async () => {
    seen.length = 0;
    const h = http({ lowPriority: true });
    await h.send({ method: 'GET', url: '/page2' });
    await h.send({ method: 'GET', url: '/page2', consistencyEventual: true });
    expect(seen[0]?.headers.authorization).toBe('Bearer stub');
    expect(seen[0]?.headers['client-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[0]?.headers['x-ms-throttle-priority']).toBe('Low');
    expect(seen[0]?.headers.consistencylevel).toBeUndefined();
    expect(seen[1]?.headers.consistencylevel).toBe('eventual');
    seen.length = 0;
    await http().send({ method: 'GET', url: '/page2' });
    expect(seen[0]?.headers['x-ms-throttle-priority']).toBeUndefined();
  });

  it('follows an absolute nextLink on its own origin verbatim', async () => {
    seen.length = 0;
    const h = http();
    const first = await h.send<{ '@odata.nextLink': string }>({ method: 'GET', url: '/page1' });
    await h.send({ method: 'GET', url: first.body['@odata.nextLink'] });
    expect(seen.map((s) => s.url)).toEqual(['/v1.0/page1', '/v1.0/page2?$skiptoken=abc']);
  });

  it('refuses to send the token to another origin', async () => {
    seen.length = 0;
    await expect(
      http().send({ method: 'GET', url: 'https://evil.example/v1.0/users' }),
    ).rejects.toBeInstanceOf(GraphBadRequestError);
    expect(seen).toHaveLength(0);
  });

  it('rejects mutating requests in dry run before sending anything', async () => {
    seen.length = 0;
    const h = http({ dryRun: true });
    await expect(h.send({ method: 'PATCH', url: '/users/1', body: { a: 1 } })).rejects.toBeInstanceOf(
      DryRunRejectedError,
    );
    await expect(
      h.send({
        method: 'POST',
        url: '/$batch',
        body: { requests: [{ id: '1', method: 'DELETE', url: '/users/1' }] },
      }),
    ).rejects.toBeInstanceOf(DryRunRejectedError);
    expect(seen).toHaveLength(0);
    await h.send({ method: 'GET', url: '/page2' });
    expect(seen).toHaveLength(1);
  });
});

describe('write lane', () => {
  it('grows with the measured round trip so slow single writes still reach the paced rate', async () => {
    // A server that answers writes after 60 ms and counts how many are in flight at once.
    let inFlight = 0;
    let peak = 0;
    const slow = createServer((_req, res) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        res.statusCode = 204;
        res.end();
      }, 60);
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const slowBase = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/v1.0`;
    const clock = { now: Date.now, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
    const options = {
      graphBaseUrl: slowBase,
      pacer: createWritePacer(200, clock),
      limiter: createConcurrencyLimiter(16),
      clock,
      writeLaneSize: 2,
    };
    try {
      // Fixed lane of 2: never more than 2 writes on the wire (2 / 60 ms ≈ 33 writes/s, far below 200/s).
      const fixed = http(options);
      await Promise.all(
        Array.from({ length: 30 }, (_, i) => fixed.send({ method: 'PATCH', url: `/groups/${i}`, body: {} })),
      );
      expect(peak).toBe(2);
      // Adaptive lane up to 16: 200/s × 60 ms × 1.5 + 1 ≈ 19, capped at 16 once the round trip is known.
      peak = 0;
      const adaptive = http({ ...options, maxWriteLaneSize: 16 });
      await Promise.all(
        Array.from({ length: 120 }, (_, i) =>
          adaptive.send({ method: 'PATCH', url: `/groups/${i}`, body: {} }),
        ),
      );
      expect(peak).toBeGreaterThan(8);
      expect(peak).toBeLessThanOrEqual(16);
    } finally {
      await new Promise((resolve) => slow.close(resolve));
    }
  });
});
