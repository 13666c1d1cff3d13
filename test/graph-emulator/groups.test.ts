import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, type Harness, ref, securityGroupBody, startHarness, userBody } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.reset());

async function user(alias: string): Promise<string> {
  const r = await h.graph('POST', '/users', { body: userBody(alias) });
  expect(r.status).toBe(201);
  return String(r.json.id);
}

async function group(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await h.graph('POST', '/groups', { body: securityGroupBody(name, extra) });
  expect(r.status).toBe(201);
  return String(r.json.id);
}

async function unified(nick: string): Promise<string> {
  const r = await h.graph('POST', '/groups', {
    body: {
      displayName: `M365 ${nick}`,
      mailEnabled: true,
      mailNickname: nick,
      securityEnabled: false,
      groupTypes: ['Unified'],
    },
  });
  expect(r.status).toBe(201);
  return String(r.json.id);
}

async function memberIds(groupId: string, nav = 'members'): Promise<string[]> {
  const r = await h.graph('GET', `/groups/${groupId}/${nav}`);
  expect(r.status).toBe(200);
  return (r.json.value ?? []).map((m) => String(m.id)).sort();
}

describe('groups', () => {
  it('creates a security group: 201, @odata.context, kind properties', async () => {
    const r = await h.graph('POST', '/groups', {
      body: securityGroupBody('Engineering', { description: 'eng' }),
    });
    expect(r.status).toBe(201);
    expect(r.json['@odata.context']).toBe(`${h.emu.graphUrl}/$metadata#groups/$entity`);
    expect(r.json).toMatchObject({
      displayName: 'Engineering',
      description: 'eng',
      mailEnabled: false,
      securityEnabled: true,
      groupTypes: [],
      mail: null,
    });
  });

  it('creates a Microsoft 365 group with a mail address', async () => {
    const id = await unified('team');
    const r = await h.graph('GET', `/groups/${id}?$select=groupTypes,mail,mailEnabled`);
    expect(r.json).toMatchObject({
      groupTypes: ['Unified'],
      mail: 'team@contoso.onmicrosoft.com',
      mailEnabled: true,
    });
  });

  it('allows duplicate display names', async () => {
    const a = await group('Same Name');
    const b = await group('Same Name');
    expect(a).not.toBe(b);
    const r = await h.graph('GET', `/groups?$filter=displayName eq 'Same Name'`);
    expect(r.json.value).toHaveLength(2);
  });

  it.each(['displayName', 'mailEnabled', 'mailNickname', 'securityEnabled'])(
    'requires %s',
    async (property) => {
      const body = securityGroupBody('Req');
      delete body[property];
      const r = await h.graph('POST', '/groups', { body });
      expect(r.status).toBe(400);
      expect(errorOf(r)).toMatchObject({
        code: 'Request_BadRequest',
        message: `Property ${property} value is required but is empty or missing.`,
      });
    },
  );

  it('refuses mail-enabled security groups (only two kinds can be created)', async () => {
    const r = await h.graph('POST', '/groups', { body: securityGroupBody('Dist', { mailEnabled: true }) });
    expect(r.status).toBe(400);
    expect(errorOf(r).code).toBe('Request_BadRequest');
    expect(errorOf(r).message).toBe(
      'The service does not currently support writes of mail-enabled groups. Please ensure that the mail-enablement property is unset or is set to false.',
    );
  });

  it.each(['has space', 'dot.ted', 'at@sign', 'comma,', 'x'.repeat(65), 'naïve'])(
    'rejects the mailNickname %s',
    async (nick) => {
      const r = await h.graph('POST', '/groups', { body: securityGroupBody('Nick', { mailNickname: nick }) });
      expect(r.status).toBe(400);
      expect(errorOf(r)).toMatchObject({
        message: "Invalid value specified for property 'mailNickname' of resource 'Group'.",
        details: [{ code: 'InvalidValue', target: 'mailNickname' }],
      });
    },
  );

  it('keeps Microsoft 365 mailNicknames unique but lets security groups share them', async () => {
    await unified('shared');
    const dup = await h.graph('POST', '/groups', {
      body: {
        displayName: 'x',
        mailEnabled: true,
        mailNickname: 'shared',
        securityEnabled: false,
        groupTypes: ['Unified'],
      },
    });
    expect(dup.status).toBe(400);
    expect(errorOf(dup).details).toEqual([{ code: 'ObjectConflict', target: 'mailNickname' }]);
    await group('A', { mailNickname: 'samenick' });
    await group('B', { mailNickname: 'samenick' });
  });

  it('accepts up to 20 links on create and rejects 21', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 21; i++) ids.push(await user(`l${i}`));
    const ok = await h.graph('POST', '/groups', {
      body: securityGroupBody('Twenty', {
        'members@odata.bind': ids.slice(0, 18).map(ref),
        'owners@odata.bind': ids.slice(18, 20).map(ref),
      }),
    });
    expect(ok.status).toBe(201);
    expect(await memberIds(String(ok.json.id))).toHaveLength(18);
    const tooMany = await h.graph('POST', '/groups', {
      body: securityGroupBody('TwentyOne', { 'members@odata.bind': ids.map(ref) }),
    });
    expect(tooMany.status).toBe(400);
    expect(errorOf(tooMany)).toMatchObject({
      code: 'Request_BadRequest',
      message: 'A resource cannot contain more than 20 link changes',
    });
    const list = await h.graph('GET', `/groups?$filter=displayName eq 'TwentyOne'`);
    expect(list.json.value).toHaveLength(0);
  });

  it('updates with PATCH 204 and deletes with 204', async () => {
    const id = await group('Patchable');
    expect((await h.graph('PATCH', `/groups/${id}`, { body: { description: 'new' } })).status).toBe(204);
    expect((await h.graph('GET', `/groups/${id}?$select=description`)).json.description).toBe('new');
    expect((await h.graph('DELETE', `/groups/${id}`)).status).toBe(204);
    expect((await h.graph('GET', `/groups/${id}`)).status).toBe(404);
  });
});

describe('members', () => {
  it('adds with $ref (204), lists with @odata.type, removes with $ref (204)', async () => {
    const g = await group('Team');
    const u = await user('mia');
    const add = await h.graph('POST', `/groups/${g}/members/$ref`, { body: { '@odata.id': ref(u) } });
    expect(add.status).toBe(204);
    const list = await h.graph('GET', `/groups/${g}/members`);
    expect(list.json['@odata.context']).toBe(`${h.emu.graphUrl}/$metadata#directoryObjects`);
    expect(list.json.value).toEqual([
      expect.objectContaining({
        '@odata.type': '#microsoft.graph.user',
        id: u,
        userPrincipalName: 'mia@contoso.onmicrosoft.com',
      }),
    ]);
    expect(list.headers['x-ms-resource-unit']).toBe('3');
    expect((await h.graph('DELETE', `/groups/${g}/members/${u}/$ref`)).status).toBe(204);
    expect(await memberIds(g)).toEqual([]);
  });

  it('answers the exact "already exist" 400 for a duplicate add', async () => {
    const g = await group('Dup');
    const u = await user('nia');
    await h.graph('POST', `/groups/${g}/members/$ref`, { body: { '@odata.id': ref(u) } });
    const again = await h.graph('POST', `/groups/${g}/members/$ref`, { body: { '@odata.id': ref(u) } });
    expect(again.status).toBe(400);
    expect(errorOf(again)).toMatchObject({
      code: 'Request_BadRequest',
      message:
        "One or more added object references already exist for the following modified properties: 'members'.",
    });
  });

  it('answers 404 for a missing member object and for removing a non-member', async () => {
    const g = await group('Missing');
    const missing = '12345678-1234-4234-8234-123456789012';
    const add = await h.graph('POST', `/groups/${g}/members/$ref`, { body: { '@odata.id': ref(missing) } });
    expect(add.status).toBe(404);
    expect(errorOf(add)).toMatchObject({
      code: 'Request_ResourceNotFound',
      message: `Resource '${missing}' does not exist or one of its queried reference-property objects are not present.`,
    });
    const u = await user('oli');
    const remove = await h.graph('DELETE', `/groups/${g}/members/${u}/$ref`);
    expect(remove.status).toBe(404);
    expect(errorOf(remove)).toMatchObject({
      code: 'Request_ResourceNotFound',
      message: `Resource '${g}' does not exist or one of its queried reference-property objects are not present.`,
    });
  });

  it('bulk-adds with members@odata.bind, all or nothing', async () => {
    const g = await group('Bulk');
    const a = await user('pa');
    const b = await user('pb');
    const c = await user('pc');
    const missing = '12345678-1234-4234-8234-123456789012';
    const failed = await h.graph('PATCH', `/groups/${g}`, {
      body: { 'members@odata.bind': [ref(a), ref(b), ref(missing)] },
    });
    expect(failed.status).toBe(404);
    expect(await memberIds(g)).toEqual([]);
    const ok = await h.graph('PATCH', `/groups/${g}`, { body: { 'members@odata.bind': [ref(a), ref(b)] } });
    expect(ok.status).toBe(204);
    expect(await memberIds(g)).toEqual([a, b].sort());
    const dup = await h.graph('PATCH', `/groups/${g}`, { body: { 'members@odata.bind': [ref(c), ref(a)] } });
    expect(dup.status).toBe(400);
    expect(errorOf(dup).message).toBe(
      "One or more added object references already exist for the following modified properties: 'members'.",
    );
    expect(await memberIds(g)).toEqual([a, b].sort());
  });

  it('limits members@odata.bind to 20 per PATCH', async () => {
    const g = await group('Limit');
    const ids: string[] = [];
    for (let i = 0; i < 21; i++) ids.push(await user(`q${i}`));
    const r = await h.graph('PATCH', `/groups/${g}`, { body: { 'members@odata.bind': ids.map(ref) } });
    expect(r.status).toBe(400);
    expect(errorOf(r).message).toBe('A resource cannot contain more than 20 link changes');
    expect(await memberIds(g)).toEqual([]);
  });

  it('nests security groups: transitiveMembers and memberOf', async () => {
    const outer = await group('Outer');
    const inner = await group('Inner');
    const u = await user('rae');
    await h.graph('POST', `/groups/${inner}/members/$ref`, { body: { '@odata.id': ref(u) } });
    await h.graph('POST', `/groups/${outer}/members/$ref`, { body: { '@odata.id': ref(inner) } });
    expect(await memberIds(outer)).toEqual([inner]);
    const transitive = await h.graph('GET', `/groups/${outer}/transitiveMembers`);
    expect(transitive.headers['x-ms-resource-unit']).toBe('5');
    expect(transitive.json.value?.map((m) => m['@odata.type']).sort()).toEqual([
      '#microsoft.graph.group',
      '#microsoft.graph.user',
    ]);
    const memberOf = await h.graph('GET', `/users/${u}/memberOf`);
    expect(memberOf.json.value).toEqual([
      expect.objectContaining({ '@odata.type': '#microsoft.graph.group', id: inner }),
    ]);
    const tmo = await h.graph('GET', `/users/${u}/transitiveMemberOf`);
    expect(tmo.json.value?.map((g) => g.id).sort()).toEqual([inner, outer].sort());
  });

  it('enforces allowed member types: Microsoft 365 groups hold only users and nest nowhere', async () => {
    const m365 = await unified('m365');
    const sec = await group('Sec');
    const intoUnified = await h.graph('POST', `/groups/${m365}/members/$ref`, {
      body: { '@odata.id': ref(sec) },
    });
    expect(intoUnified.status).toBe(400);
    expect(errorOf(intoUnified).code).toBe('Request_BadRequest');
    const unifiedInto = await h.graph('POST', `/groups/${sec}/members/$ref`, {
      body: { '@odata.id': ref(m365) },
    });
    expect(unifiedInto.status).toBe(400);
    expect(
      (
        await h.graph('POST', `/groups/${m365}/members/$ref`, {
          body: { '@odata.id': ref(await user('sam')) },
        })
      ).status,
    ).toBe(204);
  });

  it('DELETE on members/{id} without /$ref deletes the member object itself', async () => {
    const g = await group('Danger');
    const u = await user('tom');
    await h.graph('POST', `/groups/${g}/members/$ref`, { body: { '@odata.id': ref(u) } });
    expect((await h.graph('DELETE', `/groups/${g}/members/${u}`)).status).toBe(204);
    expect((await h.graph('GET', `/users/${u}`)).status).toBe(404);
  });

  it('requires GroupMember.ReadWrite.All (or Group.ReadWrite.All) to add members', async () => {
    const g = await group('Perm');
    const u = await user('uma');
    const app = h.emu.control.createApp({ roles: ['Group.Read.All', 'User.Read.All'] });
    const token = h.emu.control.mintToken({ clientId: app.clientId }).accessToken;
    const r = await h.graph('POST', `/groups/${g}/members/$ref`, { token, body: { '@odata.id': ref(u) } });
    expect(r.status).toBe(403);
    expect(errorOf(r).code).toBe('Authorization_RequestDenied');
  });
});

describe('$expand', () => {
  it('expands members (with $select) on a group and memberOf on a user, charging +1 RU', async () => {
    const g = await group('Expand');
    const u = await user('xena');
    await h.graph('POST', `/groups/${g}/members/$ref`, { body: { '@odata.id': ref(u) } });
    const r = await h.graph('GET', `/groups/${g}?$expand=members($select=id,userPrincipalName)`);
    expect(r.status).toBe(200);
    expect(r.json.members).toEqual([
      { '@odata.type': '#microsoft.graph.user', id: u, userPrincipalName: 'xena@contoso.onmicrosoft.com' },
    ]);
    expect(r.headers['x-ms-resource-unit']).toBe('2');
    const list = await h.graph('GET', '/groups?$expand=members');
    expect(list.json.value?.[0]?.members).toHaveLength(1);
    const mine = await h.graph('GET', `/users/${u}?$expand=memberOf`);
    expect((mine.json.memberOf as Array<{ id: string }>).map((x) => x.id)).toEqual([g]);
    const bad = await h.graph('GET', `/groups/${g}?$expand=nonsense`);
    expect(bad.status).toBe(400);
    expect(errorOf(bad).message).toBe(
      "Could not find a property named 'nonsense' on type 'microsoft.graph.group'.",
    );
  });
});
