/**
 * The HTTP mirror of `EmulatorControl` under `/_emulator/`: one path per control, JSON in and out,
 * errors as `{"error": {code, message}}` with the control's status.
 */
import type {
  AppInput,
  EmulatorControl,
  MintTokenInput,
  SecretInput,
  SeedInput,
  TenantInput,
} from './control-types.js';
import { GraphError } from './errors.js';
import type { FaultInput } from './faults.js';
import type { TenantSizeClass } from './model.js';
import type { SettingsPatch } from './settings.js';
import type { RequestLogEntry } from './stats.js';

/** A control HTTP answer. */
export interface ControlResult {
  status: number;
  body?: unknown;
}

function bodyRecord(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}

/** The HTTP mirror of `EmulatorControl` (paths after `/_emulator`). */
export function handleControlRequest(
  control: EmulatorControl,
  method: string,
  segments: string[],
  query: URLSearchParams,
  body: unknown,
): ControlResult {
  const b = bodyRecord(body);
  const route = `${method} /${segments.join('/')}`;
  const ok = (value?: unknown): ControlResult =>
    value === undefined ? { status: 204 } : { status: 200, body: value };
  try {
    const [s0, s1, s2, s3, s4, s5] = segments;
    if (route === 'GET /state') return ok(control.getState(query.get('tenantId') ?? undefined));
    if (route === 'POST /reset') return ok(control.reset());
    if (route === 'GET /tenants') return ok(control.listTenants());
    if (route === 'POST /tenants') return { status: 201, body: control.createTenant(b as TenantInput) };
    if (route === 'POST /seed') return { status: 201, body: control.seed(b as SeedInput) };
    if (route === 'GET /stats') return ok(control.getStats());
    if (route === 'POST /stats/reset' || route === 'DELETE /stats') return ok(control.resetStats());
    if (route === 'GET /requests') {
      const sinceSeq = query.get('sinceSeq');
      const kind = query.get('kind') as RequestLogEntry['kind'] | null;
      return ok(
        control.getRequestLog({
          mutatingOnly: query.get('mutatingOnly') === 'true',
          kind: kind ?? undefined,
          sinceSeq: sinceSeq === null ? undefined : Number(sinceSeq),
        }),
      );
    }
    if (route === 'DELETE /requests') return ok(control.clearRequestLog());
    if (route === 'GET /settings') return ok(control.getSettings());
    if (route === 'PATCH /settings' || route === 'PUT /settings')
      return ok(control.updateSettings(b as SettingsPatch));
    if (route === 'GET /faults') return ok(control.listFaults());
    if (route === 'POST /faults') return { status: 201, body: control.addFault(b as FaultInput) };
    if (route === 'DELETE /faults') return ok(control.clearFaults());
    if (route === 'POST /tokens') return ok(control.mintToken(b as MintTokenInput));
    if (method === 'PATCH' && s0 === 'objects' && s1 && segments.length === 2)
      return ok(control.updateObject(s1, b, query.get('tenantId') ?? undefined));
    if (route === 'POST /delta/expire') return ok(control.expireDeltaTokens());
    if (route === 'POST /replication/flush') return ok(control.flushReplication());
    if (route === 'POST /deleted-items/age')
      return ok(
        control.ageDeletedItems(Number(b.seconds), typeof b.tenantId === 'string' ? b.tenantId : undefined),
      );
    if (s0 === 'tenants' && s1) {
      if (segments.length === 3 && s2 === 'domains' && (method === 'PUT' || method === 'PATCH'))
        return ok(control.setVerifiedDomains(s1, b.verifiedDomains as string[]));
      if (segments.length === 3 && s2 === 'size' && method === 'PUT')
        return ok(control.setTenantSizeClass(s1, (b.sizeClass ?? undefined) as TenantSizeClass | undefined));
      if (segments.length === 3 && s2 === 'apps' && method === 'POST')
        return { status: 201, body: control.createApp({ ...(b as AppInput), tenantId: s1 }) };
      if (s2 === 'apps' && s3) {
        if (segments.length === 4 && method === 'GET') return ok(control.getApp(s1, s3));
        if (segments.length === 5 && s4 === 'roles' && method === 'PUT')
          return ok(control.setAppRoles(s1, s3, b.roles as string[]));
        if (segments.length === 5 && s4 === 'secrets' && method === 'POST')
          return { status: 201, body: control.addSecret(s1, s3, b as SecretInput) };
        if (segments.length === 6 && s4 === 'secrets' && s5 && method === 'DELETE')
          return ok(control.removeSecret(s1, s3, s5));
        if (segments.length === 5 && s4 === 'certificates' && method === 'POST')
          return { status: 201, body: control.addCertificate(s1, s3, String(b.certificatePem ?? '')) };
      }
    }
    return { status: 404, body: { error: { code: 'ControlError', message: `No control route ${route}.` } } };
  } catch (error) {
    if (error instanceof GraphError)
      return { status: error.status, body: { error: { code: error.code, message: error.message } } };
    return {
      status: 400,
      body: {
        error: { code: 'ControlError', message: error instanceof Error ? error.message : String(error) },
      },
    };
  }
}
