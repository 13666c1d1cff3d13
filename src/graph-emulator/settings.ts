/**
 * Runtime knobs. All durations marked "service" are in the real service's seconds/ms and are
 * divided by `timeScale` before use, so a benchmark can keep the real ratios (3,500 RU per 10 s)
 * while running ten times faster (3,500 RU per real second at timeScale 10). `Retry-After` is
 * always reported in real seconds, so an honest client waits the right wall-clock time.
 */

/** Throttling budgets (https://learn.microsoft.com/graph/throttling-limits). Quotas are per window; windows are service ms. */
export interface ThrottleLimits {
  /** RU per app+tenant per `ruWindowMs`, by tenant size class. */
  ruPerAppTenant: { small: number; medium: number; large: number };
  ruWindowMs: number;
  /** Writes per app+tenant per `writeWindowMs`. */
  writesPerAppTenant: number;
  writeWindowMs: number;
  /** RU per app across tenants per `ruPerAppWindowMs`. */
  ruPerApp: number;
  ruPerAppWindowMs: number;
  /** Writes per app across tenants per `writesPerAppWindowMs`. */
  writesPerApp: number;
  writesPerAppWindowMs: number;
  /** Writes per tenant across apps per `writesPerTenantWindowMs`. */
  writesPerTenant: number;
  writesPerTenantWindowMs: number;
  /**
   * Service ms added to the throttled period each time a call arrives before its `Retry-After`
   * elapsed (the call is throttled again in any case).
   */
  earlyRetryPenaltyMs: number;
}

/** Random faults (Dev Proxy GraphRandomErrorPlugin style), drawn from the seeded fault stream. */
export interface RandomFaultProfile {
  /** Probability 0..1 that a Graph operation fails. */
  rate: number;
  /** Statuses to choose from, per method; defaults: GET/PATCH {429,500,502,503,504}, POST/PUT/DELETE also 507. */
  statusesByMethod?: Partial<Record<string, number[]>>;
  /** Only these methods are faulted (default all). */
  methods?: string[];
  /** Probability 0..1 that a faulted top-level request has its connection reset instead. */
  connectionResetRate?: number;
  /** `Retry-After` seconds on injected 429/503 (default 5, as Dev Proxy). */
  retryAfterSeconds?: number;
}

/** Mutable knobs of a running emulator. */
export interface EmulatorSettings {
  /** Service time runs this many times faster than wall-clock time (default 1). */
  timeScale: number;
  /** Fixed added latency per HTTP response, real ms. */
  latencyMs: number;
  /** Uniform random extra latency in [0, jitterMs], real ms, seeded. */
  jitterMs: number;
  /** Token buckets on/off (default off). */
  throttling: boolean;
  throttleLimits: ThrottleLimits;
  /** Service ms during which a created/changed object is invisible to other calls. */
  replicationLagMs: number;
  /** Random faults; undefined or rate 0 disables them. */
  randomFaults: RandomFaultProfile | undefined;
  /** Shuffle `$batch` responses (seeded) instead of returning them in execution order. */
  shuffleBatchResponses: boolean;
  /** Retention of soft-deleted objects, service ms (default 30 days). */
  deletedItemRetentionMs: number;
  /** Delta tokens older than this (service ms) get 410 resyncRequired (default 7 days). */
  deltaTokenMaxAgeMs: number;
  /** Fixed access-token lifetime in seconds; undefined = random 60–90 min like Entra. */
  tokenLifetimeSeconds: number | undefined;
  /** Max request body bytes (default 4 MiB). */
  maxBodyBytes: number;
  /** Max request-log entries kept (ring buffer). */
  requestLogLimit: number;
}

/** Graph's documented defaults. */
export function defaultThrottleLimits(): ThrottleLimits {
  return {
    ruPerAppTenant: { small: 3500, medium: 5000, large: 8000 },
    ruWindowMs: 10_000,
    writesPerAppTenant: 3000,
    writeWindowMs: 150_000,
    ruPerApp: 150_000,
    ruPerAppWindowMs: 20_000,
    writesPerApp: 70_000,
    writesPerAppWindowMs: 300_000,
    writesPerTenant: 18_000,
    writesPerTenantWindowMs: 300_000,
    earlyRetryPenaltyMs: 0,
  };
}

/** Defaults for tests: no throttling, latency, lag or faults. */
export function defaultSettings(): EmulatorSettings {
  return {
    timeScale: 1,
    latencyMs: 0,
    jitterMs: 0,
    throttling: false,
    throttleLimits: defaultThrottleLimits(),
    replicationLagMs: 0,
    randomFaults: undefined,
    shuffleBatchResponses: false,
    deletedItemRetentionMs: 30 * 24 * 3600 * 1000,
    deltaTokenMaxAgeMs: 7 * 24 * 3600 * 1000,
    tokenLifetimeSeconds: undefined,
    maxBodyBytes: 4 * 1024 * 1024,
    requestLogLimit: 10_000,
  };
}

/** Partial update of the settings (deep for `throttleLimits`). */
export interface SettingsPatch extends Partial<Omit<EmulatorSettings, 'throttleLimits'>> {
  throttleLimits?: Partial<ThrottleLimits>;
}

/** Applies a patch, validating numbers. */
export function applySettingsPatch(settings: EmulatorSettings, patch: SettingsPatch): void {
  const { throttleLimits, ...rest } = patch;
  Object.assign(settings, rest);
  if (throttleLimits) {
    settings.throttleLimits = {
      ...settings.throttleLimits,
      ...throttleLimits,
      ruPerAppTenant: { ...settings.throttleLimits.ruPerAppTenant, ...(throttleLimits.ruPerAppTenant ?? {}) },
    };
  }
  if (!(settings.timeScale > 0)) throw new Error('timeScale must be > 0');
}

/** Converts a service duration to real milliseconds. */
export function realMs(settings: EmulatorSettings, serviceMs: number): number {
  return serviceMs / settings.timeScale;
}
