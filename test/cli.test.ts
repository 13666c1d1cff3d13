/**
 * The `conduit` command as an administrator runs it: a real process per call, on a fresh SQLite data
 * directory. Every failure must end with a message naming what to fix and exit code 2 (bad
 * configuration or arguments) or 1 (anything else).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/store/database.js';
import { generateSecretKey } from '../src/store/secret-box.js';

const bin = resolve('bin/conduit.js');

function conduit(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [bin, ...args], {
    // From the sources even when a production build (dist/) is present.
    env: { ...process.env, CONDUIT_FROM_SOURCE: '1', CONDUIT_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function run(args: string[], env: Record<string, string> = {}) {
  const child = conduit(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c) => {
    stdout += String(c);
  });
  child.stderr?.on('data', (c) => {
    stderr += String(c);
  });
  const [code] = (await once(child, 'exit')) as [number];
  return { code, stdout, stderr };
}

const dataDir = () => ({ CONDUIT_DATA_DIR: mkdtempSync(join(tmpdir(), 'conduit-cli-')) });

describe('conduit (command line)', () => {
  it('migrate creates the embedded database and its key readable by their owner only, and says so', async () => {
    const env = { CONDUIT_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'conduit-cli-')), 'data') };
    const result = await run(['migrate'], env);
    expect(result).toMatchObject({ code: 0, stdout: 'Database is up to date.\n' });
    expect(statSync(join(env.CONDUIT_DATA_DIR, 'conduit.db')).mode & 0o777).toBe(0o600);
    expect(statSync(join(env.CONDUIT_DATA_DIR, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(statSync(env.CONDUIT_DATA_DIR).mode & 0o777).toBe(0o700);
  });

  it('stops on bad key material naming CONDUIT_SECRET_KEYS or the key file, before creating the database', async () => {
    const env = dataDir();
    const badVariable = await run(['start', '--port', '0'], { ...env, CONDUIT_SECRET_KEYS: 'c2hvcnQ=' });
    expect(badVariable.code).toBe(2);
    expect(badVariable.stderr).toContain(
      'CONDUIT_SECRET_KEYS: each secret key must be 32 bytes, base64-encoded (openssl rand -base64 32)',
    );

    const keyFile = join(env.CONDUIT_DATA_DIR, 'secret.key');
    writeFileSync(keyFile, 'not a key\n');
    const badFile = await run(['migrate'], env);
    expect(badFile.code).toBe(2);
    expect(badFile.stderr).toContain(`${keyFile} (the key file;`);
    expect(existsSync(join(env.CONDUIT_DATA_DIR, 'conduit.db'))).toBe(false);
  }, 60_000);

  it('says PostgreSQL cannot be reached, with its host and port and no stack trace or password', async () => {
    const result = await run(['migrate'], {
      ...dataDir(),
      DATABASE_URL: 'postgres://conduit:hunter2-secret@127.0.0.1:1/conduit',
      CONDUIT_SECRET_KEYS: generateSecretKey(),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'error: Cannot connect to PostgreSQL at 127.0.0.1:1/conduit (DATABASE_URL): connection refused (is PostgreSQL running and listening on that address?)\n',
    );
  });

  it('names CONDUIT_HOST when the address is not one of this machine', async () => {
    // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never an address of the test machine.
    const result = await run(['start', '--port', '0'], { ...dataDir(), CONDUIT_HOST: '192.0.2.7' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('CONDUIT_HOST: 192.0.2.7 is not an address of this machine');
  });

  it('stops on bad configuration with exit code 2 and every bad variable named', async () => {
    const result = await run(['start'], {
      ...dataDir(),
      CONDUIT_PORT: 'ninety',
      CONDUIT_HEAP_GROWTH_PERCENT: '1000',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid configuration:');
    expect(result.stderr).toContain('CONDUIT_PORT:');
    expect(result.stderr).toContain(
      'CONDUIT_HEAP_GROWTH_PERCENT: must be a whole number from 0 (V8 decides) to 300',
    );
    expect(result.stdout).not.toContain('Conduit is running');
  });

  it('refuses `worker` on the embedded SQLite database and says what to run instead', async () => {
    const result = await run(['worker'], dataDir());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'DATABASE_URL: `conduit worker` runs beside other processes and needs PostgreSQL',
    );
    expect(result.stderr).toContain('run `conduit start`');
  });

  it('rejects a bad port argument before touching anything', async () => {
    const env = dataDir();
    const result = await run(['start', '--port', '70000'], env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('must be a whole number from 0 to 65535');
    expect(existsSync(join(env.CONDUIT_DATA_DIR, 'conduit.db'))).toBe(false);
  });

  it('create-admin creates a superuser, resets its password on a second call, and rejects a weak one', async () => {
    const env = dataDir();
    const short = await run(['create-admin', '-u', 'ops', '--password', 'short'], env);
    expect(short).toMatchObject({
      code: 2,
      stderr: 'password: This password is too short. It must contain at least 8 characters.\n',
    });
    const common = await run(['create-admin', '-u', 'ops', '--password', 'password123'], env);
    expect(common).toMatchObject({ code: 2, stderr: 'password: This password is too common.\n' });

    const store = await openStore({ url: join(env.CONDUIT_DATA_DIR, 'conduit.db') });
    const passwordHash = async () =>
      (
        await store.db
          .selectFrom('users')
          .select('password_hash')
          .where('username', '=', 'ops')
          .executeTakeFirstOrThrow()
      ).password_hash;
    try {
      expect(await run(['create-admin', '-u', 'ops', '--password', 'first-password'], env)).toMatchObject({
        code: 0,
        stdout: 'Created superuser "ops".\n',
      });
      const first = await passwordHash();
      expect(await run(['create-admin', '-u', 'ops', '--password', 'second-password'], env)).toMatchObject({
        code: 0,
        stdout: 'Updated superuser "ops".\n',
      });
      expect(await passwordHash()).not.toBe(first);

      const superusers = await store.db
        .selectFrom('users')
        .innerJoin('group_members', 'group_members.user_id', 'users.id')
        .innerJoin('groups', 'groups.id', 'group_members.group_id')
        .select('users.username')
        .where('groups.is_superuser', '=', true)
        .where('users.username', '=', 'ops')
        .execute();
      expect(superusers).toHaveLength(1);
      // Only the admin group was created for it, not an `admin` whose password nobody was shown.
      expect(
        await store.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirst(),
      ).toBeUndefined();
    } finally {
      await store.close();
    }
  }, 120_000);

  it('token create prints a key once, and names the bad argument otherwise', async () => {
    const env = dataDir();
    await run(['create-admin', '-u', 'ops', '--password', 'first-password'], env);

    const unknown = await run(['token', 'create', '-u', 'nobody', '-i', 'ci'], env);
    expect(unknown).toMatchObject({ code: 2, stderr: 'username: No user "nobody".\n' });
    const badDate = await run(['token', 'create', '-u', 'ops', '-i', 'ci', '--expires', 'next tuesday'], env);
    expect(badDate).toMatchObject({ code: 2, stderr: 'expires: "next tuesday" is not an ISO 8601 date.\n' });

    const created = await run(['token', 'create', '-u', 'ops', '-i', 'ci'], env);
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(key.length).toBeGreaterThanOrEqual(32);

    const duplicate = await run(['token', 'create', '-u', 'ops', '-i', 'ci'], env);
    expect(duplicate.code).toBe(2);
    expect(duplicate.stderr).toBe('identifier: Token with this identifier "ci" already exists.\n');
  }, 120_000);

  it('start prints the URL and the admin login (never a supplied password), serves the API, and stops cleanly on SIGTERM', async () => {
    const child = conduit(['start', '--port', '0'], {
      ...dataDir(),
      CONDUIT_BOOTSTRAP_PASSWORD: 'cli-test-password',
    });
    let stdout = '';
    child.stdout?.on('data', (c) => {
      stdout += String(c);
    });
    const exited = once(child, 'exit');
    try {
      for (let i = 0; i < 300 && !stdout.includes('admin login'); i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(stdout).toContain('admin login: admin / (the password in CONDUIT_BOOTSTRAP_PASSWORD)');
      expect(stdout).not.toContain('cli-test-password');
      const url = /Conduit is running at (\S+)/.exec(stdout)?.[1];
      expect(url).toMatch(/^http:\/\/localhost:\d+$/);

      const anonymous = await fetch(`${url}/api/v3/core/users/`);
      expect([401, 403]).toContain(anonymous.status);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
  }, 60_000);

  it('start --reset-admin gives admin a new generated password, printed once, that signs in', async () => {
    const env = { ...dataDir(), CONDUIT_BOOTSTRAP_PASSWORD: 'cli-test-password' };
    const startAndRead = async (args: string[]) => {
      const child = conduit(['start', '--port', '0', ...args], env);
      let stdout = '';
      child.stdout?.on('data', (c) => {
        stdout += String(c);
      });
      const exited = once(child, 'exit');
      for (let i = 0; i < 300 && !stdout.includes('database:'); i++)
        await new Promise((r) => setTimeout(r, 100));
      const stop = async () => {
        child.kill('SIGTERM');
        await exited;
      };
      return { stdout, stop };
    };
    const first = await startAndRead([]);
    await first.stop();
    expect(first.stdout).toContain('admin login: admin / (the password in CONDUIT_BOOTSTRAP_PASSWORD)');

    // Without a bootstrap password a reset generates one; the supplied one would be used otherwise.
    delete (env as { CONDUIT_BOOTSTRAP_PASSWORD?: string }).CONDUIT_BOOTSTRAP_PASSWORD;
    const reset = await startAndRead(['--reset-admin']);
    try {
      const password = /admin login: admin \/ (\S+) {3}\(generated now and shown only once\)/.exec(
        reset.stdout,
      )?.[1];
      expect(password).toBeDefined();
      const url = /Conduit is running at (\S+)/.exec(reset.stdout)?.[1];
      const login = await fetch(`${url}/api/v3/conduit/session/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
      expect(login.status).toBe(200);
    } finally {
      await reset.stop();
    }
  }, 120_000);
});
