/**
 * Conduit's local Microsoft Graph + Entra token-endpoint emulator: a stateful stand-in for
 * `login.microsoftonline.com` and `graph.microsoft.com` v1.0 (users, groups, members, queries,
 * `$batch`, throttling, delta, soft delete), faithful to docs/graph-emulator.md and
 * Microsoft's documentation (https://learn.microsoft.com/graph/). It shares no code with Conduit's Graph client, which it exists to test.
 *
 * Invariants
 * - Test and demo use only: the control API under `/_emulator` is unauthenticated.
 * - One origin serves login, Graph and control; with `https` (default) it presents a self-signed
 *   certificate for 127.0.0.1 and localhost, exposed as `caCertPem`.
 * - The default tenant and app are recreated with the same ids and secret on `control.reset()`.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createControl, type EmulatorControl } from './control.js';
import type { TenantSizeClass } from './model.js';
import { createRandom, randomGuid, randomSecretText } from './random.js';
import { createRuntime } from './runtime.js';
import { createRequestListener } from './server.js';
import type { RandomFaultProfile, SettingsPatch, ThrottleLimits } from './settings.js';
import { getTlsMaterial } from './tls.js';

export type {
  AppInput,
  AppSummary,
  CreatedApp,
  CreatedSecret,
  EmulatorControl,
  MintTokenInput,
  SecretInput,
  SeedInput,
  SeedResult,
  TenantInput,
  TenantState,
  TenantSummary,
} from './control.js';
export type { FaultInput, ScriptedFault } from './faults.js';
export type { TenantSizeClass } from './model.js';
export type { EmulatorSettings, RandomFaultProfile, SettingsPatch, ThrottleLimits } from './settings.js';
export type { EmulatorStats, RequestLogEntry, RequestLogQuery } from './stats.js';
export { generateSelfSignedCertificate, type TlsMaterial } from './tls.js';

/** The permissions of the ready-made app (the seed's prerequisites plus reading /organization). */
export const DEFAULT_APP_ROLES = [
  'User.ReadWrite.All',
  'Group.ReadWrite.All',
  'GroupMember.ReadWrite.All',
  'Group.Create',
  'Organization.Read.All',
];

/** Start-up options. */
export interface EmulatorOptions {
  /** TCP port (default 0 = any free port). */
  port?: number;
  /** Bind address (default 127.0.0.1). */
  host?: string;
  /** Serve TLS with a self-signed certificate (default true; msal-node and the Graph SDK need it). */
  https?: boolean;
  /** Seed for ids, secrets, faults, jitter and batch shuffling (default 1). */
  seed?: number;
  /** Service time runs this many times faster than wall-clock time (default 1). */
  timeScale?: number;
  /** Fixed added latency per response, ms. */
  latencyMs?: number;
  /** Random extra latency in [0, jitterMs] ms (seeded). */
  jitterMs?: number;
  /** Token-bucket throttling (default false). */
  throttling?: boolean;
  /** Override throttling budgets (defaults: https://learn.microsoft.com/graph/throttling-limits). */
  throttleLimits?: Partial<ThrottleLimits>;
  /** Replication lag for created/changed objects, service ms (default 0). */
  replicationLagMs?: number;
  /** Seeded random faults (off by default). */
  randomFaults?: RandomFaultProfile;
  /** Shuffle `$batch` responses (default false). */
  shuffleBatchResponses?: boolean;
  /** Fixed access-token lifetime, seconds (default random 60–90 min). */
  tokenLifetimeSeconds?: number;
  /** The default tenant. */
  tenant?: { id?: string; domain?: string; displayName?: string; sizeClass?: TenantSizeClass };
  /** The default app registration. */
  app?: { clientId?: string; clientSecret?: string; roles?: string[]; displayName?: string };
}

/** A running emulator. */
export interface RunningEmulator {
  /** Graph base including the version, e.g. `https://127.0.0.1:PORT/v1.0`. */
  graphUrl: string;
  /** Authority host; tokens at `${loginUrl}/${tenantId}/oauth2/v2.0/token`. */
  loginUrl: string;
  /** `${origin}/_emulator`. */
  controlUrl: string;
  tenantId: string;
  /** The default tenant's initial verified domain, e.g. `contoso.onmicrosoft.com`. */
  domain: string;
  clientId: string;
  clientSecret: string;
  /** PEM of the self-signed certificate (empty string with `https: false`). */
  caCertPem: string;
  control: EmulatorControl;
  close(): Promise<void>;
}

/** Starts an emulator with a ready default tenant and app. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const seed = options.seed ?? 1;
  const runtime = createRuntime(seed);
  const idRandom = createRandom(seed ^ 0x0badcafe);
  const settingsPatch: SettingsPatch = {};
  if (options.timeScale !== undefined) settingsPatch.timeScale = options.timeScale;
  if (options.latencyMs !== undefined) settingsPatch.latencyMs = options.latencyMs;
  if (options.jitterMs !== undefined) settingsPatch.jitterMs = options.jitterMs;
  if (options.throttling !== undefined) settingsPatch.throttling = options.throttling;
  if (options.throttleLimits !== undefined) settingsPatch.throttleLimits = options.throttleLimits;
  if (options.replicationLagMs !== undefined) settingsPatch.replicationLagMs = options.replicationLagMs;
  if (options.randomFaults !== undefined) settingsPatch.randomFaults = options.randomFaults;
  if (options.shuffleBatchResponses !== undefined)
    settingsPatch.shuffleBatchResponses = options.shuffleBatchResponses;
  if (options.tokenLifetimeSeconds !== undefined)
    settingsPatch.tokenLifetimeSeconds = options.tokenLifetimeSeconds;

  const control = createControl(runtime, {
    settingsPatch,
    tenant: {
      id: (options.tenant?.id ?? randomGuid(idRandom)).toLowerCase(),
      domain: options.tenant?.domain ?? 'contoso.onmicrosoft.com',
      displayName: options.tenant?.displayName ?? 'Contoso',
      sizeClass: options.tenant?.sizeClass,
    },
    app: {
      clientId: (options.app?.clientId ?? randomGuid(idRandom)).toLowerCase(),
      clientSecret: options.app?.clientSecret ?? randomSecretText(idRandom),
      roles: options.app?.roles ?? DEFAULT_APP_ROLES,
      displayName: options.app?.displayName ?? 'Conduit',
    },
  });

  const useHttps = options.https !== false;
  const listener = createRequestListener(runtime, control);
  const tls = useHttps ? getTlsMaterial() : undefined;
  const server: Server = tls
    ? createHttpsServer({ key: tls.keyPem, cert: tls.certPem }, listener)
    : createHttpServer(listener);
  server.keepAliveTimeout = 30_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const origin = `${useHttps ? 'https' : 'http'}://${urlHost}:${port}`;
  runtime.origin = origin;

  const defaults = runtime.defaults;
  return {
    graphUrl: `${origin}/v1.0`,
    loginUrl: origin,
    controlUrl: `${origin}/_emulator`,
    tenantId: defaults.tenantId,
    domain: defaults.domain,
    clientId: defaults.clientId,
    clientSecret: defaults.clientSecret,
    caCertPem: tls?.certPem ?? '',
    control,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
