/**
 * The Microsoft identity platform endpoints msal-node needs
 * (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow):
 * `POST /{tenant}/oauth2/v2.0/token` (client credentials with a secret in the form or HTTP Basic,
 * or a certificate client assertion), `GET /{tenant}/v2.0/.well-known/openid-configuration`,
 * the JWKS, and instance discovery. Errors use the AADSTS body
 * (https://learn.microsoft.com/entra/identity-platform/reference-error-codes).
 *
 * Invariants
 * - Unknown form fields and query parameters (msal's x-client-* telemetry) are ignored.
 * - A secret is compared by value; a matching but expired secret answers 7000222, never a token.
 * - A client assertion is accepted only after its signature verified against a certificate
 *   registered on the app, its `aud` names this tenant's token endpoint, `iss` = `sub` = client
 *   id, and it is within its time window.
 */
import { randomUUID, X509Certificate } from 'node:crypto';
import { mintAccessToken } from './access-tokens.js';
import {
  InvalidClientError,
  InvalidRequestError,
  InvalidScopeError,
  InvalidTenantError,
  OAuthError,
  tenantNotFoundMessage,
  UnauthorizedClientError,
  UnsupportedGrantTypeError,
} from './errors.js';
import { decodeJwt, verifyJwtSignature } from './jwt.js';
import type { AppRegistration, Tenant } from './model.js';
import { findTenant } from './model.js';
import type { EmulatorRuntime } from './runtime.js';

/** A login-endpoint answer. */
export interface LoginResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  kind: 'token' | 'metadata';
  tenantId?: string;
  clientId?: string;
}

const GRAPH_RESOURCES = ['https://graph.microsoft.com', '00000003-0000-0000-c000-000000000000'];
const IGNORED_SCOPES = new Set(['openid', 'profile', 'offline_access']);

function aadTimestamp(date = new Date()): string {
  return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 19)}Z`;
}

/** The AADSTS error body. */
export function oauthErrorBody(error: OAuthError, correlationId: string): Record<string, unknown> {
  const traceId = randomUUID();
  const timestamp = aadTimestamp();
  return {
    error: error.error,
    error_description: `AADSTS${error.aadsts}: ${error.message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [error.aadsts],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${error.aadsts}`,
  };
}

function metadata(runtime: EmulatorRuntime, tenant: Tenant): Record<string, unknown> {
  const o = runtime.origin;
  const t = tenant.id;
  return {
    token_endpoint: `${o}/${t}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${o}/${t}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${o}/${t}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${o}/oidc/userinfo`,
    authorization_endpoint: `${o}/${t}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${o}/${t}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${o}/${t}/oauth2/v2.0/logout`,
    claims_supported: [
      'sub',
      'iss',
      'cloud_instance_name',
      'cloud_instance_host_name',
      'cloud_graph_host_name',
      'msgraph_host',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'acr',
      'nonce',
      'preferred_username',
      'name',
      'tid',
      'ver',
      'at_hash',
      'c_hash',
      'email',
    ],
    kerberos_endpoint: `${o}/${t}/kerberos`,
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net',
  };
}

function parseBasic(header: string | undefined): { clientId: string; secret: string } | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const decodePart = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
  return { clientId: decodePart(decoded.slice(0, colon)), secret: decodePart(decoded.slice(colon + 1)) };
}

function checkScope(scope: string | null): void {
  if (scope === null || scope.trim() === '')
    throw new InvalidRequestError(900144, "The request body must contain the following parameter: 'scope'.");
  const scopes = scope.split(/\s+/).filter((s) => s !== '' && !IGNORED_SCOPES.has(s.toLowerCase()));
  const resources = new Set<string>();
  for (const s of scopes) {
    if (!s.endsWith('/.default')) throw new InvalidScopeError(scope);
    resources.add(s.slice(0, -'/.default'.length).replace(/\/+$/, '').toLowerCase());
  }
  if (resources.size !== 1) throw new InvalidScopeError(scope);
  const [resource] = [...resources];
  if (!GRAPH_RESOURCES.includes(resource as string)) throw new InvalidScopeError(scope);
}

function verifySecret(app: AppRegistration, secret: string): void {
  const match = app.secrets.find((s) => s.secretText === secret);
  if (!match) {
    throw new InvalidClientError(
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`,
    );
  }
  if (match.endDateTime <= Date.now()) {
    throw new InvalidClientError(
      7000222,
      `The provided client secret keys for app '${app.clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
    );
  }
}

function verifyAssertion(
  runtime: EmulatorRuntime,
  tenant: Tenant,
  tenantSegment: string,
  app: AppRegistration,
  assertion: string,
): void {
  const jwt = decodeJwt(assertion);
  if (!jwt) throw new InvalidClientError(50027, 'JWT token is invalid or malformed.');
  const thumbS256 = typeof jwt.header['x5t#S256'] === 'string' ? jwt.header['x5t#S256'] : undefined;
  const thumb = typeof jwt.header.x5t === 'string' ? jwt.header.x5t : undefined;
  const cert = app.certificates.find(
    (c) => (thumbS256 !== undefined && c.x5tS256 === thumbS256) || (thumb !== undefined && c.x5t === thumb),
  );
  if (!cert) {
    throw new InvalidClientError(
      700027,
      `Client assertion failed signature validation. [Reason - The key was not found., Thumbprint of key used by client: '${thumbS256 ?? thumb ?? ''}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${app.clientId}'.]`,
    );
  }
  if (!verifyJwtSignature(jwt, new X509Certificate(cert.certPem).publicKey)) {
    throw new InvalidClientError(700027, 'Client assertion contains an invalid signature.');
  }
  const p = jwt.payload;
  const tenantNames = new Set([
    tenant.id,
    tenantSegment.toLowerCase(),
    ...tenant.verifiedDomains.map((d) => d.toLowerCase()),
  ]);
  const audiences = new Set<string>();
  for (const name of tenantNames) {
    audiences.add(`${runtime.origin}/${name}/oauth2/v2.0/token`.toLowerCase());
    audiences.add(`https://login.microsoftonline.com/${name}/oauth2/v2.0/token`);
  }
  const aud = Array.isArray(p.aud) ? p.aud.map(String) : [String(p.aud)];
  if (!aud.some((a) => audiences.has(a.toLowerCase()))) {
    throw new InvalidClientError(
      700023,
      'Client assertion audience claim does not match Realm issuer. Review the documentation at https://aka.ms/certCredentials .',
    );
  }
  if (p.iss !== app.clientId || p.sub !== app.clientId) {
    throw new InvalidClientError(
      50027,
      'JWT token is invalid or malformed. The iss and sub claims of the client assertion must both be the client id.',
    );
  }
  const now = Date.now() / 1000;
  const exp = Number(p.exp);
  const nbf = p.nbf === undefined ? Number.NEGATIVE_INFINITY : Number(p.nbf);
  if (!(exp > now - 300) || nbf > now + 300) {
    throw new InvalidClientError(
      700024,
      `Client assertion is not within its valid time range. Current time: ${new Date().toISOString()}, expiry time of assertion ${Number.isFinite(exp) ? new Date(exp * 1000).toISOString() : 'missing'}.`,
    );
  }
}

function tokenRequest(
  runtime: EmulatorRuntime,
  tenantSegment: string,
  headers: Record<string, string | string[] | undefined>,
  form: URLSearchParams,
): LoginResult {
  const tenant = findTenant(runtime.tenants, tenantSegment);
  if (!tenant) throw new InvalidRequestError(90002, tenantNotFoundMessage(tenantSegment));
  const grantType = form.get('grant_type');
  if (grantType === null)
    throw new InvalidRequestError(
      900144,
      "The request body must contain the following parameter: 'grant_type'.",
    );
  if (grantType !== 'client_credentials') throw new UnsupportedGrantTypeError(grantType);
  const basic = parseBasic(typeof headers.authorization === 'string' ? headers.authorization : undefined);
  const clientId = basic?.clientId ?? form.get('client_id');
  if (!clientId)
    throw new InvalidRequestError(
      900144,
      "The request body must contain the following parameter: 'client_id'.",
    );
  const app = tenant.apps.get(clientId.toLowerCase());
  if (!app) throw new UnauthorizedClientError(clientId, tenantSegment);
  checkScope(form.get('scope'));
  const secret = basic?.secret ?? form.get('client_secret');
  const assertion = form.get('client_assertion');
  if (secret !== null && secret !== undefined) {
    verifySecret(app, secret);
  } else if (assertion !== null) {
    if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') {
      throw new InvalidRequestError(
        90014,
        "The request body must contain the following parameter: 'client_assertion_type'.",
      );
    }
    verifyAssertion(runtime, tenant, tenantSegment, app, assertion);
  } else {
    throw new InvalidClientError(
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    );
  }
  const { token, expiresIn } = mintAccessToken(runtime, tenant, app);
  return {
    status: 200,
    kind: 'token',
    tenantId: tenant.id,
    clientId: app.clientId,
    headers: { 'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache' },
    body: { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn, access_token: token },
  };
}

/**
 * Handles a login-endpoint request, or returns undefined when the path is not one.
 * `segments` are the decoded path segments; `rawBody` the request body as text.
 */
export function handleLoginRequest(
  runtime: EmulatorRuntime,
  method: string,
  segments: string[],
  query: URLSearchParams,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
): LoginResult | undefined {
  const [tenantSegment, a, b, c] = segments;
  if (tenantSegment === undefined) return undefined;
  const correlationId =
    query.get('client-request-id') ??
    (typeof headers['client-request-id'] === 'string' ? headers['client-request-id'] : randomUUID());
  const path = segments.slice(1).join('/').toLowerCase();
  try {
    if (path === 'oauth2/v2.0/token' || path === 'oauth2/token') {
      if (method !== 'POST')
        return {
          status: 405,
          kind: 'token',
          body: { error: 'invalid_request', error_description: 'The token endpoint accepts POST only.' },
        };
      return tokenRequest(runtime, tenantSegment, headers, new URLSearchParams(rawBody));
    }
    if (path === 'v2.0/.well-known/openid-configuration' || path === '.well-known/openid-configuration') {
      const tenant = findTenant(runtime.tenants, tenantSegment);
      if (!tenant) throw new InvalidTenantError(tenantSegment);
      return { status: 200, kind: 'metadata', tenantId: tenant.id, body: metadata(runtime, tenant) };
    }
    if (path === 'discovery/v2.0/keys' || path === 'discovery/keys') {
      return { status: 200, kind: 'metadata', body: { keys: [runtime.signingKey.jwk] } };
    }
    if (tenantSegment === 'common' && a === 'discovery' && b === 'instance') {
      const host = new URL(runtime.origin).host;
      return {
        status: 200,
        kind: 'metadata',
        body: {
          tenant_discovery_endpoint: `${runtime.origin}/${query.get('authorization_endpoint')?.split('/')[3] ?? 'common'}/v2.0/.well-known/openid-configuration`,
          'api-version': '1.1',
          metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
        },
      };
    }
  } catch (error) {
    if (error instanceof OAuthError)
      return { status: error.status, kind: 'token', body: oauthErrorBody(error, correlationId) };
    throw error;
  }
  void c;
  return undefined;
}
