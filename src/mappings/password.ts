/**
 * Initial passwords for users created in Entra ID. Generated with the host's CSPRNG
 * (`node:crypto`), never derived from the local password hash: a hash is secret material, and
 * Entra would store it as a usable plaintext password (authentik sends the hash; see
 * docs/property-mappings.md, "Managed default mappings").
 */
import { randomBytes } from 'node:crypto';

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

// Random bytes are drawn in blocks: one `randomBytes` call per few passwords instead of one
// `randomInt` call per character.
let pool = Buffer.alloc(0);
let poolIndex = 0;

/** Uniform integer in [0, n) for 0 < n <= 256, by rejection sampling over CSPRNG bytes. */
function randomBelow(n: number): number {
  const limit = 256 - (256 % n);
  for (;;) {
    if (poolIndex >= pool.length) {
      pool = randomBytes(512);
      poolIndex = 0;
    }
    const byte = pool[poolIndex++] as number;
    if (byte < limit) return byte % n;
  }
}

function pick(alphabet: string): string {
  return alphabet.charAt(randomBelow(alphabet.length));
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
  while (chars.length < size) chars.push(pick(ALL));
  // Fisher–Yates, so the guaranteed classes are not always in front.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomBelow(i + 1);
    const tmp = chars[i] as string;
    chars[i] = chars[j] as string;
    chars[j] = tmp;
  }
  return chars.join('');
}
