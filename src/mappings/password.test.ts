import { describe, expect, it } from 'vitest';
import { generatePassword } from './password.js';

describe('generatePassword', () => {
  it('meets the Entra policy with all four character classes', () => {
    for (let i = 0; i < 200; i++) {
      const password = generatePassword();
      expect(password).toHaveLength(24);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[0-9]/);
      expect(password).toMatch(/[^A-Za-z0-9]/);
      expect(password).toMatch(/^[\x21-\x7e]+$/);
    }
  });

  it('clamps the length to 16..256', () => {
    expect(generatePassword(4)).toHaveLength(16);
    expect(generatePassword(1000)).toHaveLength(256);
    expect(generatePassword(Number.NaN)).toHaveLength(24);
  });
});
