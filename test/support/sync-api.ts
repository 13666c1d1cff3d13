/**
 * The admin API with the sync engine behind it (provider, link and mapping routes), on a test
 * store, against the Graph emulator. Jobs are not started: suites call the sync API endpoints or
 * the engine directly.
 */
import pino from 'pino';
import { apiRoutes } from '../../src/api/routes.js';
import type { SyncService } from '../../src/api/sync-service.js';
import { buildSyncDeps } from '../../src/app.js';
import type { RunningEmulator } from '../../src/graph-emulator/index.js';
import { createEntraClient } from '../../src/providers/entra/entra-target.js';
import type { DialectName } from '../../src/store/dialect.js';
import { ensureManagedMappings } from '../../src/sync/mapping-records.js';
import { findProvider, readProviderSecrets } from '../../src/sync/provider-records.js';
import { createTestApi, type TestApi } from './api.js';

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
