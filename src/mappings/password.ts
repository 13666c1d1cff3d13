/**
 * Initial passwords for users created in Entra ID. Generated with the host's CSPRNG
 * (`node:crypto`), never derived from the local password hash: a hash is secret material, and
 * Entra would store it as a usable plaintext password (reference weakness §9.13).
 */
import { randomBytes, randomInt } from 'node:crypto';

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
// Symbols Entra accepts in passwords; quotes, backslash and space are left out so the value is
// easy to copy from a log or a preview.
const SYMBOLS = '!#$%&*+-=?@^_~.:';
const ALL = UPPER + LOWER + DIGITS + SYMBOLS;

/** Default length of generated passwords. */
export const DEFAULT_PASSWORD_LENGTH = 24;
/** Bounds accepted by {@link generatePassword}; Entra allows 8–256 characters. */
export const MIN_PASSWORD_LENGTH = 16;
export const MAX_PASSWORD_LENGTH = 256;

function pick(alphabet: string): string {
  return alphabet.charAt(randomInt(alphabet.length));
}

/**
 * A random password that meets Entra's policy: at least 16 characters (default 24) containing
 * upper case, lower case, digits and symbols. `length` is clamped to 16–256.
 */
export function generatePassword(length: number = DEFAULT_PASSWORD_LENGTH): string {
  const size = Number.isFinite(length)
    ? Math.min(MAX_PASSWORD_LENGTH, Math.max(MIN_PASSWORD_LENGTH, Math.trunc(length)))
    : DEFAULT_PASSWORD_LENGTH;
  const chars = [pick(UPPER), pick(LOWER), pick(DIGITS), pick(SYMBOLS)];
  // The rest from one buffer of random bytes, rejecting bytes that would bias the choice.
  const unbiased = 256 - (256 % ALL.length);
  while (chars.length < size) {
    for (const byte of randomBytes(2 * size)) {
      if (byte >= unbiased) continue;
      chars.push(ALL.charAt(byte % ALL.length));
      if (chars.length === size) break;
    }
  }
  // Fisher–Yates, so the guaranteed classes are not always in front.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    const tmp = chars[i] as string;
    chars[i] = chars[j] as string;
    chars[j] = tmp;
  }
  return chars.join('');
}
