import { describe, expect, it } from 'vitest';
import {
  createConcurrencyLimiter,
  createWritePacer,
  parseLimitPercentage,
  slowdownFactor,
  writeLaneSize,
} from './rate-limiter.js';

/** A fake clock: sleeping advances time. */
function fakeClock() {
  let t = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe('createWritePacer', () => {
  it('lets a burst of one batch through, then paces at the configured rate', async () => {
    const clock = fakeClock();
    const pacer = createWritePacer(10, clock);
    const start = clock.now();
    await pacer.acquireWrites(20); // the initial bucket holds one full $batch
    expect(clock.now()).toBe(start);
    for (let i = 0; i < 50; i++) await pacer.acquireWrites(1);
    // 50 writes at 10/s take 5 s once the burst is spent.
    expect(clock.now() - start).toBeGreaterThanOrEqual(4900);
    expect(clock.now() - start).toBeLessThanOrEqual(5100);
  });

  it('counts a whole $batch of writes in one reservation', async () => {
    const clock = fakeClock();
    const pacer = createWritePacer(20, clock);
    const start = clock.now();
    for (let i = 0; i < 6; i++) await pacer.acquireWrites(20);
    // 120 writes at 20/s with a 20-write burst: 5 s.
    expect(clock.now() - start).toBe(5000);
  });

  it('slows down when Graph reports usage above 80 % and recovers when it stops', async () => {
    const clock = fakeClock();
    const pacer = createWritePacer(20, clock);
    pacer.observeLimitPercentage(1.0);
    expect(pacer.currentRate()).toBeCloseTo(10);
    pacer.observeLimitPercentage(undefined);
    expect(pacer.currentRate()).toBe(20);
  });

  it('holds every request until a throttle pause has elapsed', async () => {
    const clock = fakeClock();
    const pacer = createWritePacer(20, clock);
    const start = clock.now();
    pacer.pauseFor(2500);
    await pacer.awaitThrottleGate();
    expect(clock.now() - start).toBe(2500);
    pacer.pauseFor(1000);
    await pacer.acquireWrites(1);
    expect(clock.now() - start).toBe(3500);
  });
});

describe('createWritePacer adaptive rate', () => {
  it('halves the accepted rate on a 429, once per interval, and grows back with successes', async () => {
    const clock = fakeClock();
    const pacer = createWritePacer(100, clock);
    pacer.observeWriteSuccess(60); // Graph accepted 60 writes in this second
    pacer.observeThrottled();
    expect(pacer.currentRate()).toBe(30);
    pacer.observeThrottled(); // same burst of 429s: no second cut
    expect(pacer.currentRate()).toBe(30);
    for (let i = 0; i < 200; i++) pacer.observeWriteSuccess(20);
    expect(pacer.currentRate()).toBe(100); // back to, and never above, the configured rate
  });

  it('paces at the reduced rate after a cut, with no burst', async () => {
    const clock = fakeClock();
    const pacer = createWritePacer(40, clock);
    pacer.observeThrottled(); // nothing accepted yet: cut from the configured rate
    expect(pacer.currentRate()).toBe(20);
    const start = clock.now();
    for (let i = 0; i < 10; i++) await pacer.acquireWrites(2);
    expect(clock.now() - start).toBe(1000);
  });
});

describe('createWritePacer with a sleep that does not advance the clock', () => {
  it('waits for a pause once instead of spinning, and not again when the caller already waited', async () => {
    const sleeps: number[] = [];
    const pacer = createWritePacer(20, { now: () => 5000, sleep: async (ms) => void sleeps.push(ms) });
    pacer.pauseFor(1500);
    await pacer.awaitThrottleGate();
    expect(sleeps).toEqual([1500]);
    await pacer.acquireWrites(1, 6500); // the caller slept through its Retry-After already
    expect(sleeps).toEqual([1500]);
  });
});

describe('slowdownFactor / parseLimitPercentage', () => {
  it('is 1 below 80 % and decreases to a floor of 0.2', () => {
    expect(slowdownFactor(undefined)).toBe(1);
    expect(slowdownFactor(0.5)).toBe(1);
    expect(slowdownFactor(0.8)).toBe(1);
    expect(slowdownFactor(0.9)).toBeCloseTo(0.75);
    expect(slowdownFactor(1.8)).toBe(0.2);
  });
  it('parses fractions and tolerates percentages', () => {
    expect(parseLimitPercentage('0.92')).toBe(0.92);
    expect(parseLimitPercentage('92')).toBe(0.92);
    expect(parseLimitPercentage(undefined)).toBeUndefined();
    expect(parseLimitPercentage('x')).toBeUndefined();
  });
});

describe('writeLaneSize', () => {
  it('carries the paced rate at the measured round trip, with headroom, within bounds', () => {
    // 20 writes/s at 300 ms (real Graph): 6 in flight carry it; 1.5× headroom + 1 = 10.
    expect(writeLaneSize(20, 300, 4, 16)).toBe(10);
    // Fast responses: the minimum.
    expect(writeLaneSize(20, 20, 4, 16)).toBe(4);
    // Never above the connection budget.
    expect(writeLaneSize(380, 40, 4, 16)).toBe(16);
    // Before any write returned (no round trip yet): the minimum.
    expect(writeLaneSize(20, 0, 4, 16)).toBe(4);
  });
});

describe('createConcurrencyLimiter', () => {
  it('never runs more than max tasks at once and runs them all', async () => {
    const limiter = createConcurrencyLimiter(3);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limiter.run(async () => {
          running += 1;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 2));
          running -= 1;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(limiter.active()).toBe(0);
  });

  it('follows a limit given as a function: more tasks start as soon as it grows', async () => {
    let max = 1;
    const limiter = createConcurrencyLimiter(() => max);
    let running = 0;
    let peak = 0;
    const task = () =>
      limiter.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        running -= 1;
      });
    const first = Promise.all(Array.from({ length: 4 }, task));
    await new Promise((r) => setTimeout(r, 1));
    expect(limiter.active()).toBe(1);
    max = 4;
    await Promise.all([first, ...Array.from({ length: 8 }, task)]);
    expect(peak).toBe(4);
    expect(limiter.active()).toBe(0);
  });

  it('releases its slot when a task throws', async () => {
    const limiter = createConcurrencyLimiter(1);
    await expect(limiter.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(async () => 'ok')).resolves.toBe('ok');
  });
});
