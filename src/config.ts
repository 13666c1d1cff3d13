/**
 * Conduit's configuration: environment variables, validated once at start with messages that
 * name the variable. Everything else reads the returned object, never `process.env`.
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { checkPasswordStrength } from './directory/passwords.js';
import { DEFAULT_HEAP_GROWTH_PERCENT } from './process-memory.js';
import { generateSecretKey, parseSecretKeys } from './store/secret-box.js';

/** A DNS name as RFC 1123 allows it: dot-separated labels of letters, digits and inner hyphens. */
const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** The names proxy-addr (fastify's `trustProxy`) accepts for well-known address ranges. */
const TRUST_PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

const TRUST_PROXY_MESSAGE =
  'must be false, true (any proxy), a number of proxy hops, or comma-separated proxy addresses/CIDR ranges (e.g. 10.0.0.0/8,loopback)';

/** `true`/`false`, a hop count, or a list of proxy addresses and ranges, as fastify's `trustProxy` takes them. */
export type TrustProxy = boolean | number | string[];

function parseTrustProxy(value: string): TrustProxy | undefined {
  const text = value.trim();
  if (text === 'false' || text === '') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(',').map((s) => s.trim());
  const valid = entries.every((entry) => {
    if (TRUST_PROXY_NAMES.has(entry)) return true;
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return false;
    if (prefix === undefined) return true;
    return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
  });
  return valid ? entries : undefined;
}

const envSchema = z.object({
  CONDUIT_PORT: z.coerce.number().int().min(0).max(65535).default(9000),
  CONDUIT_HOST: z
    .string()
    .refine(
      (host) => isIP(host) !== 0 || HOSTNAME.test(host),
      'must be an IP address (127.0.0.1, 0.0.0.0, ::) or a host name',
    )
    .default('127.0.0.1'),
  CONDUIT_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\//,
      'must be a postgres:// URL; leave it unset for the embedded SQLite database',
    )
    .optional(),
  CONDUIT_SECRET_KEYS: z.string().optional(),
  CONDUIT_BOOTSTRAP_PASSWORD: z
    .string()
    .superRefine((password, ctx) => {
      const problem = checkPasswordStrength(password);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  CONDUIT_BOOTSTRAP_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  CONDUIT_BOOTSTRAP_EMAIL: z.string().email().optional(),
  CONDUIT_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CONDUIT_DEMO: z.enum(['true', 'false']).default('false'),
  CONDUIT_EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(9443),
  CONDUIT_PUBLIC_URL: z.string().url().optional(),
  CONDUIT_TRUST_PROXY: z
    .string()
    .refine((value) => parseTrustProxy(value) !== undefined, TRUST_PROXY_MESSAGE)
    .default('false'),
  // Read by the mapping worker pool itself (src/mappings/mapping-workers.ts); checked here so a bad value stops the start.
  CONDUIT_MAPPING_WORKERS: z.coerce
    .number({ error: 'must be a whole number of worker threads from 1 to 64' })
    .int('must be a whole number of worker threads from 1 to 64')
    .min(1, 'must be a whole number of worker threads from 1 to 64')
    .max(64, 'must be a whole number of worker threads from 1 to 64')
    .optional(),
  CONDUIT_HEAP_GROWTH_PERCENT: z.coerce
    .number({ error: 'must be a whole number from 0 (V8 decides) to 300' })
    .int('must be a whole number from 0 (V8 decides) to 300')
    .min(0, 'must be a whole number from 0 (V8 decides) to 300')
    .max(300, 'must be a whole number from 0 (V8 decides) to 300')
    .default(DEFAULT_HEAP_GROWTH_PERCENT),
  CONDUIT_WORKER_CONCURRENCY: z.coerce
    .number({ error: 'must be a whole number of jobs at once from 1 to 256' })
    .int('must be a whole number of jobs at once from 1 to 256')
    .min(1, 'must be a whole number of jobs at once from 1 to 256')
    .max(256, 'must be a whole number of jobs at once from 1 to 256')
    .optional(),
  CONDUIT_GRAPH_WRITES_PER_SECOND: z.coerce
    .number({ error: 'must be a positive number of Graph writes per second (default 19)' })
    .positive('must be a positive number of Graph writes per second (default 19)')
    .optional(),
});

export interface ConduitConfig {
  port: number;
  host: string;
  dataDir: string;
  /** SQLite file path or PostgreSQL URL. */
  databaseUrl: string;
  secretKeys: string;
  bootstrapPassword?: string;
  bootstrapToken?: string;
  bootstrapEmail?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  demo: boolean;
  emulatorPort: number;
  publicUrl?: string;
  /**
   * Which proxies' `X-Forwarded-For`/`-Proto`/`-Host` headers to believe (CONDUIT_TRUST_PROXY), so
   * behind TLS termination the request is https and the session cookie `Secure`.
   */
  trustProxy: TrustProxy;
  /**
   * Extra CA certificates (PEM) to trust for Graph and sign-in calls besides the system roots:
   * CONDUIT_EXTRA_CA_CERTS and NODE_EXTRA_CA_CERTS, which an explicit CA list would otherwise drop.
   */
  extraCaPem?: string;
  /** How far V8's old generation may grow past its live size before it collects (src/process-memory.ts). */
  heapGrowthPercent: number;
  /** Jobs at once per `conduit worker` (CONDUIT_WORKER_CONCURRENCY; `--concurrency` overrides it). */
  workerConcurrency?: number;
  /** The shared Graph write budget per app + tenant on PostgreSQL (CONDUIT_GRAPH_WRITES_PER_SECOND; default 19). */
  graphWritesPerSecond?: number;
}

export class ConfigError extends Error {
  readonly code = 'config_error';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ConduitConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.CONDUIT_DATA_DIR);
  const problems: string[] = [];
  const extraCaPem = [
    readCertificates('CONDUIT_EXTRA_CA_CERTS', env.CONDUIT_EXTRA_CA_CERTS, problems),
    readCertificates('NODE_EXTRA_CA_CERTS', env.NODE_EXTRA_CA_CERTS, problems),
  ]
    .filter((pem) => pem !== undefined)
    .join('\n');
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  return {
    port: e.CONDUIT_PORT,
    host: e.CONDUIT_HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? join(dataDir, 'conduit.db'),
    secretKeys:
      e.CONDUIT_SECRET_KEYS !== undefined
        ? checkedSecretKeys(e.CONDUIT_SECRET_KEYS, 'CONDUIT_SECRET_KEYS')
        : loadOrCreateKeyFile(dataDir, e.DATABASE_URL !== undefined),
    bootstrapPassword: e.CONDUIT_BOOTSTRAP_PASSWORD,
    bootstrapToken: e.CONDUIT_BOOTSTRAP_TOKEN,
    bootstrapEmail: e.CONDUIT_BOOTSTRAP_EMAIL,
    logLevel: e.CONDUIT_LOG_LEVEL,
    demo: e.CONDUIT_DEMO === 'true',
    emulatorPort: e.CONDUIT_EMULATOR_PORT,
    publicUrl: e.CONDUIT_PUBLIC_URL,
    trustProxy: parseTrustProxy(e.CONDUIT_TRUST_PROXY) ?? false,
    extraCaPem: extraCaPem === '' ? undefined : extraCaPem,
    heapGrowthPercent: e.CONDUIT_HEAP_GROWTH_PERCENT,
    workerConcurrency: e.CONDUIT_WORKER_CONCURRENCY,
    graphWritesPerSecond: e.CONDUIT_GRAPH_WRITES_PER_SECOND,
  };
}

/**
 * On the embedded default the encryption key lives beside the database in `secret.key` (mode 0600).
 * On PostgreSQL several processes must share one key, so it must come from CONDUIT_SECRET_KEYS.
 */
function loadOrCreateKeyFile(dataDir: string, onPostgres: boolean): string {
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) {
    return checkedSecretKeys(
      readFileSync(file, 'utf8').trim(),
      `${file} (the key file; restore it from the backup of CONDUIT_DATA_DIR, or set CONDUIT_SECRET_KEYS)`,
    );
  }
  if (onPostgres) {
    throw new ConfigError(
      'Invalid configuration:\n  CONDUIT_SECRET_KEYS: required with DATABASE_URL (every process must share it); generate one with `openssl rand -base64 32`',
    );
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = generateSecretKey();
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/**
 * The key ring as given, once `parseSecretKeys` accepts it: bad key material stops the start here,
 * before the database is opened or migrated, with the variable or file named.
 */
function checkedSecretKeys(value: string, source: string): string {
  try {
    parseSecretKeys(value);
  } catch (error) {
    throw new ConfigError(
      `Invalid configuration:\n  ${source}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return value;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;

/**
 * The certificates of a PEM file named by `variable`, each checked to parse; a missing file or one
 * without certificates adds a line to `problems` (a proxy's CA that silently fails to load turns
 * into "self-signed certificate" errors on every Graph call, far from the cause).
 */
function readCertificates(
  variable: string,
  file: string | undefined,
  problems: string[],
): string | undefined {
  if (file === undefined || file === '') return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    problems.push(`  ${variable}: cannot read ${file} (${code}); it must name a PEM file of CA certificates`);
    return undefined;
  }
  const blocks = text.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) {
    problems.push(
      `  ${variable}: ${file} is not a PEM file of CA certificates (no -----BEGIN CERTIFICATE----- block)`,
    );
    return undefined;
  }
  const unreadable = blocks.findIndex((block) => {
    try {
      new X509Certificate(block);
      return false;
    } catch {
      return true;
    }
  });
  if (unreadable !== -1) {
    problems.push(`  ${variable}: certificate ${unreadable + 1} in ${file} is not a valid X.509 certificate`);
    return undefined;
  }
  return blocks.join('\n');
}
