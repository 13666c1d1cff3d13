/**
 * A provider that signs in with a certificate (no client secret anywhere) syncs: the Graph client
 * takes MSAL's certificate path against the emulator, which verifies the client assertion with the
 * certificate registered for the app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/directory/users.js';
import type { RunningEmulator } from '../../src/graph-emulator/index.js';
import { updateEntraProvider } from '../../src/providers/entra/provider-service.js';
import { syncUser } from '../../src/sync/direct-sync.js';
import { runFullSync } from '../../src/sync/full-sync.js';
import { makeCertificate } from '../support/certificates.js';
import { DIALECTS } from '../support/stores.js';
import {
  actor,
  createSyncHarness,
  type SyncHarness,
  startEmulatorForTests,
} from '../support/sync-harness.js';

describe.each(DIALECTS)('certificate credential on %s', (dialect) => {
  let emulator: RunningEmulator;
  let h: SyncHarness;
  const cert = makeCertificate({ commonName: 'conduit-sync' });
  beforeAll(async () => {
    emulator = await startEmulatorForTests();
    // The app registration knows only the certificate: a client secret could not sign in.
    emulator.control.addCertificate(emulator.tenantId, emulator.clientId, cert.certPem);
    for (const s of emulator.control.getApp(emulator.tenantId, emulator.clientId).secrets)
      emulator.control.removeSecret(emulator.tenantId, emulator.clientId, s.keyId);
    h = await createSyncHarness(dialect, {
      emulator,
      provider: { client_secret: undefined, client_certificate: cert.pem },
    });
  });
  afterAll(async () => {
    await h?.close();
    await emulator.close();
  });

  it('syncs a user with the certificate, and fails with a clear error once Entra ID no longer knows it', async () => {
    const user = await createUser(
      h.store.db,
      { username: 'adele.vance', name: 'Adele Vance', email: `adele.vance@${emulator.domain}` },
      actor,
    );
    expect(await syncUser(h.deps, h.providerId, user.pk)).toMatchObject({ status: 'done' });
    expect(h.remote().users).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          userPrincipalName: `adele.vance@${emulator.domain}`,
          displayName: 'Adele Vance',
        }),
      ]),
    );
    expect((await runFullSync(h.deps, h.providerId)).status).toBe('done');
    const tokens = emulator.control.getRequestLog({ kind: 'token' });
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.every((t) => t.status === 200)).toBe(true);

    // Another certificate on the provider, unknown to the app registration: Entra's AADSTS700027.
    await updateEntraProvider(
      h.store.db,
      h.deps.secrets,
      h.providerId,
      { client_certificate: makeCertificate({ commonName: 'not-uploaded' }).pem },
      actor,
    );
    const other = await createUser(
      h.store.db,
      { username: 'lee.gu', name: 'Lee Gu', email: `lee.gu@${emulator.domain}` },
      actor,
    );
    const failed = await syncUser(h.deps, h.providerId, other.pk);
    expect(failed).toMatchObject({
      status: 'error',
      transient: false,
      error: expect.stringContaining('700027'),
    });
  });
});
