/**
 * Fault injection: scripted faults (match method + path, fire `count` times) and seeded random
 * faults per method, as Dev Proxy's GraphRandomErrorPlugin does. A fault replaces the operation's
 * answer; with `afterApply` the operation runs first (a write that "succeeded" but answered 5xx/429,
 * the reason clients must make writes idempotent).
 */
import type { EmulatorRuntime } from './runtime.js';

/** A fault a test asked for. */
export interface FaultInput {
  /** HTTP method to match (any when omitted). */
  method?: string;
  /** Regular expression source matched against the Graph path after `/v1.0` (e.g. `^/users`). */
  path?: string;
  /** Status to answer: 429, 500, 502, 503, 504, 507… Ignored with `connectionReset`. */
  status?: number;
  /** How many matching operations fail (default 1). */
  count?: number;
  /** `Retry-After` seconds for 429/503 (default 1 for 429). */
  retryAfterSeconds?: number;
  /** Destroy the socket instead of answering (top-level requests only; in a batch it becomes 503). */
  connectionReset?: boolean;
  /** Execute the operation, then answer with the fault. */
  afterApply?: boolean;
}

/** A registered scripted fault. */
export interface ScriptedFault extends FaultInput {
  id: number;
  remaining: number;
}

/** What to do instead of (or after) executing an operation. */
export interface FaultDecision {
  status: number;
  retryAfterSeconds: number | undefined;
  connectionReset: boolean;
  afterApply: boolean;
}

const DEFAULT_STATUSES: Record<string, number[]> = {
  GET: [429, 500, 502, 503, 504],
  PATCH: [429, 500, 502, 503, 504],
  POST: [429, 500, 502, 503, 504, 507],
  PUT: [429, 500, 502, 503, 504, 507],
  DELETE: [429, 500, 502, 503, 504, 507],
};

let nextFaultId = 1;

/** Registers a scripted fault. */
export function addScriptedFault(runtime: EmulatorRuntime, input: FaultInput): ScriptedFault {
  if (input.path !== undefined) new RegExp(input.path);
  const fault: ScriptedFault = { ...input, id: nextFaultId++, remaining: input.count ?? 1 };
  runtime.scriptedFaults.push(fault);
  return fault;
}

/** Picks the fault for an operation, if any (scripted first, then random). */
export function pickFault(runtime: EmulatorRuntime, method: string, path: string): FaultDecision | undefined {
  for (const fault of runtime.scriptedFaults) {
    if (fault.remaining <= 0) continue;
    if (fault.method && fault.method.toUpperCase() !== method) continue;
    if (fault.path !== undefined && !new RegExp(fault.path).test(path)) continue;
    fault.remaining -= 1;
    runtime.scriptedFaults = runtime.scriptedFaults.filter((f) => f.remaining > 0);
    const status = fault.status ?? 503;
    return {
      status,
      retryAfterSeconds: fault.retryAfterSeconds ?? (status === 429 ? 1 : undefined),
      connectionReset: fault.connectionReset === true,
      afterApply: fault.afterApply === true,
    };
  }
  const profile = runtime.settings.randomFaults;
  if (!profile || !(profile.rate > 0)) return undefined;
  if (profile.methods && !profile.methods.map((m) => m.toUpperCase()).includes(method)) return undefined;
  const random = runtime.random.faults;
  if (random.next() >= profile.rate) return undefined;
  const statuses = profile.statusesByMethod?.[method] ?? DEFAULT_STATUSES[method] ?? [500];
  const status = statuses[Math.floor(random.next() * statuses.length)] ?? 500;
  const reset = (profile.connectionResetRate ?? 0) > 0 && random.next() < (profile.connectionResetRate ?? 0);
  return {
    status,
    retryAfterSeconds: status === 429 || status === 503 ? (profile.retryAfterSeconds ?? 5) : undefined,
    connectionReset: reset,
    afterApply: false,
  };
}
