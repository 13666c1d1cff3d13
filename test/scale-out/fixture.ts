/**
 * Scale-out fixture shared by the tests and `bench/scale-out.ts`: a PostgreSQL database with a
 * seeded directory, the Graph emulator over HTTPS in this process, Entra providers (one per
 * tenant), and Conduit worker processes spawned as real OS processes (`node --import tsx`).
 * No vitest imports here: the benchmark uses it too.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createApplication } from '../../src/directory/applications.js';
import { type EmulatorOptions, type RunningEmulator, startEmulator } from '../../src/graph-emulator/index.js';
import { createEntraProvider } from '../../src/providers/entra/provider-service.js';
import { openStore, type Store } from '../../src/store/database.js';
import { nowIso, writeJson } from '../../src/store/dialect.js';
import { createSecretBox, generateSecretKey, parseSecretKeys } from '../../src/store/secret-box.js';
import { ensureManagedMappings } from '../../src/sync/mapping-records.js';
import type { WorkerChildMessage, WorkerChildOptions } from './worker-child.js';

export const actor = { pk: 0, username: 'scale-out' };
const CHILD = fileURLToPath(new URL('./worker-child.ts', import.meta.url));

export interface Tenant {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

export interface ScaleOutFixture {
  store: Store;
  databaseUrl: string;
  secretKeys: string;
  emulator: RunningEmulator;
  /** Local ids of the seeded users and groups. */
  userIds: number[];
  groupIds: number[];
  /** A tenant (with its own app) for each extra provider; the emulator's default tenant first. */
  tenant(index: number): Promise<Tenant>;
  /** Create an Entra provider for a tenant and assign it (which enqueues its first full sync). */
  addProvider(tenant: Tenant, settings?: Record<string, unknown>): Promise<number>;
  spawnWorker(options?: Partial<WorkerChildOptions>): Promise<WorkerHandle>;
  close(): Promise<void>;
}

export interface WorkerHandle {
  child: ChildProcess;
  poolId: string | null;
  messages: WorkerChildMessage[];
  /** SIGTERM and wait for exit. */
  stop(): Promise<number | null>;
  /** SIGKILL and wait for exit. */
  kill(): Promise<void>;
}

/** Insert users and groups directly (fast), each group with `membersPerGroup` consecutive users. */
export async function seedDirectory(
  store: Store,
  domain: string,
  users: number,
  groups: number,
  membersPerGroup: number,
): Promise<{ userIds: number[]; groupIds: number[] }> {
  const now = nowIso();
  const userIds: number[] = [];
  for (let i = 0; i < users; i += 500) {
    const rows = [];
    for (let n = i; n < Math.min(users, i + 500); n++) {
      rows.push({
        uuid: crypto.randomUUID(),
        username: `user${n}`,
        name: `User ${n}`,
        email: `user${n}@${domain}`,
        is_active: true,
        type: 'internal',
        path: 'users',
        attributes: writeJson({}),
        password_hash: null,
        password_change_date: null,
        last_login: null,
        date_joined: now,
        updated_at: now,
      });
    }
    const inserted = await store.db.insertInto('users').values(rows).returning('id').execute();
    userIds.push(...inserted.map((r) => r.id));
  }
  const groupIds: number[] = [];
  for (let g = 0; g < groups; g++) {
    const row = await store.db
      .insertInto('groups')
      .values({
        group_uuid: crypto.randomUUID(),
        name: `Team ${g}`,
        is_superuser: false,
        attributes: writeJson({}),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    groupIds.push(row.id);
  }
  const members: Array<{ group_id: number; user_id: number }> = [];
  groupIds.forEach((groupId, g) => {
    for (let m = 0; m < membersPerGroup; m++) {
      const userId = userIds[(g * membersPerGroup + m) % Math.max(1, userIds.length)];
      if (userId !== undefined) members.push({ group_id: groupId, user_id: userId });
    }
  });
  for (let i = 0; i < members.length; i += 1000) {
    await store.db
      .insertInto('group_members')
      .values(members.slice(i, i + 1000))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return { userIds, groupIds };
}

export async function createScaleOutFixture(options: {
  databaseUrl: string;
  users: number;
  groups: number;
  membersPerGroup?: number;
  emulator?: EmulatorOptions;
}): Promise<ScaleOutFixture> {
  const store = await openStore({ url: options.databaseUrl, poolSize: 6 });
  await ensureManagedMappings(store.db);
  const emulator = await startEmulator({ throttling: false, seed: 7, https: true, ...options.emulator });
  const seeded = await seedDirectory(
    store,
    emulator.domain,
    options.users,
    options.groups,
    options.membersPerGroup ?? 25,
  );
  // The seed bypassed the directory services, so nothing is in the outbox; the assignment below
  // enqueues each provider's first full sync.
  const secretKeys = generateSecretKey();
  const box = createSecretBox(parseSecretKeys(secretKeys));
  const workers: WorkerHandle[] = [];
  let providers = 0;

  return {
    store,
    databaseUrl: options.databaseUrl,
    secretKeys,
    emulator,
    ...seeded,
    async tenant(index) {
      if (index === 0)
        return {
          tenantId: emulator.tenantId,
          clientId: emulator.clientId,
          clientSecret: emulator.clientSecret,
        };
      const t = emulator.control.createTenant({ verifiedDomains: [emulator.domain], sizeClass: 'large' });
      const roles = emulator.control.getApp(emulator.tenantId, emulator.clientId).roles;
      const app = emulator.control.createApp({ tenantId: t.id, roles });
      return { tenantId: t.id, clientId: app.clientId, clientSecret: app.clientSecret as string };
    },
    async addProvider(tenant, settings = {}) {
      providers++;
      const view = await createEntraProvider(
        store.db,
        box,
        {
          name: `Entra ${providers}`,
          client_id: tenant.clientId,
          client_secret: tenant.clientSecret,
          tenant_id: tenant.tenantId,
          exclude_users_service_account: true,
          cloud: 'custom',
          login_url: emulator.loginUrl,
          graph_url: emulator.graphUrl,
          ...settings,
        },
        actor,
        { cloud: 'global', login_url: null, graph_url: null },
      );
      await createApplication(
        store.db,
        {
          name: `Entra ${providers}`,
          slug: `entra-${view.provider.id}`,
          backchannel_providers: [view.provider.id],
        },
        actor,
      );
      return view.provider.id;
    },
    async spawnWorker(childOptions = {}) {
      const full: WorkerChildOptions = {
        databaseUrl: options.databaseUrl,
        secretKeys,
        caCertPem: emulator.caCertPem,
        concurrency: 4,
        graphClient: {
          retry: { baseDelayMs: 20, maxDelayMs: 2000 },
          notFoundRetry: { attempts: 5, delayMs: 20 },
          writesPerSecond: 10_000,
        },
        // Tests run far above Graph's real 20 writes/s; the benchmark sets realistic budgets.
        writeBudget: { writesPerSecond: 10_000, burst: 200 },
        queue: { sweepGraceMs: 1000, sweepIntervalMs: 500, shutdownTimeoutMs: 5000 },
        pollIntervalMs: 500,
        relayIntervalMs: 100,
        schedulerIntervalMs: 60_000,
        ...childOptions,
      };
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
        env: { ...process.env, CONDUIT_WORKER_CHILD: JSON.stringify(full) },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const handle: WorkerHandle = {
        child,
        poolId: null,
        messages: [],
        stop: () =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
            child.once('exit', (code) => resolve(code));
            child.kill('SIGTERM');
          }),
        kill: () =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
      };
      workers.push(handle);
      await new Promise<void>((resolve, reject) => {
        const onExit = (code: number | null) =>
          reject(new Error(`worker exited before it was ready (code ${code})`));
        child.once('exit', onExit);
        child.on('message', (raw) => {
          const message = raw as WorkerChildMessage;
          handle.messages.push(message);
          if (message.type === 'ready') {
            handle.poolId = message.poolId;
            child.off('exit', onExit);
            resolve();
          }
        });
      });
      return handle;
    },
    async close() {
      await Promise.all(workers.map((w) => w.kill()));
      await emulator.close();
      await store.close();
    },
  };
}

/** The pool currently holding a `sync.full` job, if any. */
/** Worker pools holding a job of a full sync right now (its start, a page, or a phase change). */
export async function fullSyncHolders(store: Store): Promise<string[]> {
  const r = await sql<{
    locked_by: string;
  }>`select distinct locked_by from graphile_worker.jobs where task_identifier like 'sync.full%' and locked_by is not null`.execute(
    store.db,
  );
  return r.rows.map((row) => row.locked_by);
}

/** Wait until `check` holds (polling), or throw after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Every job done and every full-sync run finished. */
export async function clusterIdle(store: Store): Promise<boolean> {
  const jobs = await sql<{
    n: number;
  }>`select count(*)::int as n from graphile_worker._private_jobs where attempts < max_attempts`.execute(
    store.db,
  );
  const runs = await store.db.selectFrom('sync_runs').select('id').where('status', '=', 'running').execute();
  return (jobs.rows[0]?.n ?? 0) === 0 && runs.length === 0;
}
