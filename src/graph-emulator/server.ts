/**
 * The HTTP(S) listener: one origin serves the login endpoints, Graph under `/v1.0`, and the
 * control API under `/_emulator`. It reads bodies (with a size cap), authenticates Graph calls,
 * runs the Graph pipeline, applies latency/jitter, records stats and the request log, and writes
 * Graph's headers (`request-id`, `client-request-id`). No input may crash it: every failure
 * becomes a Graph-shaped error.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticateGraphCall } from './access-tokens.js';
import { type EmulatorControl, handleControlRequest } from './control.js';
import { graphErrorBody } from './envelope.js';
import {
  BadRequestError,
  GraphError,
  RequestEntityTooLargeError,
  ResourceNotFoundError,
  UNREADABLE_JSON_MESSAGE,
} from './errors.js';
import { executeGraphOperation, pathSegments } from './graph-pipeline.js';
import type { GraphRequest, GraphResult } from './graph-types.js';
import { handleLoginRequest } from './login.js';
import { type EmulatorRuntime, logRequest } from './runtime.js';
import { bump } from './stats.js';
import './batch.js';

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
    });
    req.on('error', (error) => {
      if (!failed) reject(error);
    });
  });
}

function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  payload: string | undefined,
): void {
  if (res.headersSent || res.destroyed) return;
  if (payload !== undefined) headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(status, headers);
  res.end(payload);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Builds the request listener for a runtime. */
export function createRequestListener(
  runtime: EmulatorRuntime,
  control: EmulatorControl,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(runtime, control, req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      send(
        res,
        500,
        { 'Content-Type': 'application/json' },
        JSON.stringify({ error: { code: 'generalException', message: `Emulator failure: ${message}` } }),
      );
    });
  };
}

async function handle(
  runtime: EmulatorRuntime,
  control: EmulatorControl,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const rawUrl = req.url ?? '/';
  const q = rawUrl.indexOf('?');
  const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1));
  const method = (req.method ?? 'GET').toUpperCase();
  const headers = lowerHeaders(req);
  const requestId = randomUUID();
  const clientRequestId = headers['client-request-id'];
  const baseHeaders: Record<string, string> = {
    'request-id': requestId,
    'client-request-id': clientRequestId ?? requestId,
  };

  let body: Buffer;
  try {
    body =
      method === 'GET' || method === 'HEAD'
        ? await drain(req)
        : await readBody(req, runtime.settings.maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      const err = new RequestEntityTooLargeError(runtime.settings.maxBodyBytes);
      send(
        res,
        413,
        { ...baseHeaders, 'Content-Type': 'application/json', Connection: 'close' },
        JSON.stringify(graphErrorBody(err, requestId, clientRequestId)),
      );
      req.destroy();
      return;
    }
    throw error;
  }

  // Control API: no auth, latency, faults or stats.
  if (rawPath === '/_emulator' || rawPath.startsWith('/_emulator/')) {
    let parsed: unknown;
    if (body.length > 0) {
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        send(
          res,
          400,
          { 'Content-Type': 'application/json' },
          JSON.stringify({ error: { code: 'ControlError', message: 'Body is not valid JSON.' } }),
        );
        return;
      }
    }
    const result = handleControlRequest(
      control,
      method,
      pathSegments(rawPath.slice('/_emulator'.length)),
      query,
      parsed,
    );
    send(
      res,
      result.status,
      { 'Content-Type': 'application/json' },
      result.body === undefined ? undefined : JSON.stringify(result.body),
    );
    return;
  }

  const latency =
    runtime.settings.latencyMs +
    (runtime.settings.jitterMs > 0 ? runtime.random.latency.next() * runtime.settings.jitterMs : 0);
  const stats = runtime.stats;
  stats.requests += 1;
  bump(stats.byMethod, method);

  if (rawPath === '/v1.0' || rawPath.startsWith('/v1.0/')) {
    const graphPath = rawPath.slice('/v1.0'.length) || '/';
    const request: GraphRequest = {
      method,
      path: graphPath,
      query,
      headers,
      body: undefined,
      requestId,
      clientRequestId,
    };
    let result: GraphResult;
    let tenantId: string | undefined;
    let clientId: string | undefined;
    try {
      const caller = authenticateGraphCall(runtime, headers.authorization);
      tenantId = caller.tenant.id;
      clientId = caller.app.clientId;
      request.body = parseJsonBody(body, headers['content-type']);
      result = executeGraphOperation(runtime, request, caller);
    } catch (error) {
      const err = error instanceof GraphError ? error : new BadRequestError(String(error));
      const extra: Record<string, string> =
        err.status === 401
          ? {
              'WWW-Authenticate':
                'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
            }
          : {};
      result = {
        status: err.status,
        headers: { 'Content-Type': 'application/json', ...extra, ...err.headers },
        body: graphErrorBody(err, requestId, clientRequestId),
        mutating: false,
        resourceUnits: 1,
      };
    }
    if (latency > 0) await delay(latency);
    // A reset connection is logged with status 0 and counted under `reset`.
    bump(stats.byStatus, result.connectionReset ? 'reset' : result.status);
    logRequest(runtime, {
      kind: 'graph',
      method,
      url: rawUrl,
      status: result.connectionReset ? 0 : result.status,
      mutating: result.mutating,
      tenantId,
      clientId,
      requestId,
      clientRequestId,
      resourceUnits: result.resourceUnits,
    });
    if (result.connectionReset) {
      res.socket?.destroy();
      return;
    }
    const payload = result.text ?? (result.body === undefined ? undefined : JSON.stringify(result.body));
    send(res, result.status, { ...baseHeaders, ...result.headers }, payload);
    return;
  }

  const login = handleLoginRequest(
    runtime,
    method,
    pathSegments(rawPath),
    query,
    req.headers,
    body.toString('utf8'),
  );
  if (latency > 0) await delay(latency);
  if (login) {
    if (login.kind === 'token') stats.tokenRequests += 1;
    bump(stats.byStatus, login.status);
    logRequest(runtime, {
      kind: login.kind,
      method,
      url: rawUrl,
      status: login.status,
      mutating: false,
      tenantId: login.tenantId,
      clientId: login.clientId,
      requestId,
      clientRequestId,
    });
    send(
      res,
      login.status,
      { ...baseHeaders, 'Content-Type': 'application/json; charset=utf-8', ...(login.headers ?? {}) },
      JSON.stringify(login.body),
    );
    return;
  }
  const notFound = new ResourceNotFoundError(
    rawPath.startsWith('/beta') ? 'The emulator serves only v1.0.' : 'Invalid request path.',
  );
  bump(stats.byStatus, 404);
  logRequest(runtime, {
    kind: 'other',
    method,
    url: rawUrl,
    status: 404,
    mutating: false,
    requestId,
    clientRequestId,
  });
  send(
    res,
    404,
    { ...baseHeaders, 'Content-Type': 'application/json' },
    JSON.stringify(graphErrorBody(notFound, requestId, clientRequestId)),
  );
}

function drain(req: IncomingMessage): Promise<Buffer> {
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  return readBody(req, 64 * 1024);
}

function parseJsonBody(body: Buffer, contentType: string | undefined): unknown {
  if (body.length === 0) return undefined;
  const type = (contentType ?? '').toLowerCase();
  if (!type.includes('json')) throw new BadRequestError(UNREADABLE_JSON_MESSAGE);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new BadRequestError(UNREADABLE_JSON_MESSAGE);
  }
}
