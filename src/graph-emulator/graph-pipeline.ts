/**
 * One Graph operation, top-level or inside `$batch`: resolve the route, apply scripted/random
 * faults, charge the throttling buckets, check permissions, run the handler, and decorate the
 * answer (`x-ms-resource-unit`, `x-ms-throttle-*`). Authentication happens before this (once per
 * HTTP request). The whole operation is synchronous, so operations never interleave.
 */
import type { GraphCaller } from './access-tokens.js';
import { graphErrorBody } from './envelope.js';
import { GraphError, InjectedFaultError, TooManyRequestsError } from './errors.js';
import { pickFault } from './faults.js';
import { type HandlerResult, type Route, requireRoles, resolveRoute } from './graph-routes.js';
import type { GraphRequest, GraphResult } from './graph-types.js';
import type { EmulatorRuntime } from './runtime.js';
import { logRequest } from './runtime.js';
import { bump, isMutatingMethod } from './stats.js';
import { chargeRequest, resourceUnits } from './throttling.js';

/** Splits `/users/a%40b.com/memberOf` into decoded segments. */
export function pathSegments(path: string): string[] {
  return path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

/** Runs the `$batch` envelope; set by batch.ts to avoid an import cycle. */
export type BatchRunner = (
  runtime: EmulatorRuntime,
  request: GraphRequest,
  caller: GraphCaller,
) => HandlerResult;
let batchRunner: BatchRunner | undefined;

/** Registers the `$batch` implementation. */
export function registerBatchRunner(runner: BatchRunner): void {
  batchRunner = runner;
}

function errorResult(error: GraphError, request: GraphRequest, mutating: boolean, ru: number): GraphResult {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...error.headers };
  if (error.status === 401) {
    headers['WWW-Authenticate'] =
      'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';
  }
  return {
    status: error.status,
    headers,
    body: graphErrorBody(error, request.requestId, request.clientRequestId),
    mutating,
    resourceUnits: ru,
  };
}

function asGraphError(error: unknown): GraphError {
  if (error instanceof GraphError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new GraphError(500, 'generalException', `An internal server error occurred: ${message}`);
}

function handlerToResult(result: HandlerResult, mutating: boolean, ru: number): GraphResult {
  const headers: Record<string, string> = { ...(result.headers ?? {}) };
  if (result.body !== undefined && !headers['Content-Type'])
    headers['Content-Type'] =
      'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
  return {
    status: result.status,
    headers,
    body: result.body,
    text: result.text,
    mutating,
    resourceUnits: ru,
  };
}

/** Executes one Graph operation for an authenticated caller. */
export function executeGraphOperation(
  runtime: EmulatorRuntime,
  request: GraphRequest,
  caller: GraphCaller,
): GraphResult {
  const now = Date.now();
  let resolved: { route: Route; params: string[] };
  try {
    resolved = resolveRoute(request.method, pathSegments(request.path));
  } catch (error) {
    return finish(
      runtime,
      request,
      caller,
      errorResult(asGraphError(error), request, isMutatingMethod(request.method), 1),
    );
  }
  const { route, params } = resolved;
  if (route.name === 'batch') {
    if (!batchRunner) throw new Error('batch runner not registered');
    if (request.batch)
      return finish(
        runtime,
        request,
        caller,
        errorResult(
          new GraphError(400, 'BadRequest', 'Nested batch requests are not supported.'),
          request,
          false,
          1,
        ),
      );
    const result = handlerToResult(batchRunner(runtime, request, caller), false, 0);
    runtime.stats.batch.envelopes += 1;
    return result;
  }
  const ru = resourceUnits(route.baseResourceUnits, request.query);
  const writes = route.write ? 1 : 0;
  const op = { runtime, tenant: caller.tenant, now, request, caller, params };

  const fault = pickFault(runtime, request.method, request.path);
  if (fault && !fault.afterApply) {
    if (fault.connectionReset && !request.batch)
      return finish(runtime, request, caller, {
        status: 0,
        headers: {},
        connectionReset: true,
        mutating: route.write,
        resourceUnits: ru,
      });
    const error =
      fault.status === 429
        ? new TooManyRequestsError(fault.retryAfterSeconds ?? 1)
        : new InjectedFaultError(fault.connectionReset ? 503 : fault.status, fault.retryAfterSeconds);
    return finish(runtime, request, caller, errorResult(error, request, route.write, ru));
  }

  let limitPercentage: number | undefined;
  if (runtime.settings.throttling) {
    const decision = chargeRequest(
      runtime.throttle,
      runtime.settings,
      caller.tenant,
      caller.app,
      ru,
      writes,
      now,
    );
    if (!decision.allowed) {
      const error = new TooManyRequestsError(decision.retryAfterMs / 1000, {
        'x-ms-throttle-scope': decision.scope,
        'x-ms-throttle-information': decision.information,
      });
      return finish(runtime, request, caller, errorResult(error, request, route.write, ru));
    }
    limitPercentage = decision.limitPercentage;
  }

  let result: GraphResult;
  try {
    requireRoles(caller, route.roles);
    result = handlerToResult(route.handler(op), route.write, ru);
  } catch (error) {
    result = errorResult(asGraphError(error), request, route.write, ru);
  }
  if (fault?.afterApply) {
    const error =
      fault.status === 429
        ? new TooManyRequestsError(fault.retryAfterSeconds ?? 1)
        : new InjectedFaultError(fault.status, fault.retryAfterSeconds);
    result = errorResult(error, request, route.write, ru);
  }
  if (limitPercentage !== undefined)
    result.headers['x-ms-throttle-limit-percentage'] = limitPercentage.toFixed(2);
  return finish(runtime, request, caller, result);
}

function finish(
  runtime: EmulatorRuntime,
  request: GraphRequest,
  caller: GraphCaller,
  result: GraphResult,
): GraphResult {
  result.headers['x-ms-resource-unit'] = String(result.resourceUnits);
  const stats = runtime.stats;
  stats.graphOperations += 1;
  if (result.mutating) stats.writes += 1;
  if (result.status === 429) stats.throttled += 1;
  if (request.batch) {
    stats.batch.subRequests += 1;
    bump(stats.batch.byMethod, request.method);
    bump(stats.batch.byStatus, result.status);
    logRequest(runtime, {
      kind: 'batch-item',
      method: request.method,
      url: `${request.path}${request.query.size > 0 ? `?${request.query.toString()}` : ''}`,
      status: result.status,
      mutating: result.mutating,
      tenantId: caller.tenant.id,
      clientId: caller.app.clientId,
      requestId: request.requestId,
      clientRequestId: request.clientRequestId,
      batchRequestId: request.batch.envelopeRequestId,
      batchItemId: request.batch.itemId,
      resourceUnits: result.resourceUnits,
    });
  }
  return result;
}
