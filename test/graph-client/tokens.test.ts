import { createPrivateKey, randomUUID, X509Certificate } from 'node:crypto';
import selfsigned from 'selfsigned';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GraphConfigurationError } from '../../src/providers/entra/graph-errors.js';
import { type Harness, startHarness } from './support.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());
beforeEach(() => {
  h.emulator.control.clearFaults();
  h.emulator.control.resetStats();
  h.emulator.control.clearRequestLog();
});

const tokenRequests = () => h.emulator.control.getRequestLog({ kind: 'token' });

describe('tokens through MSAL against the HTTPS emulator', () => {
  it('acquires a token with the client secret once and reuses it across calls', async () => {
    const client = h.client();
    await client.verifiedDomains();
    await client.getUser(
      (
        await client.createUser({
          accountEnabled: true,
          displayName: 'Token Reuse',
          mailNickname: 'tokenreuse',
          userPrincipalName: `tokenreuse@${h.emulator.domain}`,
          passwordProfile: { password: 'Conduit-Test-1!' },
        })
      ).id,
    );
    expect(tokenRequests().map((r) => r.status)).toEqual([200]);
    expect(h.emulator.control.getRequestLog({ kind: 'graph' }).every((r) => r.status < 300)).toBe(true);
  });

  it('acquires a token with a certificate credential', async () => {
    const generated = selfsigned.generate([{ name: 'commonName', value: 'conduit-test' }], {
      keySize: 2048,
      algorithm: 'sha256',
      days: 2,
    });
    const app = h.emulator.control.createApp({
      withSecret: false,
      certificatePem: generated.cert,
      roles: [
        'User.ReadWrite.All',
        'Group.ReadWrite.All',
        'GroupMember.ReadWrite.All',
        'Organization.Read.All',
      ],
    });
    const thumbprintSha256 = new X509Certificate(generated.cert).fingerprint256.replace(/:/g, '');
    const client = h.client({
      clientId: app.clientId,
      clientSecret: undefined,
      // PKCS#1 as selfsigned writes it; the client converts it for MSAL.
      certificate: { privateKeyPem: generated.private, thumbprintSha256 },
    });
    const report = await client.testConnection();
    expect(report).toMatchObject({ ok: true, missingPermissions: [], verifiedDomains: [h.emulator.domain] });
    expect(createPrivateKey(generated.private).asymmetricKeyType).toBe('rsa');
    expect(tokenRequests().at(-1)?.status).toBe(200);
  });

  it('reports a wrong secret as a configuration error naming AADSTS7000215', async () => {
    const client = h.client({ clientSecret: 'not-the-secret' });
    const error = await client.verifiedDomains().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphConfigurationError);
    const e = error as GraphConfigurationError;
    expect(e.aadstsCode).toBe(7000215);
    expect(e.status).toBe(401);
    expect(e.message).toContain('AADSTS7000215');
    expect(e.message).not.toContain('not-the-secret');
    expect(h.emulator.control.getRequestLog({ kind: 'graph' })).toHaveLength(0);
  });

  it('reports an expired secret (AADSTS7000222)', async () => {
    const secret = h.emulator.control.addSecret(h.emulator.tenantId, h.emulator.clientId, {
      expiresInSeconds: -60,
    });
    const error = await h
      .client({ clientSecret: secret.secretText })
      .verifiedDomains()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphConfigurationError);
    expect((error as GraphConfigurationError).aadstsCode).toBe(7000222);
    expect((error as Error).message).toContain('expired');
  });

  it('reports an unknown tenant (AADSTS90002)', async () => {
    const tenant = randomUUID();
    const error = await h.client({ tenantId: tenant }).testConnection();
    expect(error.ok).toBe(false);
    expect(error.error).toContain('AADSTS90002');
    expect(error.error).toContain(tenant);
    const thrown = await h
      .client({ tenantId: tenant })
      .listGroupMemberIds(randomUUID())
      .catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(GraphConfigurationError);
    expect((thrown as GraphConfigurationError).aadstsCode).toBe(90002);
  });

  it('reports an unknown client id (AADSTS700016)', async () => {
    const clientId = randomUUID();
    const error = await h
      .client({ clientId })
      .verifiedDomains()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphConfigurationError);
    expect((error as GraphConfigurationError).aadstsCode).toBe(700016);
    expect((error as Error).message).toContain(clientId);
  });

  it('refreshes the token once on a Graph 401 and retries', async () => {
    const client = h.client();
    await client.verifiedDomains(); // token cached
    h.emulator.control.addFault({ method: 'GET', path: '^/groups$', status: 401, count: 1 });
    for await (const page of client.listGroups(['displayName'])) expect(Array.isArray(page)).toBe(true);
    expect(tokenRequests()).toHaveLength(2);
    const graph = h.emulator.control
      .getRequestLog({ kind: 'graph' })
      .filter((r) => r.url.startsWith('/v1.0/groups'));
    expect(graph.map((r) => r.status)).toEqual([401, 200]);
  });

  it('gives up with a configuration error when Graph still answers 401 after one refresh', async () => {
    const client = h.client();
    h.emulator.control.addFault({ method: 'GET', path: '^/organization', status: 401, count: 5 });
    const error = await client.verifiedDomains().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphConfigurationError);
    expect((error as GraphConfigurationError).status).toBe(401);
    expect((error as GraphConfigurationError).requestId).toMatch(/[0-9a-f-]{36}/);
    expect(h.emulator.control.getRequestLog({ kind: 'graph' })).toHaveLength(2);
  });

  it('renews a token within 5 minutes of its expiry, not earlier, and never waits for a 401', async () => {
    h.emulator.control.updateSettings({ tokenLifetimeSeconds: 3600 });
    try {
      // The client's clock is injectable: move it instead of waiting an hour.
      let offset = 0;
      const client = h.client({ now: () => Date.now() + offset });
      await client.verifiedDomains();
      offset = 54 * 60_000; // six minutes before expiry: still reused
      await client.getUser(h.emulator.clientId).catch(() => undefined);
      expect(tokenRequests()).toHaveLength(1);
      offset = 56 * 60_000; // four minutes before expiry: renewed ahead of time
      await client.createGroup({
        displayName: 'Renewal',
        mailEnabled: false,
        mailNickname: 'renewal',
        securityEnabled: true,
      });
      expect(tokenRequests()).toHaveLength(2);
      expect(h.emulator.control.getRequestLog({ kind: 'graph' }).some((r) => r.status === 401)).toBe(false);
    } finally {
      h.emulator.control.updateSettings({ tokenLifetimeSeconds: undefined });
    }
  });
});
