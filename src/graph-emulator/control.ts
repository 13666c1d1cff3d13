/**
 * Test and demo controls: the typed `EmulatorControl` object and its HTTP mirror under
 * `/_emulator/`. Controls bypass authentication, throttling, faults and latency, and are not
 * counted in the statistics. They are for tests and demos: never expose the emulator publicly.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { type MintTokenOptions, mintAccessToken } from './access-tokens.js';
import type { DirectoryContext } from './directory-objects.js';
import { findObject, findUser } from './directory-objects.js';
import { GraphError } from './errors.js';
import { addScriptedFault, type FaultInput, type ScriptedFault } from './faults.js';
import { addMember, createGroup } from './groups.js';
import type {
  AppCertificate,
  AppRegistration,
  GroupRecord,
  Tenant,
  TenantSizeClass,
  UserRecord,
} from './model.js';
import { tenantSizeClass } from './model.js';
import { randomSecretText } from './random.js';
import { type EmulatorRuntime, newId } from './runtime.js';
import {
  applySettingsPatch,
  defaultSettings,
  type EmulatorSettings,
  type SettingsPatch,
} from './settings.js';
import { type EmulatorStats, emptyStats, type RequestLogEntry, type RequestLogQuery } from './stats.js';
import { createUser } from './users.js';

/** Input for a new tenant. */
export interface TenantInput {
  id?: string;
  displayName?: string;
  /** Verified domains; the first is the initial domain. Default `<random>.onmicrosoft.com`. */
  verifiedDomains?: string[];
  sizeClass?: TenantSizeClass;
}

/** A tenant as reported by the control API. */
export interface TenantSummary {
  id: string;
  displayName: string;
  verifiedDomains: string[];
  sizeClass: TenantSizeClass;
  userCount: number;
  groupCount: number;
  deletedItemCount: number;
}

/** Input for a new app registration. */
export interface AppInput {
  /** Defaults to the default tenant. */
  tenantId?: string;
  clientId?: string;
  displayName?: string;
  /** Granted application permissions (token `roles`). */
  roles?: string[];
  /** Create a client secret (default true). */
  withSecret?: boolean;
  /** Register a certificate credential (PEM). */
  certificatePem?: string;
}

/** An app registration as reported by the control API (no secret values). */
export interface AppSummary {
  tenantId: string;
  clientId: string;
  displayName: string;
  servicePrincipalId: string;
  roles: string[];
  secrets: Array<{ keyId: string; displayName: string; hint: string; endDateTime: string }>;
  certificates: Array<{ keyId: string; x5t: string; x5tS256: string }>;
}

/** A created app with its first secret's value. */
export interface CreatedApp extends AppSummary {
  clientSecret: string | undefined;
}

/** Input for a new client secret. */
export interface SecretInput {
  displayName?: string;
  /** Lifetime in seconds from now (negative = already expired). Default two years. */
  expiresInSeconds?: number;
  /** Use this value instead of a random one. */
  secretText?: string;
}

/** A created secret. */
export interface CreatedSecret {
  keyId: string;
  secretText: string;
  endDateTime: string;
}

/** Seed request: explicit Graph bodies, or counts of generated objects. */
export interface SeedInput {
  tenantId?: string;
  /** Graph create bodies (a password is filled in when missing), or a number to generate. */
  users?: Array<Record<string, unknown>> | number;
  /** Groups: Graph create bodies plus optional `members` (ids or UPNs), or a number of security groups. */
  groups?: Array<Record<string, unknown> & { members?: string[] }> | number;
}

/** What seeding created. */
export interface SeedResult {
  users: Array<{ id: string; userPrincipalName: string }>;
  groups: Array<{ id: string; displayName: string }>;
}

/** Token request for tests (expired, not-yet-valid, foreign audience, custom roles). */
export interface MintTokenInput extends MintTokenOptions {
  tenantId?: string;
  clientId?: string;
}

/** Full state dump of one tenant. */
export interface TenantState extends TenantSummary {
  apps: AppSummary[];
  users: Array<Record<string, unknown>>;
  groups: Array<Record<string, unknown>>;
  deletedItems: Array<Record<string, unknown>>;
}

/** Typed in-process access to everything `/_emulator/` offers. */
export interface EmulatorControl {
  /** Back to the initial state: default tenant and app (same credentials), start-up settings, empty stats/log/faults. */
  reset(): void;
  createTenant(input?: TenantInput): TenantSummary;
  listTenants(): TenantSummary[];
  setVerifiedDomains(tenantId: string, domains: string[]): void;
  setTenantSizeClass(tenantId: string, sizeClass: TenantSizeClass | undefined): void;
  createApp(input?: AppInput): CreatedApp;
  getApp(tenantId: string, clientId: string): AppSummary;
  setAppRoles(tenantId: string, clientId: string, roles: string[]): void;
  addSecret(tenantId: string, clientId: string, input?: SecretInput): CreatedSecret;
  removeSecret(tenantId: string, clientId: string, keyId: string): void;
  addCertificate(
    tenantId: string,
    clientId: string,
    certificatePem: string,
  ): { keyId: string; x5t: string; x5tS256: string };
  seed(input: SeedInput): SeedResult;
  getState(tenantId?: string): TenantState[];
  getStats(): EmulatorStats;
  resetStats(): void;
  getRequestLog(query?: RequestLogQuery): RequestLogEntry[];
  clearRequestLog(): void;
  getSettings(): EmulatorSettings;
  updateSettings(patch: SettingsPatch): EmulatorSettings;
  addFault(input: FaultInput): ScriptedFault;
  listFaults(): ScriptedFault[];
  clearFaults(): void;
  /** Signs an access token directly (bypassing the token endpoint). */
  mintToken(input?: MintTokenInput): { accessToken: string; expiresIn: number };
  /** Makes every delta token minted so far answer 410 resyncRequired. */
  expireDeltaTokens(): void;
  /** Ends replication lag for every object now. */
  flushReplication(): void;
  /** Pretends deleted items were deleted `seconds` (service seconds) earlier. */
  ageDeletedItems(seconds: number, tenantId?: string): void;
}

/** Thrown by control operations; the HTTP mirror answers with its status. */
export class ControlError extends GraphError {
  constructor(status: number, message: string) {
    super(status, 'ControlError', message);
  }
}

const DEFAULT_PASSWORD = 'Emulat0r!Passw0rd';

function certificateCredential(runtime: EmulatorRuntime, pem: string): AppCertificate {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(pem);
  } catch {
    throw new ControlError(400, 'certificatePem is not a PEM X.509 certificate.');
  }
  return {
    keyId: newId(runtime),
    certPem: x509.toString(),
    x5t: createHash('sha1').update(x509.raw).digest('base64url'),
    x5tS256: createHash('sha256').update(x509.raw).digest('base64url'),
  };
}

/** Options `createControl` needs to rebuild the initial state on reset. */
export interface InitialState {
  settingsPatch: SettingsPatch;
  tenant: { id: string; domain: string; displayName: string; sizeClass?: TenantSizeClass };
  app: { clientId: string; clientSecret: string; roles: string[]; displayName: string };
}

/** Builds the control object over a runtime and installs the initial tenant/app. */
export function createControl(runtime: EmulatorRuntime, initial: InitialState): EmulatorControl {
  const tenantOf = (tenantId: string | undefined): Tenant => {
    const id = (tenantId ?? runtime.defaults.tenantId).toLowerCase();
    const tenant = runtime.tenants.get(id);
    if (!tenant) throw new ControlError(404, `Tenant '${id}' does not exist.`);
    return tenant;
  };
  const appOf = (
    tenantId: string | undefined,
    clientId: string | undefined,
  ): { tenant: Tenant; app: AppRegistration } => {
    const tenant = tenantOf(tenantId);
    const app = tenant.apps.get((clientId ?? runtime.defaults.clientId).toLowerCase());
    if (!app) throw new ControlError(404, `App '${clientId}' does not exist in tenant '${tenant.id}'.`);
    return { tenant, app };
  };
  const summary = (t: Tenant): TenantSummary => ({
    id: t.id,
    displayName: t.displayName,
    verifiedDomains: [...t.verifiedDomains],
    sizeClass: tenantSizeClass(t),
    userCount: t.users.size,
    groupCount: t.groups.size,
    deletedItemCount: t.deleted.size,
  });
  const appSummary = (t: Tenant, a: AppRegistration): AppSummary => ({
    tenantId: t.id,
    clientId: a.clientId,
    displayName: a.displayName,
    servicePrincipalId: a.servicePrincipalId,
    roles: [...a.roles],
    secrets: a.secrets.map((s) => ({
      keyId: s.keyId,
      displayName: s.displayName,
      hint: s.secretText.slice(0, 3),
      endDateTime: new Date(s.endDateTime).toISOString(),
    })),
    certificates: a.certificates.map((c) => ({ keyId: c.keyId, x5t: c.x5t, x5tS256: c.x5tS256 })),
  });
  const ctxOf = (tenant: Tenant): DirectoryContext => ({ runtime, tenant, now: Date.now() });

  const control: EmulatorControl = {
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
    createTenant(input = {}) {
      const id = (input.id ?? newId(runtime)).toLowerCase();
      if (runtime.tenants.has(id)) throw new ControlError(400, `Tenant '${id}' already exists.`);
      const domains =
        input.verifiedDomains && input.verifiedDomains.length > 0
          ? input.verifiedDomains
          : [`tenant${id.slice(0, 8)}.onmicrosoft.com`];
      const tenant: Tenant = {
        id,
        displayName: input.displayName ?? 'Contoso',
        verifiedDomains: [...domains],
        sizeClass: input.sizeClass,
        apps: new Map(),
        users: new Map(),
        groups: new Map(),
        deleted: new Map(),
        tombstones: [],
        seq: 0,
        version: 0,
        createdAt: Date.now(),
      };
      runtime.tenants.set(id, tenant);
      return summary(tenant);
    },
    listTenants() {
      return [...runtime.tenants.values()].map(summary);
    },
    setVerifiedDomains(tenantId, domains) {
      if (!Array.isArray(domains) || domains.length === 0)
        throw new ControlError(400, 'At least one verified domain is required.');
      tenantOf(tenantId).verifiedDomains = [...domains];
    },
    setTenantSizeClass(tenantId, sizeClass) {
      tenantOf(tenantId).sizeClass = sizeClass;
    },
    createApp(input = {}) {
      const tenant = tenantOf(input.tenantId);
      const clientId = (input.clientId ?? newId(runtime)).toLowerCase();
      if (tenant.apps.has(clientId)) throw new ControlError(400, `App '${clientId}' already exists.`);
      const app: AppRegistration = {
        clientId,
        displayName: input.displayName ?? 'Conduit',
        servicePrincipalId: newId(runtime),
        roles: [...(input.roles ?? [])],
        secrets: [],
        certificates: [],
      };
      tenant.apps.set(clientId, app);
      let clientSecret: string | undefined;
      if (input.withSecret !== false) clientSecret = control.addSecret(tenant.id, clientId).secretText;
      if (input.certificatePem) app.certificates.push(certificateCredential(runtime, input.certificatePem));
      return { ...appSummary(tenant, app), clientSecret };
    },
    getApp(tenantId, clientId) {
      const { tenant, app } = appOf(tenantId, clientId);
      return appSummary(tenant, app);
    },
    setAppRoles(tenantId, clientId, roles) {
      appOf(tenantId, clientId).app.roles = [...roles];
    },
    addSecret(tenantId, clientId, input = {}) {
      const { app } = appOf(tenantId, clientId);
      const secretText = input.secretText ?? randomSecretText(runtime.random.ids);
      const endDateTime = Date.now() + (input.expiresInSeconds ?? 2 * 365 * 24 * 3600) * 1000;
      const keyId = newId(runtime);
      app.secrets.push({ keyId, secretText, displayName: input.displayName ?? 'secret', endDateTime });
      return { keyId, secretText, endDateTime: new Date(endDateTime).toISOString() };
    },
    removeSecret(tenantId, clientId, keyId) {
      const { app } = appOf(tenantId, clientId);
      app.secrets = app.secrets.filter((s) => s.keyId !== keyId);
    },
    addCertificate(tenantId, clientId, certificatePem) {
      const { app } = appOf(tenantId, clientId);
      const cred = certificateCredential(runtime, certificatePem);
      app.certificates.push(cred);
      return { keyId: cred.keyId, x5t: cred.x5t, x5tS256: cred.x5tS256 };
    },
    seed(input) {
      const tenant = tenantOf(input.tenantId);
      const ctx = ctxOf(tenant);
      const result: SeedResult = { users: [], groups: [] };
      const domain = tenant.verifiedDomains[0] as string;
      const userBodies =
        typeof input.users === 'number'
          ? Array.from({ length: input.users }, (_, i) => {
              const n = tenant.seq + i + 1;
              return {
                accountEnabled: true,
                displayName: `Seed User ${n}`,
                mailNickname: `seeduser${n}`,
                userPrincipalName: `seeduser${n}@${domain}`,
                givenName: 'Seed',
                surname: `User ${n}`,
              };
            })
          : (input.users ?? []);
      for (const body of userBodies) {
        const withPassword = {
          passwordProfile: { forceChangePasswordNextSignIn: false, password: DEFAULT_PASSWORD },
          ...body,
        };
        const user = wrap(() => createUser(ctx, withPassword));
        user.visibleAt = 0;
        result.users.push({ id: user.id, userPrincipalName: String(user.props.userPrincipalName) });
      }
      const groupBodies =
        typeof input.groups === 'number'
          ? Array.from({ length: input.groups }, (_, i) => {
              const n = tenant.seq + i + 1;
              return {
                displayName: `Seed Group ${n}`,
                mailNickname: `seedgroup${n}`,
                mailEnabled: false,
                securityEnabled: true,
              } as Record<string, unknown> & { members?: string[] };
            })
          : (input.groups ?? []);
      for (const { members, ...body } of groupBodies) {
        const group = wrap(() => createGroup(ctx, body));
        group.visibleAt = 0;
        for (const ref of members ?? []) {
          const target = findObject(ctx, ref) ?? findUser(ctx, ref);
          if (!target) throw new ControlError(400, `Seed member '${ref}' does not exist.`);
          wrap(() =>
            addMember(ctx, group, {
              '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${target.id}`,
            }),
          );
        }
        result.groups.push({ id: group.id, displayName: String(group.props.displayName) });
      }
      return result;
    },
    getState(tenantId) {
      const tenants = tenantId ? [tenantOf(tenantId)] : [...runtime.tenants.values()];
      return tenants.map((t) => ({
        ...summary(t),
        apps: [...t.apps.values()].map((a) => appSummary(t, a)),
        users: [...t.users.values()]
          .sort(bySeq)
          .map((u) => ({ id: u.id, ...u.props, visibleAt: new Date(u.visibleAt).toISOString() })),
        groups: [...t.groups.values()].sort(bySeq).map((g) => ({
          id: g.id,
          ...g.props,
          members: [...g.members],
          owners: [...g.owners],
          visibleAt: new Date(g.visibleAt).toISOString(),
        })),
        deletedItems: [...t.deleted.values()].map((d) => ({
          id: d.record.id,
          kind: d.record.kind,
          ...d.record.props,
          memberOf: d.memberOf,
        })),
      }));
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
      try {
        applySettingsPatch(runtime.settings, patch);
      } catch (error) {
        throw new ControlError(400, error instanceof Error ? error.message : String(error));
      }
      return structuredClone(runtime.settings);
    },
    addFault(input) {
      try {
        return { ...addScriptedFault(runtime, input) };
      } catch (error) {
        throw new ControlError(400, error instanceof Error ? error.message : String(error));
      }
    },
    listFaults() {
      return runtime.scriptedFaults.map((f) => ({ ...f }));
    },
    clearFaults() {
      runtime.scriptedFaults = [];
    },
    mintToken(input = {}) {
      const { tenant, app } = appOf(input.tenantId, input.clientId);
      const { token, expiresIn } = mintAccessToken(runtime, tenant, app, input);
      return { accessToken: token, expiresIn };
    },
    expireDeltaTokens() {
      runtime.deltaTokensValidFrom = Date.now() + 1;
    },
    flushReplication() {
      for (const t of runtime.tenants.values()) {
        const records: Array<UserRecord | GroupRecord> = [...t.users.values(), ...t.groups.values()];
        for (const r of records) {
          r.visibleAt = 0;
          delete r.staleProps;
          delete r.staleUntil;
        }
      }
    },
    ageDeletedItems(seconds, tenantId) {
      const tenants = tenantId ? [tenantOf(tenantId)] : [...runtime.tenants.values()];
      const shift = (seconds * 1000) / runtime.settings.timeScale;
      for (const t of tenants) for (const item of t.deleted.values()) item.deletedAt -= shift;
    },
  };
  control.reset();
  return control;
}

function bySeq(a: { seq: number }, b: { seq: number }): number {
  return a.seq - b.seq;
}

function wrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof GraphError && !(error instanceof ControlError))
      throw new ControlError(400, `${error.code}: ${error.message}`);
    throw error;
  }
}

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
