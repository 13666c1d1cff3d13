import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, newUserBody, startHarness } from './support.js';

// Graph's per app+tenant write budget, scaled: 800 writes per 2 s (400/s, a 2 s bucket). The tenant-wide
// budget is lifted so that only the app+tenant bucket binds.
const QUOTA_PER_SECOND = 400;

let h: Harness;
let userIds: string[];
beforeAll(async () => {
  h = await startHarness({
    seed: 21,
    throttling: true,
    throttleLimits: { writesPerAppTenant: 800, writeWindowMs: 2000, writesPerTenant: 1_000_000 },
  });
  userIds = h.emulator.control
    .seed({ users: Array.from({ length: 10 }, () => newUserBody(h.emulator.domain)) })
    .users.map((u) => u.id);
});
afterAll(async () => h.close());
beforeEach(() => {
  h.emulator.control.resetStats();
  h.emulator.control.clearRequestLog();
});

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const patches = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => ({
    method: 'PATCH' as const,
    url: `/users/${userIds[i % userIds.length]}`,
    body: { displayName: `${tag} ${i}` },
  }));

describe('throttling against the emulator token buckets', () => {
  it('paced at 95 % of the quota, a bulk run completes with almost no 429s', async () => {
    const client = h.client({
      writesPerSecond: QUOTA_PER_SECOND * 0.95,
      lowPriority: true,
      sleep: realSleep,
    });
    const started = Date.now();
    const outcomes = await client.batchWrite(patches(1200, 'paced'));
    const elapsed = Date.now() - started;
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const stats = h.emulator.control.getStats();
    expect(stats.throttled / stats.writes).toBeLessThan(0.01);
    // It did not exceed its pace: (1200 − burst) writes at 380/s.
    expect(elapsed).toBeGreaterThanOrEqual(((1200 - 380) / 380) * 1000 * 0.9);
  });

  it('configured above the real budget, it is throttled, adapts and still completes every write', async () => {
    // A budget of 150/s (a 2 s bucket) and a client configured for four times that: what happens when
    // other apps use the tenant's quota too.
    h.emulator.control.updateSettings({ throttleLimits: { writesPerAppTenant: 300, writeWindowMs: 2000 } });
    const client = h.client({ writesPerSecond: 600, sleep: realSleep });
    const outcomes = await client.batchWrite(patches(700, 'storm'));
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    const stats = h.emulator.control.getStats();
    expect(stats.throttled).toBeGreaterThan(0);
    expect(client.stats().throttled).toBe(stats.throttled);
    expect(client.stats().retries).toBeGreaterThan(0);
  });
});
