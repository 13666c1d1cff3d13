/**
 * LDAP source property mappings, evaluated in Conduit's QuickJS sandbox through src/mappings'
 * public functions. A source mapping sees the entry, not a directory object, and returns part of
 * a directory user (`username`, `name`, `email`, `is_active`, `path`, `attributes`, `type`) or
 * group (`name`, `attributes`, `is_superuser`); results of a set are deep-merged in name order as
 * for providers. The sets are compiled with src/mappings' `directory` result kind, which checks
 * those fields, and a prelude (`SOURCE_PRELUDE`) that defines, before the expression runs and on
 * none of its lines, the context variables `ldap` (attributes → arrays of strings), `dn`,
 * `source`, and the helpers `first`, `attr`, `attrs`, `guid`, `sid`, `uac`, `dnValues`,
 * `memberOfNames`. `SkipObject` and `null` work as usual. (docs/admin/ldap-sources.md,
 * "Property mappings"; docs/adr/0008-ldap-source.md.)
 */
import {
  type CompiledMappingSet,
  compileMappingSet,
  DIRECTORY_GROUP_FIELDS,
  DIRECTORY_USER_FIELDS,
  type MappingContext,
  type MappingDefinition,
  type MappingLogLine,
  type MappingOutcome,
  type MappingPrelude,
  PropertyMappingError,
} from '../../mappings/index.js';
import type { EntryAttributes } from './entries.js';

/** Fields a user mapping may set. */
export const USER_RESULT_FIELDS = Object.keys(DIRECTORY_USER_FIELDS);
/** Fields a group mapping may set. */
export const GROUP_RESULT_FIELDS = Object.keys(DIRECTORY_GROUP_FIELDS);

const UAC_FLAGS = {
  SCRIPT: 1,
  ACCOUNTDISABLE: 2,
  HOMEDIR_REQUIRED: 8,
  LOCKOUT: 16,
  PASSWD_NOTREQD: 32,
  PASSWD_CANT_CHANGE: 64,
  ENCRYPTED_TEXT_PWD_ALLOWED: 128,
  TEMP_DUPLICATE_ACCOUNT: 256,
  NORMAL_ACCOUNT: 512,
  INTERDOMAIN_TRUST_ACCOUNT: 2048,
  WORKSTATION_TRUST_ACCOUNT: 4096,
  SERVER_TRUST_ACCOUNT: 8192,
  DONT_EXPIRE_PASSWORD: 65536,
  MNS_LOGON_ACCOUNT: 131072,
  SMARTCARD_REQUIRED: 262144,
  TRUSTED_FOR_DELEGATION: 524288,
  NOT_DELEGATED: 1048576,
  USE_DES_KEY_ONLY: 2097152,
  DONT_REQ_PREAUTH: 4194304,
  PASSWORD_EXPIRED: 8388608,
  TRUSTED_TO_AUTH_FOR_DELEGATION: 16777216,
  PARTIAL_SECRETS_ACCOUNT: 67108864,
};

/**
 * The helpers, in the sandbox's language (plain ES2020, no host access), run once per entry
 * before the set's mappings. `userAccountControl` flags:
 * https://learn.microsoft.com/en-us/troubleshoot/windows-server/active-directory/useraccountcontrol-manipulate-account-properties
 */
export const SOURCE_PRELUDE: MappingPrelude = Object.freeze({
  source: String.raw`const entry = user !== null ? user : group;
const ldap = entry.ldap;
const dn = entry.dn;
const source = provider;
function first(v) { return Array.isArray(v) ? v[0] : v; }
function attrs(name) {
  const k = Object.keys(ldap).find((x) => x.toLowerCase() === String(name).toLowerCase());
  return k === undefined ? [] : ldap[k];
}
function attr(name) { return attrs(name)[0]; }
function hexByte(v, i) { return parseInt(v.substr(i * 2, 2), 16); }
function guid(hex) {
  hex = first(hex);
  if (typeof hex !== "string" || !/^[0-9a-fA-F]{32}$/.test(hex)) return hex;
  const b = (i) => hex.substr(i * 2, 2);
  return [b(3) + b(2) + b(1) + b(0), b(5) + b(4), b(7) + b(6), b(8) + b(9), hex.substr(20)].join("-").toLowerCase();
}
function sid(hex) {
  hex = first(hex);
  if (typeof hex !== "string" || hex.length < 16) return hex;
  const n = hexByte(hex, 1);
  let auth = 0;
  for (let i = 2; i < 8; i++) auth = auth * 256 + hexByte(hex, i);
  const out = ["S", hexByte(hex, 0), auth];
  for (let j = 0; j < n; j++) {
    const o = 8 + j * 4;
    out.push(hexByte(hex, o + 3) * 16777216 + (hexByte(hex, o + 2) << 16) + (hexByte(hex, o + 1) << 8) + hexByte(hex, o));
  }
  return out.join("-");
}
const UAC = ${JSON.stringify(UAC_FLAGS)};
function uac(v) {
  const n = parseInt(first(v), 10);
  return isNaN(n) ? [] : Object.keys(UAC).filter((k) => (n & UAC[k]) !== 0);
}
function dnValues(value, type) {
  const out = [];
  for (const part of String(first(value)).split(/(?<!\\),/)) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim().toLowerCase() === String(type).toLowerCase()) out.push(part.slice(eq + 1).trim());
  }
  return out;
}
function memberOfNames(values) {
  return (Array.isArray(values) ? values : values === undefined ? [] : [values])
    .map((v) => dnValues(v, "cn")[0])
    .filter((v) => v !== undefined);
}`,
  names: Object.freeze([
    'ldap',
    'dn',
    'source',
    'first',
    'attr',
    'attrs',
    'guid',
    'sid',
    'uac',
    'dnValues',
    'memberOfNames',
  ]),
});

/** A mapping as stored, for a source set. */
export interface SourceMappingDefinition {
  id: string;
  name: string;
  expression: string;
}

/** The LDAP entry a mapping sees (as the sandbox's `user` or `group`). */
export interface SourceMappingInput {
  dn: string;
  attributes: EntryAttributes;
}

/** What a mapping set made of one entry. */
export type SourceMappingOutcome =
  | { status: 'ok'; fields: Record<string, unknown>; logs: MappingLogLine[] }
  | { status: 'skip'; mapping: string; logs: MappingLogLine[] }
  | { status: 'error'; message: string; mapping: string | null; line: number | null; logs: MappingLogLine[] };

/** A source's user or group mapping set, compiled once per run. */
export interface CompiledSourceMappings {
  map(entries: readonly SourceMappingInput[]): Promise<SourceMappingOutcome[]>;
  dispose(): void;
}

/** The run's non-secret source fields the mappings see as `source`. */
export interface SourceMappingInfo {
  pk: number;
  name: string;
  slug: string;
  base_dn: string;
}

function contextFor(
  kind: 'user' | 'group',
  entry: SourceMappingInput,
  info: SourceMappingInfo,
): MappingContext {
  // Not a MappingUser: the sandbox copies it as plain JSON; `username`/`name`/`pk` name the entry in errors.
  const object = { pk: info.pk, username: entry.dn, name: entry.dn, dn: entry.dn, ldap: entry.attributes };
  const provider = {
    pk: info.pk,
    name: info.name,
    tenant_id: '',
    client_id: '',
    slug: info.slug,
    base_dn: info.base_dn,
  };
  return kind === 'user'
    ? ({ user: object, group: null, provider, connection: null } as unknown as MappingContext)
    : ({ user: null, group: object, provider, connection: null } as unknown as MappingContext);
}

function toSourceOutcome(outcome: MappingOutcome): SourceMappingOutcome {
  if (outcome.status === 'ok') return { status: 'ok', fields: outcome.body, logs: outcome.logs };
  if (outcome.status === 'skip') return outcome;
  const e = outcome.error;
  return {
    status: 'error',
    message: e.message,
    mapping: 'mappingName' in e ? e.mappingName || null : null,
    line: e instanceof PropertyMappingError ? (e.line ?? null) : null,
    logs: outcome.logs,
  };
}

/** Compile a source's mapping set (rejects with `MappingSyntaxError` naming the mapping and line). */
export async function compileSourceMappings(
  mappings: readonly SourceMappingDefinition[],
  kind: 'user' | 'group',
  info: SourceMappingInfo,
): Promise<CompiledSourceMappings> {
  const definitions: MappingDefinition[] = mappings.map((m) => ({
    id: m.id,
    name: m.name,
    expression: m.expression,
  }));
  if (definitions.length === 0) {
    return {
      async map(entries) {
        return entries.map(() => ({ status: 'ok' as const, fields: {}, logs: [] }));
      },
      dispose() {},
    };
  }
  const compiled: CompiledMappingSet = await compileMappingSet(definitions, kind, undefined, {
    resultKind: 'directory',
    prelude: SOURCE_PRELUDE,
  });
  return {
    async map(entries) {
      const outcomes = await compiled.evaluateMany(entries.map((e) => contextFor(kind, e, info)));
      return outcomes.map(toSourceOutcome);
    },
    dispose() {
      compiled.dispose();
    },
  };
}
