/**
 * The chain LDAP → Conduit → Entra: "sync now" through the API enqueues the source's job, the job
 * writes the directory, the outbox relay turns the writes into direct-sync jobs, and the Graph
 * emulator's tenant follows within seconds, without a full sync of the provider; on SQLite and
 * PostgreSQL (the embedded queue on SQLite, graphile-worker on PostgreSQL, as Conduit runs them).
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiContext } from '../../src/api/context.js';
import { buildServer } from '../../src/api/server.js';
import { ldapSourceRoutes } from '../../src/api/sources-ldap.js';
import { ensureBootstrap } from '../../src/bootstrap.js';
import type { RunningEmulator } from '../../src/graph-emulator/index.js';
import { createGraphileJobQueue } from '../../src/jobs/graphile-job-queue.js';
import type { JobQueue } from '../../src/jobs/job-queue.js';
import { type OutboxRelay, startOutboxRelay } from '../../src/jobs/outbox-relay.js';
import { createSqliteJobQueue } from '../../src/jobs/sqlite-job-queue.js';
import { syncTaskHandlers } from '../../src/jobs/sync-tasks.js';
import { stopMappingWorkers } from '../../src/mappings/index.js';
import {
  ensureManagedLdapMappings,
  managedLdapMappingUuids,
} from '../../src/sources/ldap/managed-mappings.js';
import { latestSourceRun } from '../../src/sources/ldap/sync-runs.js';
import { ADMIN_PASSWORD, ADMIN_TOKEN } from '../support/api.js';
import { personDn, personLdif, startLdapServer, type TestLdapServer } from '../support/ldap-server.js';
import { DIALECTS } from '../support/stores.js';
import { createSyncHarness, type SyncHarness, startEmulatorForTests } from '../support/sync-harness.js';

afterAll(async () => stopMappingWorkers());

describe.each(DIALECTS)('LDAP → Conduit → Entra emulator on %s', (dialect) => {
  let ldap: TestLdapServer;
  let emulator: RunningEmulator;
  let h: SyncHarness;
  let queue: JobQueue;
  let relay: OutboxRelay;
  let app: Awaited<ReturnType<typeof buildServer>>;
  const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

  beforeAll(async () => {
    ldap = await startLdapServer();
    emulator = await startEmulatorForTests();
    h = await createSyncHarness(dialect, { emulator });
    queue =
      dialect === 'sqlite'
        ? createSqliteJobQueue(h.store.db)
        : await createGraphileJobQueue(h.store, {
            sweepGraceMs: 300,
            sweepIntervalMs: 200,
            shutdownTimeoutMs: 2000,
          });
    const logger = pino({ level: 'silent' });
    await queue.start(
      syncTaskHandlers(h.deps, queue, {
        db: h.store.db,
        dialect: h.store.dialect,
        secrets: h.deps.secrets,
        logger,
      }),
      { concurrency: 4, pollIntervalMs: dialect === 'sqlite' ? 50 : 200 },
    );
    relay = startOutboxRelay(h.store.db, dialect, queue, { intervalMs: 50 });
    await relay.flush();
    await queue.drain(20_000);
    await ensureBootstrap(h.store.db, { password: ADMIN_PASSWORD, token: ADMIN_TOKEN });
    const ctx: ApiContext = { store: h.store, secrets: h.deps.secrets, services: { queue } };
    app = await buildServer(ctx, { routes: [ldapSourceRoutes] });
    await app.ready();
    await ensureManagedLdapMappings(h.store.db);
    await ldap.add(
      personLdif('grace', { cn: 'Grace Hopper', mail: `grace@${emulator.domain}` }) +
        personLdif('linus', { cn: 'Linus T', mail: `linus@${emulator.domain}` }),
    );
    const created = await app.inject({
      method: 'POST',
      url: '/api/v3/sources/ldap/',
      headers: auth,
      payload: {
        name: 'Chain',
        slug: 'chain',
        server_uri: ldap.ldapUrl,
        base_dn: ldap.baseDn,
        bind_cn: ldap.adminDn,
        bind_password: ldap.adminPassword,
        user_object_filter: '(objectClass=inetOrgPerson)',
        group_object_filter: '(objectClass=groupOfNames)',
        object_uniqueness_field: 'entryUUID',
        sync_interval_minutes: 0,
        delete_not_found_objects: true,
        user_property_mappings: await managedLdapMappingUuids(h.store.db, [
          'conduit/sources/ldap/default-name',
          'conduit/sources/ldap/default-mail',
          'conduit/sources/ldap/openldap-uid',
        ]),
        group_property_mappings: await managedLdapMappingUuids(h.store.db, ['conduit/sources/ldap/group-cn']),
      },
    });
    expect(created.statusCode).toBe(201);
  });
  afterAll(async () => {
    await relay?.stop();
    await queue?.stop();
    await app?.close();
    await h?.close();
    await emulator?.close();
    await ldap?.stop();
  });

  /** "Sync now", then wait until `done` holds for the emulator's tenant; the elapsed ms. */
  async function syncNowUntil(done: () => boolean): Promise<number> {
    const started = Date.now();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v3/sources/ldap/chain/sync/',
      headers: auth,
      payload: {},
    });
    expect(res.statusCode).toBe(202);
    for (;;) {
      if (done()) return Date.now() - started;
      if (Date.now() - started > 10_000)
        throw new Error('the tenant did not follow the LDAP change within 10 s');
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  const remoteUser = (name: string) =>
    h.remote().users.find((u) => String(u.userPrincipalName) === `${name}@${emulator.domain}`);

  it('new LDAP users reach the tenant within seconds of the sync', async () => {
    const ms = await syncNowUntil(
      () => remoteUser('grace') !== undefined && remoteUser('linus') !== undefined,
    );
    expect(ms).toBeLessThan(10_000);
    expect(remoteUser('grace')?.displayName).toBe('Grace Hopper');
    const status = await app.inject({
      method: 'GET',
      url: '/api/v3/sources/ldap/chain/sync/status/',
      headers: auth,
    });
    expect(status.json()).toMatchObject({ is_running: false, last_sync_status: 'done' });
  });

  it('a changed name in LDAP is patched in the tenant, a deleted entry removed', async () => {
    await ldap.modify(
      `dn: ${personDn('grace')}\nchangetype: modify\nreplace: cn\ncn: Rear Admiral Grace Hopper\n`,
    );
    await ldap.modify(`dn: ${personDn('linus')}\nchangetype: delete\n`);
    await syncNowUntil(
      () =>
        remoteUser('grace')?.displayName === 'Rear Admiral Grace Hopper' && remoteUser('linus') === undefined,
    );
    const run = await latestSourceRun(h.store.db, 1);
    expect(run?.counts.users).toMatchObject({ updated: 1, deleted: 1 });
  });
});
