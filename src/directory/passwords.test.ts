import { describe, expect, it } from 'vitest';
import { checkPasswordStrength, hashPassword, verifyPassword } from './passwords.js';

describe('checkPasswordStrength', () => {
  it('accepts long, uncommon passwords', () => {
    for (const ok of ['correct-horse-battery', 'admin-password-e2e-1', 'analytical-engine', 'Tr0ub4dor&3x']) {
      expect(checkPasswordStrength(ok), ok).toBeNull();
    }
  });

  it('refuses passwords shorter than 8 characters, counting characters not UTF-16 units', () => {
    expect(checkPasswordStrength('aB3$xy7')).toBe(
      'This password is too short. It must contain at least 8 characters.',
    );
    expect(checkPasswordStrength('😀😀😀😀')).toMatch(/too short/);
  });

  it('refuses passwords longer than the maximum', () => {
    expect(checkPasswordStrength('x'.repeat(1025))).toMatch(/too long/);
  });

  it('refuses the common passwords, their leetspeak and their digit-or-symbol variants', () => {
    for (const weak of [
      'password',
      'Password1',
      'PASSWORD123',
      'P@ssw0rd',
      'Welcome2024!',
      'qwertyuiop',
      '12345678',
      'iloveyou',
      'aaaaaaaa',
      '12121212',
      'abcdefghij',
      '1qaz2wsx',
      '2024monkey',
      'Conduit123',
    ]) {
      expect(checkPasswordStrength(weak), weak).toBe('This password is too common.');
    }
  });
});

describe('verifyPassword', () => {
  it('verifies a real hash and answers false for a missing one after doing the same work', async () => {
    const hashed = await hashPassword('correct-horse-battery');
    expect(await verifyPassword(hashed, 'correct-horse-battery')).toBe(true);
    expect(await verifyPassword(hashed, 'wrong-horse-battery')).toBe(false);
    expect(await verifyPassword(null, 'correct-horse-battery')).toBe(false);
    // The fastest of several runs, so a busy machine slowing one of them does not decide the test.
    const fastest = async (password: string | null) => {
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        await verifyPassword(password, 'wrong-horse-battery');
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    const known = await fastest(hashed);
    const unknown = await fastest(null);
    // Both run one argon2 verification of the same cost; without the dummy hash the unknown case
    // takes well under a millisecond, a hundredth of an argon2 verification.
    expect(unknown).toBeGreaterThan(known / 10);
  });
});
