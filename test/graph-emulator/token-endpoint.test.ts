import { createHash, randomUUID, sign, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateSelfSignedCertificate } from '../../src/graph-emulator/index.js';
import { errorOf, type Harness, startHarness } from './harness.js';

let h: Harness;
const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.reset());

function form(extra: Record<string, string> = {}): Record<string, string> {
  return {
    grant_type: 'client_credentials',
    client_id: h.emu.clientId,
    client_secret: h.emu.clientSecret,
    scope: GRAPH_SCOPE,
    ...extra,
  };
}

function decodePayload(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

function aadsts(description: unknown, code: number, message: string): void {
  expect(typeof description).toBe('string');
  const lines = String(description).split('\r\n');
  expect(lines[0]).toBe(`AADSTS${code}: ${message}`);
  expect(lines[1]).toMatch(/^Trace ID: [0-9a-f-]{36}$/);
  expect(lines[2]).toMatch(/^Correlation ID: [0-9a-f-]{36}$/);
  expect(lines[3]).toMatch(/^Timestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
}

describe('OpenID metadata', () => {
  it('serves the v2.0 document with the endpoints msal-node needs', async () => {
    const r = await h.call('GET', `/${h.emu.tenantId}/v2.0/.well-known/openid-configuration`, {
      token: null,
    });
    expect(r.status).toBe(200);
    expect(r.json.token_endpoint).toBe(`${h.emu.loginUrl}/${h.emu.tenantId}/oauth2/v2.0/token`);
    expect(r.json.issuer).toBe(`${h.emu.loginUrl}/${h.emu.tenantId}/v2.0`);
    expect(r.json.authorization_endpoint).toBe(`${h.emu.loginUrl}/${h.emu.tenantId}/oauth2/v2.0/authorize`);
    expect(r.json.jwks_uri).toBe(`${h.emu.loginUrl}/${h.emu.tenantId}/discovery/v2.0/keys`);
  });

  it('resolves the tenant by verified domain name too', async () => {
    const r = await h.call('GET', `/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration`, {
      token: null,
    });
    expect(r.status).toBe(200);
    expect(r.json.token_endpoint).toContain(h.emu.tenantId);
  });

  it('answers 400 invalid_tenant AADSTS90002 for an unknown tenant', async () => {
    const r = await h.call(
      'GET',
      '/11111111-2222-3333-4444-555555555555/v2.0/.well-known/openid-configuration',
      { token: null },
    );
    expect(r.status).toBe(400);
    expect(r.json.error).toBe('invalid_tenant');
    expect(r.json.error_codes).toEqual([90002]);
    aadsts(
      r.json.error_description,
      90002,
      "Tenant '11111111-2222-3333-4444-555555555555' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.",
    );
  });

  it('publishes the signing key as a JWKS', async () => {
    const r = await h.call('GET', `/${h.emu.tenantId}/discovery/v2.0/keys`, { token: null });
    expect(r.status).toBe(200);
    const keys = r.json.keys as Array<Record<string, unknown>>;
    expect(keys[0]).toMatchObject({ kty: 'RSA', use: 'sig' });
  });
});

describe('client credentials with a secret', () => {
  it('issues a Bearer JWT with roles, expires_in and ext_expires_in', async () => {
    const r = await h.tokenRequest(form());
    expect(r.status).toBe(200);
    expect(r.json.token_type).toBe('Bearer');
    expect(r.json.expires_in).toBeGreaterThanOrEqual(3600);
    expect(r.json.expires_in).toBeLessThanOrEqual(5400);
    expect(r.json.ext_expires_in).toBe(r.json.expires_in);
    const claims = decodePayload(String(r.json.access_token));
    expect(claims.aud).toBe('https://graph.microsoft.com');
    expect(claims.tid).toBe(h.emu.tenantId);
    expect(claims.appid).toBe(h.emu.clientId);
    expect(claims.idtyp).toBe('app');
    expect(claims.roles).toEqual(
      expect.arrayContaining([
        'User.ReadWrite.All',
        'Group.ReadWrite.All',
        'GroupMember.ReadWrite.All',
        'Group.Create',
      ]),
    );
  });

  it('accepts the secret through HTTP Basic authentication', async () => {
    const basic = Buffer.from(
      `${encodeURIComponent(h.emu.clientId)}:${encodeURIComponent(h.emu.clientSecret)}`,
    ).toString('base64');
    const r = await h.tokenRequest({ grant_type: 'client_credentials', scope: GRAPH_SCOPE }, h.emu.tenantId, {
      authorization: `Basic ${basic}`,
    });
    expect(r.status).toBe(200);
    expect(r.json.token_type).toBe('Bearer');
  });

  it('ignores unknown form fields and query parameters (msal telemetry)', async () => {
    const r = await h.call(
      'POST',
      `/${h.emu.tenantId}/oauth2/v2.0/token?client-request-id=${randomUUID()}&foo=bar`,
      {
        raw: new URLSearchParams(
          form({
            'x-client-SKU': 'msal.js.node',
            'x-client-VER': '7.2.3',
            'x-ms-lib-capability': 'retry-after, h429',
            unknown: 'x',
          }),
        ).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        token: null,
      },
    );
    expect(r.status).toBe(200);
  });

  it('answers 401 invalid_client AADSTS7000215 for a wrong secret', async () => {
    const r = await h.tokenRequest(form({ client_secret: 'not-the-secret' }));
    expect(r.status).toBe(401);
    expect(r.json.error).toBe('invalid_client');
    expect(r.json.error_codes).toEqual([7000215]);
    expect(r.json.error_uri).toBe('https://login.microsoftonline.com/error?code=7000215');
    aadsts(
      r.json.error_description,
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${h.emu.clientId}'.`,
    );
    expect(typeof r.json.trace_id).toBe('string');
    expect(typeof r.json.correlation_id).toBe('string');
    expect(typeof r.json.timestamp).toBe('string');
  });

  it('echoes client-request-id as the correlation id', async () => {
    const id = randomUUID();
    const r = await h.call('POST', `/${h.emu.tenantId}/oauth2/v2.0/token?client-request-id=${id}`, {
      raw: new URLSearchParams(form({ client_secret: 'bad' })).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      token: null,
    });
    expect(r.json.correlation_id).toBe(id);
  });

  it('answers 401 invalid_client AADSTS7000222 for an expired secret', async () => {
    const secret = h.emu.control.addSecret(h.emu.tenantId, h.emu.clientId, { expiresInSeconds: -60 });
    const r = await h.tokenRequest(form({ client_secret: secret.secretText }));
    expect(r.status).toBe(401);
    expect(r.json.error).toBe('invalid_client');
    expect(r.json.error_codes).toEqual([7000222]);
    expect(String(r.json.error_description)).toMatch(
      new RegExp(
        `^AADSTS7000222: The provided client secret keys for app '${h.emu.clientId}' are expired\\.`,
      ),
    );
  });

  it('answers 400 invalid_request AADSTS90002 for an unknown tenant', async () => {
    const r = await h.tokenRequest(form(), 'nosuchtenant.onmicrosoft.com');
    expect(r.status).toBe(400);
    expect(r.json.error).toBe('invalid_request');
    expect(r.json.error_codes).toEqual([90002]);
    expect(String(r.json.error_description)).toMatch(
      /^AADSTS90002: Tenant 'nosuchtenant\.onmicrosoft\.com' not found\. /,
    );
  });

  it('answers 400 unauthorized_client AADSTS700016 for an unknown client id', async () => {
    const r = await h.tokenRequest(form({ client_id: '99999999-9999-4999-8999-999999999999' }));
    expect(r.status).toBe(400);
    expect(r.json.error).toBe('unauthorized_client');
    expect(r.json.error_codes).toEqual([700016]);
    expect(String(r.json.error_description)).toMatch(
      new RegExp(
        `^AADSTS700016: Application with identifier '99999999-9999-4999-8999-999999999999' was not found in the directory '${h.emu.tenantId}'\\.`,
      ),
    );
  });

  it.each([
    ['User.Read'],
    ['https://graph.microsoft.com/User.Read'],
    ['https://graph.microsoft.com/.default https://management.azure.com/.default'],
  ])('answers 400 invalid_scope AADSTS70011 for scope %s', async (scope) => {
    const r = await h.tokenRequest(form({ scope }));
    expect(r.status).toBe(400);
    expect(r.json.error).toBe('invalid_scope');
    expect(r.json.error_codes).toEqual([70011]);
    expect(String(r.json.error_description)).toMatch(
      /^AADSTS70011: The provided value for the input parameter 'scope' is not valid\./,
    );
  });
});

describe('client credentials with a certificate assertion', () => {
  const cert = generateSelfSignedCertificate('conduit-test-client', false);
  const der = new X509Certificate(cert.certPem).raw;

  function assertion(
    overrides: Record<string, unknown> = {},
    alg: 'RS256' | 'PS256' = 'RS256',
    keyPem = cert.keyPem,
  ): string {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg, typ: 'JWT', 'x5t#S256': createHash('sha256').update(der).digest('base64url') };
    const payload = {
      aud: `${h.emu.loginUrl}/${h.emu.tenantId}/oauth2/v2.0/token`,
      iss: h.emu.clientId,
      sub: h.emu.clientId,
      jti: randomUUID(),
      nbf: now,
      exp: now + 600,
      ...overrides,
    };
    const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    const signature =
      alg === 'RS256'
        ? sign('sha256', Buffer.from(input), keyPem)
        : sign('sha256', Buffer.from(input), { key: keyPem, padding: 6, saltLength: 32 });
    return `${input}.${signature.toString('base64url')}`;
  }
  function assertionForm(jwt: string): Record<string, string> {
    return {
      grant_type: 'client_credentials',
      client_id: h.emu.clientId,
      scope: GRAPH_SCOPE,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: jwt,
    };
  }

  it('issues a token for a valid RS256 or PS256 assertion', async () => {
    h.emu.control.addCertificate(h.emu.tenantId, h.emu.clientId, cert.certPem);
    expect((await h.tokenRequest(assertionForm(assertion()))).status).toBe(200);
    expect((await h.tokenRequest(assertionForm(assertion({}, 'PS256')))).status).toBe(200);
  });

  it('rejects an assertion signed by another key (401 invalid_client)', async () => {
    h.emu.control.addCertificate(h.emu.tenantId, h.emu.clientId, cert.certPem);
    const other = generateSelfSignedCertificate('other', false);
    const r = await h.tokenRequest(assertionForm(assertion({}, 'RS256', other.keyPem)));
    expect(r.status).toBe(401);
    expect(r.json.error).toBe('invalid_client');
    expect(r.json.error_codes).toEqual([700027]);
  });

  it('rejects an assertion for an unregistered certificate', async () => {
    const r = await h.tokenRequest(assertionForm(assertion()));
    expect(r.status).toBe(401);
    expect(r.json.error_codes).toEqual([700027]);
  });

  it('rejects a wrong audience, wrong iss/sub and an expired assertion', async () => {
    h.emu.control.addCertificate(h.emu.tenantId, h.emu.clientId, cert.certPem);
    const wrongAud = await h.tokenRequest(assertionForm(assertion({ aud: 'https://example.com/token' })));
    expect(wrongAud.status).toBe(401);
    expect(wrongAud.json.error_codes).toEqual([700023]);
    const wrongIss = await h.tokenRequest(assertionForm(assertion({ iss: 'someone-else' })));
    expect(wrongIss.status).toBe(401);
    expect(wrongIss.json.error).toBe('invalid_client');
    const now = Math.floor(Date.now() / 1000);
    const expired = await h.tokenRequest(assertionForm(assertion({ nbf: now - 3600, exp: now - 1800 })));
    expect(expired.status).toBe(401);
    expect(expired.json.error_codes).toEqual([700024]);
  });
});

describe('Graph bearer token checks', () => {
  it('answers 401 InvalidAuthenticationToken "Access token is empty." without a token', async () => {
    const r = await h.graph('GET', '/users', { token: null });
    expect(r.status).toBe(401);
    expect(errorOf(r)).toMatchObject({
      code: 'InvalidAuthenticationToken',
      message: 'Access token is empty.',
    });
    expect(r.headers['www-authenticate']).toContain('Bearer');
    expect(r.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 401 for an expired and for a not-yet-valid token', async () => {
    const expired = h.emu.control.mintToken({ lifetimeSeconds: 60, notBeforeOffsetSeconds: -3600 });
    const r = await h.graph('GET', '/users', { token: expired.accessToken });
    expect(r.status).toBe(401);
    expect(errorOf(r)).toMatchObject({
      code: 'InvalidAuthenticationToken',
      message: 'Access token has expired or is not yet valid.',
    });
    const future = h.emu.control.mintToken({ notBeforeOffsetSeconds: 3600 });
    expect((await h.graph('GET', '/users', { token: future.accessToken })).status).toBe(401);
  });

  it('answers 401 for a malformed token, a foreign signature and a foreign audience', async () => {
    const garbage = await h.graph('GET', '/users', { token: 'not-a-jwt' });
    expect(garbage.status).toBe(401);
    expect(errorOf(garbage).code).toBe('InvalidAuthenticationToken');
    const [head, body] = h.token.split('.');
    const forged = await h.graph('GET', '/users', {
      token: `${head}.${body}.${Buffer.from('x'.repeat(256)).toString('base64url')}`,
    });
    expect(forged.status).toBe(401);
    expect(errorOf(forged).message).toBe('Access token validation failure.');
    const foreign = h.emu.control.mintToken({ audience: 'https://management.azure.com' });
    const r = await h.graph('GET', '/users', { token: foreign.accessToken });
    expect(r.status).toBe(401);
    expect(errorOf(r).message).toBe('Access token validation failure. Invalid audience.');
  });

  it('answers 403 Authorization_RequestDenied when roles lack the permission', async () => {
    const app = h.emu.control.createApp({ roles: ['User.Read.All'] });
    const t = await h.tokenRequest(
      form({ client_id: app.clientId, client_secret: String(app.clientSecret) }),
    );
    const token = String(t.json.access_token);
    expect((await h.graph('GET', '/users', { token })).status).toBe(200);
    const r = await h.graph('POST', '/groups', {
      token,
      body: { displayName: 'x', mailEnabled: false, mailNickname: 'x', securityEnabled: true },
    });
    expect(r.status).toBe(403);
    expect(errorOf(r)).toMatchObject({
      code: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.',
    });
    expect(errorOf(r).innerError).toMatchObject({ 'request-id': r.headers['request-id'] });
  });
});
