/**
 * Access tokens: RS256 JWTs shaped like Entra's app-only v1 tokens for Microsoft Graph (`aud`
 * https://graph.microsoft.com, `tid`, `appid`, `roles`, `idtyp: app`). Graph validates them by
 * signature, audience, time window, tenant and app; validated claims are cached by token string.
 * Token times are real (wall-clock) time; `timeScale` does not shorten token lifetimes.
 */
import { InvalidAuthenticationTokenError } from './errors.js';
import { decodeJwt, signJwtRs256, verifyJwtSignature } from './jwt.js';
import type { AppRegistration, Tenant } from './model.js';
import { randomInt } from './random.js';
import { type AccessTokenClaims, type EmulatorRuntime, newId } from './runtime.js';

export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** Options for minting a token directly (control API / tests). */
export interface MintTokenOptions {
  lifetimeSeconds?: number;
  /** Seconds relative to now for `nbf`/`iat` (negative = in the past). */
  notBeforeOffsetSeconds?: number;
  /** Override the roles claim (defaults to the app's granted permissions). */
  roles?: string[];
  audience?: string;
}

/** Signs an access token for `app` in `tenant`. */
export function mintAccessToken(
  runtime: EmulatorRuntime,
  tenant: Tenant,
  app: AppRegistration,
  options: MintTokenOptions = {},
): { token: string; expiresIn: number } {
  const lifetime =
    options.lifetimeSeconds ??
    runtime.settings.tokenLifetimeSeconds ??
    randomInt(runtime.random.tokens, 3600, 5400);
  const nbf = Math.floor(Date.now() / 1000) + (options.notBeforeOffsetSeconds ?? 0);
  const payload = {
    aud: options.audience ?? GRAPH_AUDIENCE,
    iss: `https://sts.windows.net/${tenant.id}/`,
    iat: nbf,
    nbf,
    exp: nbf + lifetime,
    aio: newId(runtime),
    app_displayname: app.displayName,
    appid: app.clientId,
    appidacr: '1',
    idp: `https://sts.windows.net/${tenant.id}/`,
    idtyp: 'app',
    oid: app.servicePrincipalId,
    rh: '0.emulator.',
    roles: options.roles ?? [...app.roles],
    sub: app.servicePrincipalId,
    tenant_region_scope: 'EU',
    tid: tenant.id,
    uti: Buffer.from(newId(runtime)).toString('base64url').slice(0, 22),
    ver: '1.0',
    wids: ['0997a1d0-0d1d-4acb-b408-d5ca73121e90'],
  };
  const token = signJwtRs256(
    { typ: 'JWT', kid: runtime.signingKey.kid, x5t: runtime.signingKey.kid },
    payload,
    runtime.signingKey.privateKey,
  );
  return { token, expiresIn: lifetime };
}

/** The caller a Graph request acts as. */
export interface GraphCaller {
  tenant: Tenant;
  app: AppRegistration;
  roles: Set<string>;
}

/** Validates an `Authorization` header; throws the real 401s. */
export function authenticateGraphCall(
  runtime: EmulatorRuntime,
  authorization: string | undefined,
): GraphCaller {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) throw new InvalidAuthenticationTokenError('Access token is empty.');
  const token = match[1] as string;
  let claims = runtime.tokenCache.get(token);
  if (!claims) {
    const jwt = decodeJwt(token);
    if (!jwt)
      throw new InvalidAuthenticationTokenError('CompactToken parsing failed with error code: 80049217');
    if (jwt.header.kid !== runtime.signingKey.kid || !verifyJwtSignature(jwt, runtime.signingKey.publicKey)) {
      throw new InvalidAuthenticationTokenError('Access token validation failure.');
    }
    const p = jwt.payload;
    if (p.aud !== GRAPH_AUDIENCE && p.aud !== GRAPH_APP_ID && p.aud !== `${GRAPH_AUDIENCE}/`) {
      throw new InvalidAuthenticationTokenError('Access token validation failure. Invalid audience.');
    }
    claims = {
      tid: String(p.tid),
      appid: String(p.appid),
      roles: Array.isArray(p.roles) ? p.roles.map(String) : [],
      exp: Number(p.exp),
      nbf: Number(p.nbf),
    } satisfies AccessTokenClaims;
    if (runtime.tokenCache.size > 10_000) runtime.tokenCache.clear();
    runtime.tokenCache.set(token, claims);
  }
  const nowSeconds = Date.now() / 1000;
  if (!(claims.exp > nowSeconds) || claims.nbf > nowSeconds + 300) {
    throw new InvalidAuthenticationTokenError('Access token has expired or is not yet valid.');
  }
  const tenant = runtime.tenants.get(claims.tid);
  const app = tenant?.apps.get(claims.appid);
  if (!tenant || !app) throw new InvalidAuthenticationTokenError('Access token validation failure.');
  return { tenant, app, roles: new Set(claims.roles) };
}
