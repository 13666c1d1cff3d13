import { describe, expect, it } from 'vitest';
import { createLoginLimiter } from './login-limiter.js';

describe('createLoginLimiter', () => {
  it('refuses the attempt after the limit for one account from one address, with the seconds to wait', () => {
    let t = 0;
    const limiter = createLoginLimiter({ perAccountAndAddress: 3, windowMs: 60_000 }, () => t);
    for (let i = 0; i < 3; i++) expect(limiter.begin('10.0.0.1', 'admin').blocked).toBe(false);
    t = 10_000;
    expect(limiter.begin('10.0.0.1', 'admin')).toEqual({ blocked: true, retryAfter: 50 });
    // Another address, and another account from this address, are not refused by this limit.
    expect(limiter.begin('10.0.0.2', 'admin').blocked).toBe(false);
    expect(limiter.begin('10.0.0.1', 'alice').blocked).toBe(false);
    t = 60_001;
    expect(limiter.begin('10.0.0.1', 'admin').blocked).toBe(false);
  });

  it('counts one account over all addresses, case-folded, and one address over all accounts', () => {
    const limiter = createLoginLimiter({ perAccount: 3, perAddress: 4, perAccountAndAddress: 100 });
    for (const address of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) limiter.begin(address, 'Admin');
    expect(limiter.begin('10.0.0.4', 'admin').blocked).toBe(true);
    for (const account of ['a', 'b', 'c', 'd']) limiter.begin('10.0.0.9', account);
    expect(limiter.begin('10.0.0.9', 'e').blocked).toBe(true);
  });

  it('gives a successful attempt back, so signing in does not use up the limits', () => {
    const limiter = createLoginLimiter({ perAccountAndAddress: 2, perAccount: 2, perAddress: 2 });
    for (let i = 0; i < 10; i++) {
      const attempt = limiter.begin('10.0.0.1', 'admin');
      expect(attempt.blocked).toBe(false);
      if (!attempt.blocked) attempt.succeeded();
    }
    expect(limiter.size()).toBe(0);
  });

  it('holds at most maxKeys keys however many usernames are tried, forgetting the least recently used', () => {
    const limiter = createLoginLimiter({ maxKeys: 100 });
    for (let i = 0; i < 5_000; i++) limiter.begin(`10.0.${i >> 8}.${i & 255}`, `user-${i}`);
    expect(limiter.size()).toBeLessThanOrEqual(100);
  });

  it('drops every expired key on each call, not only the key being checked', () => {
    let t = 0;
    const limiter = createLoginLimiter({ windowMs: 1_000 }, () => t);
    for (let i = 0; i < 50; i++) limiter.begin(`10.0.0.${i}`, `user-${i}`);
    expect(limiter.size()).toBe(150);
    t = 5_000;
    limiter.begin('10.9.9.9', 'someone-else');
    expect(limiter.size()).toBe(3);
  });
});
