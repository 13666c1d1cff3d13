import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, type Harness, startHarness, userBody } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.reset());

async function create(alias: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await h.graph('POST', '/users', { body: userBody(alias, undefined, extra) });
  expect(r.status).toBe(201);
  return String(r.json.id);
}

describe('users CRUD', () => {
  it('creates a user: 201 with @odata.context and the default property set', async () => {
    const r = await h.graph('POST', '/users', {
      body: userBody('adele', undefined, { givenName: 'Adele', jobTitle: 'Engineer' }),
    });
    expect(r.status).toBe(201);
    expect(r.json['@odata.context']).toBe(`${h.emu.graphUrl}/$metadata#users/$entity`);
    expect(r.json).toMatchObject({
      displayName: 'User adele',
      givenName: 'Adele',
      jobTitle: 'Engineer',
      userPrincipalName: 'adele@contoso.onmicrosoft.com',
      businessPhones: [],
    });
    expect(r.json.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.json).not.toHaveProperty('passwordProfile');
    expect(r.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers['x-ms-resource-unit']).toBe('1');
  });

  it('gets a user by id and by userPrincipalName, with $select', async () => {
    const id = await create('bob');
    const byId = await h.graph('GET', `/users/${id}`);
    expect(byId.status).toBe(200);
    expect(byId.json.userPrincipalName).toBe('bob@contoso.onmicrosoft.com');
    const byUpn = await h.graph(
      'GET',
      '/users/BOB@contoso.onmicrosoft.com?$select=id,accountEnabled,mailNickname',
    );
    expect(byUpn.status).toBe(200);
    expect(byUpn.json).toEqual({
      '@odata.context': `${h.emu.graphUrl}/$metadata#users(id,accountEnabled,mailNickname)/$entity`,
      id,
      accountEnabled: true,
      mailNickname: 'bob',
    });
  });

  it('updates with PATCH: 204 and no body; disables with accountEnabled false', async () => {
    const id = await create('carol');
    const r = await h.graph('PATCH', `/users/${id}`, { body: { accountEnabled: false, jobTitle: 'Lead' } });
    expect(r.status).toBe(204);
    expect(r.text).toBe('');
    const after = await h.graph('GET', `/users/${id}?$select=accountEnabled,jobTitle`);
    expect(after.json).toMatchObject({ accountEnabled: false, jobTitle: 'Lead' });
  });

  it('deletes with 204; the user then 404s and sits in deleted items', async () => {
    const id = await create('dave');
    expect((await h.graph('DELETE', `/users/${id}`)).status).toBe(204);
    const gone = await h.graph('GET', `/users/${id}`);
    expect(gone.status).toBe(404);
    const deleted = await h.graph('GET', '/directory/deletedItems/microsoft.graph.user');
    expect(deleted.json.value?.map((u) => u.id)).toEqual([id]);
  });

  it('answers 404 Request_ResourceNotFound with the exact message for an unknown id', async () => {
    const r = await h.graph('GET', '/users/00000000-0000-4000-8000-000000000000');
    expect(r.status).toBe(404);
    expect(errorOf(r)).toMatchObject({
      code: 'Request_ResourceNotFound',
      message:
        "Resource '00000000-0000-4000-8000-000000000000' does not exist or one of its queried reference-property objects are not present.",
    });
    expect(errorOf(r).innerError).toEqual({
      date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
      'request-id': r.headers['request-id'],
      'client-request-id': r.headers['client-request-id'],
    });
  });

  it('echoes client-request-id', async () => {
    const r = await h.graph('GET', '/users', {
      headers: { 'client-request-id': 'c0ffee00-0000-4000-8000-000000000001' },
    });
    expect(r.headers['client-request-id']).toBe('c0ffee00-0000-4000-8000-000000000001');
  });
});

describe('user validation', () => {
  it.each(['accountEnabled', 'displayName', 'mailNickname', 'userPrincipalName', 'passwordProfile'])(
    'requires %s',
    async (property) => {
      const body = userBody('eve');
      delete body[property];
      const r = await h.graph('POST', '/users', { body });
      expect(r.status).toBe(400);
      expect(errorOf(r)).toMatchObject({
        code: 'Request_BadRequest',
        message: `Property ${property} value is required but is empty or missing.`,
      });
    },
  );

  it('rejects a duplicate userPrincipalName with 400 and the ObjectConflict detail', async () => {
    await create('frank');
    const r = await h.graph('POST', '/users', { body: userBody('frank') });
    expect(r.status).toBe(400);
    expect(errorOf(r)).toMatchObject({
      code: 'Request_BadRequest',
      message: 'Another object with the same value for property userPrincipalName already exists.',
      details: [{ code: 'ObjectConflict', target: 'userPrincipalName' }],
    });
  });

  it('rejects an unverified UPN domain', async () => {
    const r = await h.graph('POST', '/users', { body: userBody('gina', 'fabrikam.com') });
    expect(r.status).toBe(400);
    expect(errorOf(r)).toMatchObject({
      code: 'Request_BadRequest',
      message:
        'The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.',
    });
  });

  it('accepts a domain once the control API verifies it', async () => {
    h.emu.control.setVerifiedDomains(h.emu.tenantId, ['contoso.onmicrosoft.com', 'fabrikam.com']);
    expect((await h.graph('POST', '/users', { body: userBody('gina', 'fabrikam.com') })).status).toBe(201);
    const org = await h.graph('GET', '/organization');
    expect(org.status).toBe(200);
    const domains = ((org.json.value?.[0]?.verifiedDomains ?? []) as Array<{ name: string }>).map(
      (d) => d.name,
    );
    expect(domains).toEqual(['contoso.onmicrosoft.com', 'fabrikam.com']);
  });

  it.each([
    ['accented alias', 'jösé@contoso.onmicrosoft.com'],
    ['space in alias', 'jo se@contoso.onmicrosoft.com'],
    ['no at sign', 'jose.contoso.onmicrosoft.com'],
    ['alias over 64', `${'a'.repeat(65)}@contoso.onmicrosoft.com`],
  ])('rejects a malformed UPN (%s) as InvalidValue', async (_label, upn) => {
    const r = await h.graph('POST', '/users', { body: { ...userBody('x'), userPrincipalName: upn } });
    expect(r.status).toBe(400);
    expect(errorOf(r)).toMatchObject({
      code: 'Request_BadRequest',
      message: "Invalid value specified for property 'userPrincipalName' of resource 'User'.",
      details: [{ code: 'InvalidValue', target: 'userPrincipalName' }],
    });
  });

  it.each([
    ['mailNickname', 'a'.repeat(65)],
    ['mailNickname', 'has space'],
    ['displayName', 'd'.repeat(257)],
    ['givenName', 'g'.repeat(65)],
    ['surname', 's'.repeat(65)],
    ['jobTitle', 'j'.repeat(129)],
  ])('rejects %s too long or with bad characters', async (property, value) => {
    const r = await h.graph('POST', '/users', { body: { ...userBody('len'), [property]: value } });
    expect(r.status).toBe(400);
    expect(errorOf(r)).toMatchObject({
      message: `Invalid value specified for property '${property}' of resource 'User'.`,
      details: [{ code: 'InvalidValue', target: property }],
    });
  });

  it.each(['short1!', 'alllowercase', 'NoDigitsOrSymbols', 'ünicode!A1x'])(
    'rejects the weak password %s',
    async (password) => {
      const r = await h.graph('POST', '/users', {
        body: { ...userBody('pw'), passwordProfile: { forceChangePasswordNextSignIn: false, password } },
      });
      expect(r.status).toBe(400);
      expect(errorOf(r)).toMatchObject({
        code: 'Request_BadRequest',
        message: 'The specified password does not comply with password complexity requirements.',
      });
    },
  );

  it('rejects unknown properties', async () => {
    const r = await h.graph('POST', '/users', { body: { ...userBody('unk'), favouriteColour: 'blue' } });
    expect(r.status).toBe(400);
    expect(errorOf(r)).toMatchObject({
      code: 'Request_BadRequest',
      message: "Invalid property 'favouriteColour'.",
    });
  });

  it('does not let PATCH clear displayName', async () => {
    const id = await create('henry');
    const r = await h.graph('PATCH', `/users/${id}`, { body: { displayName: '' } });
    expect(r.status).toBe(400);
    expect(errorOf(r).message).toBe("Invalid value specified for property 'displayName' of resource 'User'.");
  });

  it("rejects a PATCH that takes another user's UPN", async () => {
    await create('ida');
    const id = await create('jack');
    const r = await h.graph('PATCH', `/users/${id}`, {
      body: { userPrincipalName: 'ida@contoso.onmicrosoft.com' },
    });
    expect(r.status).toBe(400);
    expect(errorOf(r).details).toEqual([{ code: 'ObjectConflict', target: 'userPrincipalName' }]);
  });
});

describe('bad input never crashes and gets Graph error shapes', () => {
  it('answers 400 BadRequest for malformed JSON and for a non-JSON content type', async () => {
    const bad = await h.graph('POST', '/users', {
      raw: '{"accountEnabled": tru',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad)).toMatchObject({
      code: 'BadRequest',
      message:
        'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    });
    const wrongType = await h.graph('POST', '/users', {
      raw: JSON.stringify(userBody('k')),
      headers: { 'content-type': 'text/plain' },
    });
    expect(wrongType.status).toBe(400);
    expect(errorOf(wrongType).code).toBe('BadRequest');
    const array = await h.graph('POST', '/users', { body: [1, 2] });
    expect(array.status).toBe(400);
  });

  it('answers 413 for an oversize body', async () => {
    h.emu.control.updateSettings({ maxBodyBytes: 1024 });
    const r = await h.graph('POST', '/users', {
      body: { ...userBody('big'), displayName: 'x'.repeat(5000) },
    });
    expect(r.status).toBe(413);
    expect(errorOf(r).code).toBe('RequestEntityTooLarge');
  });

  it('answers 400 for an unknown segment, 405 for a wrong method, 404 off the Graph path', async () => {
    const seg = await h.graph('GET', '/widgets');
    expect(seg.status).toBe(400);
    expect(errorOf(seg)).toMatchObject({
      code: 'BadRequest',
      message: "Resource not found for the segment 'widgets'.",
    });
    const method = await h.graph('PUT', '/users');
    expect(method.status).toBe(405);
    expect(errorOf(method).code).toBe('Request_BadRequest');
    const off = await h.call('GET', '/nothing/here');
    expect(off.status).toBe(404);
    expect(errorOf(off).code).toBe('ResourceNotFound');
  });
});
