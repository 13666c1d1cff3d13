/**
 * Self-signed client certificates for tests, with any validity period (an expired one too, which
 * `selfsigned` refuses to produce). Keys come from node:crypto (fast, native); node-forge, which
 * `selfsigned` already brings, only signs the certificate.
 */
import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

export interface TestCertificate {
  /** PKCS#8 PEM of the private key. */
  keyPem: string;
  certPem: string;
  /** Key then certificate: what an administrator pastes. */
  pem: string;
}

export function makeCertificate(
  options: {
    commonName?: string;
    notBefore?: Date;
    notAfter?: Date;
    keyType?: 'rsa' | 'ec';
    modulusLength?: number;
  } = {},
): TestCertificate {
  const rsa = generateKeyPairSync('rsa', { modulusLength: options.modulusLength ?? 2048 });
  const keyPem =
    options.keyType === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
          .privateKey.export({ type: 'pkcs8', format: 'pem' })
          .toString()
      : rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  // An EC "certificate" is still signed with an RSA key here: only the pasted key's type matters.
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(
    rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  );
  cert.serialNumber = `01${Math.floor(Math.random() * 1e12).toString(16)}`;
  cert.validity.notBefore = options.notBefore ?? new Date(Date.now() - 60_000);
  cert.validity.notAfter = options.notAfter ?? new Date(Date.now() + 365 * 86_400_000);
  const attrs = [{ name: 'commonName', value: options.commonName ?? 'conduit-sync' }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(
    forge.pki.privateKeyFromPem(rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()),
    forge.md.sha256.create(),
  );
  const certPem = forge.pki.certificateToPem(cert);
  return { keyPem, certPem, pem: `${keyPem}${certPem}` };
}
