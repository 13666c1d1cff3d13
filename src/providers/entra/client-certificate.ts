/**
 * Certificate credentials of an Entra app registration, given as one PEM text that holds the
 * private key and the certificate (and optionally its chain) — what `cat key.pem cert.pem` or
 * `openssl pkcs12 -in app.pfx -nodes` produce.
 *
 * Invariants:
 * - The thumbprints and the `x5c` chain are derived from the certificate, never typed by an
 *   administrator, so they cannot disagree with the key that signs the client assertion.
 * - Errors say what is wrong and how to fix it, and never quote the PEM (it holds the private key).
 * - The private key leaves this module only as `privateKeyPem`, for the caller to seal.
 */
import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';

/** Non-secret facts about the certificate, safe to store in settings and to return from the API. */
export interface ClientCertificateFacts {
  /** SHA-1 thumbprint, upper-case hex: what the Entra admin center shows under "Certificates & secrets". */
  thumbprint: string;
  /** SHA-256 thumbprint, upper-case hex (the `x5t#S256` of client assertions). */
  thumbprint_sha256: string;
  /** Subject distinguished name, e.g. `CN=conduit-sync`. */
  subject: string;
  /** ISO 8601 validity bounds. */
  not_before: string;
  not_after: string;
}

/** A validated certificate credential. */
export interface ClientCertificate {
  /** PKCS#8 PEM of the private key (secret). */
  privateKeyPem: string;
  /** PEM of the certificate, then the rest of the chain as given. */
  certificatePem: string;
  facts: ClientCertificateFacts;
}

/** The PEM given as a certificate credential is unusable; the message says why and what to do. */
export class ClientCertificateError extends Error {
  readonly code = 'invalid_client_certificate';
}

/** Largest PEM accepted: a key and a chain of a few certificates fit easily. */
export const MAX_CLIENT_CERTIFICATE_LENGTH = 65_536;

/** Tolerated clock difference for a certificate that has only just been issued. */
const NOT_YET_VALID_TOLERANCE_MS = 5 * 60_000;

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;
const KEY_LABELS = new Set(['PRIVATE KEY', 'RSA PRIVATE KEY']);

function hex(fingerprint: string): string {
  return fingerprint.replace(/:/g, '').toUpperCase();
}

function iso(x509Date: string): string {
  const ms = Date.parse(x509Date);
  return Number.isNaN(ms) ? x509Date : new Date(ms).toISOString();
}

/**
 * Validates a PEM holding a private key and its certificate, and derives what MSAL and the API
 * need. Throws `ClientCertificateError` with an administrator-facing message.
 */
export function parseClientCertificate(pem: string, now: number = Date.now()): ClientCertificate {
  const fail = (message: string): never => {
    throw new ClientCertificateError(message);
  };
  if (pem.length > MAX_CLIENT_CERTIFICATE_LENGTH)
    fail(`The PEM text is too long (over ${MAX_CLIENT_CERTIFICATE_LENGTH} characters).`);
  const blocks = [...pem.matchAll(PEM_BLOCK)].map((m) => ({ label: m[1] as string, text: m[0] }));
  if (blocks.length === 0)
    fail(
      'Paste the PEM text of the private key (-----BEGIN PRIVATE KEY-----) and the certificate (-----BEGIN CERTIFICATE-----). Convert a .pfx/.p12 file first: openssl pkcs12 -in app.pfx -nodes.',
    );
  if (blocks.some((b) => b.label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,ENCRYPTED/.test(b.text)))
    fail(
      'The private key is protected by a passphrase: export it without one (openssl pkey -in key.pem -out key-plain.pem). Conduit encrypts it at rest.',
    );
  const keys = blocks.filter((b) => KEY_LABELS.has(b.label) || b.label === 'EC PRIVATE KEY');
  const certs = blocks.filter((b) => b.label === 'CERTIFICATE');
  if (keys.length === 0)
    fail(
      'The PEM text holds no private key: add the certificate’s private key (-----BEGIN PRIVATE KEY-----).',
    );
  if (keys.length > 1) fail('The PEM text holds more than one private key: keep only the certificate’s own.');
  if (certs.length === 0)
    fail(
      'The PEM text holds no certificate: add the certificate (-----BEGIN CERTIFICATE-----) uploaded to the app registration.',
    );

  let key: KeyObject;
  try {
    key = createPrivateKey((keys[0] as { text: string }).text);
  } catch {
    return fail('The private key cannot be read: it is damaged or not a PEM private key.');
  }
  if (key.asymmetricKeyType !== 'rsa')
    fail(
      `Entra ID certificate credentials need an RSA key; this one is ${key.asymmetricKeyType ?? 'of an unknown type'}.`,
    );
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) fail(`Entra ID needs an RSA key of at least 2048 bits; this one has ${bits}.`);

  const parsed = certs.map((c, i) => {
    try {
      return new X509Certificate(c.text);
    } catch {
      return fail(
        certs.length === 1
          ? 'The certificate cannot be read: it is damaged or not an X.509 certificate.'
          : `Certificate ${i + 1} in the PEM text cannot be read: it is damaged or not an X.509 certificate.`,
      );
    }
  });
  const leaf = parsed.find((c) => c.checkPrivateKey(key));
  if (!leaf)
    return fail(
      'The private key does not belong to the certificate: their public keys differ. Paste the key that was generated with this certificate.',
    );

  const facts: ClientCertificateFacts = {
    thumbprint: hex(leaf.fingerprint),
    thumbprint_sha256: hex(leaf.fingerprint256),
    subject: leaf.subject.split('\n').join(', '),
    not_before: iso(leaf.validFrom),
    not_after: iso(leaf.validTo),
  };
  if (Date.parse(leaf.validTo) <= now)
    fail(
      `The certificate expired on ${facts.not_after}: create a new one, upload it to the app registration and paste it here.`,
    );
  if (Date.parse(leaf.validFrom) > now + NOT_YET_VALID_TOLERANCE_MS)
    fail(
      `The certificate is not valid before ${facts.not_before}: use it from then, or paste a current one.`,
    );

  return {
    privateKeyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certificatePem: [leaf, ...parsed.filter((c) => c !== leaf)].map((c) => c.toString().trim()).join('\n'),
    facts,
  };
}

/** Sealed-secret keys of a certificate credential (beside `client_secret` for a secret). */
export const CERTIFICATE_SECRET_KEYS = {
  privateKey: 'client_certificate_key',
  certificate: 'client_certificate',
} as const;

/**
 * MSAL's certificate credential from the sealed secrets, or undefined when the provider uses a
 * client secret. The thumbprint is recomputed from the stored certificate.
 */
export function certificateCredential(
  secrets: Record<string, string>,
): { privateKeyPem: string; thumbprintSha256: string; x5c: string } | undefined {
  const privateKeyPem = secrets[CERTIFICATE_SECRET_KEYS.privateKey];
  const certificatePem = secrets[CERTIFICATE_SECRET_KEYS.certificate];
  if (!privateKeyPem || !certificatePem) return undefined;
  const leaf = new X509Certificate(certificatePem);
  return { privateKeyPem, thumbprintSha256: hex(leaf.fingerprint256), x5c: certificatePem };
}
