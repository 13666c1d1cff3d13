/**
 * A directory on a test store, the Graph emulator, and one Entra provider assigned to an
 * application — the common setup of authentik's provider tests, against a stateful emulator instead of mocks.
 */

import { createApplication } from '../../src/directory/applications.js';
import { type EmulatorOptions, type RunningEmulator, startEmulator } from '../../src/graph-emulator/index.js';
import { createEntraClient, createEntraTarget } from '../../src/providers/entra/entra-target.js';
import { createEntraProvider, type EntraProviderInput } from '../../src/providers/entra/provider-service.js';
import { ENTRA_PROVIDER_TYPE } from '../../src/providers/entra/settings.js';
import type { DialectName } from '../../src/store/dialect.js';
import { createSecretBox, generateSecretKey, parseSecretKeys } from '../../src/store/secret-box.js';
import { ensureManagedMappings } from '../../src/sync/mapping-records.js';
import type { SyncDeps } from '../../src/sync/session.js';
import { createTestStore, type TestStore } from './stores.js';

export const actor = { pk: 0, username: 'tester' };

export interface SyncHarness {
  store: TestStore;
  emulator: RunningEmulator;
  deps: SyncDeps;
  providerId: number;
  applicationSlug: string;
  /** The emulator's users and groups of the provider's tenant. */
  remote(): { users: Array<Record<string, unknown>>; groups: Array<Record<string, unknown>> };
  close(): Promise<void>;
}

export async function startEmulatorForTests(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ throttling: false, seed: 1, ...options });
}

/** Build the deps with an Entra target whose Graph client retries quickly (tests). */
export function syncDepsFor(
  store: TestStore,
  emulator: RunningEmulator,
  box = createSecretBox(parseSecretKeys(generateSecretKey())),
): SyncDeps {
  return {
    db: store.db,
    dialect: store.dialect,
    secrets: box,
    targets: {
      [ENTRA_PROVIDER_TYPE]: async (provider, secrets, options) =>
        createEntraTarget(
          createEntraClient(provider, secrets, {
            ...options,
            caCertPem: emulator.caCertPem,
            client: {
              retry: { baseDelayMs: 5, maxDelayMs: 50 },
              notFoundRetry: { attempts: 10, delayMs: 80 },
              writesPerSecond: 10_000,
            },
          }),
        ),
    },
  };
}

export async function createSyncHarness(
  dialect: DialectName,
  options: {
    emulator?: RunningEmulator;
    provider?: Partial<EntraProviderInput>;
    assign?: boolean;
    secretKey?: string;
  } = {},
): Promise<SyncHarness> {
  const store = await createTestStore(dialect);
  const emulator = options.emulator ?? (await startEmulatorForTests());
  const deps = syncDepsFor(
    store,
    emulator,
    options.secretKey ? createSecretBox(parseSecretKeys(options.secretKey)) : undefined,
  );
  await ensureManagedMappings(store.db);
  const view = await createEntraProvider(
    store.db,
    deps.secrets,
    {
      name: 'Entra ID provider',
      client_id: emulator.clientId,
      client_secret: emulator.clientSecret,
      tenant_id: emulator.tenantId,
      exclude_users_service_account: true,
      cloud: 'custom',
      login_url: emulator.loginUrl,
      graph_url: emulator.graphUrl,
      ...options.provider,
    },
    actor,
    { cloud: 'global', login_url: null, graph_url: null },
  );
  const slug = `entra-${view.provider.id}`;
  if (options.assign !== false) {
    await createApplication(
      store.db,
      { name: 'Entra ID', slug, backchannel_providers: [view.provider.id] },
      actor,
    );
  }
  return {
    store,
    emulator,
    deps,
    providerId: view.provider.id,
    applicationSlug: slug,
    remote() {
      const [state] = emulator.control.getState(emulator.tenantId);
      return { users: state?.users ?? [], groups: state?.groups ?? [] };
    },
    async close() {
      await store.dispose();
      if (!options.emulator) await emulator.close();
    },
  };
}
