/**
 * What a start does to the directory and what every response carries: the bootstrap variables
 * apply only while no superuser exists or with `--reset-admin` (docs/deployment.md), on SQLite and
 * PostgreSQL; security headers on UI and API responses; CONDUIT_TRUST_PROXY makes the session
 * cookie `Secure` behind TLS termination.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiContext } from '../src/api/context.js';
import { buildServer } from '../src/api/server.js';
import { startConduit } from '../src/app.js';
import {
  ADMIN_GROUP,
  ADMIN_USERNAME,
  BOOTSTRAP_TOKEN_IDENTIFIER,
  type BootstrapOptions,
  ensureBootstrap,
} from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import { addUserToGroup, listGroups, removeUserFromGroup } from '../src/directory/groups.js';
import { verifyPassword } from '../src/directory/passwords.js';
import { isSuperuser } from '../src/directory/superusers.js';
import { userIdForTokenKey } from '../src/directory/tokens.js';
import { createUser, findUserByUsername, updateUser } from '../src/directory/users.js';
import type { Db } from '../src/store/database.js';
import { createSecretBox, generateSecretKey, parseSecretKeys } from '../src/store/secret-box.js';
import { createTestDatabaseUrl, createTestStore, DIALECTS, type TestStore } from './support/stores.js';

const BOOTSTRAP: BootstrapOptions = {
  password: 'bootstrap-ochre-lantern',
  token: 'bootstrap-token-0123456789abcdef',
};

async function adminPasswordIs(db: Db, password: string): Promise<boolean> {
  const admin = await findUserByUsername(db, ADMIN_USERNAME);
  return verifyPassword(admin?.password_hash ?? null, password);
}

async function bootstrapTokenCount(db: Db): Promise<number> {
  const rows = await db
    .selectFrom('api_tokens')
    .select('identifier')
    .where('identifier', '=', BOOTSTRAP_TOKEN_IDENTIFIER)
    .execute();
  return rows.length;
}

async function adminGroupUuid(db: Db): Promise<string> {
  const groups = await listGroups(db, { page: 1, page_size: 1, name: ADMIN_GROUP });
  const group = groups.results[0];
  if (!group) throw new Error('no admin group');
  return group.group_uuid;
}

/** A second administrator, so `admin` is not the last superuser. */
async function addOtherSuperuser(db: Db): Promise<number> {
  const ops = await createUser(
    db,
    { username: 'ops', name: 'Ops', email: 'ops@example.com', password: 'ops-violet-harbour' },
    null,
  );
  await addUserToGroup(db, await adminGroupUuid(db), ops.pk, null);
  return ops.pk;
}

describe.each(DIALECTS)('bootstrap variables on %s', (dialect) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await createTestStore(dialect);
  });
  afterEach(async () => {
    await store.dispose();
  });

  it('apply on a fresh database: admin with the supplied password, an administrator, with the token', async () => {
    const result = await ensureBootstrap(store.db, BOOTSTRAP);
    expect(result).toMatchObject({ created: true, applied: true, generatedPassword: undefined });
    expect(await adminPasswordIs(store.db, BOOTSTRAP.password as string)).toBe(true);
    expect(await isSuperuser(store.db, result.adminPk)).toBe(true);
    expect(await userIdForTokenKey(store.db, BOOTSTRAP.token as string)).toBe(result.adminPk);
  });

  it('leave a changed password, a deleted bootstrap token and a demoted admin alone on the next start', async () => {
    const { adminPk } = await ensureBootstrap(store.db, BOOTSTRAP);
    await updateUser(store.db, adminPk, { password: 'changed-in-the-ui-42' }, null);
    await store.db.deleteFrom('api_tokens').where('identifier', '=', BOOTSTRAP_TOKEN_IDENTIFIER).execute();
    await addOtherSuperuser(store.db);
    await removeUserFromGroup(store.db, await adminGroupUuid(store.db), adminPk, null);

    const again = await ensureBootstrap(store.db, BOOTSTRAP);

    expect(again).toMatchObject({ applied: false, created: false, adminPk });
    expect(await adminPasswordIs(store.db, 'changed-in-the-ui-42')).toBe(true);
    expect(await adminPasswordIs(store.db, BOOTSTRAP.password as string)).toBe(false);
    expect(await bootstrapTokenCount(store.db)).toBe(0);
    expect(await userIdForTokenKey(store.db, BOOTSTRAP.token as string)).toBeNull();
    expect(await isSuperuser(store.db, adminPk)).toBe(false);
  });

  it('promote admin again, keeping its own password, when no active superuser is left', async () => {
    const { adminPk } = await ensureBootstrap(store.db, { token: BOOTSTRAP.token });
    await updateUser(store.db, adminPk, { password: 'its-own-password-57' }, null);
    await removeUserFromGroup(store.db, await adminGroupUuid(store.db), adminPk, null);

    const again = await ensureBootstrap(store.db, { token: BOOTSTRAP.token });

    expect(again).toMatchObject({ applied: true, created: false, generatedPassword: undefined });
    expect(await isSuperuser(store.db, adminPk)).toBe(true);
    expect(await adminPasswordIs(store.db, 'its-own-password-57')).toBe(true);
    expect(await bootstrapTokenCount(store.db)).toBe(1);
  });

  it('generate a password only for a new admin, and only once', async () => {
    const first = await ensureBootstrap(store.db, {});
    expect(first.generatedPassword).toMatch(/^[\w-]{16}$/);
    expect(await adminPasswordIs(store.db, first.generatedPassword as string)).toBe(true);
    const second = await ensureBootstrap(store.db, {});
    expect(second.applied).toBe(false);
    expect(second.generatedPassword).toBeUndefined();
    expect(await adminPasswordIs(store.db, first.generatedPassword as string)).toBe(true);
  });

  it('apply again with --reset-admin: password, token, membership and an active account', async () => {
    const { adminPk } = await ensureBootstrap(store.db, BOOTSTRAP);
    await updateUser(store.db, adminPk, { password: 'changed-in-the-ui-42', is_active: false }, null);
    await store.db.deleteFrom('api_tokens').where('identifier', '=', BOOTSTRAP_TOKEN_IDENTIFIER).execute();
    await addOtherSuperuser(store.db);
    await removeUserFromGroup(store.db, await adminGroupUuid(store.db), adminPk, null);

    const reset = await ensureBootstrap(store.db, { ...BOOTSTRAP, reset: true });

    expect(reset).toMatchObject({ applied: true, created: false, adminPk, generatedPassword: undefined });
    expect(await adminPasswordIs(store.db, BOOTSTRAP.password as string)).toBe(true);
    expect((await findUserByUsername(store.db, ADMIN_USERNAME))?.is_active).toBe(true);
    expect(await isSuperuser(store.db, adminPk)).toBe(true);
    expect(await userIdForTokenKey(store.db, BOOTSTRAP.token as string)).toBe(adminPk);

    // Without CONDUIT_BOOTSTRAP_PASSWORD a reset generates a new password, to be printed once.
    const generated = await ensureBootstrap(store.db, { reset: true });
    expect(generated.generatedPassword).toBeDefined();
    expect(await adminPasswordIs(store.db, generated.generatedPassword as string)).toBe(true);
  });
});

describe.each(DIALECTS)('startConduit with the bootstrap variables on %s', (dialect) => {
  it('applies them on the first start, not on the next, and again with resetAdmin', async () => {
    const database = await createTestDatabaseUrl(dialect);
    const dataDir = mkdtempSync(join(tmpdir(), 'conduit-startup-'));
    const config = loadConfig({
      CONDUIT_DATA_DIR: dataDir,
      ...(dialect === 'postgres' ? { DATABASE_URL: database.url } : {}),
      CONDUIT_SECRET_KEYS: generateSecretKey(),
      CONDUIT_BOOTSTRAP_PASSWORD: BOOTSTRAP.password,
      CONDUIT_BOOTSTRAP_TOKEN: BOOTSTRAP.token,
      CONDUIT_LOG_LEVEL: 'silent',
    });
    const none = { api: false, worker: false, scheduler: false };
    const start = async (resetAdmin: boolean) => {
      const app = await startConduit(config, none, { listen: false, resetAdmin });
      const applied = app.bootstrap.applied;
      const result = {
        applied,
        bootstrapPassword: await adminPasswordIs(app.store.db, BOOTSTRAP.password as string),
      };
      if (!applied) {
        const admin = await findUserByUsername(app.store.db, ADMIN_USERNAME);
        await updateUser(app.store.db, admin?.pk ?? 0, { password: 'changed-in-the-ui-42' }, null);
      }
      await app.close();
      return result;
    };
    try {
      expect(await start(false)).toEqual({ applied: true, bootstrapPassword: true });
      // The second start leaves the admin alone (and the test then changes its password) …
      expect(await start(false)).toEqual({ applied: false, bootstrapPassword: true });
      // … which a third start keeps, until --reset-admin puts the bootstrap password back.
      expect(await start(false)).toEqual({ applied: false, bootstrapPassword: false });
      expect(await start(true)).toEqual({ applied: true, bootstrapPassword: true });
    } finally {
      await database.drop();
    }
  }, 60_000);
});

describe('every response carries the security headers', () => {
  let store: TestStore;
  beforeEach(async () => {
    store = await createTestStore('sqlite');
  });
  afterEach(async () => {
    await store.dispose();
  });

  it('on the UI, the SPA fallback, the API, its errors and the health checks', async () => {
    const webRoot = mkdtempSync(join(tmpdir(), 'conduit-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Conduit</title>');
    const ctx: ApiContext = {
      store,
      secrets: createSecretBox(parseSecretKeys(generateSecretKey())),
      services: {},
    };
    const app = await buildServer(ctx, { webRoot });
    try {
      for (const url of [
        '/',
        '/core/users',
        '/api/v3/core/users/',
        '/api/v3/conduit/session/',
        '/-/health/live/',
      ]) {
        const response = await app.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBeLessThan(500);
        expect(response.headers['x-frame-options'], url).toBe('DENY');
        expect(response.headers['x-content-type-options'], url).toBe('nosniff');
        const csp = String(response.headers['content-security-policy']);
        expect(csp, url).toContain("default-src 'self'");
        expect(csp, url).toContain("script-src 'self'");
        expect(csp, url).toContain("frame-ancestors 'none'");
        expect(csp, url).toContain("img-src 'self' data:");
        expect(csp, url).toContain("object-src 'none'");
        expect(csp, url).not.toContain('upgrade-insecure-requests');
      }
    } finally {
      await app.close();
    }
  });
});

describe('CONDUIT_TRUST_PROXY and the session cookie', () => {
  let store: TestStore;
  beforeEach(async () => {
    store = await createTestStore('sqlite');
    await ensureBootstrap(store.db, BOOTSTRAP);
  });
  afterEach(async () => {
    await store.dispose();
  });

  async function sessionCookie(trustProxy: boolean | number | string[] | undefined): Promise<string> {
    const ctx: ApiContext = {
      store,
      secrets: createSecretBox(parseSecretKeys(generateSecretKey())),
      services: {},
    };
    const app = await buildServer(ctx, { trustProxy });
    try {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v3/conduit/session/',
        headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.9' },
        remoteAddress: '127.0.0.1',
        payload: { username: ADMIN_USERNAME, password: BOOTSTRAP.password },
      });
      expect(response.statusCode).toBe(200);
      return String(response.headers['set-cookie']);
    } finally {
      await app.close();
    }
  }

  it('is Secure behind a trusted proxy that terminated TLS', async () => {
    for (const trustProxy of [true, 1, ['127.0.0.1']])
      expect(await sessionCookie(trustProxy)).toMatch(/; Secure/);
  });

  it('ignores X-Forwarded-Proto from a proxy that is not trusted', async () => {
    expect(await sessionCookie(undefined)).not.toMatch(/; Secure/);
    expect(await sessionCookie(['10.0.0.0/8'])).not.toMatch(/; Secure/);
  });
});
