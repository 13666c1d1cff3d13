/**
 * Shared helpers for the emulator contract tests: one emulator per test file, a bearer token
 * from the real token endpoint, and a small HTTPS client (undici, trusting the emulator's CA).
 */
import { Agent, request } from 'undici';
import { type EmulatorOptions, type RunningEmulator, startEmulator } from '../../src/graph-emulator/index.js';

/** A Graph error envelope as the tests read it. */
export interface GraphErrorJson {
  code: string;
  message: string;
  innerError?: Record<string, unknown>;
  details?: Array<Record<string, unknown>>;
}

/** A parsed response body (loosely typed on purpose: tests assert exact shapes). */
export interface Json {
  [key: string]: unknown;
  value?: Array<Record<string, unknown>>;
  error?: GraphErrorJson;
}

/** A response as tests inspect it. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: Json;
}

/** Request options. */
export interface CallOptions {
  body?: unknown;
  /** Raw body text (sent as is). */
  raw?: string;
  headers?: Record<string, string>;
  /** Bearer token; `null` sends none. Defaults to the harness token. */
  token?: string | null;
}

/** A started emulator plus helpers. */
export interface Harness {
  emu: RunningEmulator;
  agent: Agent;
  token: string;
  /** Calls `${origin}${path}` (path starting with `/v1.0`, `/_emulator` or a tenant). */
  call(method: string, path: string, options?: CallOptions): Promise<Reply>;
  /** Calls Graph: `path` is relative to `/v1.0`. */
  graph(method: string, path: string, options?: CallOptions): Promise<Reply>;
  /** Posts a form to the token endpoint of `tenant` (default tenant). */
  tokenRequest(
    form: Record<string, string>,
    tenant?: string,
    headers?: Record<string, string>,
  ): Promise<Reply>;
  /** Resets the emulator state between tests. */
  reset(): void;
  close(): Promise<void>;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** Starts an emulator and acquires a token for the default app. */
export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emu = await startEmulator(options);
  const origin = emu.loginUrl;
  const agent = new Agent({ connect: { ca: emu.caCertPem }, keepAliveTimeout: 10_000 });
  const call = async (method: string, path: string, opts: CallOptions = {}): Promise<Reply> => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    const token = opts.token === undefined ? harness.token : opts.token;
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined = opts.raw;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await request(`${origin}${path}`, {
      method: method as 'GET',
      headers,
      body,
      dispatcher: agent,
    });
    const text = await res.body.text();
    let json: Json = {};
    try {
      json = text ? (JSON.parse(text) as Json) : {};
    } catch {
      json = {};
    }
    return { status: res.statusCode, headers: flattenHeaders(res.headers), text, json };
  };
  const tokenRequest = (
    form: Record<string, string>,
    tenant = emu.tenantId,
    headers: Record<string, string> = {},
  ) =>
    call('POST', `/${tenant}/oauth2/v2.0/token`, {
      raw: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      token: null,
    });
  const harness: Harness = {
    emu,
    agent,
    token: '',
    call,
    graph: (method, path, opts) => call(method, `/v1.0${path}`, opts),
    tokenRequest,
    reset: () => emu.control.reset(),
    close: async () => {
      await agent.close();
      await emu.close();
    },
  };
  const reply = await tokenRequest({
    grant_type: 'client_credentials',
    client_id: emu.clientId,
    client_secret: emu.clientSecret,
    scope: 'https://graph.microsoft.com/.default',
  });
  if (reply.status !== 200) throw new Error(`token request failed: ${reply.text}`);
  harness.token = String(reply.json.access_token);
  return harness;
}

/** A valid user create body in the default domain. */
export function userBody(
  alias: string,
  domain = 'contoso.onmicrosoft.com',
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    accountEnabled: true,
    displayName: `User ${alias}`,
    mailNickname: alias,
    userPrincipalName: `${alias}@${domain}`,
    passwordProfile: { forceChangePasswordNextSignIn: true, password: 'Str0ng!Passw0rd' },
    ...extra,
  };
}

/** A security group create body. */
export function securityGroupBody(
  name: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    displayName: name,
    mailEnabled: false,
    mailNickname: name.replace(/[^A-Za-z0-9]/g, ''),
    securityEnabled: true,
    ...extra,
  };
}

/** `https://graph.microsoft.com/v1.0/directoryObjects/{id}`. */
export function ref(id: string): string {
  return `https://graph.microsoft.com/v1.0/directoryObjects/${id}`;
}

/** Reads `error` of a reply, failing loudly when absent. */
export function errorOf(reply: Reply): GraphErrorJson {
  if (!reply.json.error) throw new Error(`expected an error envelope, got ${reply.status} ${reply.text}`);
  return reply.json.error;
}
