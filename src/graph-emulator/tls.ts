/**
 * The self-signed certificate the HTTPS listener presents. It is valid for `127.0.0.1` and
 * `localhost` (subjectAltName IP + DNS) so msal-node and the Graph SDK, which insist on https, can
 * reach the emulator once they trust `caCertPem`. The RSA key comes from node:crypto (fast);
 * `selfsigned` only assembles and signs the X.509 structure. One certificate is cached per
 * process because generating it costs tens of milliseconds and tests start many emulators.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';

/** The part of `selfsigned` 2.x we use; its bundled typings declare no module exports. */
interface SelfsignedModule {
  generate(attrs: Array<{ name: string; value: string }>, options: Record<string, unknown>): { cert: string };
}

const selfsigned = createRequire(import.meta.url)('selfsigned') as SelfsignedModule;

/** PEM key and certificate for the TLS listener. */
export interface TlsMaterial {
  keyPem: string;
  certPem: string;
}

let cached: TlsMaterial | undefined;

/** Generates a fresh RSA-2048 self-signed certificate (also used by tests as a client credential). */
export function generateSelfSignedCertificate(commonName: string, serverAltNames = true): TlsMaterial {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  // `keyPair` is honoured by selfsigned 2.x's synchronous path (it skips forge's slow keygen).
  const extensions: Array<Record<string, unknown>> = [
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true },
  ];
  if (serverAltNames) {
    extensions.push(
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    );
  }
  const generated = selfsigned.generate([{ name: 'commonName', value: commonName }], {
    days: 825,
    algorithm: 'sha256',
    keyPair: { privateKey, publicKey },
    extensions,
  });
  return { keyPem: privateKey, certPem: generated.cert };
}

/** Returns the process-wide emulator certificate, generating it on first use. */
export function getTlsMaterial(): TlsMaterial {
  cached ??= generateSelfSignedCertificate('Conduit Graph Emulator');
  return cached;
}
