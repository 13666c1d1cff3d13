/**
 * Test and demo controls: the typed `EmulatorControl` object (its HTTP mirror under `/_emulator/`
 * is `control-http.ts`). Controls bypass authentication, throttling, faults and latency, and are
 * not counted in the statistics. They are for tests and demos: never expose the emulator publicly.
 * Tenants and apps are `control-tenants.ts`, the directory's objects and clocks
 * `control-directory.ts`; this file adds reset, statistics, the request log, settings and faults.
 */
import { directoryControls } from './control-directory.js';
import { tenantControls } from './control-tenants.js';
import { ControlError, type EmulatorControl, type InitialState } from './control-types.js';
import { addScriptedFault } from './faults.js';
import type { EmulatorRuntime } from './runtime.js';
import { applySettingsPatch, defaultSettings } from './settings.js';
import { emptyStats } from './stats.js';

export { type ControlResult, handleControlRequest } from './control-http.js';
export type * from './control-types.js';
export { ControlError } from './control-types.js';

/** Runs `fn`, answering a thrown validation error as a 400 ControlError. */
function asBadRequest<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw new ControlError(400, error instanceof Error ? error.message : String(error));
  }
}

/** Builds the control object over a runtime and installs the initial tenant/app. */
export function createControl(runtime: EmulatorRuntime, initial: InitialState): EmulatorControl {
  const control: EmulatorControl = {
    ...tenantControls(runtime),
    ...directoryControls(runtime),
    reset() {
      runtime.tenants.clear();
      runtime.settings = defaultSettings();
      applySettingsPatch(runtime.settings, initial.settingsPatch);
      runtime.stats = emptyStats();
      runtime.requestLog = [];
      runtime.scriptedFaults = [];
      runtime.throttle.buckets.clear();
      runtime.throttle.throttledUntil.clear();
      runtime.tokenCache.clear();
      runtime.deltaTokensValidFrom = 0;
      control.createTenant({
        id: initial.tenant.id,
        displayName: initial.tenant.displayName,
        verifiedDomains: [initial.tenant.domain],
        sizeClass: initial.tenant.sizeClass,
      });
      const app = control.createApp({
        tenantId: initial.tenant.id,
        clientId: initial.app.clientId,
        displayName: initial.app.displayName,
        roles: initial.app.roles,
        withSecret: false,
      });
      control.addSecret(initial.tenant.id, app.clientId, {
        secretText: initial.app.clientSecret,
        displayName: 'default',
      });
      runtime.defaults = {
        tenantId: initial.tenant.id,
        domain: initial.tenant.domain,
        clientId: initial.app.clientId,
        clientSecret: initial.app.clientSecret,
        roles: [...initial.app.roles],
      };
    },
    getStats() {
      return structuredClone(runtime.stats);
    },
    resetStats() {
      runtime.stats = emptyStats();
    },
    getRequestLog(query = {}) {
      const limit = runtime.settings.requestLogLimit;
      const log = runtime.requestLog.length > limit ? runtime.requestLog.slice(-limit) : runtime.requestLog;
      return log.filter(
        (e) =>
          (!query.mutatingOnly || e.mutating) &&
          (!query.kind || e.kind === query.kind) &&
          (query.sinceSeq === undefined || e.seq > query.sinceSeq),
      );
    },
    clearRequestLog() {
      runtime.requestLog = [];
    },
    getSettings() {
      return structuredClone(runtime.settings);
    },
    updateSettings(patch) {
      asBadRequest(() => applySettingsPatch(runtime.settings, patch));
      return structuredClone(runtime.settings);
    },
    addFault(input) {
      return asBadRequest(() => ({ ...addScriptedFault(runtime, input) }));
    },
    listFaults() {
      return runtime.scriptedFaults.map((f) => ({ ...f }));
    },
    clearFaults() {
      runtime.scriptedFaults = [];
    },
  };
  control.reset();
  return control;
}
