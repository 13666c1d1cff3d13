/**
 * Connecting and binding to a source's LDAP server through ldapts (no protocol code of our own):
 * servers of `server_uri` tried in order (failover), `ldaps://` or StartTLS verified against the
 * source's CA (`peer_certificate_pem`) or the system's roots, and paged searches (RFC 2696,
 * https://www.rfc-editor.org/rfc/rfc2696) with a bounded page size.
 *
 * Invariants: the bind password is passed to ldapts and nowhere else (never logged, never in an
 * error); a failure names the server and what to fix, and is an `LdapConnectionError` so the sync
 * can tell "the server could not be read" (nothing may be deleted) from a bad entry.
 */
import type { ConnectionOptions } from 'node:tls';
import { Client, type Entry, InvalidCredentialsError } from 'ldapts';
import {
  type LdapServer,
  type LdapSourceSettings,
  MAX_PAGE_SIZE,
  parseServerUris,
} from './source-settings.js';

/** Why the server could not be used: `connect` (network, TLS), `bind` (credentials), `search`. */
export class LdapConnectionError extends Error {
  readonly code = 'ldap_connection_error';
  constructor(
    readonly stage: 'connect' | 'tls' | 'bind' | 'search',
    message: string,
    readonly server: string | null,
  ) {
    super(message);
  }
}

/** Binary attributes ldapts must hand over as bytes (decoded as text they are corrupted). */
export const BINARY_ATTRIBUTES = [
  'objectGUID',
  'objectSid',
  'mS-DS-ConsistencyGuid',
  'jpegPhoto',
  'thumbnailPhoto',
  'userCertificate',
  'userCertificate;binary',
  'sIDHistory',
];

/** A bound connection to one server. */
export interface LdapSession {
  server: LdapServer;
  /** Every entry below `base` matching `filter`, one page at a time. */
  searchPages(
    base: string,
    filter: string,
    attributes: string[],
    pageSize: number,
  ): AsyncGenerator<Entry[], void, undefined>;
  /** One entry by DN (scope base), or null when it is gone. */
  readEntry(dn: string, attributes: string[]): Promise<Entry | null>;
  /** Entries below `base` matching `filter`, at most `limit`. */
  sample(base: string, filter: string, limit: number, attributes?: string[]): Promise<Entry[]>;
  close(): Promise<void>;
}

function tlsOptions(
  settings: Pick<LdapSourceSettings, 'peer_certificate_pem' | 'sni'>,
  host: string,
): ConnectionOptions {
  return {
    ...(settings.peer_certificate_pem ? { ca: settings.peer_certificate_pem } : {}),
    ...(settings.sni ? { servername: host } : {}),
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
  };
}

function describeNetworkError(error: unknown, server: LdapServer): LdapConnectionError {
  const e = error as { code?: string; message?: string };
  const message = e.message ?? String(error);
  const tls =
    /certificate|self.signed|CERT_|unable to verify|altnames|SSL|TLS|wrong version number/i.test(message) ||
    /^ERR_TLS|CERT/.test(e.code ?? '');
  if (tls) {
    return new LdapConnectionError(
      'tls',
      `TLS with ${server.uri} failed: ${message}. Check that peer_certificate holds the CA that signed the server's certificate, and that the host name in server_uri is the one in the certificate.`,
      server.uri,
    );
  }
  if (
    e.code === 'ECONNREFUSED' ||
    e.code === 'EHOSTUNREACH' ||
    e.code === 'ENOTFOUND' ||
    /timeout/i.test(message)
  ) {
    return new LdapConnectionError(
      'connect',
      `Cannot reach ${server.uri} (${e.code ?? message}). Check the host and port in server_uri and that the server is running.`,
      server.uri,
    );
  }
  return new LdapConnectionError('connect', `Connecting to ${server.uri} failed: ${message}.`, server.uri);
}

async function openOne(
  server: LdapServer,
  settings: LdapSourceSettings,
  bindPassword: string,
  timeoutMs: number,
): Promise<LdapSession> {
  const tls = tlsOptions(settings, server.host);
  const client = new Client({
    url: `${server.secure ? 'ldaps' : 'ldap'}://${server.host.includes(':') ? `[${server.host}]` : server.host}:${server.port}`,
    timeout: timeoutMs,
    connectTimeout: timeoutMs,
    strictDN: false,
    ...(server.secure ? { tlsOptions: tls } : {}),
  });
  try {
    if (settings.start_tls && !server.secure) await client.startTLS(tls);
  } catch (error) {
    await client.unbind().catch(() => undefined);
    const described = describeNetworkError(error, server);
    if (described.stage === 'connect' && /StartTLS|unavailable|protocol/i.test(described.message)) {
      throw new LdapConnectionError(
        'tls',
        `${server.uri} refused StartTLS: ${(error as Error).message}. Turn start_tls off, or enable TLS on the server.`,
        server.uri,
      );
    }
    throw described.stage === 'connect' && !/Cannot reach/.test(described.message)
      ? new LdapConnectionError(
          'tls',
          `StartTLS with ${server.uri} failed: ${(error as Error).message}`,
          server.uri,
        )
      : described;
  }
  if (settings.bind_cn) {
    try {
      await client.bind(settings.bind_cn, bindPassword);
    } catch (error) {
      await client.unbind().catch(() => undefined);
      if (error instanceof InvalidCredentialsError) {
        throw new LdapConnectionError(
          'bind',
          `${server.uri} refused the bind as "${settings.bind_cn}": invalid credentials. Check bind_cn and enter the bind password again.`,
          server.uri,
        );
      }
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'number') {
        throw new LdapConnectionError(
          'bind',
          `${server.uri} refused the bind as "${settings.bind_cn}": ${(error as Error).message}`,
          server.uri,
        );
      }
      throw describeNetworkError(error, server);
    }
  }
  const pageSize = (n: number) => Math.max(1, Math.min(MAX_PAGE_SIZE, n));
  const searchError = (base: string, error: unknown) => {
    if ((error as { code?: unknown }).code === 32) {
      return new LdapConnectionError(
        'search',
        `${server.uri} has no entry "${base}" (noSuchObject). Check base_dn and the additional DNs.`,
        server.uri,
      );
    }
    return new LdapConnectionError(
      'search',
      `Searching "${base}" on ${server.uri} failed: ${(error as Error).message}`,
      server.uri,
    );
  };
  return {
    server,
    async *searchPages(base, filter, attributes, size) {
      try {
        for await (const page of client.searchPaginated(base, {
          scope: 'sub',
          filter,
          attributes,
          explicitBufferAttributes: BINARY_ATTRIBUTES,
          paged: { pageSize: pageSize(size) },
        })) {
          yield page.searchEntries;
        }
      } catch (error) {
        throw searchError(base, error);
      }
    },
    async readEntry(dn, attributes) {
      try {
        const { searchEntries } = await client.search(dn, {
          scope: 'base',
          attributes,
          explicitBufferAttributes: BINARY_ATTRIBUTES,
        });
        return searchEntries[0] ?? null;
      } catch (error) {
        if ((error as { code?: unknown }).code === 32) return null;
        throw searchError(dn, error);
      }
    },
    async sample(base, filter, limit, attributes) {
      try {
        const { searchEntries } = await client.search(base, {
          scope: 'sub',
          filter,
          sizeLimit: limit,
          ...(attributes ? { attributes } : {}),
          explicitBufferAttributes: BINARY_ATTRIBUTES,
          paged: { pageSize: pageSize(limit) },
        });
        return searchEntries.slice(0, limit);
      } catch (error) {
        // A size limit reached is the answer we asked for.
        if ((error as { code?: unknown }).code === 4) return [];
        throw searchError(base, error);
      }
    },
    async close() {
      await client.unbind().catch(() => undefined);
    },
  };
}

/**
 * A bound session with the first server of `server_uri` that answers. A refused bind is not
 * retried on the next server: the credentials are the same there.
 */
export async function openLdapSession(
  settings: LdapSourceSettings,
  bindPassword: string,
  options: { timeoutMs?: number } = {},
): Promise<LdapSession> {
  const servers = parseServerUris(settings.server_uri);
  if (typeof servers === 'string') throw new LdapConnectionError('connect', servers, null);
  let last: LdapConnectionError | null = null;
  for (const server of servers) {
    try {
      return await openOne(server, settings, bindPassword, options.timeoutMs ?? 15_000);
    } catch (error) {
      if (!(error instanceof LdapConnectionError)) throw error;
      if (error.stage === 'bind') throw error;
      last = error;
    }
  }
  throw last ?? new LdapConnectionError('connect', 'No server in server_uri.', null);
}
