/**
 * The types of the emulator's test and demo controls (`EmulatorControl`, its inputs and answers)
 * and the error they throw.
 */
import type { MintTokenOptions } from './access-tokens.js';
import { GraphError } from './errors.js';
import type { FaultInput, ScriptedFault } from './faults.js';
import type { TenantSizeClass } from './model.js';
import type { EmulatorSettings, SettingsPatch } from './settings.js';
import type { EmulatorStats, RequestLogEntry, RequestLogQuery } from './stats.js';

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
  /**
   * Edits a user or group (id, or a user's UPN) as an administrator would by hand: Graph's PATCH
   * body and validation, seen by delta queries, without authentication, throttling or statistics.
   */
  updateObject(id: string, patch: Record<string, unknown>, tenantId?: string): void;
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

/** Options `createControl` needs to rebuild the initial state on reset. */
export interface InitialState {
  settingsPatch: SettingsPatch;
  tenant: { id: string; domain: string; displayName: string; sizeClass?: TenantSizeClass };
  app: { clientId: string; clientSecret: string; roles: string[]; displayName: string };
}
