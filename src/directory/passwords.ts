/** Password hashing: argon2id from @node-rs/argon2 (prebuilt, no native build). */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { COMMON_PASSWORD_WORDS, COMMON_PASSWORDS } from './common-passwords.js';

/** The shortest password Conduit accepts (NIST SP 800-63B §5.1.1.2 asks for at least 8). */
export const MIN_PASSWORD_LENGTH = 8;

/**
 * The longest password Conduit accepts. argon2 hashes any length, but a bound keeps a hostile
 * login from making every attempt hash megabytes.
 */
export const MAX_PASSWORD_LENGTH = 1024;

const HASH_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Runs of keys or symbols people walk along: any stretch of them is as guessable as a word. */
const SEQUENCES = [
  '01234567890',
  '09876543210',
  'abcdefghijklmnopqrstuvwxyz',
  'zyxwvutsrqponmlkjihgfedcba',
  'qwertyuiop',
  'poiuytrewq',
  'asdfghjkl',
  'lkjhgfdsa',
  'zxcvbnm',
  'mnbvcxz',
  'qazwsxedcrfvtgbyhnujmikolp',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
];

/** Undo the letter-for-symbol swaps of the top lists ("p@ssw0rd"). */
function unLeet(text: string): string {
  return text
    .replace(/[@4]/g, 'a')
    .replace(/0/g, 'o')
    .replace(/[$5]/g, 's')
    .replace(/3/g, 'e')
    .replace(/7/g, 't');
}

function isCommon(password: string): boolean {
  const lower = password.normalize('NFKC').toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(unLeet(lower))) return true;
  // One short unit repeated ("aaaaaaaa", "12121212", "abcabcabc").
  if (/^(.{1,4})\1+$/su.test(lower)) return true;
  if (SEQUENCES.some((run) => run.includes(lower))) return true;
  // A common word with only digits and symbols around it ("Welcome2024!", "1monkey").
  const core = lower.replace(/^[\d\W_]+/u, '').replace(/[\d\W_]+$/u, '');
  return COMMON_PASSWORD_WORDS.has(core) || COMMON_PASSWORD_WORDS.has(unLeet(core));
}

/**
 * What is wrong with a password someone wants to set, or null when it is acceptable: at least
 * {@link MIN_PASSWORD_LENGTH} characters, at most {@link MAX_PASSWORD_LENGTH}, and not one of the
 * passwords attackers try first. The messages are Django's (authentik's) password validators' words.
 */
export function checkPasswordStrength(password: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    return `This password is too short. It must contain at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  if (length > MAX_PASSWORD_LENGTH) {
    return `This password is too long. It must contain at most ${MAX_PASSWORD_LENGTH} characters.`;
  }
  if (isCommon(password)) return 'This password is too common.';
  return null;
}

/** Hash a password with argon2id. */
export async function hashPassword(password: string): Promise<string> {
  return hash(password, HASH_OPTIONS);
}

/**
 * A hash of a random password nobody knows, made once: logins for unknown users (or users without
 * a password) verify against it, so they take as long as logins for known users and the answer
 * time does not reveal which usernames exist.
 */
let dummyHash: Promise<string> | undefined;

/**
 * Verify a password against a hash; with `null` (no such user, or no password set), verify against
 * a dummy hash of the same cost and answer false, so both cases take equally long.
 */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    dummyHash ??= hash(randomBytes(32).toString('base64url'), HASH_OPTIONS);
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
