/**
 * LDAP entries as the sync and the mappings see them: attribute name → values (always an array of
 * strings; binary attributes such as objectGUID as lower-case hex), plus decoders for Active
 * Directory's binary and flag attributes. Pure.
 */
import type { Entry } from 'ldapts';

/** An entry's attributes: every value a string (binary values in hex). */
export type EntryAttributes = Record<string, string[]>;

/** The attributes of an ldapts entry, without `dn`. */
export function entryAttributes(entry: Entry): EntryAttributes {
  const out: EntryAttributes = {};
  for (const [name, raw] of Object.entries(entry)) {
    if (name === 'dn') continue;
    const values = Array.isArray(raw) ? raw : [raw];
    out[name] = values.map((v) => (Buffer.isBuffer(v) ? v.toString('hex') : String(v)));
  }
  return out;
}

/** The values of `name`, case-insensitively (LDAP attribute names are case-insensitive). */
export function attributeValues(attributes: EntryAttributes, name: string): string[] {
  const direct = attributes[name];
  if (direct) return direct;
  const wanted = name.toLowerCase();
  for (const [key, values] of Object.entries(attributes)) if (key.toLowerCase() === wanted) return values;
  return [];
}

/** The first value of `name`, or undefined. */
export function firstValue(attributes: EntryAttributes, name: string): string | undefined {
  return attributeValues(attributes, name)[0];
}

/**
 * objectGUID (16 bytes, hex) in the registry form Windows shows: the first three groups are
 * little-endian (https://learn.microsoft.com/en-us/windows/win32/adschema/a-objectguid).
 */
export function guidFromHex(hex: string): string {
  if (!/^[0-9a-f]{32}$/i.test(hex)) return hex;
  const b = Buffer.from(hex, 'hex');
  const h = (from: number, to: number, reverse: boolean) => {
    const part = b.subarray(from, to);
    return Buffer.from(reverse ? [...part].reverse() : part).toString('hex');
  };
  return `${h(0, 4, true)}-${h(4, 6, true)}-${h(6, 8, true)}-${h(8, 10, false)}-${h(10, 16, false)}`;
}

/**
 * objectSid (binary, hex) as its string form S-1-5-21-…
 * (https://learn.microsoft.com/en-us/windows/win32/secauthz/sid-components).
 */
export function sidFromHex(hex: string): string {
  if (!/^([0-9a-f]{2})+$/i.test(hex) || hex.length < 16) return hex;
  const b = Buffer.from(hex, 'hex');
  const count = b[1] ?? 0;
  if (b.length < 8 + 4 * count) return hex;
  const authority = b.readUIntBE(2, 6);
  const subs: number[] = [];
  for (let i = 0; i < count; i++) subs.push(b.readUInt32LE(8 + 4 * i));
  return ['S', b[0], authority, ...subs].join('-');
}

/**
 * userAccountControl's flags by bit
 * (https://learn.microsoft.com/en-us/troubleshoot/windows-server/active-directory/useraccountcontrol-manipulate-account-properties).
 */
export const USER_ACCOUNT_CONTROL_FLAGS: ReadonlyArray<readonly [string, number]> = [
  ['SCRIPT', 0x1],
  ['ACCOUNTDISABLE', 0x2],
  ['HOMEDIR_REQUIRED', 0x8],
  ['LOCKOUT', 0x10],
  ['PASSWD_NOTREQD', 0x20],
  ['PASSWD_CANT_CHANGE', 0x40],
  ['ENCRYPTED_TEXT_PWD_ALLOWED', 0x80],
  ['TEMP_DUPLICATE_ACCOUNT', 0x100],
  ['NORMAL_ACCOUNT', 0x200],
  ['INTERDOMAIN_TRUST_ACCOUNT', 0x800],
  ['WORKSTATION_TRUST_ACCOUNT', 0x1000],
  ['SERVER_TRUST_ACCOUNT', 0x2000],
  ['DONT_EXPIRE_PASSWORD', 0x10000],
  ['MNS_LOGON_ACCOUNT', 0x20000],
  ['SMARTCARD_REQUIRED', 0x40000],
  ['TRUSTED_FOR_DELEGATION', 0x80000],
  ['NOT_DELEGATED', 0x100000],
  ['USE_DES_KEY_ONLY', 0x200000],
  ['DONT_REQ_PREAUTH', 0x400000],
  ['PASSWORD_EXPIRED', 0x800000],
  ['TRUSTED_TO_AUTH_FOR_DELEGATION', 0x1000000],
  ['PARTIAL_SECRETS_ACCOUNT', 0x4000000],
];

/** The names of the flags set in a userAccountControl value. */
export function userAccountControlFlags(value: string | number): string[] {
  const n = typeof value === 'number' ? value : Number.parseInt(value, 10);
  if (!Number.isFinite(n)) return [];
  return USER_ACCOUNT_CONTROL_FLAGS.filter(([, bit]) => (n & bit) !== 0).map(([name]) => name);
}
