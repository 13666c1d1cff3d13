/**
 * JSON batching (https://learn.microsoft.com/graph/json-batching): at most 20 sub-requests, unique ids (case-insensitive),
 * `headers` with `Content-Type` whenever a body is present, `dependsOn` sequencing with 424 for
 * failed dependencies. The envelope answers 200 whatever the sub-results; each sub-request runs
 * through the same pipeline as a top-level request (own throttling, faults, `Retry-After`).
 */
import type { GraphCaller } from './access-tokens.js';
import { graphErrorBody } from './envelope.js';
import { BadRequestError, FailedDependencyError } from './errors.js';
import { executeGraphOperation, registerBatchRunner } from './graph-pipeline.js';
import type { HandlerResult } from './graph-routes.js';
import type { GraphRequest } from './graph-types.js';
import { isRecord } from './jwt.js';
import { shuffleInPlace } from './random.js';
import type { EmulatorRuntime } from './runtime.js';

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  hasBody: boolean;
  dependsOn: string[];
}

const INVALID = 'Invalid batch payload format.';

function parseItems(body: unknown): BatchItem[] {
  if (!isRecord(body) || !Array.isArray(body.requests)) throw new BadRequestError(INVALID);
  if (body.requests.length === 0)
    throw new BadRequestError(`${INVALID} The batch must contain at least one request.`);
  if (body.requests.length > 20)
    throw new BadRequestError(`${INVALID} The number of requests in a batch cannot exceed 20.`);
  const seen = new Set<string>();
  const items = body.requests.map((raw): BatchItem => {
    if (!isRecord(raw)) throw new BadRequestError(INVALID);
    const id = raw.id;
    if (typeof id !== 'string' && typeof id !== 'number')
      throw new BadRequestError(`${INVALID} Each request must have an 'id'.`);
    const key = String(id).toLowerCase();
    if (key === '') throw new BadRequestError(`${INVALID} Each request must have an 'id'.`);
    if (seen.has(key)) throw new BadRequestError(`Batch request contains duplicate id '${String(id)}'.`);
    seen.add(key);
    if (typeof raw.method !== 'string' || typeof raw.url !== 'string')
      throw new BadRequestError(`${INVALID} Request '${String(id)}' must have 'method' and 'url'.`);
    const headers: Record<string, string> = {};
    if (raw.headers !== undefined) {
      if (!isRecord(raw.headers))
        throw new BadRequestError(`${INVALID} The 'headers' of request '${String(id)}' must be an object.`);
      for (const [k, v] of Object.entries(raw.headers)) headers[k.toLowerCase()] = String(v);
    }
    const hasBody = raw.body !== undefined && raw.body !== null;
    if (hasBody && !headers['content-type']) {
      throw new BadRequestError(
        `${INVALID} The request with id '${String(id)}' has a body but no 'Content-Type' header.`,
      );
    }
    const dependsOn = raw.dependsOn === undefined ? [] : raw.dependsOn;
    if (!Array.isArray(dependsOn))
      throw new BadRequestError(`${INVALID} 'dependsOn' of request '${String(id)}' must be an array.`);
    let parsedBody = raw.body;
    if (typeof parsedBody === 'string' && (headers['content-type'] ?? '').includes('json')) {
      try {
        parsedBody = JSON.parse(parsedBody);
      } catch {
        // leave as string: the handler reports the unreadable payload
      }
    }
    return {
      id: String(id),
      method: raw.method.toUpperCase(),
      url: raw.url,
      headers,
      body: parsedBody,
      hasBody,
      dependsOn: dependsOn.map(String),
    };
  });
  const byKey = new Map(items.map((i) => [i.id.toLowerCase(), i]));
  for (const item of items) {
    for (const dep of item.dependsOn) {
      if (!byKey.has(dep.toLowerCase()))
        throw new BadRequestError(`${INVALID} Request '${item.id}' depends on unknown request '${dep}'.`);
    }
  }
  return items;
}

/** Orders items so dependencies run first; rejects cycles. */
function executionOrder(items: BatchItem[]): BatchItem[] {
  const byKey = new Map(items.map((i) => [i.id.toLowerCase(), i]));
  const state = new Map<string, 'visiting' | 'done'>();
  const out: BatchItem[] = [];
  const visit = (item: BatchItem): void => {
    const key = item.id.toLowerCase();
    const s = state.get(key);
    if (s === 'done') return;
    if (s === 'visiting')
      throw new BadRequestError(`${INVALID} Circular dependency involving request '${item.id}'.`);
    state.set(key, 'visiting');
    for (const dep of item.dependsOn) visit(byKey.get(dep.toLowerCase()) as BatchItem);
    state.set(key, 'done');
    out.push(item);
  };
  for (const item of items) visit(item);
  return out;
}

function splitUrl(url: string): { path: string; query: URLSearchParams } {
  let rest = url.trim();
  const abs = /^https?:\/\/[^/]+(\/.*)?$/i.exec(rest);
  if (abs) rest = abs[1] ?? '/';
  rest = rest.replace(/^\/?v1\.0(?=\/|$)/i, '');
  if (!rest.startsWith('/')) rest = `/${rest}`;
  const q = rest.indexOf('?');
  return q < 0
    ? { path: rest, query: new URLSearchParams() }
    : { path: rest.slice(0, q), query: new URLSearchParams(rest.slice(q + 1)) };
}

function runBatch(runtime: EmulatorRuntime, request: GraphRequest, caller: GraphCaller): HandlerResult {
  const items = executionOrder(parseItems(request.body));
  const statuses = new Map<string, number>();
  const responses: Array<Record<string, unknown>> = [];
  for (const item of items) {
    const failedDependency = item.dependsOn.some((d) => {
      const s = statuses.get(d.toLowerCase());
      return s === undefined || s < 200 || s >= 300;
    });
    if (failedDependency) {
      statuses.set(item.id.toLowerCase(), 424);
      responses.push({
        id: item.id,
        status: 424,
        headers: { 'Content-Type': 'application/json' },
        body: graphErrorBody(new FailedDependencyError(), request.requestId, request.clientRequestId),
      });
      continue;
    }
    const { path, query } = splitUrl(item.url);
    const sub: GraphRequest = {
      method: item.method,
      path,
      query,
      headers: item.headers,
      body: item.hasBody ? item.body : undefined,
      requestId: request.requestId,
      clientRequestId: request.clientRequestId,
      batch: { envelopeRequestId: request.requestId, itemId: item.id },
    };
    const result = executeGraphOperation(runtime, sub, caller);
    statuses.set(item.id.toLowerCase(), result.status);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(result.headers)) {
      if (k === 'Content-Type' || k === 'Retry-After' || k === 'Location' || k.startsWith('x-ms-throttle'))
        headers[k] = v;
    }
    const entry: Record<string, unknown> = { id: item.id, status: result.status, headers };
    if (result.body !== undefined) entry.body = result.body;
    else if (result.text !== undefined) entry.body = result.text;
    responses.push(entry);
  }
  if (runtime.settings.shuffleBatchResponses) shuffleInPlace(responses, runtime.random.batch);
  return { status: 200, body: { responses } };
}

registerBatchRunner(runBatch);

/** Imported for its side effect (registering the runner); exported so the import is explicit. */
export const batchSupport = true;
