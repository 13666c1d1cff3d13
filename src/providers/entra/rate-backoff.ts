/**
 * Retry timing for Graph requests: `Retry-After` parsing and capped exponential backoff with jitter.
 *
 * Invariants:
 * - A retry is never immediate: every delay is at least `MIN_RETRY_DELAY_MS`, even when Graph says
 *   `Retry-After: 0` (retries count against the quota:
 *   https://learn.microsoft.com/en-us/graph/throttling#best-practices-to-handle-throttling).
 * - `Retry-After` may be fractional seconds (`2.128`) or an HTTP date; both are honoured exactly
 *   (rounded up to the millisecond), and never shortened by jitter.
 */

/** The floor for any retry delay. */
export const MIN_RETRY_DELAY_MS = 50;

/** Retry settings (all optional on the client). */
export interface RetryPolicy {
  /** Total attempts including the first (default 6). */
  maxAttempts: number;
  /** First backoff delay without `Retry-After` (default 1 s). */
  baseDelayMs: number;
  /** Cap of the exponential backoff (default 60 s). */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 60_000 };

/** Longest `Retry-After` we accept from a server before clamping (Graph's SDKs cap at 180 s). */
export const MAX_RETRY_AFTER_MS = 180_000;

/**
 * Parses a `Retry-After` header value into milliseconds; undefined when absent or unparseable.
 * Accepts delta-seconds (integer or fractional) and HTTP dates.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    return Math.min(MAX_RETRY_AFTER_MS, Math.ceil(Number(trimmed) * 1000));
  }
  if (!/[a-z]/i.test(trimmed)) return undefined; // not an HTTP date either (e.g. "-1")
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, date - nowMs));
}

/**
 * Delay before retry number `attempt` (1 for the first retry): `baseDelayMs * 2^(attempt-1)`, capped at
 * `maxDelayMs`, with "equal jitter" (a uniformly random value in [half, full]) so concurrent clients
 * spread out while the delay still grows.
 */
export function backoffDelay(
  attempt: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  const exp = policy.baseDelayMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.maxDelayMs, exp);
  const jittered = capped / 2 + (random() * capped) / 2;
  return Math.max(MIN_RETRY_DELAY_MS, Math.round(jittered));
}

/** The delay to wait before retrying: the server's `Retry-After` when given, else backoff. */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.max(MIN_RETRY_DELAY_MS, retryAfterMs);
  return backoffDelay(attempt, policy, random);
}

/** Statuses that are retried with `Retry-After`/backoff (the request may succeed later). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}
