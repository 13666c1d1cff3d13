/**
 * Secrets at rest: AES-256-GCM with a random 96-bit IV, the key id written into the ciphertext,
 * and associated data that binds a ciphertext to its table, column and row, so a sealed value
 * copied into another row does not open. A key ring allows rotation: the first key seals, every
 * key opens.
 *
 * Invariants: a plaintext secret never leaves this module except as the return of `open`;
 * no key material is logged; a wrong key or tampered value throws `SecretUnreadableError`.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';

export class SecretUnreadableError extends Error {
  readonly code = 'secret_unreadable';
}

export interface SecretKey {
  id: string;
  key: Buffer;
}

export interface SecretBox {
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
}

/** Parse `CONDUIT_SECRET_KEYS`: comma-separated base64 keys of 32 bytes, the first one sealing. */
export function parseSecretKeys(value: string): SecretKey[] {
  const keys = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((encoded) => {
      const key = Buffer.from(encoded, 'base64');
      if (key.length !== 32)
        throw new Error('each secret key must be 32 bytes, base64-encoded (openssl rand -base64 32)');
      return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
    });
  if (keys.length === 0) throw new Error('at least one secret key is required');
  return keys;
}

export function generateSecretKey(): string {
  return randomBytes(32).toString('base64');
}

export function createSecretBox(keys: SecretKey[]): SecretBox {
  const [sealing] = keys;
  if (!sealing) throw new Error('at least one secret key is required');
  return {
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', sealing.key, iv);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [
        VERSION,
        sealing.id,
        iv.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
        body.toString('base64url'),
      ].join('.');
    },
    open(sealed, context) {
      const [version, keyId, iv, tag, body] = sealed.split('.');
      const key = keys.find((k) => k.id === keyId);
      if (version !== VERSION || !key || iv === undefined || tag === undefined || body === undefined) {
        throw new SecretUnreadableError(
          'The stored secret cannot be read with the configured keys (CONDUIT_SECRET_KEYS).',
        );
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(context));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new SecretUnreadableError(
          'The stored secret failed authentication: wrong key, or the value was tampered with or moved.',
        );
      }
    },
  };
}
