/**
 * Errors raised by Conduit's Microsoft Graph client, and the pure functions that classify Graph and
 * token-endpoint failures into them.
 *
 * Invariants:
 * - Every failure the client surfaces is a `GraphError` subclass named for what happened; callers
 *   branch on the class or on `kind`, never on message text.
 * - Each error knows the HTTP status (0 when no response was received), Graph's error `code` and
 *   message, and the Graph `request-id` when Graph sent one, so a log line can be traced by Microsoft.
 * - Classification uses the status **and** Graph's error code/details (a duplicate UPN is a 400 with
 *   `details[].code = ObjectConflict`, not a 409).
 * - Secrets never appear in messages: token errors keep the AADSTS code and Entra's description only.
 */

/** How the sync engine should react to a failure. */
export type GraphErrorKind =
  | 'transient'
  | 'not_found'
  | 'conflict'
  | 'bad_request'
  | 'configuration'
  | 'dry_run';

/** What a Graph error body looks like (the `error` member of the envelope). */
export interface GraphErrorBody {
  code?: string;
  message?: string;
  innerError?: { 'request-id'?: string; 'client-request-id'?: string; date?: string; [k: string]: unknown };
  details?: Array<{ code?: string; target?: string; message?: string }>;
}

/** Context of the request that failed. */
export interface GraphErrorInit {
  status: number;
  code: string;
  graphMessage: string;
  method: string;
  url: string;
  requestId?: string;
  details?: GraphErrorBody['details'];
  cause?: unknown;
}

/** Base class of every error raised by the Graph client. */
export class GraphError extends Error {
  readonly kind: GraphErrorKind = 'bad_request';
  /** HTTP status of the response, 0 when none was received. */
  readonly status: number;
  /** Graph's error code (e.g. `Request_ResourceNotFound`), or a client-side code. */
  readonly code: string;
  /** Graph's (or Entra's) own message. */
  readonly graphMessage: string;
  /** Graph `request-id` of the failed response, for Microsoft support and logs. */
  readonly requestId?: string;
  readonly method: string;
  readonly url: string;
  readonly details: NonNullable<GraphErrorBody['details']>;

  constructor(init: GraphErrorInit, message?: string) {
    super(message ?? describe(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.status = init.status;
    this.code = init.code;
    this.graphMessage = init.graphMessage;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    this.method = init.method;
    this.url = init.url;
    this.details = init.details ?? [];
  }

  /** A plain object for structured logs and per-object sync results. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      status: this.status,
      code: this.code,
      message: this.message,
      graphMessage: this.graphMessage,
      requestId: this.requestId,
      method: this.method,
      url: this.url,
    };
  }
}

function describe(init: GraphErrorInit): string {
  const rid = init.requestId ? ` (request-id ${init.requestId})` : '';
  const status = init.status ? `${init.status} ` : '';
  return `${init.method} ${init.url} failed: ${status}${init.code}: ${init.graphMessage}${rid}`;
}

/** 429 that persisted through every retry. */
export class GraphThrottledError extends GraphError {
  override readonly kind = 'transient';
  /** The last `Retry-After` Graph asked for, in milliseconds. */
  readonly retryAfterMs: number | undefined;
  constructor(init: GraphErrorInit & { retryAfterMs?: number }) {
    super(init);
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** Network failure, 5xx or 424 that persisted through every retry: try again later. */
export class GraphTransientError extends GraphError {
  override readonly kind = 'transient';
}

/** 404: the object (or the referenced object) does not exist, after allowing for replication lag. */
export class GraphNotFoundError extends GraphError {
  override readonly kind = 'not_found';
}

/** The object already exists (400 with `details[].code = ObjectConflict`, or 409): adopt/link it. */
export class GraphObjectConflictError extends GraphError {
  override readonly kind = 'conflict';
  /** The conflicting property when Graph names it (e.g. `userPrincipalName`). */
  get conflictingProperty(): string | undefined {
    return this.details.find((d) => d.code === 'ObjectConflict')?.target;
  }
}

/** Another 4xx: the request is wrong for this object; Graph's message says why. */
export class GraphBadRequestError extends GraphError {
  override readonly kind = 'bad_request';
}

/**
 * The provider is misconfigured (bad secret, unknown tenant or client, missing permission, token
 * rejected after a refresh): every request would fail the same way, so the run should stop.
 */
export class GraphConfigurationError extends GraphError {
  override readonly kind = 'configuration';
  /** The AADSTS error number when the token endpoint refused us (e.g. 7000215). */
  readonly aadstsCode: number | undefined;
  constructor(init: GraphErrorInit & { aadstsCode?: number }, message?: string) {
    super(init, message);
    this.aadstsCode = init.aadstsCode;
  }
}

/** Dry run: a mutating request was stopped before it was sent. Carries what would have been sent. */
export class DryRunRejectedError extends GraphError {
  override readonly kind = 'dry_run';
  readonly body: unknown;
  constructor(method: string, url: string, body: unknown) {
    super(
      { status: 0, code: 'DryRunRejected', graphMessage: 'dry run: request not sent', method, url },
      `Dry run: ${method} ${url} was not sent`,
    );
    this.body = body;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), body: this.body };
  }
}

/** The exact start of Graph's answer to adding a member that is already there (https://learn.microsoft.com/en-us/graph/api/group-post-members). */
export const ALREADY_MEMBER_MESSAGE = 'One or more added object references already exist';

/** Reads the `error` member of a Graph error envelope, tolerating any JSON. */
export function readGraphErrorBody(body: unknown): GraphErrorBody {
  if (body && typeof body === 'object' && 'error' in body) {
    const error = (body as { error: unknown }).error;
    if (error && typeof error === 'object') return error as GraphErrorBody;
  }
  return {};
}

/** Inputs of `classifyGraphResponse`. */
export interface GraphFailure {
  status: number;
  body: unknown;
  method: string;
  url: string;
  /** The `request-id` response header, when present. */
  requestId?: string;
  retryAfterMs?: number;
}

/** Maps a failed Graph response (status + envelope) to the error class the caller should see. */
export function classifyGraphResponse(failure: GraphFailure): GraphError {
  const error = readGraphErrorBody(failure.body);
  const requestId = failure.requestId ?? error.innerError?.['request-id'];
  const init: GraphErrorInit = {
    status: failure.status,
    code: error.code ?? `HTTP${failure.status}`,
    graphMessage: error.message ?? (typeof failure.body === 'string' ? failure.body : ''),
    method: failure.method,
    url: failure.url,
    details: error.details,
    ...(requestId !== undefined ? { requestId } : {}),
  };
  const { status } = failure;
  if (status === 429) {
    return new GraphThrottledError({
      ...init,
      ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}),
    });
  }
  if (status >= 500 || status === 424 || status === 408) return new GraphTransientError(init);
  if (status === 401) {
    return new GraphConfigurationError(
      init,
      `Graph rejected the access token even after a refresh (${init.code}: ${init.graphMessage})` +
        `${requestId ? ` (request-id ${requestId})` : ''}. Check the tenant ID and that the app is consented in that tenant.`,
    );
  }
  if (status === 403) {
    return new GraphConfigurationError(
      init,
      `The app lacks a Graph permission for ${failure.method} ${failure.url} (${init.code}: ${init.graphMessage})` +
        `${requestId ? ` (request-id ${requestId})` : ''}. Grant User.ReadWrite.All, Group.ReadWrite.All, ` +
        'GroupMember.ReadWrite.All and Organization.Read.All (application permissions) with admin consent.',
    );
  }
  if (status === 404) return new GraphNotFoundError(init);
  if (status === 409 || (status === 400 && error.details?.some((d) => d.code === 'ObjectConflict'))) {
    return new GraphObjectConflictError(init);
  }
  return new GraphBadRequestError(init);
}

/** True when Graph refused a member add because the member is already there (a success for us). */
export function isAlreadyMemberError(error: unknown): boolean {
  return (
    error instanceof GraphError && error.status === 400 && error.graphMessage.includes(ALREADY_MEMBER_MESSAGE)
  );
}

/** What we know about a token-endpoint failure. */
export interface TokenFailure {
  /** HTTP status of the token or metadata response (0 when none). */
  status: number;
  /** OAuth `error` (e.g. `invalid_client`). */
  error?: string;
  /** First entry of `error_codes`, or the number after `AADSTS` in the description. */
  aadstsCode?: number;
  description?: string;
  /** Entra's trace id, which plays the role of a request-id for token failures. */
  traceId?: string;
  url: string;
  cause?: unknown;
}

const AADSTS_ADVICE: Record<number, (tenant: string, clientId: string) => string> = {
  7000215: (_t, c) =>
    `The client secret for app ${c} is wrong (AADSTS7000215). Paste the secret's Value, not its Secret ID.`,
  7000222: (_t, c) => `The client secret for app ${c} has expired (AADSTS7000222). Create a new secret.`,
  90002: (t) => `Tenant '${t}' was not found (AADSTS90002). Check the tenant ID and the cloud.`,
  700016: (t, c) =>
    `No application with client ID ${c} exists in tenant '${t}' (AADSTS700016). Check the client ID and that the app is registered or consented in this tenant.`,
  70011: () => 'The token request scope is invalid (AADSTS70011).',
  700027: (_t, c) =>
    `The certificate assertion for app ${c} was rejected (AADSTS700027). Check that the certificate is uploaded to the app and that the thumbprint matches.`,
  7000274: (_t, c) =>
    `The certificate assertion for app ${c} was rejected (AADSTS7000274). Check the certificate and its thumbprint.`,
  900023: (t) => `The tenant identifier '${t}' is not valid (AADSTS900023).`,
};

/** Extracts the AADSTS number from a description such as `AADSTS7000215: Invalid client secret…`. */
export function parseAadstsCode(text: string | undefined): number | undefined {
  const match = text ? /AADSTS(\d+)/.exec(text) : null;
  return match?.[1] ? Number(match[1]) : undefined;
}

/** Maps a token-endpoint failure to a configuration error (or a transient one for 5xx/network). */
export function classifyTokenFailure(failure: TokenFailure, tenantId: string, clientId: string): GraphError {
  const aadsts = failure.aadstsCode ?? parseAadstsCode(failure.description);
  const firstLine = failure.description?.split(/\r?\n/)[0]?.trim() ?? '';
  const init: GraphErrorInit & { aadstsCode?: number } = {
    status: failure.status,
    code: failure.error ?? (aadsts !== undefined ? `AADSTS${aadsts}` : 'token_error'),
    graphMessage:
      firstLine || (failure.cause instanceof Error ? failure.cause.message : 'token request failed'),
    method: 'POST',
    url: failure.url,
    ...(failure.traceId !== undefined ? { requestId: failure.traceId } : {}),
    ...(aadsts !== undefined ? { aadstsCode: aadsts } : {}),
    ...(failure.cause !== undefined ? { cause: failure.cause } : {}),
  };
  if (failure.status === 0 || failure.status >= 500 || failure.status === 429) {
    return new GraphTransientError(init, `Token request to ${failure.url} failed: ${init.graphMessage}`);
  }
  const advice = aadsts !== undefined ? AADSTS_ADVICE[aadsts] : undefined;
  const message = advice
    ? `${advice(tenantId, clientId)} Entra said: ${firstLine}`
    : `Entra refused the token request for app ${clientId} in tenant '${tenantId}': ${firstLine || init.code}`;
  return new GraphConfigurationError(init, message);
}
