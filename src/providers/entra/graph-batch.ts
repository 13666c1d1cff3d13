/**
 * Many independent Graph requests through JSON batching (`POST /$batch`, https://learn.microsoft.com/en-us/graph/json-batching).
 *
 * Invariants:
 * - At most 20 sub-requests per batch; sub-request ids are unique within a batch and responses are
 *   correlated by id, never by position (Graph returns them in any order).
 * - Only failed items are resent, after the longest `Retry-After` among them (or backoff): 429, 5xx
 *   and 424 (failed dependency) are retried, with a bounded number of attempts per item; a 404 on an
 *   item that references an id this client just created is retried as replication lag.
 * - A create that failed ambiguously (429/5xx/no answer: it may have been applied) is looked up
 *   through `verifyBeforeRetry` before it is resent, so a retry never makes a duplicate group.
 * - An outer 200 or 424 is read as a batch answer; any other outer failure fails every item of that
 *   batch with the same error (after the HTTP layer's own retries).
 * - In dry run, no mutating sub-request is sent: each one reports a `DryRunRejectedError` carrying
 *   what would have been sent.
 * - Results come back in input order, one per input.
 */
import {
  classifyGraphResponse,
  DryRunRejectedError,
  type GraphError,
  GraphTransientError,
} from './graph-errors.js';
import { type GraphHttp, type GraphMethod, isMutatingRequest } from './graph-http.js';
import { isRetryableStatus, parseRetryAfter, retryDelay } from './rate-backoff.js';

/** Graph's limit of sub-requests per `$batch`. */
export const MAX_BATCH_SIZE = 20;

export interface BatchItem {
  method: GraphMethod;
  /** Relative to the Graph version root, e.g. `/users` or `/groups/{id}/members/{id}/$ref`. */
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** The result of one write. */
export type WriteOutcome<T = unknown> =
  | { ok: true; status: number; body?: T; requestId?: string }
  | { ok: false; error: GraphError };

export interface BatchOptions {
  /** Failures that mean "already done" for this operation (e.g. 404 on a member removal). */
  treatAsSuccess?: (status: number, error: GraphError) => boolean;
  /**
   * For non-idempotent items (creates): before an item that failed with 429/5xx/no answer is resent,
   * look for what it may have created anyway; an outcome returned here replaces the retry.
   */
  verifyBeforeRetry?: (item: BatchItem) => Promise<WriteOutcome | undefined>;
}

interface SubResponse {
  id?: string;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Splits `items` into chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number = MAX_BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return String(value);
  return undefined;
}

/** Sends `items` through `$batch`, retrying failed items; one outcome per item, in input order. */
export async function executeBatch(
  http: GraphHttp,
  items: readonly BatchItem[],
  options: BatchOptions = {},
): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = new Array(items.length);
  const toSend: number[] = [];
  items.forEach((item, index) => {
    const url = item.url.startsWith('/') ? item.url : `/${item.url}`;
    if (http.options.dryRun && isMutatingRequest(item.method, url, item.body)) {
      outcomes[index] = {
        ok: false,
        error: new DryRunRejectedError(item.method, http.absoluteUrl(url), item.body),
      };
    } else toSend.push(index);
  });
  await Promise.all(chunk(toSend).map((indices) => runChunk(http, items, indices, outcomes, options)));
  return outcomes;
}

async function runChunk(
  http: GraphHttp,
  items: readonly BatchItem[],
  indices: number[],
  outcomes: WriteOutcome[],
  options: BatchOptions,
): Promise<void> {
  const { retry, notFoundRetry } = http.options;
  const attempts = new Map<number, number>();
  const lagAttempts = new Map<number, number>();
  let pending = indices;
  let waitedUntil = 0;

  while (pending.length > 0) {
    const requests = pending.map((index) => {
      const item = items[index] as BatchItem;
      const url = item.url.startsWith('/') ? item.url : `/${item.url}`;
      return {
        id: String(index),
        method: item.method,
        url,
        ...(item.body !== undefined
          ? { body: item.body, headers: { 'Content-Type': 'application/json', ...item.headers } }
          : item.headers
            ? { headers: item.headers }
            : {}),
      };
    });
    const writeCount = requests.filter((r) => r.method !== 'GET').length;

    let responses: SubResponse[];
    try {
      const response = await http.send<{ responses?: SubResponse[] }>({
        method: 'POST',
        url: '/$batch',
        body: { requests },
        writeCount,
        acceptStatus: (status) => status === 424,
        waitedUntil,
      });
      responses = Array.isArray(response.body?.responses) ? response.body.responses : [];
    } catch (error) {
      for (const index of pending) outcomes[index] = { ok: false, error: error as GraphError };
      return;
    }

    const byId = new Map<string, SubResponse>();
    for (const r of responses) if (r && r.id !== undefined) byId.set(String(r.id), r);

    const retryNext: number[] = [];
    let waitMs = 0;
    let throttledWrites = 0;
    let succeededWrites = 0;
    for (const index of pending) {
      const item = items[index] as BatchItem;
      const url = http.absoluteUrl(item.url.startsWith('/') ? item.url : `/${item.url}`);
      const sub = byId.get(String(index));
      const status = typeof sub?.status === 'number' ? sub.status : 0;
      const requestId = headerValue(sub?.headers, 'request-id');
      if (status >= 200 && status < 300) {
        const body = sub?.body;
        if (
          status === 201 &&
          body &&
          typeof body === 'object' &&
          typeof (body as { id?: unknown }).id === 'string'
        ) {
          http.noteCreated((body as { id: string }).id);
        }
        outcomes[index] = {
          ok: true,
          status,
          ...(body !== undefined ? { body } : {}),
          ...(requestId ? { requestId } : {}),
        };
        if (item.method !== 'GET') succeededWrites += 1;
        continue;
      }
      const retryAfterMs = parseRetryAfter(headerValue(sub?.headers, 'retry-after'));
      const error =
        status === 0
          ? new GraphTransientError({
              status: 0,
              code: 'MissingBatchResponse',
              graphMessage: `the $batch answer had no response for item ${index}`,
              method: item.method,
              url,
            })
          : classifyGraphResponse({
              status,
              body: sub?.body,
              method: item.method,
              url,
              ...(requestId ? { requestId } : {}),
              ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
            });
      if (options.treatAsSuccess?.(status, error)) {
        outcomes[index] = { ok: true, status, ...(requestId ? { requestId } : {}) };
        continue;
      }
      outcomes[index] = { ok: false, error };
      if (status === 429) {
        http.stats.throttled += 1;
        if (item.method !== 'GET') throttledWrites += 1;
        http.options.pacer.pauseFor(retryDelay(1, retryAfterMs, retry));
      }
      if (status === 0 || status === 424 || isRetryableStatus(status)) {
        const n = (attempts.get(index) ?? 1) + 1;
        if (n <= retry.maxAttempts) {
          attempts.set(index, n);
          retryNext.push(index);
          waitMs = Math.max(waitMs, retryDelay(n - 1, retryAfterMs, retry));
        }
      } else if (status === 404 && http.referencesRecentId(`${url} ${JSON.stringify(item.body ?? '')}`)) {
        const n = (lagAttempts.get(index) ?? 0) + 1;
        if (n <= notFoundRetry.attempts) {
          lagAttempts.set(index, n);
          retryNext.push(index);
          waitMs = Math.max(waitMs, notFoundRetry.delayMs);
        }
      }
    }
    if (options.verifyBeforeRetry && retryNext.length > 0) {
      const verify = options.verifyBeforeRetry;
      const checked = await Promise.all(
        retryNext.map(async (index) => {
          const outcome = outcomes[index];
          // 424 and lag 404s were certainly not applied; only ambiguous failures are checked.
          const ambiguous =
            outcome && !outcome.ok && (outcome.error.status === 0 || isRetryableStatus(outcome.error.status));
          return ambiguous ? await verify(items[index] as BatchItem).catch(() => undefined) : undefined;
        }),
      );
      const still: number[] = [];
      retryNext.forEach((index, i) => {
        const found = checked[i];
        if (found) outcomes[index] = found;
        else still.push(index);
      });
      retryNext.splice(0, retryNext.length, ...still);
    }
    if (throttledWrites > 0) http.options.pacer.observeThrottled();
    else if (succeededWrites > 0) http.options.pacer.observeWriteSuccess(succeededWrites);
    if (retryNext.length > 0) waitedUntil = await http.waitBeforeRetry(waitMs);
    pending = retryNext;
  }
}
