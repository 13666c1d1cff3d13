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

describe('generatePassword: distribution', () => {
  it('uses every position and character class without an obvious bias', () => {
    const firstChars = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const c = generatePassword().charAt(0);
      firstChars.set(c, (firstChars.get(c) ?? 0) + 1);
    }
    // 73 possible characters; a broken shuffle would pin the first one to one class.
    expect(firstChars.size).toBeGreaterThan(60);
    for (const count of firstChars.values()) expect(count).toBeLessThan(200);
  });
});
