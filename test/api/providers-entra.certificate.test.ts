/**
 * Certificate credentials of the Entra provider API: a PEM (private key + certificate) is accepted
 * instead of a client secret, sealed at rest and never returned; the response says which credential
 * is used and shows only the certificate's non-secret facts; unusable PEMs are field-level 400s.
 */
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/graph-emulator/index.js';
import type { TestApi } from '../support/api.js';
import { makeCertificate, type TestCertificate } from '../support/certificates.js';
import { DIALECTS } from '../support/stores.js';
import { createSyncApi } from '../support/sync-api.js';
import { startEmulatorForTests } from '../support/sync-harness.js';

const BASE = '/api/v3/providers/microsoft_entra';
const DAY = 86_400_000;

/** The base64 body of a PEM block: if it shows up anywhere, the block leaked. */
const pemBody = (pem: string) => pem.split('\n').slice(1, 3).join('');

describe.each(DIALECTS)('Entra provider certificate credentials on %s', (dialect) => {
  let emulator: RunningEmulator;
  let api: TestApi;
  let cert: TestCertificate;
  beforeAll(async () => {
    emulator = await startEmulatorForTests();
    api = await createSyncApi(dialect, emulator);
    cert = makeCertificate({ commonName: 'conduit-sync' });
    emulator.control.addCertificate(emulator.tenantId, emulator.clientId, cert.certPem);
  });
  afterAll(async () => {
    await api.close();
    await emulator.close();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) =>
    api.app.inject({
      method,
      url,
      headers: api.auth,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const base = (name: string) => ({ name, client_id: emulator.clientId, tenant_id: emulator.tenantId });
  const storedRow = (pk: number) =>
    api.store.db
      .selectFrom('providers')
      .select(['secrets', 'settings'])
      .where('id', '=', pk)
      .executeTakeFirstOrThrow();

  it('accepts a certificate instead of a secret: sealed at rest, never returned, its facts shown', async () => {
    const res = await call('POST', `${BASE}/`, { ...base('cert'), client_certificate: cert.pem });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    const x509 = new X509Certificate(cert.certPem);
    expect(body).toMatchObject({
      credential_type: 'client_certificate',
      has_client_certificate: true,
      has_client_secret: false,
      client_certificate_thumbprint: x509.fingerprint.replace(/:/g, ''),
      client_certificate_thumbprint_sha256: x509.fingerprint256.replace(/:/g, ''),
      client_certificate_subject: 'CN=conduit-sync',
      client_certificate_expires: new Date(x509.validTo).toISOString(),
    });
    expect(body).not.toHaveProperty('client_certificate');
    for (const text of [res.body, (await call('GET', `${BASE}/${body.pk}/`)).body]) {
      expect(text).not.toContain('PRIVATE KEY');
      expect(text).not.toContain(pemBody(cert.keyPem));
    }
    const list = await call('GET', `${BASE}/?name=cert`);
    expect(list.json().results[0]).toMatchObject({ credential_type: 'client_certificate' });
    expect(list.body).not.toContain('PRIVATE KEY');

    const row = await storedRow(body.pk);
    expect(row.secrets).not.toContain(pemBody(cert.keyPem));
    expect(row.secrets).not.toContain('PRIVATE KEY');
    expect(JSON.stringify(row.settings)).not.toContain('PRIVATE KEY');

    // The emulator knows the certificate: signing in with it works through MSAL.
    const report = (await call('POST', `${BASE}/${body.pk}/test_connection/`)).json();
    expect(report).toMatchObject({ ok: true, verifiedDomains: expect.arrayContaining([emulator.domain]) });
  });

  it('switches between a secret and a certificate; an update without either keeps the credential', async () => {
    const created = (
      await call('POST', `${BASE}/`, { ...base('switch'), client_secret: emulator.clientSecret })
    ).json();
    expect(created).toMatchObject({
      credential_type: 'client_secret',
      has_client_secret: true,
      has_client_certificate: false,
      client_certificate_thumbprint: null,
      client_certificate_expires: null,
    });
    const url = `${BASE}/${created.pk}/`;
    const toCert = (await call('PATCH', url, { client_certificate: cert.pem })).json();
    expect(toCert).toMatchObject({ credential_type: 'client_certificate', has_client_secret: false });
    const before = await storedRow(created.pk);
    const unchanged = (
      await call('PATCH', url, { dry_run: true, client_secret: '', client_certificate: '' })
    ).json();
    expect(unchanged).toMatchObject({ credential_type: 'client_certificate', dry_run: true });
    expect((await storedRow(created.pk)).secrets).toBe(before.secrets);
    // PUT of what GET answered (the write-only fields absent) keeps it too.
    const put = await call('PUT', url, (await call('GET', url)).json());
    expect(put.statusCode).toBe(200);
    expect(put.json().credential_type).toBe('client_certificate');
    expect((await call('POST', `${url}test_connection/`)).json()).toMatchObject({ ok: true });

    const back = (await call('PATCH', url, { client_secret: emulator.clientSecret })).json();
    expect(back).toMatchObject({
      credential_type: 'client_secret',
      has_client_certificate: false,
      client_certificate_thumbprint: null,
    });
    expect((await call('POST', `${url}test_connection/`)).json()).toMatchObject({ ok: true });

    const audit = await api.store.db.selectFrom('events').select('context').execute();
    expect(JSON.stringify(audit)).not.toContain('PRIVATE KEY');
    expect(JSON.stringify(audit)).toContain('client_certificate');
  });

  it('answers unusable certificates and credential mix-ups with field-level 400s', async () => {
    const other = makeCertificate({ commonName: 'other' });
    const expired = makeCertificate({
      notBefore: new Date(Date.now() - 30 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    const ec = makeCertificate({ keyType: 'ec' });
    const small = makeCertificate({ modulusLength: 1024 });
    const encryptedKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'x' })
      .toString();
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
      ['not PEM', { client_certificate: 'hello' }, 'client_certificate', /Paste the PEM text/],
      ['no key', { client_certificate: cert.certPem }, 'client_certificate', /no private key/],
      ['no certificate', { client_certificate: cert.keyPem }, 'client_certificate', /no certificate/],
      [
        'key of another certificate',
        { client_certificate: `${other.keyPem}${cert.certPem}` },
        'client_certificate',
        /does not belong to the certificate/,
      ],
      ['expired', { client_certificate: expired.pem }, 'client_certificate', /expired on \d{4}-/],
      ['EC key', { client_certificate: ec.pem }, 'client_certificate', /need an RSA key/],
      ['1024-bit key', { client_certificate: small.pem }, 'client_certificate', /at least 2048 bits/],
      [
        'encrypted key',
        { client_certificate: `${encryptedKey}${cert.certPem}` },
        'client_certificate',
        /passphrase/,
      ],
      [
        'damaged certificate',
        {
          client_certificate: `${cert.keyPem}-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n`,
        },
        'client_certificate',
        /cannot be read/,
      ],
      [
        'both credentials',
        { client_certificate: cert.pem, client_secret: 'also' },
        'client_certificate',
        /not both/,
      ],
      ['neither credential', {}, 'client_secret', /client secret, or give a certificate/],
      ['a blank secret', { client_secret: '' }, 'client_secret', /may not be blank/],
      ['a number', { client_certificate: 42 }, 'client_certificate', /./],
    ];
    for (const [what, credential, field, message] of cases) {
      const res = await call('POST', `${BASE}/`, { ...base(`bad-${what}`), ...credential });
      expect(res.statusCode, what).toBe(400);
      const errors = res.json() as Record<string, string[]>;
      expect(Object.keys(errors), what).toEqual([field]);
      expect(errors[field]?.join(' '), what).toMatch(message);
      for (const key of [cert.keyPem, other.keyPem, expired.keyPem, ec.keyPem, encryptedKey])
        expect(res.body, what).not.toContain(pemBody(key));
    }

    // Reported together with the other fields' errors, in one answer.
    const many = await call('POST', `${BASE}/`, { ...base(''), client_certificate: expired.pem });
    expect(many.statusCode).toBe(400);
    expect(Object.keys(many.json()).sort()).toEqual(['client_certificate', 'name']);

    // A rejected update leaves the stored credential alone.
    const created = (
      await call('POST', `${BASE}/`, { ...base('keep'), client_certificate: cert.pem })
    ).json();
    const before = await storedRow(created.pk);
    const rejected = await call('PATCH', `${BASE}/${created.pk}/`, { client_certificate: expired.pem });
    expect(rejected.statusCode).toBe(400);
    expect(rejected.json()).toEqual({ client_certificate: [expect.stringContaining('expired')] });
    const both = await call('PATCH', `${BASE}/${created.pk}/`, {
      client_certificate: other.pem,
      client_secret: 'x',
    });
    expect(both.statusCode).toBe(400);
    expect((await storedRow(created.pk)).secrets).toBe(before.secrets);
  });

  it('accepts the certificate before the key, and a chain after the certificate', async () => {
    const issuerOfNothing = makeCertificate({ commonName: 'extra in chain' });
    const res = await call('POST', `${BASE}/`, {
      ...base('chain'),
      client_certificate: `${cert.certPem}\n${cert.keyPem}\n${issuerOfNothing.certPem}`,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().client_certificate_subject).toBe('CN=conduit-sync');
    expect((await call('POST', `${BASE}/${res.json().pk}/test_connection/`)).json()).toMatchObject({
      ok: true,
    });
  });
});
