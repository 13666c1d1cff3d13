/**
 * Standalone entry point: `npx tsx src/graph-emulator/standalone.ts --port 0` (and, once wired,
 * `conduit emulator [--port P]`). The first stdout line is one JSON object with graphUrl,
 * loginUrl, controlUrl, tenantId, domain, clientId, clientSecret (plus caCertPath, a file holding
 * the self-signed certificate for NODE_EXTRA_CA_CERTS). It runs until SIGINT/SIGTERM.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type EmulatorOptions, type RunningEmulator, startEmulator } from './index.js';

/** The first line printed by the standalone emulator. */
export type StandaloneBanner = Pick<
  RunningEmulator,
  'graphUrl' | 'loginUrl' | 'controlUrl' | 'tenantId' | 'domain' | 'clientId' | 'clientSecret'
> & { caCertPath: string | null };

/** Starts the emulator and prints the banner line; returns the running instance. */
export async function startStandaloneEmulator(
  options: EmulatorOptions = {},
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<RunningEmulator> {
  const emulator = await startEmulator(options);
  let caCertPath: string | null = null;
  if (emulator.caCertPem) {
    caCertPath = join(mkdtempSync(join(tmpdir(), 'graph-emulator-')), 'ca.pem');
    writeFileSync(caCertPath, emulator.caCertPem);
  }
  const { graphUrl, loginUrl, controlUrl, tenantId, domain, clientId, clientSecret } = emulator;
  const banner: StandaloneBanner = {
    graphUrl,
    loginUrl,
    controlUrl,
    tenantId,
    domain,
    clientId,
    clientSecret,
    caCertPath,
  };
  write(JSON.stringify(banner));
  return emulator;
}

type NumberOption = 'port' | 'seed' | 'latencyMs' | 'jitterMs' | 'timeScale' | 'replicationLagMs';

/** Flags that take a number, and the option each sets. */
const NUMBER_FLAGS: Record<string, NumberOption> = {
  '--port': 'port',
  '--seed': 'seed',
  '--latency-ms': 'latencyMs',
  '--jitter-ms': 'jitterMs',
  '--time-scale': 'timeScale',
  '--replication-lag-ms': 'replicationLagMs',
};

/** Parses CLI flags: --port, --host, --seed, --http, --throttling, --latency-ms, --jitter-ms, --time-scale, --replication-lag-ms. */
export function parseEmulatorArgs(args: string[]): EmulatorOptions {
  const options: EmulatorOptions = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [flag, inline] = arg.includes('=') ? (arg.split('=', 2) as [string, string]) : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const numberOption = NUMBER_FLAGS[flag];
    if (numberOption) {
      const v = Number(value());
      if (!Number.isFinite(v)) throw new Error(`${flag} needs a number`);
      options[numberOption] = v;
    } else if (flag === '--host') options.host = value();
    else if (flag === '--http') options.https = false;
    else if (flag === '--throttling') options.throttling = true;
    else throw new Error(`Unknown option ${arg}`);
  }
  return options;
}

/** CLI entry: parses args, starts, prints the banner, closes on SIGINT/SIGTERM. */
export async function runEmulatorCli(args: string[]): Promise<RunningEmulator> {
  const emulator = await startStandaloneEmulator(parseEmulatorArgs(args));
  const stop = (): void => {
    emulator.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return emulator;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runEmulatorCli(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
