/**
 * Conduit's configuration: environment variables, validated once at start with messages that
 * name the variable. Everything else reads the returned object, never `process.env`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_HEAP_GROWTH_PERCENT } from './process-memory.js';
import { generateSecretKey } from './store/secret-box.js';

const envSchema = z.object({
  CONDUIT_PORT: z.coerce.number().int().min(0).max(65535).default(9000),
  CONDUIT_HOST: z.string().default('127.0.0.1'),
  CONDUIT_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\//,
      'must be a postgres:// URL; leave it unset for the embedded SQLite database',
    )
    .optional(),
  CONDUIT_SECRET_KEYS: z.string().optional(),
  CONDUIT_BOOTSTRAP_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  CONDUIT_BOOTSTRAP_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  CONDUIT_BOOTSTRAP_EMAIL: z.string().email().optional(),
  CONDUIT_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CONDUIT_DEMO: z.enum(['true', 'false']).default('false'),
  CONDUIT_EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(9443),
  CONDUIT_PUBLIC_URL: z.string().url().optional(),
  CONDUIT_HEAP_GROWTH_PERCENT: z.coerce
    .number({ error: 'must be a whole number from 0 (V8 decides) to 300' })
    .int('must be a whole number from 0 (V8 decides) to 300')
    .min(0, 'must be a whole number from 0 (V8 decides) to 300')
    .max(300, 'must be a whole number from 0 (V8 decides) to 300')
    .default(DEFAULT_HEAP_GROWTH_PERCENT),
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
  /** How far V8's old generation may grow past its live size before it collects (src/process-memory.ts). */
  heapGrowthPercent: number;
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
  return {
    port: e.CONDUIT_PORT,
    host: e.CONDUIT_HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? join(dataDir, 'conduit.db'),
    secretKeys: e.CONDUIT_SECRET_KEYS ?? loadOrCreateKeyFile(dataDir, e.DATABASE_URL !== undefined),
    bootstrapPassword: e.CONDUIT_BOOTSTRAP_PASSWORD,
    bootstrapToken: e.CONDUIT_BOOTSTRAP_TOKEN,
    bootstrapEmail: e.CONDUIT_BOOTSTRAP_EMAIL,
    logLevel: e.CONDUIT_LOG_LEVEL,
    demo: e.CONDUIT_DEMO === 'true',
    emulatorPort: e.CONDUIT_EMULATOR_PORT,
    publicUrl: e.CONDUIT_PUBLIC_URL,
    heapGrowthPercent: e.CONDUIT_HEAP_GROWTH_PERCENT,
  };
}

/**
 * On the embedded default the encryption key lives beside the database in `secret.key` (mode 0600).
 * On PostgreSQL several processes must share one key, so it must come from CONDUIT_SECRET_KEYS.
 */
function loadOrCreateKeyFile(dataDir: string, onPostgres: boolean): string {
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  if (onPostgres) {
    throw new ConfigError(
      'Invalid configuration:\n  CONDUIT_SECRET_KEYS: required with DATABASE_URL (every process must share it); generate one with `openssl rand -base64 32`',
    );
  }
  mkdirSync(dataDir, { recursive: true });
  const key = generateSecretKey();
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}
