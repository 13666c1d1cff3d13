/**
 * Shared pacing for Graph requests: a token bucket for writes, a throttle gate that holds every
 * request after a 429, and a concurrency limiter.
 *
 * Invariants:
 * - Writes are reserved in arrival order: each reservation takes its tokens immediately (the bucket
 *   may go into debt) and waits until the debt is repaid, so no caller starves and the long-run rate
 *   never exceeds `writesPerSecond × slowdown`.
 * - When Graph reports usage above 80 % (`x-ms-throttle-limit-percentage`), the write rate is reduced
 *   in proportion; it returns to full speed once responses stop carrying the header.
 * - After a 429 with `Retry-After`, no new request (read or write) starts before it elapses: calling
 *   early only extends the throttling (Dev Proxy's RetryAfterPlugin models that penalty).
 * - A 429 also means the budget is smaller than configured (other apps share the tenant's write
 *   quota): the write rate is cut multiplicatively (at most once per `THROTTLE_CUT_INTERVAL_MS`)
 *   and grows back slowly with successful writes (AIMD), never above the configured rate.
 * - Time comes from the injected `now`/`sleep`, so tests can drive it.
 */

/** Graph's documented write budget per app+tenant: 3,000 writes per 150 s = 20/s
 * (https://learn.microsoft.com/en-us/graph/throttling-limits#identity-and-access-service-limits). */
export const GRAPH_WRITES_PER_SECOND = 20;
/** Default pacing: 95 % of the budget, leaving headroom for other clients and clock skew. */
export const DEFAULT_WRITES_PER_SECOND = Math.floor(GRAPH_WRITES_PER_SECOND * 0.95);

export interface Clock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export interface WritePacer {
  /**
   * Waits until `count` writes may be sent (and until any throttle pause has elapsed).
   * `waitedUntil`: the caller already slept until this time (its own retry delay), so a pause ending
   * no later than that is not waited for twice.
   */
  acquireWrites(count: number, waitedUntil?: number): Promise<void>;
  /** Waits until any throttle pause has elapsed (for reads). */
  awaitThrottleGate(waitedUntil?: number): Promise<void>;
  /** Holds every request until `ms` from now (after a 429). */
  pauseFor(ms: number): void;
  /** Feeds `x-ms-throttle-limit-percentage` (undefined when the response had none). */
  observeLimitPercentage(value: number | undefined): void;
  /** A write was throttled: cut the adaptive rate. */
  observeThrottled(): void;
  /** `count` writes succeeded: let the adaptive rate grow back. */
  observeWriteSuccess(count: number): void;
  /** The current effective write rate (per second). */
  currentRate(): number;
}

/** Rate multiplier for a reported usage share (0.8–1.8): full speed below 80 %, down to 20 %. */
export function slowdownFactor(limitPercentage: number | undefined): number {
  if (limitPercentage === undefined || !(limitPercentage >= 0.8)) return 1;
  return Math.max(0.2, 1 - (limitPercentage - 0.8) * 2.5);
}

/** Parses `x-ms-throttle-limit-percentage` (a fraction such as `0.92`; tolerates `92`). */
export function parseLimitPercentage(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) return undefined;
  return n > 3 ? n / 100 : n;
}

/** Minimum time between two multiplicative cuts (one burst of 429s is one signal). */
export const THROTTLE_CUT_INTERVAL_MS = 1000;
/** The adaptive rate never drops below this share of the configured rate, nor below 1 write/s. */
const MIN_ADAPTIVE_SHARE = 0.02;

export function createWritePacer(writesPerSecond: number, clock: Clock): WritePacer {
  if (!(writesPerSecond > 0)) throw new RangeError('writesPerSecond must be positive');
  // Room for one full $batch (20 sub-requests) without waiting, or one second of writes.
  const capacity = Math.max(20, writesPerSecond);
  let tokens = capacity;
  let last = clock.now();
  let factor = 1;
  let pausedUntil = 0;
  let adaptive = writesPerSecond;
  let lastCut = Number.NEGATIVE_INFINITY;
  // Successful writes in the current and previous second: the rate Graph actually accepted.
  let windowStart = clock.now();
  let windowCount = 0;
  let previousCount = 0;

  const rate = () => Math.min(writesPerSecond * factor, adaptive);
  const countSuccesses = (n: number) => {
    const now = clock.now();
    if (now - windowStart >= 1000) {
      previousCount = now - windowStart >= 2000 ? 0 : windowCount;
      windowStart = now;
      windowCount = 0;
    }
    windowCount += n;
  };
  const refill = () => {
    const now = clock.now();
    tokens = Math.min(capacity, tokens + ((now - last) / 1000) * rate());
    last = now;
  };

  const awaitThrottleGate = async (waitedUntil = 0) => {
    // Sleep until the pause ends; sleep again only if another 429 extended it meanwhile. Comparing
    // pause targets (not re-reading the clock) keeps an injected, non-advancing sleep from spinning.
    let target = waitedUntil;
    while (pausedUntil > target) {
      target = pausedUntil;
      const wait = target - clock.now();
      if (wait > 0) await clock.sleep(wait);
    }
  };

  return {
    async acquireWrites(count, waitedUntil) {
      await awaitThrottleGate(waitedUntil);
      refill();
      tokens -= count;
      if (tokens < 0) await clock.sleep(Math.ceil((-tokens / rate()) * 1000));
    },
    awaitThrottleGate,
    pauseFor(ms) {
      pausedUntil = Math.max(pausedUntil, clock.now() + ms);
    },
    observeLimitPercentage(value) {
      refill();
      factor = slowdownFactor(value);
    },
    observeThrottled() {
      const now = clock.now();
      if (now - lastCut < THROTTLE_CUT_INTERVAL_MS) return;
      lastCut = now;
      refill();
      // Cut from what Graph actually accepted when that is lower than the current rate.
      countSuccesses(0);
      const achieved = Math.max(windowCount, previousCount);
      const basis = achieved > 0 ? Math.min(rate(), achieved) : rate();
      adaptive = Math.max(1, writesPerSecond * MIN_ADAPTIVE_SHARE, basis * 0.5);
      tokens = Math.min(tokens, 0); // no burst right after a 429
    },
    observeWriteSuccess(count) {
      countSuccesses(count);
      if (adaptive >= writesPerSecond) return;
      refill();
      adaptive = Math.min(writesPerSecond, adaptive * (1 + 0.02 * (count / 20)));
    },
    currentRate: rate,
  };
}

export interface ConcurrencyLimiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Requests currently running. */
  active(): number;
}

/**
 * At most `max` tasks run at once; the rest wait in FIFO order. `max` may be a function, read each
 * time a slot could open, so the limit can follow a measured need (the write lane).
 */
export function createConcurrencyLimiter(max: number | (() => number)): ConcurrencyLimiter {
  if (typeof max === 'number' && !(max >= 1)) throw new RangeError('maxConcurrency must be at least 1');
  const limit = typeof max === 'number' ? () => max : () => Math.max(1, Math.floor(max()));
  let running = 0;
  const queue: Array<() => void> = [];
  const pump = () => {
    while (queue.length > 0 && running < limit()) {
      running += 1;
      (queue.shift() as () => void)();
    }
  };
  return {
    async run(task) {
      await new Promise<void>((resolve) => {
        queue.push(resolve);
        pump();
      });
      try {
        return await task();
      } finally {
        running -= 1;
        pump();
      }
    },
    active: () => running,
  };
}

/**
 * Writes that must be in flight to carry `ratePerSecond` when one takes `roundTripMs` (Little's law),
 * with half again as headroom, within `[min, max]`. With a fixed lane, single writes (member adds)
 * at Graph's real latency could not reach the quota: 4 in flight at 300 ms carry 13 writes/s, not 20.
 */
export function writeLaneSize(ratePerSecond: number, roundTripMs: number, min: number, max: number): number {
  const needed = Math.ceil((ratePerSecond * roundTripMs * 1.5) / 1000) + 1;
  return Math.max(min, Math.min(max, needed));
}
