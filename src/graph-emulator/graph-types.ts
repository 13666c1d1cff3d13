/**
 * The transport-neutral shape of a Graph operation, shared by top-level requests and `$batch`
 * sub-requests so both run the same pipeline (faults, throttling, permissions, handlers).
 */

/** One Graph operation. */
export interface GraphRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** Path after `/v1.0`, without query, e.g. `/users/abc`. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when none was sent. */
  body: unknown;
  requestId: string;
  clientRequestId: string | undefined;
  /** Set for `$batch` sub-requests. */
  batch?: { envelopeRequestId: string; itemId: string };
}

/** The answer to a Graph operation. */
export interface GraphResult {
  status: number;
  headers: Record<string, string>;
  /** JSON body. */
  body?: unknown;
  /** Plain-text body (`$count`). */
  text?: string;
  /** Destroy the connection instead of answering. */
  connectionReset?: boolean;
  /** Whether the operation was a write (for stats and the request log). */
  mutating: boolean;
  resourceUnits: number;
}
