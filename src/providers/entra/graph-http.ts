/**
 * The HTTP layer of the Graph client: one request in, one parsed response or one classified error
 * out. Resource methods (graph-client.ts) and batching (graph-batch.ts) sit on top of it.
 *
 * Invariants:
 * - Dry run is enforced here, before anything is sent: every method other than GET/HEAD throws
 *   `DryRunRejectedError`, except a `$batch` whose sub-requests are all GETs. Token requests go
 *   through MSAL, not through this layer, so they are unaffected.
 * - The bearer token is only ever sent to the configured Graph origin; an `@odata.nextLink` pointing
 *   elsewhere is refused.
 * - Retries are bounded (`retry.maxAttempts`) and never immediate: 429/5xx wait for `Retry-After`
 *   (fractional seconds honoured) or capped exponential backoff with jitter; a 429 also holds every
 *   other request of this client until its `Retry-After` has passed.
 * - A 401 refreshes the token once and retries; a second 401 is a configuration error.
 * - A 404 is retried (bounded, `notFoundRetry`) only when the request references an id this client
 *   created recently: that is replication lag, not absence.
 * - Writes pass the shared write pacer before each attempt (a `$batch` counts its write sub-requests),
 *   after the token is in hand and inside a small write lane, so at most a few paced writes are in
 *   flight between the pacer and the wire: a stall never turns into a burst above the pace.
 * - A non-idempotent write (a POST that creates) is retried only after `verifyBeforeRetry` has checked
 *   that the failed attempt did not in fact apply; if it did, its result is returned instead.
 */
import { randomUUID } from 'node:crypto';
import { type Dispatcher, request } from 'undici';
import {
  classifyGraphResponse,
  DryRunRejectedError,
  GraphBadRequestError,
  type GraphError,
  GraphTransientError,
} from './graph-errors.js';
import { isRetryableStatus, parseRetryAfter, type RetryPolicy, retryDelay } from './rate-backoff.js';
import {
  type Clock,
  type ConcurrencyLimiter,
  createConcurrencyLimiter,
  parseLimitPercentage,
  type WritePacer,
  writeLaneSize,
} from './rate-limiter.js';
import type { TokenProvider } from './token-provider.js';

export type GraphMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One Graph request. */
export interface GraphRequest {
  method: GraphMethod;
  /** Relative to the Graph base URL (`/users?$top=999`) or an absolute `@odata.nextLink`. */
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send `ConsistencyLevel: eventual` (advanced queries); resent on every page by the caller. */
  consistencyEventual?: boolean;
  /** Writes this request counts against the pacer (default: 1 for non-GET, 0 for GET). */
  writeCount?: number;
  /**
   * Set on creates that are not idempotent. Before a retry, it looks for the object the failed
   * attempt may have created; a response it returns is used as the result instead of retrying.
   */
  verifyBeforeRetry?: () => Promise<GraphResponse | undefined>;
  /** Do not retry 404s even when the request references a fresh id. */
  noNotFoundRetry?: boolean;
  /** Non-2xx statuses to return as a response instead of an error (e.g. an outer 424 on `$batch`). */
  acceptStatus?: (status: number) => boolean;
  /** The caller has already waited (its own retry delay) until this clock time. */
  waitedUntil?: number;
}

/** A successful response. */
export interface GraphResponse<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string>;
  requestId?: string;
}

export interface GraphHttpStats {
  requests: number;
  writes: number;
  throttled: number;
  retries: number;
}

export interface NotFoundRetryPolicy {
  attempts: number;
  delayMs: number;
}

export interface GraphHttpOptions {
  graphBaseUrl: string;
  tokens: TokenProvider;
  dispatcher: Dispatcher;
  pacer: WritePacer;
  limiter: ConcurrencyLimiter;
  /** Writes past the pacer at once, at least (default 4). */
  writeLaneSize?: number;
  /**
   * Writes past the pacer at once, at most (default `writeLaneSize`): between the two, the lane
   * follows the paced rate × the measured write round trip, so slow responses do not cap the rate.
   */
  maxWriteLaneSize?: number;
  clock: Clock;
  retry: RetryPolicy;
  notFoundRetry: NotFoundRetryPolicy;
  dryRun: boolean;
  lowPriority: boolean;
  random?: () => number;
  /**
   * Ids created recently (id → creation time), shared by every client of one app + tenant in the
   * process: a 404 on a user a full sync's client just created, met by a direct sync's client, is
   * replication lag too. Default: this client's own.
   */
  createdIds?: Map<string, number>;
}

export interface GraphHttp {
  send<T = unknown>(req: GraphRequest): Promise<GraphResponse<T>>;
  /** Remembers an id this client created (for replication-lag retries). */
  noteCreated(id: string): void;
  /** True when `text` mentions an id created by this client within the lag window. */
  referencesRecentId(text: string): boolean;
  /** Absolute URL for a relative Graph path. */
  absoluteUrl(url: string): string;
  readonly stats: GraphHttpStats;
  readonly options: Readonly<GraphHttpOptions>;
  /** Sleeps through the injected clock, counts the wait as a retry; returns the time waited until. */
  waitBeforeRetry(ms: number): Promise<number>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);
const ID_PATTERN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** True when a request would change state (a `$batch` of GETs does not). */
export function isMutatingRequest(method: string, url: string, body: unknown): boolean {
  if (SAFE_METHODS.has(method)) return false;
  if (method === 'POST' && /\/\$batch(\?|$)/.test(url)) {
    const requests = (body as { requests?: Array<{ method?: string }> } | undefined)?.requests;
    return (
      !Array.isArray(requests) || requests.some((r) => !SAFE_METHODS.has(String(r.method).toUpperCase()))
    );
  }
  return true;
}

function lowerCaseHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value !== undefined) headers[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

export function createGraphHttp(options: GraphHttpOptions): GraphHttp {
  const base = options.graphBaseUrl.replace(/\/+$/, '');
  const baseOrigin = new URL(base).origin;
  const { clock, pacer, limiter } = options;
  const minLane = options.writeLaneSize ?? 4;
  const maxLane = Math.max(minLane, options.maxWriteLaneSize ?? minLane);
  // Write round trip (request sent → response read), smoothed; 0 until the first write returns.
  let writeRoundTripMs = 0;
  const writeLane = createConcurrencyLimiter(() =>
    writeLaneSize(pacer.currentRate(), writeRoundTripMs, minLane, maxLane),
  );
  const random = options.random ?? Math.random;
  const stats: GraphHttpStats = { requests: 0, writes: 0, throttled: 0, retries: 0 };

  // Ids created by this client, with their creation time; the lag window is generous because the
  // cost of a wrong guess is only a few bounded retries.
  const recent = options.createdIds ?? new Map<string, number>();
  const lagWindowMs = Math.max(120_000, options.notFoundRetry.attempts * options.notFoundRetry.delayMs * 2);
  const noteCreated = (id: string) => {
    const now = clock.now();
    recent.set(id.toLowerCase(), now);
    if (recent.size > 50_000) {
      for (const [key, at] of recent) if (now - at > lagWindowMs || recent.size > 40_000) recent.delete(key);
    }
  };
  const referencesRecentId = (text: string) => {
    if (recent.size === 0) return false;
    const now = clock.now();
    for (const match of text.matchAll(ID_PATTERN)) {
      const at = recent.get(match[0].toLowerCase());
      if (at !== undefined && now - at <= lagWindowMs) return true;
    }
    return false;
  };

  // An object this client deleted is gone on purpose: its 404s are not replication lag.
  const forgetDeleted = (url: string) => {
    const last = new URL(url).pathname.split('/').pop() ?? '';
    if (/^[0-9a-f-]{36}$/i.test(last)) recent.delete(last.toLowerCase());
  };

  const absoluteUrl = (url: string) => {
    if (/^https?:\/\//i.test(url)) {
      if (new URL(url).origin !== baseOrigin) {
        throw new GraphBadRequestError({
          status: 0,
          code: 'ForeignUrl',
          graphMessage: `refusing to send the token to ${new URL(url).origin}`,
          method: 'GET',
          url,
        });
      }
      return url;
    }
    return `${base}${url.startsWith('/') ? '' : '/'}${url}`;
  };

  const waitBeforeRetry = async (ms: number) => {
    stats.retries += 1;
    const until = clock.now() + ms;
    await clock.sleep(ms);
    return until;
  };

  const attemptOnce = async (
    req: GraphRequest,
    url: string,
    payload: string | undefined,
    clientRequestId: string,
    forceRefresh: boolean,
    waitedUntil: number,
    writes: number,
  ) => {
    // The token comes first: a slow token fetch must not let paced writes bank credit and then burst.
    const { token } = await options.tokens.getToken(forceRefresh);
    if (writes > 0) {
      await pacer.acquireWrites(writes, waitedUntil);
      stats.writes += writes;
    }
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      'client-request-id': clientRequestId,
      ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.lowPriority ? { 'x-ms-throttle-priority': 'Low' } : {}),
      ...(req.consistencyEventual ? { consistencylevel: 'eventual' } : {}),
      ...req.headers,
    };
    return limiter.run(async () => {
      // Re-checked inside the slot: a 429 may have arrived while this request waited for a slot.
      await pacer.awaitThrottleGate(waitedUntil);
      stats.requests += 1;
      const sentAt = clock.now();
      const response = await request(url, {
        method: req.method,
        headers,
        dispatcher: options.dispatcher,
        ...(payload !== undefined ? { body: payload } : {}),
      });
      const text = await response.body.text();
      if (writes > 0) {
        const took = clock.now() - sentAt;
        writeRoundTripMs = writeRoundTripMs === 0 ? took : writeRoundTripMs * 0.8 + took * 0.2;
      }
      const responseHeaders = lowerCaseHeaders(response.headers);
      let body: unknown;
      if (text === '') body = undefined;
      else if ((responseHeaders['content-type'] ?? '').includes('json')) {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      } else body = text;
      return { status: response.statusCode, headers: responseHeaders, body };
    });
  };

  async function send<T>(req: GraphRequest): Promise<GraphResponse<T>> {
    const url = absoluteUrl(req.url);
    if (options.dryRun && isMutatingRequest(req.method, url, req.body)) {
      throw new DryRunRejectedError(req.method, url, req.body);
    }
    const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
    const writes = req.writeCount ?? (req.method === 'GET' ? 0 : 1);
    const clientRequestId = randomUUID();
    const isBatch = /\/\$batch(\?|$)/.test(url);
    const lagCandidate = !req.noNotFoundRetry && referencesRecentId(`${url} ${payload ?? ''}`);
    let attempt = 0;
    let notFoundAttempts = 0;
    let refreshed = false;
    let forceRefresh = false;
    let waitedUntil = req.waitedUntil ?? 0;

    for (;;) {
      attempt += 1;
      let result: { status: number; headers: Record<string, string>; body: unknown };
      try {
        const go = () => attemptOnce(req, url, payload, clientRequestId, forceRefresh, waitedUntil, writes);
        // Writes wait for the pacer in a write lane of their own, so that (a) few paced writes sit
        // between the pacer and the wire (no burst when the server catches up) and (b) writes waiting
        // for pace never hold the connection slots that reads need.
        result = writes > 0 ? await writeLane.run(go) : await go();
      } catch (error) {
        if ((error as GraphError | undefined)?.kind !== undefined) throw error; // token failures
        if (attempt >= options.retry.maxAttempts) {
          throw new GraphTransientError({
            status: 0,
            code: 'NetworkError',
            graphMessage: error instanceof Error ? error.message : String(error),
            method: req.method,
            url,
            cause: error,
          });
        }
        const verified = req.verifyBeforeRetry ? await req.verifyBeforeRetry() : undefined;
        if (verified) return verified as GraphResponse<T>;
        waitedUntil = await waitBeforeRetry(retryDelay(attempt, undefined, options.retry, random));
        continue;
      }
      forceRefresh = false;

      const { status, headers, body } = result;
      const requestId = headers['request-id'];
      pacer.observeLimitPercentage(parseLimitPercentage(headers['x-ms-throttle-limit-percentage']));

      if (status < 300 && writes > 0 && !isBatch) pacer.observeWriteSuccess(writes);
      if (status < 300 || req.acceptStatus?.(status)) {
        if (
          status === 201 &&
          body &&
          typeof body === 'object' &&
          typeof (body as { id?: unknown }).id === 'string'
        ) {
          noteCreated((body as { id: string }).id);
        }
        if (req.method === 'DELETE') forgetDeleted(url);
        return { status, body: body as T, headers, ...(requestId !== undefined ? { requestId } : {}) };
      }

      const retryAfterMs = parseRetryAfter(headers['retry-after'], clock.now());
      if (status === 401 && !refreshed) {
        refreshed = true;
        forceRefresh = true;
        attempt -= 1; // a token refresh is not a failed attempt
        stats.retries += 1;
        continue;
      }
      if (isRetryableStatus(status)) {
        const delay = retryDelay(attempt, retryAfterMs, options.retry, random);
        if (status === 429) {
          stats.throttled += 1;
          pacer.pauseFor(delay);
          if (writes > 0) pacer.observeThrottled();
        }
        if (attempt < options.retry.maxAttempts) {
          const verified = req.verifyBeforeRetry ? await req.verifyBeforeRetry() : undefined;
          if (verified) return verified as GraphResponse<T>;
          waitedUntil = await waitBeforeRetry(delay);
          continue;
        }
      }
      if (status === 404 && lagCandidate && notFoundAttempts < options.notFoundRetry.attempts) {
        notFoundAttempts += 1;
        attempt -= 1; // replication lag has its own budget
        waitedUntil = await waitBeforeRetry(options.notFoundRetry.delayMs);
        continue;
      }
      throw classifyGraphResponse({
        status,
        body,
        method: req.method,
        url,
        ...(requestId !== undefined ? { requestId } : {}),
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      });
    }
  }

  return { send, noteCreated, referencesRecentId, absoluteUrl, stats, options, waitBeforeRetry };
}
