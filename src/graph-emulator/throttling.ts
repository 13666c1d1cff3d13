/**
 * Token buckets for Graph's identity-and-access budgets (https://learn.microsoft.com/graph/throttling-limits). Each bucket refills
 * continuously at quota/window; a request needs `cost` tokens in every bucket that applies to it.
 *
 * Invariants
 * - A throttled request consumes nothing, but it starts a "throttled until" period for its
 *   app+tenant; any call before that instant is throttled again (and, with a penalty configured,
 *   extends the period). This is the "called before Retry-After elapsed" rule.
 * - Windows are service time, divided by `timeScale`; `Retry-After` is real seconds.
 */
import type { AppRegistration, Tenant } from './model.js';
import { tenantSizeClass } from './model.js';
import { type EmulatorSettings, realMs } from './settings.js';

/** One bucket's state. */
export interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Throttling state of a runtime. */
export interface ThrottleState {
  buckets: Map<string, Bucket>;
  /** `${clientId}|${tenantId}` → until (real ms) and the reason to repeat. */
  throttledUntil: Map<string, { until: number; scope: string; information: string }>;
}

/** Outcome of charging a request. */
export type ThrottleDecision =
  | { allowed: true; limitPercentage: number | undefined }
  | { allowed: false; retryAfterMs: number; scope: string; information: string };

interface BucketSpec {
  key: string;
  capacity: number;
  windowMs: number;
  cost: number;
  scope: string;
  information: 'ResourceUnitLimitExceeded' | 'WriteLimitExceeded';
}

function specs(
  settings: EmulatorSettings,
  tenant: Tenant,
  app: AppRegistration,
  resourceUnits: number,
  writes: number,
): BucketSpec[] {
  const l = settings.throttleLimits;
  const a = app.clientId;
  const t = tenant.id;
  // Resource units count against the app in this tenant and the app across tenants; writes also
  // against the tenant across apps. `scope` is what the 429's `x-ms-throttle-scope` names:
  // `{who}/{ReadWrite|Write}/{ids}`.
  const bucket = (
    budget: 'ReadWrite' | 'Write',
    who: string,
    ids: string[],
    capacity: number,
    windowMs: number,
  ): BucketSpec => ({
    key: [budget === 'Write' ? 'w' : 'ru', ...ids].join('|'),
    capacity,
    windowMs,
    cost: budget === 'Write' ? writes : resourceUnits,
    scope: `${who}/${budget}/${ids.join('/')}`,
    information: budget === 'Write' ? 'WriteLimitExceeded' : 'ResourceUnitLimitExceeded',
  });
  const ru = (who: string, ids: string[], capacity: number, windowMs: number) =>
    bucket('ReadWrite', who, ids, capacity, windowMs);
  const write = (who: string, ids: string[], capacity: number, windowMs: number) =>
    bucket('Write', who, ids, capacity, windowMs);
  const list = [
    ru('Tenant_Application', [a, t], l.ruPerAppTenant[tenantSizeClass(tenant)], l.ruWindowMs),
    ru('Application', [a], l.ruPerApp, l.ruPerAppWindowMs),
  ];
  if (writes > 0) {
    list.push(
      write('Tenant_Application', [a, t], l.writesPerAppTenant, l.writeWindowMs),
      write('Application', [a], l.writesPerApp, l.writesPerAppWindowMs),
      write('Tenant', [t], l.writesPerTenant, l.writesPerTenantWindowMs),
    );
  }
  return list;
}

function refill(
  state: ThrottleState,
  spec: BucketSpec,
  settings: EmulatorSettings,
  now: number,
): { bucket: Bucket; ratePerMs: number } {
  const ratePerMs = spec.capacity / realMs(settings, spec.windowMs);
  let bucket = state.buckets.get(spec.key);
  if (!bucket) {
    bucket = { tokens: spec.capacity, updatedAt: now };
    state.buckets.set(spec.key, bucket);
  } else {
    bucket.tokens = Math.min(spec.capacity, bucket.tokens + (now - bucket.updatedAt) * ratePerMs);
    bucket.updatedAt = now;
  }
  return { bucket, ratePerMs };
}

/** Charges `ru` resource units and `writes` writes, or says how long to wait. */
export function chargeRequest(
  state: ThrottleState,
  settings: EmulatorSettings,
  tenant: Tenant,
  app: AppRegistration,
  ru: number,
  writes: number,
  now: number,
): ThrottleDecision {
  const penaltyKey = `${app.clientId}|${tenant.id}`;
  const penalty = state.throttledUntil.get(penaltyKey);
  if (penalty && now < penalty.until) {
    penalty.until += realMs(settings, settings.throttleLimits.earlyRetryPenaltyMs);
    return {
      allowed: false,
      retryAfterMs: penalty.until - now,
      scope: penalty.scope,
      information: penalty.information,
    };
  }
  const all = specs(settings, tenant, app, ru, writes).map((spec) => ({
    spec,
    ...refill(state, spec, settings, now),
  }));
  let worst: { waitMs: number; spec: BucketSpec } | undefined;
  for (const { spec, bucket, ratePerMs } of all) {
    const need = Math.min(spec.cost, spec.capacity);
    if (bucket.tokens < need) {
      const waitMs = (need - bucket.tokens) / ratePerMs;
      if (!worst || waitMs > worst.waitMs) worst = { waitMs, spec };
    }
  }
  if (worst) {
    const waitMs = Math.max(1, worst.waitMs);
    state.throttledUntil.set(penaltyKey, {
      until: now + waitMs,
      scope: worst.spec.scope,
      information: worst.spec.information,
    });
    return {
      allowed: false,
      retryAfterMs: waitMs,
      scope: worst.spec.scope,
      information: worst.spec.information,
    };
  }
  let used = 0;
  for (const { spec, bucket } of all) {
    bucket.tokens -= Math.min(spec.cost, spec.capacity);
    used = Math.max(used, 1 - bucket.tokens / spec.capacity);
  }
  return { allowed: true, limitPercentage: used > 0.8 ? used : undefined };
}

/** Resource units of a request (the costs and modifiers of
 * https://learn.microsoft.com/graph/throttling-limits#identity-and-access-service-limits, minimum 1). */
export function resourceUnits(base: number, query: URLSearchParams): number {
  let cost = base;
  let hasSelect = false;
  let hasExpand = false;
  let top: number | undefined;
  for (const [key, value] of query) {
    const k = key.toLowerCase();
    if (k === '$select') hasSelect = true;
    else if (k === '$expand') hasExpand = true;
    else if (k === '$top') top = Number(value);
  }
  if (hasSelect) cost -= 1;
  if (hasExpand) cost += 1;
  if (top !== undefined && top < 20) cost -= 1;
  return Math.max(1, cost);
}
