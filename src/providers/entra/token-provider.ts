/**
 * App-only access tokens for Microsoft Graph through @azure/msal-node (client credentials, with a
 * client secret or a certificate).
 *
 * Invariants:
 * - Production and tests take the same path: MSAL's ConfidentialClientApplication, talking HTTPS to
 *   `authorityHost`. MSAL's HTTP goes through `system.networkClient` on Conduit's undici dispatcher,
 *   so one trusted-CA setting (system CAs + `caCertPem`) covers both token and Graph calls.
 * - For hosts other than Microsoft's clouds, the host is a `knownAuthorities` entry (no instance
 *   discovery); MSAL then reads the tenant's OpenID metadata from the authority itself.
 * - A token is reused until shortly before `expires_in` runs out (5 min, or a tenth of its lifetime
 *   when shorter), and concurrent callers share one in-flight acquisition.
 * - Token failures become `GraphConfigurationError` (bad secret, unknown tenant/client, bad scope) or
 *   `GraphTransientError` (network/5xx). The secret never appears in an error.
 */

import { createPrivateKey } from 'node:crypto';
import {
  ConfidentialClientApplication,
  type Configuration,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';
import { type Dispatcher, request } from 'undici';
import { classifyTokenFailure, GraphError, type TokenFailure } from './graph-errors.js';

/** Credentials of the Entra app registration. */
export interface TokenCredentials {
  tenantId: string;
  clientId: string;
  clientSecret?: string;
  certificate?: { privateKeyPem: string; thumbprintSha256: string; x5c?: string };
}

export interface TokenProviderOptions extends TokenCredentials {
  authorityHost: string;
  /** `https://graph.microsoft.com/.default` or the national cloud's equivalent. */
  scope: string;
  dispatcher: Dispatcher;
  now?: () => number;
}

export interface AccessToken {
  token: string;
  expiresOnMs: number;
}

export interface TokenProvider {
  /** A valid token, from cache unless it is about to expire or `forceRefresh` is set. */
  getToken(forceRefresh?: boolean): Promise<AccessToken>;
  /** Application permissions granted to the app (the `roles` claim of the current token). */
  grantedRoles(): Promise<string[]>;
}

/** Login hosts of Microsoft's clouds, for which MSAL has built-in metadata and instance discovery. */
const MICROSOFT_LOGIN_HOSTS = new Set([
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
  'login.microsoftonline.de',
  'login.windows.net',
  'login.microsoft.com',
  'sts.windows.net',
]);

/** Graph hosts whose `/.default` scope is their own origin; any other host (an emulator) uses Graph's. */
const MICROSOFT_GRAPH_HOSTS = new Set([
  'graph.microsoft.com',
  'graph.microsoft.us',
  'dod-graph.microsoft.us',
  'microsoftgraph.chinacloudapi.cn',
]);

export function isMicrosoftLoginHost(host: string): boolean {
  return MICROSOFT_LOGIN_HOSTS.has(host.toLowerCase());
}

/** The client-credentials scope for a Graph base URL. */
export function graphScopeFor(graphBaseUrl: string): string {
  const url = new URL(graphBaseUrl);
  return MICROSOFT_GRAPH_HOSTS.has(url.hostname.toLowerCase())
    ? `${url.origin}/.default`
    : 'https://graph.microsoft.com/.default';
}

/** Decodes the payload of a JWT without verifying it (we only read our own token's `roles`). */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) return {};
  try {
    const json: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return json && typeof json === 'object' ? (json as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * How long before expiry a token is renewed: 5 minutes, or a tenth of a short lifetime, but never
 * under 2 s (MSAL and the token's `exp` round to whole seconds in opposite directions).
 */
export function renewalMarginMs(lifetimeMs: number): number {
  return Math.min(5 * 60_000, Math.max(2000, lifetimeMs / 10));
}

/** MSAL wants PKCS#8 (`BEGIN PRIVATE KEY`); accept PKCS#1/SEC1 keys as OpenSSL often writes them. */
function toPkcs8Pem(pem: string): string {
  if (pem.includes('BEGIN PRIVATE KEY')) return pem;
  try {
    return createPrivateKey(pem).export({ type: 'pkcs8', format: 'pem' }).toString();
  } catch {
    return pem; // let MSAL report what is wrong with it
  }
}

interface TokenErrorBody {
  error?: string;
  error_description?: string;
  error_codes?: number[];
  trace_id?: string;
}

/**
 * MSAL's network client on Conduit's dispatcher. It also remembers the last error answer from the
 * login host, because MSAL reports some failures (e.g. the metadata GET of an unknown tenant) as
 * generic "endpoints resolution" errors without Entra's AADSTS code.
 */
function createMsalNetworkClient(
  dispatcher: Dispatcher,
  onErrorBody: (failure: TokenFailure) => void,
  onNetworkError: (reason: string) => void,
): INetworkModule {
  const send = async <T>(
    method: 'GET' | 'POST',
    url: string,
    options: NetworkRequestOptions | undefined,
    timeout?: number,
  ): Promise<NetworkResponse<T>> => {
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        method,
        dispatcher,
        headers: options?.headers ?? {},
        ...(method === 'POST' ? { body: options?.body ?? '' } : {}),
        ...(timeout ? { headersTimeout: timeout, bodyTimeout: timeout } : {}),
      });
    } catch (error) {
      // MSAL reports this as a bare "endpoints_resolution_error": keep the reason an administrator
      // can act on (connection refused, unknown host, untrusted certificate).
      onNetworkError(`${method} ${url.split('?')[0]}: ${describeNetworkError(error)}`);
      throw error;
    }
    const text = await response.body.text();
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    let body: unknown = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = { error: 'invalid_response', error_description: text.slice(0, 500) };
    }
    if (response.statusCode >= 400) {
      const b = body as TokenErrorBody;
      onErrorBody({
        status: response.statusCode,
        url: url.split('?')[0] ?? url,
        ...(b.error !== undefined ? { error: b.error } : {}),
        ...(b.error_description !== undefined ? { description: b.error_description } : {}),
        ...(b.error_codes?.[0] !== undefined ? { aadstsCode: b.error_codes[0] } : {}),
        ...(b.trace_id !== undefined ? { traceId: b.trace_id } : {}),
      });
    }
    return { status: response.statusCode, headers, body: body as T };
  };
  return {
    sendGetRequestAsync: (url, options, timeout) => send('GET', url, options, timeout),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}

/** `connect ECONNREFUSED 127.0.0.1:443`, `getaddrinfo ENOTFOUND host`, a TLS verification failure… */
function describeNetworkError(error: unknown): string {
  const e = error as { message?: string; code?: string; cause?: { message?: string; code?: string } };
  const inner = e?.cause?.message ?? e?.message ?? String(error);
  const code = e?.cause?.code ?? e?.code;
  return code && !inner.includes(code) ? `${inner} (${code})` : inner;
}

interface MsalLikeError {
  errorCode?: string;
  errorMessage?: string;
  errorNo?: string | number;
  status?: number;
  message?: string;
}

export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const now = options.now ?? Date.now;
  const authorityUrl = new URL(options.authorityHost);
  const authority = `${authorityUrl.origin}/${encodeURIComponent(options.tenantId)}`;
  const tokenUrl = `${authority}/oauth2/v2.0/token`;
  let lastFailure: TokenFailure | undefined;
  let lastNetworkError: string | undefined;

  if (!options.clientSecret && !options.certificate) {
    throw classifyTokenFailure(
      {
        status: 400,
        error: 'invalid_configuration',
        description: 'Neither a client secret nor a certificate is configured.',
        url: tokenUrl,
      },
      options.tenantId,
      options.clientId,
    );
  }

  const config: Configuration = {
    auth: {
      clientId: options.clientId,
      authority,
      ...(isMicrosoftLoginHost(authorityUrl.hostname) ? {} : { knownAuthorities: [authorityUrl.host] }),
      ...(options.certificate
        ? {
            clientCertificate: {
              thumbprintSha256: options.certificate.thumbprintSha256,
              privateKey: toPkcs8Pem(options.certificate.privateKeyPem),
              ...(options.certificate.x5c !== undefined ? { x5c: options.certificate.x5c } : {}),
            },
          }
        : { clientSecret: options.clientSecret as string }),
    },
    system: {
      networkClient: createMsalNetworkClient(
        options.dispatcher,
        (failure) => {
          lastFailure = failure;
        },
        (reason) => {
          lastNetworkError = reason;
        },
      ),
    },
  };
  const app = new ConfidentialClientApplication(config);

  let cached: (AccessToken & { renewAtMs: number }) | undefined;
  let inFlight: Promise<AccessToken> | undefined;

  const acquire = async (skipCache: boolean): Promise<AccessToken> => {
    lastFailure = undefined;
    lastNetworkError = undefined;
    try {
      const result = await app.acquireTokenByClientCredential({ scopes: [options.scope], skipCache });
      if (!result?.accessToken) throw new Error('MSAL returned no access token');
      const issuedAt = now();
      const expiresOnMs = result.expiresOn ? result.expiresOn.getTime() : issuedAt + 3_600_000;
      cached = {
        token: result.accessToken,
        expiresOnMs,
        renewAtMs: expiresOnMs - renewalMarginMs(expiresOnMs - issuedAt),
      };
      return cached;
    } catch (error) {
      throw toTokenError(error);
    }
  };

  const toTokenError = (error: unknown): GraphError => {
    if (error instanceof GraphError) return error;
    const e = (error ?? {}) as MsalLikeError;
    const failure: TokenFailure = lastFailure
      ? { ...lastFailure, cause: error }
      : {
          status: typeof e.status === 'number' ? e.status : e.errorCode === 'network_error' ? 0 : 400,
          url: tokenUrl,
          cause: error,
          ...(e.errorCode ? { error: e.errorCode } : {}),
          ...(e.errorMessage || e.message ? { description: e.errorMessage ?? e.message } : {}),
          ...(e.errorNo !== undefined && Number.isFinite(Number(e.errorNo))
            ? { aadstsCode: Number(e.errorNo) }
            : {}),
        };
    // No HTTP answer at all (connection refused, TLS failure): report it as a network failure.
    if (!lastFailure && (e.errorCode === 'network_error' || e.errorCode === 'endpoints_resolution_error')) {
      failure.status = 0;
    }
    if (!lastFailure && lastNetworkError) failure.description = `could not connect (${lastNetworkError})`;
    return classifyTokenFailure(failure, options.tenantId, options.clientId);
  };

  const getToken = (forceRefresh = false): Promise<AccessToken> => {
    if (!forceRefresh && cached && now() < cached.renewAtMs) return Promise.resolve(cached);
    if (inFlight) return inFlight;
    inFlight = acquire(forceRefresh || cached !== undefined).finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  return {
    getToken,
    async grantedRoles() {
      const { token } = await getToken();
      const roles = decodeJwtPayload(token).roles;
      return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [];
    },
  };
}
