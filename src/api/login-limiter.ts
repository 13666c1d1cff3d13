/**
 * Failed-login limits, counted in memory per process (reset on restart).
 *
 * Invariants:
 * - An attempt is counted when it starts, before the password is checked, in one synchronous step:
 *   parallel guesses cannot all pass the check and be counted afterwards. A successful login gives
 *   its attempt back.
 * - Three limits apply at once: one account from one address, one account from any address (guesses
 *   spread over many addresses), and one address against any account (password spraying).
 * - Memory is bounded whatever the input: at most `maxKeys` keys, least recently used evicted first,
 *   keys older than the window dropped on every call (not only the key being checked), and each key
 *   holds at most its limit's number of timestamps. Usernames are bounded by the login's schema.
 */

/** How many failed logins each scope allows within the window, and how much memory the limiter may use. */
export interface LoginLimits {
  /** Sliding window, in milliseconds. */
  windowMs: number;
  /** Failures allowed for one username from one client address. */
  perAccountAndAddress: number;
  /** Failures allowed for one username from all addresses together. */
  perAccount: number;
  /** Failures allowed from one client address over all usernames. */
  perAddress: number;
  /** The most keys kept; beyond it the least recently used key is forgotten. */
  maxKeys: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  windowMs: 5 * 60_000,
  perAccountAndAddress: 5,
  perAccount: 10,
  perAddress: 20,
  maxKeys: 10_000,
};

/** A login attempt that passed the limits and has been counted as a failure until it succeeds. */
export interface LoginAttempt {
  blocked: false;
  /** The password was right: forget this account's failures from this address and give the attempt back. */
  succeeded(): void;
}

/** A login refused before any password was checked. */
export interface BlockedLogin {
  blocked: true;
  /** Seconds until the limit that refused it lets an attempt through again. */
  retryAfter: number;
}

export interface LoginLimiter {
  /** Count one attempt for `username` from `address`, unless a limit is reached. */
  begin(address: string, username: string): LoginAttempt | BlockedLogin;
  /** How many keys are held (for tests and metrics). */
  size(): number;
}

/** A limiter with the given limits; `now` is injectable for tests. */
export function createLoginLimiter(
  limits: Partial<LoginLimits> = {},
  now: () => number = Date.now,
): LoginLimiter {
  const { windowMs, perAccountAndAddress, perAccount, perAddress, maxKeys } = {
    ...DEFAULT_LOGIN_LIMITS,
    ...limits,
  };
  // Map keeps insertion order; every touch re-inserts its key, so the first key is the least
  // recently used and its newest timestamp is the oldest of all keys.
  const attempts = new Map<string, number[]>();

  function dropExpired(t: number): void {
    for (const [key, times] of attempts) {
      const newest = times[times.length - 1];
      if (newest !== undefined && t - newest < windowMs) break;
      attempts.delete(key);
    }
  }

  function recent(key: string, t: number): number[] {
    return (attempts.get(key) ?? []).filter((time) => t - time < windowMs);
  }

  function store(key: string, times: number[]): void {
    attempts.delete(key);
    attempts.set(key, times);
    while (attempts.size > maxKeys) {
      const oldest = attempts.keys().next().value;
      if (oldest === undefined) break;
      attempts.delete(oldest);
    }
  }

  /** Take back one counted attempt at `time` from `key`. */
  function giveBack(key: string, time: number): void {
    const times = attempts.get(key);
    if (!times) return;
    const index = times.lastIndexOf(time);
    if (index >= 0) times.splice(index, 1);
    if (times.length === 0) attempts.delete(key);
  }

  return {
    begin(address, username) {
      const t = now();
      dropExpired(t);
      // Case-folded so "Admin" and "admin" share a limit; NUL separators cannot occur in either part.
      const account = username.normalize('NFC').toLowerCase();
      const scopes = [
        { key: `pair\u0000${address}\u0000${account}`, limit: perAccountAndAddress },
        { key: `account\u0000${account}`, limit: perAccount },
        { key: `address\u0000${address}`, limit: perAddress },
      ];
      const counted = scopes.map((scope) => ({ ...scope, times: recent(scope.key, t) }));
      let retryAfter = 0;
      for (const { times, limit } of counted) {
        if (times.length < limit) continue;
        const freedAt = (times[times.length - limit] ?? t) + windowMs;
        retryAfter = Math.max(retryAfter, Math.ceil((freedAt - t) / 1000));
      }
      if (retryAfter > 0) {
        // Nothing is added, so nothing moves: `Map.set` on a present key keeps its place in the order.
        for (const { key, times } of counted) {
          if (times.length > 0) attempts.set(key, times);
          else attempts.delete(key);
        }
        return { blocked: true, retryAfter };
      }
      for (const { key, times } of counted) store(key, [...times, t]);
      const [pair, ...others] = counted;
      return {
        blocked: false,
        succeeded() {
          if (pair) attempts.delete(pair.key);
          for (const { key } of others) giveBack(key, t);
        },
      };
    },
    size: () => attempts.size,
  };
}
