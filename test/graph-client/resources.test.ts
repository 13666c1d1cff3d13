import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  GraphBadRequestError,
  GraphConfigurationError,
  GraphNotFoundError,
  GraphObjectConflictError,
} from '../../src/providers/entra/graph-errors.js';
import { type Harness, newGroupBody, newUserBody, startHarness } from './support.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seed: 7 });
});
afterAll(async () => h.close());
beforeEach(() => {
  h.emulator.control.clearFaults();
  h.emulator.control.clearRequestLog();
});

const graphLog = () => h.emulator.control.getRequestLog({ kind: 'graph' });

describe('users', () => {
  it('creates, reads by id and UPN, patches only what is given and deletes', async () => {
    const client = h.client();
    const body = newUserBody(h.emulator.domain, 'crud.user');
    const created = await client.createUser(body);
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.userPrincipalName).toBe(body.userPrincipalName);

    await client.updateUser(created.id, { id: 'ignored', displayName: 'Renamed', accountEnabled: false });
    const byUpn = await client.getUser(body.userPrincipalName as string, ['displayName', 'accountEnabled']);
    expect(byUpn).toMatchObject({ id: created.id, displayName: 'Renamed', accountEnabled: false });

    await client.deleteUser(created.id);
    const error = await client.getUser(created.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphNotFoundError);
    expect((error as GraphNotFoundError).requestId).toMatch(/^[0-9a-f-]{36}$/);
    // Deleted on purpose, so its 404 is not taken for replication lag: one GET, no retries.
    expect(
      graphLog().filter((r) => r.method === 'GET' && r.url.startsWith(`/v1.0/users/${created.id}`)),
    ).toHaveLength(1);
    expect(graphLog().find((r) => r.method === 'PATCH')?.status).toBe(204);
  });

  it('classifies a duplicate UPN as an object conflict naming the property', async () => {
    const client = h.client();
    const body = newUserBody(h.emulator.domain, 'dupe.user');
    await client.createUser(body);
    const error = await client.createUser({ ...body, mailNickname: 'dupe2' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphObjectConflictError);
    const e = error as GraphObjectConflictError;
    expect(e.status).toBe(400);
    expect(e.kind).toBe('conflict');
    expect(e.conflictingProperty).toBe('userPrincipalName');
    expect(e.requestId).toBeDefined();
    // The conflict is not retried.
    expect(graphLog().filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it("escapes O'Brien in filters", async () => {
    const client = h.client();
    const body = newUserBody(h.emulator.domain, "o'brien");
    const created = await client.createUser(body);
    expect(await client.findUserByUpn(`o'brien@${h.emulator.domain}`)).toMatchObject({ id: created.id });
    expect(await client.findUserByUpn(`nobody'@${h.emulator.domain}`)).toBeNull();
    const url = graphLog().find((r) => r.url.includes('$filter'))?.url ?? '';
    expect(decodeURIComponent(url)).toContain("userPrincipalName eq 'o''brien@");

    const group = await client.createGroup(newGroupBody("O'Brien's team"));
    const found = await client.findGroupsByDisplayName("O'Brien's team");
    expect(found.map((g) => g.id)).toEqual([group.id]);
  });

  it('reports other 400s as bad requests with Graph message', async () => {
    const client = h.client();
    const error = await client
      .createUser({ ...newUserBody(h.emulator.domain), userPrincipalName: 'x@not-verified.example' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphBadRequestError);
    expect((error as GraphBadRequestError).graphMessage).toContain('verified domain');
  });
});

describe('groups', () => {
  it('creates, reads, patches and deletes; duplicate names are all found', async () => {
    const client = h.client();
    const a = await client.createGroup(newGroupBody('Duplicated name'));
    const b = await client.createGroup(newGroupBody('Duplicated name'));
    expect((await client.findGroupsByDisplayName('Duplicated name')).map((g) => g.id).sort()).toEqual(
      [a.id, b.id].sort(),
    );

    await client.updateGroup(a.id, { description: 'changed' });
    expect(await client.getGroup(a.id, ['description'])).toMatchObject({ id: a.id, description: 'changed' });
    expect((await client.findGroupsByMailNickname(a.mailNickname as string)).map((g) => g.id)).toEqual([
      a.id,
    ]);

    await client.deleteGroup(b.id);
    await expect(client.getGroup(b.id)).rejects.toBeInstanceOf(GraphNotFoundError);
  });
});

describe('paging', () => {
  it('follows @odata.nextLink across pages of 999 and of a small $top, with $select', async () => {
    const seeded = h.emulator.control.seed({ users: 1100 });
    const client = h.client();
    const expected = new Set(seeded.users.map((u) => u.id));

    const pages: number[] = [];
    const seen = new Set<string>();
    for await (const page of client.listUsers(['userPrincipalName'])) {
      pages.push(page.length);
      for (const user of page) seen.add(user.id);
    }
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages[0]).toBe(999);
    for (const id of expected) expect(seen.has(id)).toBe(true);
    const first = graphLog().find((r) => r.url.startsWith('/v1.0/users?')) ?? { url: '' };
    expect(decodeURIComponent(first.url)).toContain('$select=id,userPrincipalName');
    expect(first.url).toContain('$top=999');
    // Later pages are the nextLinks verbatim (opaque skiptoken), not rebuilt by the client.
    expect(graphLog().filter((r) => r.url.includes('skiptoken')).length).toBe(pages.length - 1);

    let small = 0;
    let count = 0;
    for await (const page of client.listUsers(['displayName'], { top: 250 })) {
      small += 1;
      count += page.length;
      expect(page.length).toBeLessThanOrEqual(250);
    }
    expect(count).toBe(seen.size);
    expect(small).toBe(Math.ceil(seen.size / 250));
  });
});

describe('permissions', () => {
  it('maps a 403 Authorization_RequestDenied to a configuration error', async () => {
    const app = h.emulator.control.createApp({ roles: ['User.Read.All'] });
    const client = h.client({ clientId: app.clientId, clientSecret: app.clientSecret });
    const error = await client.createUser(newUserBody(h.emulator.domain)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphConfigurationError);
    expect((error as GraphConfigurationError).status).toBe(403);
    expect((error as GraphConfigurationError).code).toBe('Authorization_RequestDenied');
    expect((error as GraphConfigurationError).requestId).toBeDefined();
  });

  it('testConnection reports the verified domains and the missing GroupMember.ReadWrite.All', async () => {
    const full = await h.client().testConnection();
    expect(full).toMatchObject({ ok: true, verifiedDomains: [h.emulator.domain], missingPermissions: [] });
    expect(full.grantedPermissions).toContain('GroupMember.ReadWrite.All');

    const app = h.emulator.control.createApp({
      roles: ['User.ReadWrite.All', 'Group.ReadWrite.All', 'Organization.Read.All'],
    });
    const report = await h
      .client({ clientId: app.clientId, clientSecret: app.clientSecret })
      .testConnection();
    expect(report.ok).toBe(false);
    expect(report.missingPermissions).toEqual(['GroupMember.ReadWrite.All']);
    expect(report.verifiedDomains).toEqual([h.emulator.domain]);
  });

  it('testConnection explains a failing /organization read', async () => {
    const app = h.emulator.control.createApp({ roles: ['User.ReadWrite.All'] });
    const report = await h
      .client({ clientId: app.clientId, clientSecret: app.clientSecret })
      .testConnection();
    expect(report.ok).toBe(false);
    expect(report.missingPermissions).toEqual([
      'Group.ReadWrite.All',
      'GroupMember.ReadWrite.All',
      'Organization.Read.All',
    ]);
    expect(report.error).toContain('Authorization_RequestDenied');
  });

  it('caches verified domains', async () => {
    const client = h.client();
    await client.verifiedDomains();
    await client.verifiedDomains();
    expect(graphLog().filter((r) => r.url.startsWith('/v1.0/organization'))).toHaveLength(1);
  });
});

describe('not found', () => {
  it('does not retry a 404 on an id this client did not create', async () => {
    const client = h.client();
    const id = randomUUID();
    await expect(client.getUser(id)).rejects.toBeInstanceOf(GraphNotFoundError);
    expect(graphLog().filter((r) => r.url.includes(id))).toHaveLength(1);
  });
});
