import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, type Harness, ref, securityGroupBody, startHarness, userBody } from './harness.js';

let h: Harness;
let restoreToken: string;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.reset();
  const app = h.emu.control.createApp({
    roles: ['User.ReadWrite.All', 'User.DeleteRestore.All', 'Group.ReadWrite.All'],
  });
  restoreToken = h.emu.control.mintToken({ clientId: app.clientId }).accessToken;
});

async function user(alias: string): Promise<string> {
  const r = await h.graph('POST', '/users', { body: userBody(alias) });
  expect(r.status).toBe(201);
  return String(r.json.id);
}

async function follow(link: unknown): Promise<Awaited<ReturnType<Harness['call']>>> {
  return h.call('GET', String(link).slice(h.emu.loginUrl.length));
}

describe('deleted items', () => {
  it('restores a deleted user with its id and group memberships (200)', async () => {
    const g = await h.graph('POST', '/groups', { body: securityGroupBody('Keep') });
    const id = await user('ann');
    await h.graph('POST', `/groups/${g.json.id}/members/$ref`, { body: { '@odata.id': ref(id) } });
    await h.graph('DELETE', `/users/${id}`);
    expect((await h.graph('GET', `/groups/${g.json.id}/members`)).json.value).toEqual([]);
    const item = await h.graph('GET', `/directory/deletedItems/${id}`);
    expect(item.status).toBe(200);
    expect(item.json['@odata.type']).toBe('#microsoft.graph.user');
    const r = await h.graph('POST', `/directory/deletedItems/${id}/restore`, { token: restoreToken });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      '@odata.type': '#microsoft.graph.user',
      id,
      userPrincipalName: 'ann@contoso.onmicrosoft.com',
    });
    expect((await h.graph('GET', `/users/${id}`)).status).toBe(200);
    expect((await h.graph('GET', `/groups/${g.json.id}/members`)).json.value?.map((m) => m.id)).toEqual([id]);
  });

  it('needs User.DeleteRestore.All to restore a user', async () => {
    const id = await user('perm');
    await h.graph('DELETE', `/users/${id}`);
    const r = await h.graph('POST', `/directory/deletedItems/${id}/restore`);
    expect(r.status).toBe(403);
    expect(errorOf(r).code).toBe('Authorization_RequestDenied');
  });

  it('lets a new user reuse a soft-deleted UPN; restoring then needs newUserPrincipalName', async () => {
    const old = await user('reuse');
    await h.graph('DELETE', `/users/${old}`);
    await user('reuse');
    const conflict = await h.graph('POST', `/directory/deletedItems/${old}/restore`, { token: restoreToken });
    expect(conflict.status).toBe(400);
    expect(errorOf(conflict).details).toEqual([{ code: 'ObjectConflict', target: 'userPrincipalName' }]);
    const ok = await h.graph('POST', `/directory/deletedItems/${old}/restore`, {
      token: restoreToken,
      body: { newUserPrincipalName: 'reuse2@contoso.onmicrosoft.com' },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.userPrincipalName).toBe('reuse2@contoso.onmicrosoft.com');
  });

  it('purges with DELETE /directory/deletedItems/{id} (204) and expires items after 30 days', async () => {
    const a = await user('pa');
    const b = await user('pb');
    await h.graph('DELETE', `/users/${a}`);
    await h.graph('DELETE', `/users/${b}`);
    expect((await h.graph('DELETE', `/directory/deletedItems/${a}`, { token: restoreToken })).status).toBe(
      204,
    );
    expect((await h.graph('GET', `/directory/deletedItems/${a}`)).status).toBe(404);
    h.emu.control.ageDeletedItems(29 * 24 * 3600);
    expect((await h.graph('GET', '/directory/deletedItems/microsoft.graph.user')).json.value).toHaveLength(1);
    h.emu.control.ageDeletedItems(2 * 24 * 3600);
    expect((await h.graph('GET', '/directory/deletedItems/microsoft.graph.user')).json.value).toHaveLength(0);
  });

  it('soft-deletes Microsoft 365 groups and hard-deletes security groups', async () => {
    const sec = await h.graph('POST', '/groups', { body: securityGroupBody('Sec') });
    const m365 = await h.graph('POST', '/groups', {
      body: {
        displayName: 'M',
        mailEnabled: true,
        mailNickname: 'm',
        securityEnabled: false,
        groupTypes: ['Unified'],
      },
    });
    await h.graph('DELETE', `/groups/${sec.json.id}`);
    await h.graph('DELETE', `/groups/${m365.json.id}`);
    const deleted = await h.graph('GET', '/directory/deletedItems/microsoft.graph.group');
    expect(deleted.json.value?.map((g) => g.id)).toEqual([m365.json.id]);
    expect(
      (await h.graph('POST', `/directory/deletedItems/${m365.json.id}/restore`, { token: restoreToken }))
        .status,
    ).toBe(200);
    expect((await h.graph('GET', `/groups/${m365.json.id}`)).status).toBe(200);
  });
});

describe('delta', () => {
  it('pages the initial round, ends with a deltaLink, and reports only changes afterwards', async () => {
    h.emu.control.seed({ users: 150 });
    let r = await h.graph('GET', '/users/delta?$select=displayName,userPrincipalName');
    let count = 0;
    while (r.json['@odata.nextLink']) {
      expect(String(r.json['@odata.nextLink'])).toContain('$skiptoken=');
      count += r.json.value?.length ?? 0;
      r = await follow(r.json['@odata.nextLink']);
    }
    count += r.json.value?.length ?? 0;
    expect(count).toBe(150);
    const deltaLink = String(r.json['@odata.deltaLink']);
    expect(deltaLink).toContain('/users/delta?$deltatoken=');

    const created = await user('newcomer');
    const state = h.emu.control.getState()[0];
    const victim = String(state?.users[0]?.id);
    const changed = String(state?.users[1]?.id);
    await h.graph('PATCH', `/users/${changed}`, { body: { displayName: 'Renamed' } });
    await h.graph('DELETE', `/users/${victim}`);
    const next = await follow(deltaLink);
    expect(next.status).toBe(200);
    const byId = new Map((next.json.value ?? []).map((v) => [String(v.id), v]));
    expect(byId.size).toBe(3);
    expect(byId.get(created)).toMatchObject({ userPrincipalName: 'newcomer@contoso.onmicrosoft.com' });
    expect(byId.get(changed)).toMatchObject({ displayName: 'Renamed' });
    expect(byId.get(victim)).toEqual({ id: victim, '@removed': { reason: 'changed' } });
    const quiet = await follow(next.json['@odata.deltaLink']);
    expect(quiet.json.value).toEqual([]);
  });

  it('reports a purged user with reason deleted', async () => {
    const id = await user('gone');
    const start = await h.graph('GET', '/users/delta?$deltatoken=latest');
    expect(start.json.value).toEqual([]);
    await h.graph('DELETE', `/users/${id}`);
    await h.graph('DELETE', `/directory/deletedItems/${id}`, { token: restoreToken });
    const r = await follow(start.json['@odata.deltaLink']);
    expect(r.json.value).toEqual([{ id, '@removed': { reason: 'deleted' } }]);
  });

  it('supports $deltatoken=latest (no data, just a deltaLink)', async () => {
    h.emu.control.seed({ users: 5 });
    const r = await h.graph('GET', '/users/delta?$deltatoken=latest');
    expect(r.status).toBe(200);
    expect(r.json.value).toEqual([]);
    expect(r.json['@odata.deltaLink']).toBeDefined();
    expect(r.json['@odata.nextLink']).toBeUndefined();
  });

  it('reports membership changes in members@delta with @removed', async () => {
    const g = await h.graph('POST', '/groups', { body: securityGroupBody('Delta') });
    const a = await user('ma');
    const b = await user('mb');
    await h.graph('POST', `/groups/${g.json.id}/members/$ref`, { body: { '@odata.id': ref(a) } });
    const initial = await h.graph('GET', '/groups/delta?$select=displayName,members');
    expect(initial.json.value?.[0]?.['members@delta']).toEqual([
      { '@odata.type': '#microsoft.graph.user', id: a },
    ]);
    await h.graph('POST', `/groups/${g.json.id}/members/$ref`, { body: { '@odata.id': ref(b) } });
    await h.graph('DELETE', `/groups/${g.json.id}/members/${a}/$ref`);
    const r = await follow(initial.json['@odata.deltaLink']);
    expect(r.json.value).toHaveLength(1);
    const members = r.json.value?.[0]?.['members@delta'] as Array<Record<string, unknown>>;
    expect(members).toEqual(
      expect.arrayContaining([
        { '@odata.type': '#microsoft.graph.user', id: b },
        { '@odata.type': '#microsoft.graph.user', id: a, '@removed': { reason: 'deleted' } },
      ]),
    );
    expect(members).toHaveLength(2);
  });

  it('filters by id and reports a deleted security group as deleted', async () => {
    const g1 = await h.graph('POST', '/groups', { body: securityGroupBody('One') });
    await h.graph('POST', '/groups', { body: securityGroupBody('Two') });
    const first = await h.graph(
      'GET',
      `/groups/delta?$filter=${encodeURIComponent(`id eq '${g1.json.id}'`)}`,
    );
    expect(first.json.value?.map((g) => g.id)).toEqual([g1.json.id]);
    await h.graph('DELETE', `/groups/${g1.json.id}`);
    const r = await follow(first.json['@odata.deltaLink']);
    expect(r.json.value).toEqual([{ id: g1.json.id, '@removed': { reason: 'deleted' } }]);
  });

  it('answers 410 for expired or unknown tokens so the client resyncs', async () => {
    const r = await h.graph('GET', '/users/delta');
    h.emu.control.expireDeltaTokens();
    const expired = await follow(r.json['@odata.deltaLink']);
    expect(expired.status).toBe(410);
    expect(errorOf(expired).code).toBe('resyncRequired');
    const garbage = await h.graph('GET', '/users/delta?$deltatoken=nonsense');
    expect(garbage.status).toBe(410);
    expect(errorOf(garbage).code).toBe('syncStateNotFound');
  });
});
