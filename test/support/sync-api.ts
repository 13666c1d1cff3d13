/**
 * The admin API with the sync engine behind it (provider, link and mapping routes), on a test
 * store, against the Graph emulator. Jobs are not started: suites call the sync API endpoints or
 * the engine directly.
 */
import type { LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { apiRoutes } from '../../src/api/routes.js';
import type { SyncService } from '../../src/api/sync-service.js';
import { buildSyncDeps } from '../../src/app.js';
import type { RunningEmulator } from '../../src/graph-emulator/index.js';
import { createEntraClient } from '../../src/providers/entra/entra-target.js';
import type { DialectName } from '../../src/store/dialect.js';
import { ensureManagedMappings } from '../../src/sync/mapping-records.js';
import { findProvider, readProviderSecrets } from '../../src/sync/provider-records.js';
import { createTestApi, type TestApi } from './api.js';
import { startEmulatorForTests } from './sync-harness.js';

export async function createSyncApi(
  dialect: DialectName,
  emulator: RunningEmulator,
): Promise<TestApi & { sync: SyncService }> {
  const api = await createTestApi(dialect, apiRoutes);
  await ensureManagedMappings(api.store.db);
  const deps = buildSyncDeps(api.store, api.ctx.secrets, pino({ level: 'silent' }), emulator.caCertPem);
  const sync: SyncService = {
    deps,
    queue: null,
    defaults: {
      cloud: 'custom',
      login_url: emulator.loginUrl,
      graph_url: emulator.graphUrl,
      demo_tenant: null,
    },
    async testConnection(providerId) {
      const provider = await findProvider(api.store.db, providerId);
      if (!provider) throw new Error('no provider');
      const client = createEntraClient(
        provider,
        await readProviderSecrets(api.store.db, api.ctx.secrets, providerId),
        { dryRun: true, lowPriority: false, caCertPem: emulator.caCertPem },
      );
      try {
        return await client.testConnection();
      } finally {
        await client.close();
      }
    },
  };
  api.ctx.services.sync = sync;
  return { ...api, sync };
}

/** The admin API's methods, as the suites call them. */
export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One suite's sync API and emulator, started before its tests and closed after them. */
export interface EntraSuite {
  readonly api: TestApi & { sync: SyncService };
  readonly emulator: RunningEmulator;
  /** A request as the admin, through `inject()`. */
  call(method: Method, url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  /** A provider body for the emulator's tenant (client secret credential). */
  providerBody(name: string): { name: string; client_id: string; client_secret: string; tenant_id: string };
}

/**
 * Start the emulator and a sync API on `dialect` before the suite's tests (vitest's `beforeAll`)
 * and close both after them; the fields are readable once the tests run.
 */
export function entraSuite(dialect: DialectName): EntraSuite {
  let emulator: RunningEmulator | undefined;
  let api: (TestApi & { sync: SyncService }) | undefined;
  beforeAll(async () => {
    emulator = await startEmulatorForTests();
    api = await createSyncApi(dialect, emulator);
  });
  afterAll(async () => {
    await api?.close();
    await emulator?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The Entra suite is not started: use it inside a test.');
    return value;
  };
  return {
    get api() {
      return started(api);
    },
    get emulator() {
      return started(emulator);
    },
    call(method, url, payload) {
      const a = started(api);
      return a.app.inject({
        method,
        url,
        headers: a.auth,
        ...(payload !== undefined ? { payload: payload as object } : {}),
      });
    },
    providerBody(name) {
      const e = started(emulator);
      return { name, client_id: e.clientId, client_secret: e.clientSecret, tenant_id: e.tenantId };
    },
  };
}
