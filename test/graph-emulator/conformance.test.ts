/**
 * Conformance: Microsoft's own libraries, unmodified, against the emulator over HTTPS.
 * msal-node acquires tokens (secret and certificate) through the OpenID metadata and token
 * endpoint; @microsoft/microsoft-graph-client does CRUD, PageIterator paging and
 * BatchRequestContent batching.
 */
import { createHash, X509Certificate } from 'node:crypto';
import {
  ConfidentialClientApplication,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';
import {
  BatchRequestContent,
  BatchResponseContent,
  Client,
  type PageCollection,
  PageIterator,
} from '@microsoft/microsoft-graph-client';
import { Agent, request, setGlobalDispatcher } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  generateSelfSignedCertificate,
  type RunningEmulator,
  startEmulator,
} from '../../src/graph-emulator/index.js';

let emu: RunningEmulator;
let agent: Agent;
let host: string;
const requestedUrls: string[] = [];

/** msal-node networkClient trusting the emulator's self-signed certificate. */
function networkClient(): INetworkModule {
  const send = async <T>(
    url: string,
    method: 'GET' | 'POST',
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> => {
    requestedUrls.push(`${method} ${url}`);
    const res = await request(url, {
      method,
      headers: options?.headers,
      body: options?.body,
      dispatcher: agent,
    });
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers[k] = v;
    return { status: res.statusCode, headers, body: (await res.body.json()) as T };
  };
  return {
    sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>(url, 'GET', options),
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>(url, 'POST', options),
  };
}

function msalApp(
  credential:
    | { clientSecret: string }
    | {
        clientCertificate: {
          thumbprintSha256?: string;
          thumbprint?: string;
          privateKey: string;
          x5c?: string;
        };
      },
) {
  return new ConfidentialClientApplication({
    auth: {
      clientId: emu.clientId,
      authority: `${emu.loginUrl}/${emu.tenantId}`,
      knownAuthorities: [host],
      ...credential,
    },
    system: { networkClient: networkClient() },
  });
}

beforeAll(async () => {
  emu = await startEmulator();
  agent = new Agent({ connect: { ca: emu.caCertPem } });
  // The Graph SDK uses the global fetch; make it trust the emulator's certificate.
  setGlobalDispatcher(agent);
  host = new URL(emu.loginUrl).host;
});
afterAll(async () => {
  await emu.close();
  await agent.close();
});
beforeEach(() => emu.control.reset());

describe('@azure/msal-node', () => {
  it('acquires a token with a client secret through the OpenID metadata document', async () => {
    requestedUrls.length = 0;
    const result = await msalApp({ clientSecret: emu.clientSecret }).acquireTokenByClientCredential({
      scopes: ['https://graph.microsoft.com/.default'],
    });
    expect(result?.accessToken).toBeTruthy();
    expect(result?.tokenType).toBe('Bearer');
    expect(
      requestedUrls.some((u) =>
        u.startsWith(`GET ${emu.loginUrl}/${emu.tenantId}/v2.0/.well-known/openid-configuration`),
      ),
    ).toBe(true);
    expect(
      requestedUrls.some((u) => u.startsWith(`POST ${emu.loginUrl}/${emu.tenantId}/oauth2/v2.0/token`)),
    ).toBe(true);
    const claims = JSON.parse(
      Buffer.from(String(result?.accessToken).split('.')[1] as string, 'base64url').toString(),
    ) as { roles: string[] };
    expect(claims.roles).toContain('User.ReadWrite.All');
  });

  it('acquires a token with a certificate (SHA-256 and SHA-1 thumbprints)', async () => {
    const cert = generateSelfSignedCertificate('msal-client', false);
    emu.control.addCertificate(emu.tenantId, emu.clientId, cert.certPem);
    const der = new X509Certificate(cert.certPem).raw;
    const sha256 = await msalApp({
      clientCertificate: {
        thumbprintSha256: createHash('sha256').update(der).digest('hex'),
        privateKey: cert.keyPem,
      },
    }).acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
    expect(sha256?.accessToken).toBeTruthy();
    const sha1 = await msalApp({
      clientCertificate: {
        thumbprint: createHash('sha1').update(der).digest('hex'),
        privateKey: cert.keyPem,
      },
    }).acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
    expect(sha1?.accessToken).toBeTruthy();
  });

  it('surfaces a wrong secret as invalid_client with AADSTS7000215', async () => {
    const attempt = msalApp({ clientSecret: 'wrong' }).acquireTokenByClientCredential({
      scopes: ['https://graph.microsoft.com/.default'],
    });
    await expect(attempt).rejects.toMatchObject({ errorCode: 'invalid_client' });
    await expect(attempt).rejects.toThrow(/AADSTS7000215/);
  });
});

describe('@microsoft/microsoft-graph-client', () => {
  async function graphClient(): Promise<Client> {
    const result = await msalApp({ clientSecret: emu.clientSecret }).acquireTokenByClientCredential({
      scopes: ['https://graph.microsoft.com/.default'],
    });
    const token = String(result?.accessToken);
    return Client.init({
      baseUrl: emu.loginUrl,
      defaultVersion: 'v1.0',
      customHosts: new Set([new URL(emu.loginUrl).hostname]),
      authProvider: (done) => done(null, token),
    });
  }

  it('does user and group CRUD', async () => {
    const client = await graphClient();
    const user = (await client.api('/users').post({
      accountEnabled: true,
      displayName: 'SDK User',
      mailNickname: 'sdkuser',
      userPrincipalName: `sdkuser@${emu.domain}`,
      passwordProfile: { forceChangePasswordNextSignIn: true, password: 'Sdk!Passw0rd' },
    })) as { id: string; displayName: string };
    expect(user.displayName).toBe('SDK User');
    await client.api(`/users/${user.id}`).patch({ jobTitle: 'Tester' });
    const fetched = (await client.api(`/users/${user.id}`).select(['jobTitle', 'id']).get()) as {
      jobTitle: string;
    };
    expect(fetched.jobTitle).toBe('Tester');
    const group = (await client.api('/groups').post({
      displayName: 'SDK Group',
      mailEnabled: false,
      mailNickname: 'sdkgroup',
      securityEnabled: true,
    })) as { id: string };
    await client
      .api(`/groups/${group.id}/members/$ref`)
      .post({ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${user.id}` });
    const members = (await client.api(`/groups/${group.id}/members`).get()) as {
      value: Array<{ id: string }>;
    };
    expect(members.value.map((m) => m.id)).toEqual([user.id]);
    await client.api(`/groups/${group.id}/members/${user.id}/$ref`).delete();
    await client.api(`/users/${user.id}`).delete();
    await expect(client.api(`/users/${user.id}`).get()).rejects.toMatchObject({
      statusCode: 404,
      code: 'Request_ResourceNotFound',
    });
  });

  it('pages with PageIterator through @odata.nextLink', async () => {
    emu.control.seed({ users: 45 });
    const client = await graphClient();
    const first = (await client.api('/users').top(10).select(['id', 'displayName']).get()) as PageCollection;
    const ids: string[] = [];
    const iterator = new PageIterator(client, first, (item: { id: string }) => {
      ids.push(item.id);
      return true;
    });
    await iterator.iterate();
    expect(ids).toHaveLength(45);
    expect(new Set(ids).size).toBe(45);
  });

  it('batches with BatchRequestContent and reads BatchResponseContent', async () => {
    const client = await graphClient();
    const requests = [1, 2, 3].map((i) => ({
      id: String(i),
      request: new Request(`${emu.graphUrl}/users`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          accountEnabled: true,
          displayName: `Batch ${i}`,
          mailNickname: `batch${i}`,
          userPrincipalName: `batch${i}@${emu.domain}`,
          passwordProfile: { password: 'Batch!Passw0rd' },
        }),
      }),
    }));
    const content = new BatchRequestContent(requests);
    content.addRequest({
      id: '4',
      request: new Request(`${emu.graphUrl}/users?$select=id`, { method: 'GET' }),
    });
    // Fully sequential, as Microsoft advises (the SDK rejects mixed shapes itself).
    content.addDependency('2', '1');
    content.addDependency('3', '2');
    content.addDependency('4', '3');
    const response = new BatchResponseContent(await client.api('/$batch').post(await content.getContent()));
    for (const id of ['1', '2', '3']) expect(response.getResponseById(id)?.status).toBe(201);
    const list = (await response.getResponseById('4')?.json()) as { value: unknown[] };
    expect(list.value).toHaveLength(3);
  });
});
