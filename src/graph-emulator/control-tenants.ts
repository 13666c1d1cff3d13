/**
 * Controls over tenants and app registrations: tenants with their verified domains and size
 * class, apps with their permissions, client secrets and certificate credentials, and tokens
 * signed directly for tests.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { mintAccessToken } from './access-tokens.js';
import type { AppSummary, TenantSummary } from './control-types.js';
import { ControlError, type EmulatorControl } from './control-types.js';
import type { AppCertificate, AppRegistration, Tenant } from './model.js';
import { tenantSizeClass } from './model.js';
import { randomSecretText } from './random.js';
import { type EmulatorRuntime, newId } from './runtime.js';

/** The controls this module implements. */
export type TenantControls = Pick<
  EmulatorControl,
  | 'createTenant'
  | 'listTenants'
  | 'setVerifiedDomains'
  | 'setTenantSizeClass'
  | 'createApp'
  | 'getApp'
  | 'setAppRoles'
  | 'addSecret'
  | 'removeSecret'
  | 'addCertificate'
  | 'mintToken'
>;

/** The tenant `tenantId` names (the default tenant when undefined); 404 when there is none. */
export function tenantOf(runtime: EmulatorRuntime, tenantId: string | undefined): Tenant {
  const id = (tenantId ?? runtime.defaults.tenantId).toLowerCase();
  const tenant = runtime.tenants.get(id);
  if (!tenant) throw new ControlError(404, `Tenant '${id}' does not exist.`);
  return tenant;
}

function appOf(
  runtime: EmulatorRuntime,
  tenantId: string | undefined,
  clientId: string | undefined,
): { tenant: Tenant; app: AppRegistration } {
  const tenant = tenantOf(runtime, tenantId);
  const app = tenant.apps.get((clientId ?? runtime.defaults.clientId).toLowerCase());
  if (!app) throw new ControlError(404, `App '${clientId}' does not exist in tenant '${tenant.id}'.`);
  return { tenant, app };
}

/** A tenant as the control API reports it. */
export function tenantSummary(t: Tenant): TenantSummary {
  return {
    id: t.id,
    displayName: t.displayName,
    verifiedDomains: [...t.verifiedDomains],
    sizeClass: tenantSizeClass(t),
    userCount: t.users.size,
    groupCount: t.groups.size,
    deletedItemCount: t.deleted.size,
  };
}

/** An app registration as the control API reports it: secrets by hint only. */
export function appSummary(t: Tenant, a: AppRegistration): AppSummary {
  return {
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
  };
}

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

/** The tenant and app controls over a runtime. */
export function tenantControls(runtime: EmulatorRuntime): TenantControls {
  const controls: TenantControls = {
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
      return tenantSummary(tenant);
    },
    listTenants() {
      return [...runtime.tenants.values()].map(tenantSummary);
    },
    setVerifiedDomains(tenantId, domains) {
      if (!Array.isArray(domains) || domains.length === 0)
        throw new ControlError(400, 'At least one verified domain is required.');
      tenantOf(runtime, tenantId).verifiedDomains = [...domains];
    },
    setTenantSizeClass(tenantId, sizeClass) {
      tenantOf(runtime, tenantId).sizeClass = sizeClass;
    },
    createApp(input = {}) {
      const tenant = tenantOf(runtime, input.tenantId);
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
      if (input.withSecret !== false) clientSecret = controls.addSecret(tenant.id, clientId).secretText;
      if (input.certificatePem) app.certificates.push(certificateCredential(runtime, input.certificatePem));
      return { ...appSummary(tenant, app), clientSecret };
    },
    getApp(tenantId, clientId) {
      const { tenant, app } = appOf(runtime, tenantId, clientId);
      return appSummary(tenant, app);
    },
    setAppRoles(tenantId, clientId, roles) {
      appOf(runtime, tenantId, clientId).app.roles = [...roles];
    },
    addSecret(tenantId, clientId, input = {}) {
      const { app } = appOf(runtime, tenantId, clientId);
      const secretText = input.secretText ?? randomSecretText(runtime.random.ids);
      const endDateTime = Date.now() + (input.expiresInSeconds ?? 2 * 365 * 24 * 3600) * 1000;
      const keyId = newId(runtime);
      app.secrets.push({ keyId, secretText, displayName: input.displayName ?? 'secret', endDateTime });
      return { keyId, secretText, endDateTime: new Date(endDateTime).toISOString() };
    },
    removeSecret(tenantId, clientId, keyId) {
      const { app } = appOf(runtime, tenantId, clientId);
      app.secrets = app.secrets.filter((s) => s.keyId !== keyId);
    },
    addCertificate(tenantId, clientId, certificatePem) {
      const { app } = appOf(runtime, tenantId, clientId);
      const cred = certificateCredential(runtime, certificatePem);
      app.certificates.push(cred);
      return { keyId: cred.keyId, x5t: cred.x5t, x5tS256: cred.x5tS256 };
    },
    mintToken(input = {}) {
      const { tenant, app } = appOf(runtime, input.tenantId, input.clientId);
      const { token, expiresIn } = mintAccessToken(runtime, tenant, app, input);
      return { accessToken: token, expiresIn };
    },
  };
  return controls;
}
