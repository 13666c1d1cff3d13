import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  isRetryableStatus,
  MIN_RETRY_DELAY_MS,
  parseRetryAfter,
  retryDelay,
} from './rate-backoff.js';

describe('parseRetryAfter', () => {
  it('reads integer and fractional seconds, rounding up to the millisecond', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('2.128')).toBe(2128);
    expect(parseRetryAfter('0.0004')).toBe(1);
    expect(parseRetryAfter(' 1.5 ')).toBe(1500);
  });

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:59:00 GMT', now)).toBe(0);
  });

  it('returns undefined for absent or garbage values and clamps huge ones', () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter('-1')).toBeUndefined();
    expect(parseRetryAfter('100000')).toBe(180_000);
  });
});

describe('backoffDelay', () => {
  const policy = { baseDelayMs: 1000, maxDelayMs: 10_000 };
  it('doubles per attempt with jitter between half and full', () => {
    expect(backoffDelay(1, policy, () => 0)).toBe(500);
    expect(backoffDelay(1, policy, () => 1)).toBe(1000);
    expect(backoffDelay(3, policy, () => 0)).toBe(2000);
    expect(backoffDelay(3, policy, () => 1)).toBe(4000);
  });

  it('is capped at maxDelayMs', () => {
    expect(backoffDelay(20, policy, () => 1)).toBe(10_000);
    expect(backoffDelay(20, policy, () => 0)).toBe(5000);
  });

  it('is never immediate', () => {
    expect(backoffDelay(1, { baseDelayMs: 0, maxDelayMs: 0 }, () => 0)).toBe(MIN_RETRY_DELAY_MS);
  });
});

describe('retryDelay', () => {
  it("prefers the server's Retry-After over backoff, without jitter", () => {
    expect(retryDelay(1, 2128, { baseDelayMs: 1000, maxDelayMs: 60_000 }, () => 0)).toBe(2128);
  });
  it('never retries immediately, even on Retry-After: 0', () => {
    expect(retryDelay(1, 0, { baseDelayMs: 1000, maxDelayMs: 60_000 })).toBe(MIN_RETRY_DELAY_MS);
  });
  it('falls back to backoff without Retry-After', () => {
    expect(retryDelay(2, undefined, { baseDelayMs: 1000, maxDelayMs: 60_000 }, () => 1)).toBe(2000);
  });
});

describe('isRetryableStatus', () => {
  it('retries throttling and server errors only', () => {
    for (const s of [429, 500, 502, 503, 504]) expect(isRetryableStatus(s)).toBe(true);
    for (const s of [200, 400, 401, 403, 404, 409, 424, 501]) expect(isRetryableStatus(s)).toBe(false);
  });
});
