/**
 * A Conduit API on a fresh test store, driven through `inject()` (no socket), with an admin and
 * an API token ready. `extraRoutes` lets suites add the route modules they exercise.
 */
import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../../src/api/context.js';
import { buildServer } from '../../src/api/server.js';
import { ensureBootstrap } from '../../src/bootstrap.js';
import type { DialectName } from '../../src/store/dialect.js';
import { createSecretBox, generateSecretKey, parseSecretKeys } from '../../src/store/secret-box.js';
import { createTestStore, type TestStore } from './stores.js';

export const ADMIN_PASSWORD = 'correct-horse-battery';
export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestApi {
  app: FastifyInstance;
  store: TestStore;
  ctx: ApiContext;
  adminPk: number;
  /** Headers that authenticate as the admin. */
  auth: { authorization: string };
  close(): Promise<void>;
}

export async function createTestApi(
  dialect: DialectName,
  routes: Array<(app: FastifyInstance, ctx: ApiContext) => Promise<void>> = [],
): Promise<TestApi> {
  const store = await createTestStore(dialect);
  const ctx: ApiContext = {
    store,
    secrets: createSecretBox(parseSecretKeys(generateSecretKey())),
    services: {},
  };
  const { adminPk } = await ensureBootstrap(store.db, { password: ADMIN_PASSWORD, token: ADMIN_TOKEN });
  const app = await buildServer(ctx, { routes });
  await app.ready();
  return {
    app,
    store,
    ctx,
    adminPk,
    auth: { authorization: `Bearer ${ADMIN_TOKEN}` },
    async close() {
      await app.close();
      await store.dispose();
    },
  };
}
