import { describe, expect, it } from 'vitest';
import { createSecretBox, generateSecretKey, parseSecretKeys, SecretUnreadableError } from './secret-box.js';

describe('secret box', () => {
  const box = createSecretBox(parseSecretKeys(generateSecretKey()));

  it('seals to an opaque value that opens only in the same context', () => {
    const sealed = box.seal('s3cr3t-value', 'providers.secrets.1');
    expect(sealed).not.toContain('s3cr3t');
    expect(box.open(sealed, 'providers.secrets.1')).toBe('s3cr3t-value');
    expect(() => box.open(sealed, 'providers.secrets.2')).toThrow(SecretUnreadableError);
  });

  it('uses a fresh IV each time', () => {
    expect(box.seal('x', 'c')).not.toBe(box.seal('x', 'c'));
  });

  it('opens values sealed with an older key after rotation, and rejects unknown keys and tampering', () => {
    const oldKey = generateSecretKey();
    const sealedOld = createSecretBox(parseSecretKeys(oldKey)).seal('old', 'c');
    const rotated = createSecretBox(parseSecretKeys(`${generateSecretKey()},${oldKey}`));
    expect(rotated.open(sealedOld, 'c')).toBe('old');
    expect(() => box.open(sealedOld, 'c')).toThrow(/configured keys/);
    const parts = sealedOld.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => rotated.open(parts.join('.'), 'c')).toThrow(/failed authentication/);
  });

  it('refuses keys of the wrong size', () => {
    expect(() => parseSecretKeys(Buffer.from('short').toString('base64'))).toThrow(/32 bytes/);
  });
});
