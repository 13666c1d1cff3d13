import { describe, expect, it } from 'vitest';
import {
  classifyGraphResponse,
  classifyTokenFailure,
  DryRunRejectedError,
  GraphBadRequestError,
  GraphConfigurationError,
  GraphNotFoundError,
  GraphObjectConflictError,
  GraphThrottledError,
  GraphTransientError,
  isAlreadyMemberError,
  parseAadstsCode,
} from './graph-errors.js';

const envelope = (code: string, message: string, extra: Record<string, unknown> = {}) => ({
  error: { code, message, innerError: { 'request-id': 'body-rid', date: '2025-01-01T00:00:00' }, ...extra },
});
const at = { method: 'POST', url: 'https://graph.microsoft.com/v1.0/users' };

describe('classifyGraphResponse', () => {
  it('maps a duplicate UPN (400 + ObjectConflict) to a conflict', () => {
    const error = classifyGraphResponse({
      ...at,
      status: 400,
      requestId: 'hdr-rid',
      body: envelope(
        'Request_BadRequest',
        'Another object with the same value for property userPrincipalName already exists.',
        {
          details: [{ code: 'ObjectConflict', target: 'userPrincipalName' }],
        },
      ),
    });
    expect(error).toBeInstanceOf(GraphObjectConflictError);
    expect(error.kind).toBe('conflict');
    expect(error.requestId).toBe('hdr-rid');
    expect((error as GraphObjectConflictError).conflictingProperty).toBe('userPrincipalName');
  });

  it('keeps other 400s as bad requests with Graph message and the body request-id', () => {
    const error = classifyGraphResponse({
      ...at,
      status: 400,
      body: envelope(
        'Request_BadRequest',
        'Property mailNickname value is required but is empty or missing.',
      ),
    });
    expect(error).toBeInstanceOf(GraphBadRequestError);
    expect(error.kind).toBe('bad_request');
    expect(error.graphMessage).toContain('mailNickname');
    expect(error.requestId).toBe('body-rid');
    expect(error.message).toContain('body-rid');
  });

  it('recognises the already-member answer', () => {
    const error = classifyGraphResponse({
      ...at,
      status: 400,
      body: envelope(
        'Request_BadRequest',
        "One or more added object references already exist for the following modified properties: 'members'.",
      ),
    });
    expect(isAlreadyMemberError(error)).toBe(true);
    expect(
      isAlreadyMemberError(classifyGraphResponse({ ...at, status: 400, body: envelope('X', 'other') })),
    ).toBe(false);
  });

  it('maps 403 Authorization_RequestDenied to a configuration error naming the permissions', () => {
    const error = classifyGraphResponse({
      ...at,
      status: 403,
      body: envelope('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
    });
    expect(error).toBeInstanceOf(GraphConfigurationError);
    expect(error.kind).toBe('configuration');
    for (const permission of [
      'User.ReadWrite.All',
      'Group.ReadWrite.All',
      'GroupMember.ReadWrite.All',
      'Organization.Read.All',
    ])
      expect(error.message).toContain(permission);
  });

  it('maps 401, 404, 409, 429, 5xx and 424', () => {
    expect(
      classifyGraphResponse({ ...at, status: 401, body: envelope('InvalidAuthenticationToken', 'x') }),
    ).toBeInstanceOf(GraphConfigurationError);
    expect(
      classifyGraphResponse({ ...at, status: 404, body: envelope('Request_ResourceNotFound', 'x') }).kind,
    ).toBe('not_found');
    expect(classifyGraphResponse({ ...at, status: 404, body: undefined })).toBeInstanceOf(GraphNotFoundError);
    expect(classifyGraphResponse({ ...at, status: 409, body: undefined })).toBeInstanceOf(
      GraphObjectConflictError,
    );
    const throttled = classifyGraphResponse({
      ...at,
      status: 429,
      body: envelope('TooManyRequests', 'x'),
      retryAfterMs: 2128,
    });
    expect(throttled).toBeInstanceOf(GraphThrottledError);
    expect((throttled as GraphThrottledError).retryAfterMs).toBe(2128);
    expect(throttled.kind).toBe('transient');
    expect(classifyGraphResponse({ ...at, status: 503, body: 'Service Unavailable' })).toBeInstanceOf(
      GraphTransientError,
    );
    expect(classifyGraphResponse({ ...at, status: 424, body: undefined })).toBeInstanceOf(
      GraphTransientError,
    );
  });
});

describe('classifyTokenFailure', () => {
  const description = (code: number, text: string) =>
    `AADSTS${code}: ${text}\r\nTrace ID: t\r\nCorrelation ID: c\r\nTimestamp: 2025-01-01 00:00:00Z`;
  const url = 'https://login.microsoftonline.com/t/oauth2/v2.0/token';

  it('explains a wrong secret', () => {
    const error = classifyTokenFailure(
      {
        status: 401,
        error: 'invalid_client',
        aadstsCode: 7000215,
        description: description(7000215, 'Invalid client secret provided.'),
        url,
      },
      'tenant-1',
      'app-1',
    );
    expect(error).toBeInstanceOf(GraphConfigurationError);
    expect((error as GraphConfigurationError).aadstsCode).toBe(7000215);
    expect(error.message).toContain('AADSTS7000215');
    expect(error.message).toContain('secret');
    expect(error.message).not.toContain('Trace ID');
  });

  it('explains expired secrets, unknown tenants and unknown clients', () => {
    expect(
      classifyTokenFailure({ status: 401, description: description(7000222, 'expired'), url }, 't', 'a')
        .message,
    ).toContain('expired');
    expect(
      classifyTokenFailure({ status: 400, description: description(90002, 'nope'), url }, 'contoso', 'a')
        .message,
    ).toContain("Tenant 'contoso' was not found");
    expect(
      classifyTokenFailure({ status: 400, description: description(700016, 'nope'), url }, 't', 'app-9')
        .message,
    ).toContain('client ID app-9');
    expect(
      classifyTokenFailure({ status: 400, description: description(70011, 'bad scope'), url }, 't', 'a')
        .message,
    ).toContain('scope');
  });

  it('reports network failures and 5xx as transient', () => {
    expect(
      classifyTokenFailure({ status: 0, url, cause: new Error('ECONNREFUSED') }, 't', 'a'),
    ).toBeInstanceOf(GraphTransientError);
    expect(classifyTokenFailure({ status: 503, url }, 't', 'a')).toBeInstanceOf(GraphTransientError);
  });

  it('parses AADSTS numbers from descriptions', () => {
    expect(parseAadstsCode('AADSTS7000215: Invalid client secret')).toBe(7000215);
    expect(parseAadstsCode('nothing')).toBeUndefined();
  });
});

describe('DryRunRejectedError', () => {
  it('carries what would have been sent', () => {
    const error = new DryRunRejectedError('PATCH', 'https://graph/v1.0/users/1', { displayName: 'x' });
    expect(error.kind).toBe('dry_run');
    expect(error.toJSON()).toMatchObject({ method: 'PATCH', body: { displayName: 'x' } });
  });
});
