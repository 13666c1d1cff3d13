/**
 * Shared set-up for the Graph client suites: an in-process HTTPS emulator (through its public API
 * only) and clients built exactly as production builds them (MSAL over HTTPS, trusting the
 * emulator's certificate through `caCertPem`).
 */
import { type EmulatorOptions, type RunningEmulator, startEmulator } from '../../src/graph-emulator/index.js';
import {
  createGraphClient,
  type GraphClient,
  type GraphClientOptions,
} from '../../src/providers/entra/graph-client.js';

/** A sleep that records what the client asked for and waits only a fraction of it. */
export function recordingSleep(fraction = 0, capMs = 25) {
  const calls: number[] = [];
  return {
    calls,
    sleep: async (ms: number) => {
      calls.push(ms);
      const wait = Math.min(capMs, ms * fraction);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    },
  };
}

export type ClientOverrides = Partial<GraphClientOptions>;

export interface Harness {
  emulator: RunningEmulator;
  /** Builds a client for the default app (or with overrides); closed by `close()`. */
  client(overrides?: ClientOverrides): GraphClient;
  close(): Promise<void>;
}

export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startEmulator(options);
  const clients: GraphClient[] = [];
  return {
    emulator,
    client(overrides = {}) {
      const client = createGraphClient({
        tenantId: emulator.tenantId,
        clientId: emulator.clientId,
        clientSecret: emulator.clientSecret,
        authorityHost: emulator.loginUrl,
        graphBaseUrl: emulator.graphUrl,
        caCertPem: emulator.caCertPem,
        sleep: recordingSleep().sleep,
        ...overrides,
      });
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await emulator.close();
    },
  };
}

let counter = 0;
/** A valid user create body in the emulator's verified domain. */
export function newUserBody(domain: string, alias?: string): Record<string, unknown> {
  counter += 1;
  const nick = alias ?? `user${Date.now().toString(36)}${counter}`;
  return {
    accountEnabled: true,
    displayName: `User ${nick}`,
    mailNickname: nick.replace(/[^A-Za-z0-9]/g, '') || `u${counter}`,
    userPrincipalName: `${nick}@${domain}`,
    passwordProfile: { forceChangePasswordNextSignIn: false, password: 'Conduit-Test-1!' },
  };
}

/** A valid security-group create body. */
export function newGroupBody(name?: string): Record<string, unknown> {
  counter += 1;
  const displayName = name ?? `Group ${counter}`;
  return {
    displayName,
    mailEnabled: false,
    mailNickname: `grp${Date.now().toString(36)}${counter}`,
    securityEnabled: true,
    groupTypes: [],
  };
}
