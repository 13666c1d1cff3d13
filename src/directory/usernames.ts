/**
 * What a username may contain, and when two usernames look alike.
 *
 * A username is shown to administrators in lists, audit events and Entra; characters that render as
 * nothing or reorder the text around them ("admin\u202Egnp.exe") make one account pass for another,
 * so they are refused, not stripped: the administrator sees exactly what was stored. Usernames are
 * stored in Unicode NFC so that the same visible name typed on two systems is one username.
 *
 * Lookalikes across scripts (Cyrillic "аdmin" for Latin "admin") are legitimate in some directories,
 * so they are reported, not refused: `usernameSkeleton` is a small version of Unicode's confusable
 * skeleton (https://www.unicode.org/reports/tr39/#Confusable_Detection) covering the Cyrillic and
 * Greek letters that look like Latin ones, full-width forms (through NFKC) and letter case.
 */
import { DirectoryValidationError } from './errors.js';

/** authentik's (Django's) username length. */
export const MAX_USERNAME_LENGTH = 150;

/** Characters that reorder the text around them (Unicode bidirectional controls). */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/** Characters that render as nothing (zero-width and other invisible format characters). */
const INVISIBLE = /[\p{Cf}\u115F\u1160\u3164\uFFA0]/u;
/** C0 and C1 control characters, and the line and paragraph separators. */
const CONTROL = /[\p{Cc}\u2028\u2029]/u;

function codePoint(match: RegExpExecArray): string {
  return `U+${(match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The username as stored (NFC), or a validation error on `username` naming what is wrong with it:
 * control, bidirectional-control or invisible characters, or more than {@link MAX_USERNAME_LENGTH}.
 */
export function normaliseUsername(username: string): string {
  const normalised = username.normalize('NFC');
  const problems: Array<[RegExp, string]> = [
    [CONTROL, 'control characters'],
    [BIDI_CONTROLS, 'bidirectional-override characters'],
    [INVISIBLE, 'zero-width or invisible characters'],
  ];
  for (const [pattern, what] of problems) {
    const match = pattern.exec(normalised);
    if (match) {
      throw DirectoryValidationError.field(
        'username',
        `Usernames cannot contain ${what} (found ${codePoint(match)} at position ${match.index + 1}).`,
      );
    }
  }
  if (normalised.trim() !== normalised) {
    throw DirectoryValidationError.field('username', 'Usernames cannot begin or end with spaces.');
  }
  if (normalised.length === 0)
    throw DirectoryValidationError.field('username', 'This field may not be blank.');
  if ([...normalised].length > MAX_USERNAME_LENGTH) {
    throw DirectoryValidationError.field(
      'username',
      `Ensure this field has no more than ${MAX_USERNAME_LENGTH} characters.`,
    );
  }
  return normalised;
}

/** Cyrillic and Greek letters drawn like Latin ones (from Unicode's confusables.txt), both cases. */
const LATIN_LOOKALIKES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    // Cyrillic
    а: 'a',
    в: 'b',
    е: 'e',
    ё: 'ë',
    һ: 'h',
    і: 'i',
    ї: 'ï',
    ј: 'j',
    к: 'k',
    ӏ: 'l',
    м: 'm',
    н: 'h',
    о: 'o',
    р: 'p',
    с: 'c',
    т: 't',
    у: 'y',
    х: 'x',
    ѕ: 's',
    ԁ: 'd',
    ԛ: 'q',
    ԝ: 'w',
    ь: 'b',
    ɡ: 'g',
    А: 'a',
    В: 'b',
    Е: 'e',
    Ё: 'ë',
    Һ: 'h',
    І: 'i',
    Ї: 'ï',
    Ј: 'j',
    К: 'k',
    Ӏ: 'l',
    М: 'm',
    Н: 'h',
    О: 'o',
    Р: 'p',
    С: 'c',
    Т: 't',
    У: 'y',
    Х: 'x',
    Ѕ: 's',
    Ԁ: 'd',
    Ԛ: 'q',
    Ԝ: 'w',
    // Greek
    α: 'a',
    β: 'b',
    ε: 'e',
    ι: 'i',
    κ: 'k',
    ν: 'v',
    ο: 'o',
    ρ: 'p',
    τ: 't',
    υ: 'u',
    χ: 'x',
    ϲ: 'c',
    ϳ: 'j',
    Α: 'a',
    Β: 'b',
    Ε: 'e',
    Ζ: 'z',
    Η: 'h',
    Ι: 'i',
    Κ: 'k',
    Μ: 'm',
    Ν: 'n',
    Ο: 'o',
    Ρ: 'p',
    Τ: 't',
    Υ: 'y',
    Χ: 'x',
    Ϲ: 'c',
    // Latin and digits drawn alike in most interface fonts
    ı: 'i',
    ℓ: 'l',
    '1': 'l',
    '|': 'l',
    '0': 'o',
  }),
);

/**
 * The form two usernames share when they look alike: NFKC (full-width and compatibility forms),
 * lookalike letters mapped to Latin, then lower case. Equal skeletons, different usernames: a lookalike.
 */
export function usernameSkeleton(username: string): string {
  const mapped = [...username.normalize('NFKC')].map((c) => LATIN_LOOKALIKES.get(c) ?? c).join('');
  return [...mapped.toLowerCase()].map((c) => LATIN_LOOKALIKES.get(c) ?? c).join('');
}
