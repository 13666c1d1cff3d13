/**
 * Seedable randomness. Separate streams (ids, faults, latency, tokens) keep one knob from
 * perturbing another: turning faults on must not change the ids a seeded test sees.
 */

/** A deterministic pseudo-random source returning floats in [0, 1). */
export interface RandomSource {
  next(): number;
}

/** mulberry32: tiny, fast, good enough for test reproducibility (not for secrets). */
export function createRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return {
    next(): number {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** Integer in [min, max]. */
export function randomInt(random: RandomSource, min: number, max: number): number {
  return min + Math.floor(random.next() * (max - min + 1));
}

const HEX = '0123456789abcdef';

/** A version-4-shaped GUID from the given stream. */
export function randomGuid(random: RandomSource): string {
  let out = '';
  for (let i = 0; i < 32; i++) {
    let nibble = Math.floor(random.next() * 16);
    if (i === 12) nibble = 4;
    if (i === 16) nibble = (nibble & 0x3) | 0x8;
    out += HEX[nibble];
    if (i === 7 || i === 11 || i === 15 || i === 19) out += '-';
  }
  return out;
}

const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.';

/** A client secret shaped like Entra's (`xxx8Q~` followed by 34 characters). */
export function randomSecretText(random: RandomSource): string {
  let out = '';
  for (let i = 0; i < 37; i++) out += SECRET_ALPHABET[Math.floor(random.next() * SECRET_ALPHABET.length)];
  return `${out.slice(0, 3)}8Q~${out.slice(3)}`;
}

/** Fisher–Yates shuffle in place. */
export function shuffleInPlace<T>(items: T[], random: RandomSource): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    const a = items[i] as T;
    items[i] = items[j] as T;
    items[j] = a;
  }
  return items;
}
