import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
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

describe('stats and request log', () => {
  it('counts requests, writes and throttled, by method and status; resets', async () => {
    h.emu.control.resetStats();
    await h.graph('GET', '/users');
    await h.graph('POST', '/users', { body: userBody('s1') });
    await h.graph('POST', '/users', { body: userBody('s1') });
    await h.graph('GET', '/users', { token: null });
    h.emu.control.addFault({ path: '^/organization', status: 429 });
    await h.graph('GET', '/organization');
    const stats = h.emu.control.getStats();
    expect(stats.requests).toBe(5);
    expect(stats.writes).toBe(2);
    expect(stats.throttled).toBe(1);
    expect(stats.byMethod).toEqual({ GET: 3, POST: 2 });
    expect(stats.byStatus).toEqual({ '200': 1, '201': 1, '400': 1, '401': 1, '429': 1 });
    const http = await h.call('GET', '/_emulator/stats', { token: null });
    expect(http.json.requests).toBe(5);
    expect((await h.call('POST', '/_emulator/stats/reset', { token: null })).status).toBe(204);
    expect(h.emu.control.getStats().requests).toBe(0);
  });

  it('logs every call so a dry run can assert that no mutating call happened', async () => {
    h.emu.control.clearRequestLog();
    await h.graph('GET', '/users?$top=5');
    await h.graph('POST', '/$batch', { body: { requests: [{ id: '1', method: 'GET', url: '/groups' }] } });
    expect(h.emu.control.getRequestLog({ mutatingOnly: true })).toEqual([]);
    await h.graph('POST', '/$batch', {
      body: {
        requests: [
          {
            id: '1',
            method: 'POST',
            url: '/users',
            headers: { 'Content-Type': 'application/json' },
            body: userBody('logged'),
          },
        ],
      },
    });
    const mutating = h.emu.control.getRequestLog({ mutatingOnly: true });
    expect(mutating).toHaveLength(1);
    expect(mutating[0]).toMatchObject({
      kind: 'batch-item',
      method: 'POST',
      url: '/users',
      status: 201,
      batchItemId: '1',
      tenantId: h.emu.tenantId,
      clientId: h.emu.clientId,
    });
    const viaHttp = await h.call('GET', '/_emulator/requests?mutatingOnly=true', { token: null });
    expect(viaHttp.json).toHaveLength(1);
  });
});

describe('control API over HTTP', () => {
  it('creates a tenant, an app with a secret, seeds users, and reads state', async () => {
    const tenant = await h.call('POST', '/_emulator/tenants', {
      token: null,
      body: { verifiedDomains: ['fabrikam.onmicrosoft.com'], displayName: 'Fabrikam' },
    });
    expect(tenant.status).toBe(201);
    const tid = String(tenant.json.id);
    const app = await h.call('POST', `/_emulator/tenants/${tid}/apps`, {
      token: null,
      body: { roles: ['User.Read.All'] },
    });
    expect(app.status).toBe(201);
    const secret = await h.call('POST', `/_emulator/tenants/${tid}/apps/${app.json.clientId}/secrets`, {
      token: null,
      body: { expiresInSeconds: 3600 },
    });
    expect(secret.status).toBe(201);
    const token = await h.tokenRequest(
      {
        grant_type: 'client_credentials',
        client_id: String(app.json.clientId),
        client_secret: String(secret.json.secretText),
        scope: 'https://graph.microsoft.com/.default',
      },
      'fabrikam.onmicrosoft.com',
    );
    expect(token.status).toBe(200);
    const seeded = await h.call('POST', '/_emulator/seed', {
      token: null,
      body: { tenantId: tid, users: 3 },
    });
    expect(seeded.status).toBe(201);
    const list = await h.graph('GET', '/users?$select=userPrincipalName', {
      token: String(token.json.access_token),
    });
    expect(
      list.json.value?.map((u) => String(u.userPrincipalName).endsWith('@fabrikam.onmicrosoft.com')),
    ).toEqual([true, true, true]);
    const write = await h.graph('POST', '/users', {
      token: String(token.json.access_token),
      body: userBody('x', 'fabrikam.onmicrosoft.com'),
    });
    expect(write.status).toBe(403);
    const state = await h.call('GET', `/_emulator/state?tenantId=${tid}`, { token: null });
    expect((state.json as unknown as Array<{ users: unknown[] }>)[0]?.users).toHaveLength(3);
    // tenants are isolated: the default app sees none of them
    expect((await h.graph('GET', '/users')).json.value).toEqual([]);
  });

  it('sets settings, faults and mints tokens; unknown routes answer 404', async () => {
    const settings = await h.call('PATCH', '/_emulator/settings', {
      token: null,
      body: { latencyMs: 5, throttleLimits: { writesPerAppTenant: 9 } },
    });
    expect(settings.json).toMatchObject({
      latencyMs: 5,
      throttleLimits: { writesPerAppTenant: 9, ruPerAppTenant: { small: 3500 } },
    });
    const fault = await h.call('POST', '/_emulator/faults', {
      token: null,
      body: { method: 'GET', path: '^/groups', status: 500 },
    });
    expect(fault.status).toBe(201);
    expect((await h.graph('GET', '/groups')).status).toBe(500);
    const minted = await h.call('POST', '/_emulator/tokens', { token: null, body: { roles: [] } });
    const denied = await h.graph('GET', '/users', { token: String(minted.json.accessToken) });
    expect(denied.status).toBe(403);
    expect((await h.call('GET', '/_emulator/nope', { token: null })).status).toBe(404);
  });

  it('edits a user by hand: delta reports it, nothing is counted, bad input is 400 and unknown ids 404', async () => {
    const [user] = h.emu.control.seed({ users: 1 }).users;
    const first = await h.graph('GET', '/users/delta?$select=displayName,jobTitle');
    // Links are absolute; the harness calls paths on the emulator's origin.
    const follow = (link: unknown) => h.call('GET', String(link).slice(h.emu.loginUrl.length));
    let next = String(first.json['@odata.nextLink'] ?? first.json['@odata.deltaLink']);
    while (!next.includes('deltatoken')) {
      const page = await follow(next);
      next = String(page.json['@odata.nextLink'] ?? page.json['@odata.deltaLink']);
    }
    h.emu.control.resetStats();
    const edited = await h.call('PATCH', `/_emulator/objects/${user?.userPrincipalName}`, {
      token: null,
      body: { jobTitle: 'Edited by hand' },
    });
    expect(edited.status).toBe(204);
    expect(h.emu.control.getStats().requests).toBe(0);
    const delta = await follow(next);
    expect(delta.json.value).toEqual([expect.objectContaining({ id: user?.id, jobTitle: 'Edited by hand' })]);
    const bad = await h.call('PATCH', `/_emulator/objects/${user?.id}`, { token: null, body: { id: 'x' } });
    expect(bad.status).toBe(400);
    const unknown = await h.call('PATCH', '/_emulator/objects/nobody', { token: null, body: {} });
    expect(unknown.status).toBe(404);
    expect(String((unknown.json.error as { message: string }).message)).toContain("'nobody'");
  });

  it('keeps the default credentials across reset and restores start-up settings', async () => {
    h.emu.control.updateSettings({ throttling: true });
    h.emu.control.seed({ users: 2 });
    h.reset();
    expect(h.emu.control.getSettings().throttling).toBe(false);
    expect(h.emu.control.listTenants()).toHaveLength(1);
    const t = await h.tokenRequest({
      grant_type: 'client_credentials',
      client_id: h.emu.clientId,
      client_secret: h.emu.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(t.status).toBe(200);
    const r = await h.graph('GET', '/users', { token: String(t.json.access_token) });
    expect(r.json.value).toEqual([]);
    expect(errorOf(await h.graph('GET', '/users/x')).code).toBe('Request_ResourceNotFound');
  });
});

describe('standalone', () => {
  it('prints one JSON line with the connection details first', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/graph-emulator/standalone.ts', '--port', '0'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const line = await new Promise<string>((resolve, reject) => {
        const rl = createInterface({ input: child.stdout });
        rl.once('line', resolve);
        child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      const banner = JSON.parse(line) as Record<string, string>;
      expect(Object.keys(banner)).toEqual(
        expect.arrayContaining([
          'graphUrl',
          'loginUrl',
          'controlUrl',
          'tenantId',
          'domain',
          'clientId',
          'clientSecret',
        ]),
      );
      expect(banner.graphUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v1\.0$/);
      expect(banner.domain).toBe('contoso.onmicrosoft.com');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
