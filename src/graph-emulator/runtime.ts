/**
 * The state of one running emulator, shared by the login, Graph and control endpoints.
 * Everything is in memory and single-threaded: handlers run to completion between awaits, so no
 * locking is needed as long as a handler does not await in the middle of a mutation.
 */
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { ScriptedFault } from './faults.js';
import type { AppRegistration, Tenant } from './model.js';
import { createRandom, type RandomSource, randomGuid } from './random.js';
import { defaultSettings, type EmulatorSettings } from './settings.js';
import { type EmulatorStats, emptyStats, type RequestLogEntry } from './stats.js';
import type { ThrottleState } from './throttling.js';

/** Claims the Graph side relies on, cached per validated token string. */
export interface AccessTokenClaims {
  tid: string;
  appid: string;
  roles: string[];
  exp: number;
  nbf: number;
}

/** The signing key of access tokens, published at the JWKS endpoint. */
export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  kid: string;
  jwk: Record<string, unknown>;
}

/** Identifiers of the ready-made tenant and app. */
export interface DefaultIdentity {
  tenantId: string;
  domain: string;
  clientId: string;
  clientSecret: string;
  roles: string[];
}

/** The mutable state of a running emulator. */
export interface EmulatorRuntime {
  settings: EmulatorSettings;
  tenants: Map<string, Tenant>;
  signingKey: SigningKey;
  /** `https://127.0.0.1:PORT` once listening. */
  origin: string;
  seed: number;
  random: {
    ids: RandomSource;
    faults: RandomSource;
    latency: RandomSource;
    tokens: RandomSource;
    batch: RandomSource;
  };
  stats: EmulatorStats;
  requestLog: RequestLogEntry[];
  logSeq: number;
  scriptedFaults: ScriptedFault[];
  throttle: ThrottleState;
  tokenCache: Map<string, AccessTokenClaims>;
  /** Delta tokens minted before this real-time instant are treated as expired. */
  deltaTokensValidFrom: number;
  defaults: DefaultIdentity;
  /** Service-principal id → app, across tenants (for `x-ms-throttle-scope`). */
  appsByClientId: Map<string, AppRegistration>;
}

let signingKeyCache: SigningKey | undefined;

/** One RSA key per process is enough: tokens carry `tid`, and each emulator also checks its tenants. */
export function getSigningKey(): SigningKey {
  if (signingKeyCache) return signingKeyCache;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  const kid = createHash('sha256').update(String(jwk.n)).digest('base64url').slice(0, 27);
  signingKeyCache = {
    privateKey,
    publicKey,
    kid,
    jwk: { kty: 'RSA', use: 'sig', kid, x5t: kid, n: jwk.n, e: jwk.e },
  };
  return signingKeyCache;
}

/** Builds a fresh runtime (no tenants yet). */
export function createRuntime(seed: number): EmulatorRuntime {
  return {
    settings: defaultSettings(),
    tenants: new Map(),
    signingKey: getSigningKey(),
    origin: '',
    seed,
    random: {
      ids: createRandom(seed),
      faults: createRandom(seed ^ 0x5f3759df),
      latency: createRandom(seed ^ 0x1b873593),
      tokens: createRandom(seed ^ 0x68e31da4),
      batch: createRandom(seed ^ 0x2545f491),
    },
    stats: emptyStats(),
    requestLog: [],
    logSeq: 0,
    scriptedFaults: [],
    throttle: { buckets: new Map(), throttledUntil: new Map() },
    tokenCache: new Map(),
    deltaTokensValidFrom: 0,
    defaults: { tenantId: '', domain: '', clientId: '', clientSecret: '', roles: [] },
    appsByClientId: new Map(),
  };
}

/** A new GUID from the seeded id stream. */
export function newId(runtime: EmulatorRuntime): string {
  return randomGuid(runtime.random.ids);
}

/** Graph base URL including the version. */
export function graphBase(runtime: EmulatorRuntime): string {
  return `${runtime.origin}/v1.0`;
}

/** Appends to the bounded request log. */
export function logRequest(runtime: EmulatorRuntime, entry: Omit<RequestLogEntry, 'seq' | 'time'>): void {
  runtime.logSeq += 1;
  runtime.requestLog.push({ seq: runtime.logSeq, time: new Date().toISOString(), ...entry });
  // Trim in chunks so the hot path does not memmove the whole log on every request.
  const limit = runtime.settings.requestLogLimit;
  if (runtime.requestLog.length > limit + Math.max(100, limit >> 3))
    runtime.requestLog.splice(0, runtime.requestLog.length - limit);
}
