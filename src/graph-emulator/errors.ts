/**
 * The emulator's protocol errors. Each class is named after the error code Microsoft Graph (or the
 * Microsoft identity platform) puts on the wire and knows its own HTTP status, in the manner of
 * node-oidc-provider. Route handlers throw them; the server turns them into the exact envelopes of
 * https://learn.microsoft.com/entra/identity-platform/reference-error-codes and
 * https://learn.microsoft.com/graph/errors.
 */

/** One entry of the optional `details` array of a Graph error envelope. */
export interface GraphErrorDetail {
  code: string;
  message?: string;
  target?: string;
}

/** Base class: a Graph error with its `code`, `message`, HTTP status and optional details/headers. */
export class GraphError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: GraphErrorDetail[] | undefined;
  readonly headers: Record<string, string>;
  constructor(
    status: number,
    code: string,
    message: string,
    details?: GraphErrorDetail[],
    headers?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    this.details = details;
    this.headers = headers ?? {};
  }
}

/** 401: missing, malformed, foreign or expired bearer token. */
export class InvalidAuthenticationTokenError extends GraphError {
  constructor(message: string) {
    super(401, 'InvalidAuthenticationToken', message);
  }
}

/** 403: the token's `roles` lack every permission accepted by the operation. */
export class AuthorizationRequestDeniedError extends GraphError {
  constructor() {
    super(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  }
}

/** 404 for a directory object the service does not know (or cannot see yet). */
export class RequestResourceNotFoundError extends GraphError {
  constructor(id: string) {
    super(
      404,
      'Request_ResourceNotFound',
      `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
    );
  }
}

/** 400 `Request_BadRequest`: directory validation errors. */
export class RequestBadRequestError extends GraphError {
  constructor(message: string, details?: GraphErrorDetail[]) {
    super(400, 'Request_BadRequest', message, details);
  }
}

/** 400 `Request_BadRequest` for an invalid property value, with the `InvalidValue` detail. */
export class InvalidPropertyValueError extends RequestBadRequestError {
  constructor(property: string, resource: 'User' | 'Group') {
    super(`Invalid value specified for property '${property}' of resource '${resource}'.`, [
      { code: 'InvalidValue', target: property },
    ]);
  }
}

/** 400 `Request_BadRequest` for a missing required property. */
export class RequiredPropertyMissingError extends RequestBadRequestError {
  constructor(property: string) {
    super(`Property ${property} value is required but is empty or missing.`);
  }
}

/** 400 `Request_BadRequest` with the `ObjectConflict` detail (duplicate unique value). */
export class ObjectConflictError extends RequestBadRequestError {
  constructor(property: string) {
    super(`Another object with the same value for property ${property} already exists.`, [
      { code: 'ObjectConflict', target: property },
    ]);
  }
}

/** 400 `Request_UnsupportedQuery`: advanced query without its prerequisites, unsupported filter. */
export class RequestUnsupportedQueryError extends GraphError {
  constructor(message: string) {
    super(400, 'Request_UnsupportedQuery', message);
  }
}

/** 400 `BadRequest`: OData/protocol-level errors (malformed JSON, unknown segment, bad batch). */
export class BadRequestError extends GraphError {
  constructor(message: string) {
    super(400, 'BadRequest', message);
  }
}

/** 404 for a path that is neither Graph, login nor control. */
export class ResourceNotFoundError extends GraphError {
  constructor(message = 'Invalid request path.') {
    super(404, 'ResourceNotFound', message);
  }
}

/** 405 for a known resource with an unsupported method. */
export class MethodNotAllowedError extends GraphError {
  constructor() {
    super(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.');
  }
}

/** 413 for bodies above the size limit. */
export class RequestEntityTooLargeError extends GraphError {
  constructor(limit: number) {
    super(
      413,
      'RequestEntityTooLarge',
      `The request body exceeds the maximum allowed size of ${limit} bytes.`,
    );
  }
}

/** 415 is not used by Graph for JSON APIs; wrong content types are reported like malformed JSON. */
export const UNREADABLE_JSON_MESSAGE =
  'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.';

/** 429 with the body of https://learn.microsoft.com/graph/throttling; the server adds `innerError.code/status`. */
export class TooManyRequestsError extends GraphError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, headers: Record<string, string> = {}) {
    super(429, 'TooManyRequests', 'Please retry again later.', undefined, {
      ...headers,
      'Retry-After': formatRetryAfter(retryAfterSeconds),
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** 410 for an unknown/garbled delta token. */
export class SyncStateNotFoundError extends GraphError {
  constructor() {
    super(
      410,
      'syncStateNotFound',
      'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
    );
  }
}

/** 410 for an expired delta token: the client must restart with a full sync. */
export class ResyncRequiredError extends GraphError {
  constructor() {
    super(
      410,
      'resyncRequired',
      'A resync is required. The delta token has expired; restart the delta query without a token.',
    );
  }
}

/** 424 for a batch sub-request whose `dependsOn` failed. */
export class FailedDependencyError extends GraphError {
  constructor() {
    super(424, 'FailedDependency', 'Failed dependency.');
  }
}

/** A fault injected by a test (random or scripted); status decides the code. */
export class InjectedFaultError extends GraphError {
  constructor(status: number, retryAfterSeconds?: number) {
    const codes: Record<number, string> = {
      500: 'generalException',
      502: 'badGateway',
      503: 'serviceNotAvailable',
      504: 'gatewayTimeout',
      507: 'quotaLimitReached',
    };
    const headers: Record<string, string> =
      retryAfterSeconds === undefined ? {} : { 'Retry-After': formatRetryAfter(retryAfterSeconds) };
    super(
      status,
      codes[status] ?? 'generalException',
      'Some error was generated by the emulator.',
      undefined,
      headers,
    );
  }
}

/** `Retry-After` may be fractional on the real service: keep up to 3 decimals, drop trailing zeros. */
export function formatRetryAfter(seconds: number): string {
  const rounded = Math.max(0, Math.ceil(seconds * 1000) / 1000);
  return String(Number(rounded.toFixed(3)));
}

// ---------------------------------------------------------------------------------------------
// Identity platform (token endpoint) errors: `{error, error_description: "AADSTS<n>: …", …}`.

/** Base class for token-endpoint errors. */
export class OAuthError extends Error {
  readonly status: number;
  readonly error: string;
  readonly aadsts: number;
  constructor(status: number, error: string, aadsts: number, message: string) {
    super(message);
    this.name = new.target.name;
    this.status = status;
    this.error = error;
    this.aadsts = aadsts;
  }
}

/** 401 `invalid_client`: wrong/expired secret, missing credential, bad client assertion. */
export class InvalidClientError extends OAuthError {
  constructor(aadsts: number, message: string) {
    super(401, 'invalid_client', aadsts, message);
  }
}

/** 400 `invalid_request`: unknown tenant on the token POST (90002) and other malformed requests. */
export class InvalidRequestError extends OAuthError {
  constructor(aadsts: number, message: string) {
    super(400, 'invalid_request', aadsts, message);
  }
}

/** 400 `invalid_tenant`: unknown tenant on the OpenID metadata GET. */
export class InvalidTenantError extends OAuthError {
  constructor(tenant: string) {
    super(400, 'invalid_tenant', 90002, tenantNotFoundMessage(tenant));
  }
}

/** 400 `unauthorized_client`: unknown client id in this tenant. */
export class UnauthorizedClientError extends OAuthError {
  constructor(clientId: string, tenant: string) {
    super(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    );
  }
}

/** 400 `invalid_scope`. */
export class InvalidScopeError extends OAuthError {
  constructor(scope: string) {
    super(
      400,
      'invalid_scope',
      70011,
      `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
    );
  }
}

/** 400 `unsupported_grant_type`. */
export class UnsupportedGrantTypeError extends OAuthError {
  constructor(grantType: string) {
    super(
      400,
      'unsupported_grant_type',
      70003,
      `The app requested an unsupported grant type '${grantType}'.`,
    );
  }
}

/** The AADSTS90002 text (the newer wording of
 * https://learn.microsoft.com/entra/identity-platform/reference-error-codes). */
export function tenantNotFoundMessage(tenant: string): string {
  return `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`;
}
