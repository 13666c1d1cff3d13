/**
 * Minimal compact-JWS helpers on node:crypto: RS256 signing for access tokens, RS256/PS256
 * verification for certificate client assertions. Invariant: `verifyJwt` returns claims only after
 * the signature checked out; callers still check `aud`, `iss`, `exp` themselves.
 */
import { constants, type KeyObject, sign, verify } from 'node:crypto';

/** Decoded JOSE header and payload. */
export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

/** base64url without padding. */
export function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/** Signs `payload` with RS256. */
export function signJwtRs256(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  privateKey: KeyObject,
): string {
  const input = `${base64url(JSON.stringify({ ...header, alg: 'RS256' }))}.${base64url(JSON.stringify(payload))}`;
  return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
}

/** Splits and parses a compact JWS; undefined when it is not one. No signature check. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [h, p, s] = parts as [string, string, string];
  try {
    const header: unknown = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    const payload: unknown = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    if (!isRecord(header) || !isRecord(payload)) return undefined;
    return { header, payload, signingInput: `${h}.${p}`, signature: Buffer.from(s, 'base64url') };
  } catch {
    return undefined;
  }
}

/** Checks an RS256 or PS256 signature against `publicKey`. */
export function verifyJwtSignature(jwt: DecodedJwt, publicKey: KeyObject): boolean {
  const data = Buffer.from(jwt.signingInput);
  try {
    if (jwt.header.alg === 'RS256') return verify('sha256', data, publicKey, jwt.signature);
    if (jwt.header.alg === 'PS256') {
      return verify(
        'sha256',
        data,
        {
          key: publicKey,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: constants.RSA_PSS_SALTLEN_AUTO,
        },
        jwt.signature,
      );
    }
  } catch {
    return false;
  }
  return false;
}

/** Narrowing helper for parsed JSON. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
