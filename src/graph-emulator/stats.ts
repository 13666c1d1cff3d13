/**
 * Request statistics and the request log, read through the control API. Definitions:
 * - `requests`: HTTP requests received on the Graph and login endpoints (control calls excluded);
 * - `graphOperations`: Graph operations executed, counting each `$batch` sub-request and not the
 *   `$batch` envelope itself;
 * - `writes`: Graph operations with POST/PATCH/PUT/DELETE, attempted (whatever their outcome);
 * - `throttled`: 429 answers, including those inside batches;
 * - `byMethod`/`byStatus`: over HTTP requests (outer statuses);
 * - `batch.byMethod`/`batch.byStatus`: over `$batch` sub-requests.
 */

/** Counters since the last reset. */
export interface EmulatorStats {
  since: string;
  requests: number;
  tokenRequests: number;
  graphOperations: number;
  writes: number;
  throttled: number;
  byMethod: Record<string, number>;
  byStatus: Record<string, number>;
  batch: {
    envelopes: number;
    subRequests: number;
    byMethod: Record<string, number>;
    byStatus: Record<string, number>;
  };
}

/** One request-log line. */
export interface RequestLogEntry {
  seq: number;
  time: string;
  kind: 'graph' | 'batch-item' | 'token' | 'metadata' | 'other';
  method: string;
  /** Path plus query as received (for batch items: the sub-request URL). */
  url: string;
  status: number;
  /** True for Graph POST/PATCH/PUT/DELETE operations (not `$batch` envelopes or token POSTs). */
  mutating: boolean;
  tenantId?: string;
  clientId?: string;
  requestId: string;
  clientRequestId?: string;
  /** For batch items: the envelope's request-id and the item's id. */
  batchRequestId?: string;
  batchItemId?: string;
  /** Resource units charged. */
  resourceUnits?: number;
}

/** Filters for reading the log. */
export interface RequestLogQuery {
  mutatingOnly?: boolean;
  kind?: RequestLogEntry['kind'];
  sinceSeq?: number;
}

export function emptyStats(): EmulatorStats {
  return {
    since: new Date().toISOString(),
    requests: 0,
    tokenRequests: 0,
    graphOperations: 0,
    writes: 0,
    throttled: 0,
    byMethod: {},
    byStatus: {},
    batch: { envelopes: 0, subRequests: 0, byMethod: {}, byStatus: {} },
  };
}

export function bump(map: Record<string, number>, key: string | number): void {
  const k = String(key);
  map[k] = (map[k] ?? 0) + 1;
}

/** True for methods that change state. */
export function isMutatingMethod(method: string): boolean {
  return method === 'POST' || method === 'PATCH' || method === 'PUT' || method === 'DELETE';
}
