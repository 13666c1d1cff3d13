/**
 * The `conduit` command. Every failure ends with a message that says what to fix and a non-zero
 * exit code: 2 for bad configuration or arguments, 1 for anything else.
 */
import { Command, InvalidArgumentError } from 'commander';
import { type ConduitApp, startConduit } from '../app.js';
import { ADMIN_USERNAME, ensureAdminGroup } from '../bootstrap.js';
import { ConfigError, loadConfig } from '../config.js';
import { DirectoryValidationError } from '../directory/errors.js';
import { addUserToGroup } from '../directory/groups.js';
import { checkPasswordStrength } from '../directory/passwords.js';
import { createToken } from '../directory/tokens.js';
import { createUser, findUserByUsername, updateUser } from '../directory/users.js';
import { limitHeapGrowth } from '../process-memory.js';
import { openStore } from '../store/database.js';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('must be a whole number from 0 to 65535');
  return n;
}

function fail(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  if (error instanceof DirectoryValidationError) {
    for (const [field, messages] of Object.entries(error.fields))
      process.stderr.write(`${field}: ${messages.join(' ')}\n`);
    process.exit(2);
  }
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

/**
 * What the start prints. A password appears only when Conduit generated it now (once): a supplied
 * CONDUIT_BOOTSTRAP_PASSWORD is never echoed, since start output ends up in journals and CI logs.
 */
function banner(app: ConduitApp): string {
  const { generatedPassword, applied } = app.bootstrap;
  const login = generatedPassword
    ? `${ADMIN_USERNAME} / ${generatedPassword}   (generated now and shown only once)`
    : applied && app.config.bootstrapPassword
      ? `${ADMIN_USERNAME} / (the password in CONDUIT_BOOTSTRAP_PASSWORD)`
      : `${ADMIN_USERNAME} / (the password set earlier; \`conduit start --reset-admin\` resets it)`;
  const lines = [
    '',
    `Conduit is running at ${app.url}`,
    `  admin login: ${login}`,
    `  database:    ${app.store.dialect === 'sqlite' ? app.store.sqlitePath : 'PostgreSQL'}`,
  ];
  if (app.emulator) {
    lines.push(
      '',
      'Built-in Microsoft Graph emulator tenant (type these into Applications > Providers > Create):',
      `  Client ID:     ${app.emulator.clientId}`,
      `  Client Secret: ${app.emulator.clientSecret}`,
      `  Tenant ID:     ${app.emulator.tenantId}`,
      `  Domain:        ${app.emulator.domain}`,
      `  Graph:         ${app.emulator.graphUrl} (state: ${app.emulator.controlUrl}/state)`,
    );
  }
  return `${lines.join('\n')}\n\n`;
}

async function runRole(
  roles: { api: boolean; worker: boolean; scheduler: boolean },
  demo: boolean,
  port?: number,
  resetAdmin = false,
): Promise<void> {
  const env = {
    ...process.env,
    ...(demo ? { CONDUIT_DEMO: 'true' } : {}),
    ...(port !== undefined ? { CONDUIT_PORT: String(port) } : {}),
  };
  const config = loadConfig(env);
  limitHeapGrowth(config.heapGrowthPercent);
  const app = await startConduit(config, roles, { resetAdmin });
  if (app.url) process.stdout.write(banner(app));
  else
    process.stdout.write(`Conduit ${roles.worker ? 'worker' : 'process'} started (${app.store.dialect}).\n`);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.logger.info({ signal }, 'shutting down: finishing running jobs');
    app.close().then(
      () => process.exit(0),
      (e) => fail(e),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

const program = new Command('conduit')
  .description('Keep Microsoft Entra ID in step with your directory')
  .showHelpAfterError();

program
  .command('start')
  .description('API server, worker and scheduler in one process (the single-machine default)')
  .option('--demo', 'start the built-in Graph emulator tenant and seed a demo directory')
  .option('-p, --port <port>', 'HTTP port (default CONDUIT_PORT or 9000)', positiveInt)
  .option(
    '--reset-admin',
    'apply CONDUIT_BOOTSTRAP_* although a superuser exists: admin gets that password (or a new generated one), is active and an administrator again, and the bootstrap token is recreated',
  )
  .action((o: { demo?: boolean; port?: number; resetAdmin?: boolean }) =>
    runRole(
      { api: true, worker: true, scheduler: true },
      o.demo ?? false,
      o.port,
      o.resetAdmin ?? false,
    ).catch(fail),
  );

program
  .command('server')
  .description('API server only (run workers separately; PostgreSQL)')
  .option('-p, --port <port>', 'HTTP port', positiveInt)
  .option(
    '--reset-admin',
    'apply CONDUIT_BOOTSTRAP_* although a superuser exists (see `conduit start --help`)',
  )
  .action((o: { port?: number; resetAdmin?: boolean }) =>
    runRole({ api: true, worker: false, scheduler: false }, false, o.port, o.resetAdmin ?? false).catch(fail),
  );

program
  .command('worker')
  .description('Sync jobs and the scheduler only (PostgreSQL; run as many as you like)')
  .option('-c, --concurrency <n>', 'jobs at once (default CONDUIT_WORKER_CONCURRENCY, else 4)', positiveInt)
  .action(async (o: { concurrency?: number }) => {
    try {
      const config = loadConfig();
      limitHeapGrowth(config.heapGrowthPercent);
      if (!config.databaseUrl.startsWith('postgres')) {
        throw new ConfigError(
          'Invalid configuration:\n  DATABASE_URL: `conduit worker` runs beside other processes and needs PostgreSQL; on the embedded SQLite default run `conduit start`.',
        );
      }
      const { startWorker } = await import('../app.js');
      const concurrency = o.concurrency ?? config.workerConcurrency ?? 4;
      await startWorker(config, { concurrency });
      process.stdout.write(`Conduit worker started (concurrency ${concurrency}).\n`);
    } catch (e) {
      fail(e);
    }
  });

program
  .command('migrate')
  .description('Apply database migrations and exit')
  .action(async () => {
    try {
      const config = loadConfig();
      const store = await openStore({ url: config.databaseUrl });
      await store.close();
      process.stdout.write('Database is up to date.\n');
    } catch (e) {
      fail(e);
    }
  });

program
  .command('create-admin')
  .description('Create (or reset the password of) a superuser')
  .requiredOption('-u, --username <name>', 'username')
  .requiredOption('--password <password>', 'password (at least 8 characters, not a common one)')
  .option('--email <email>', 'email address', '')
  .action(async (o: { username: string; password: string; email: string }) => {
    try {
      const weak = checkPasswordStrength(o.password);
      if (weak) throw DirectoryValidationError.field('password', weak);
      const config = loadConfig();
      const store = await openStore({ url: config.databaseUrl });
      // Only the group: creating `admin` here would leave it with a password nobody was shown.
      const group = await ensureAdminGroup(store.db);
      const existing = await findUserByUsername(store.db, o.username);
      const user = existing
        ? await updateUser(store.db, existing.pk, { password: o.password }, null)
        : await createUser(
            store.db,
            { username: o.username, name: o.username, email: o.email, password: o.password },
            null,
          );
      await addUserToGroup(store.db, group.group_uuid, user.pk, null);
      await store.close();
      process.stdout.write(`${existing ? 'Updated' : 'Created'} superuser "${o.username}".\n`);
    } catch (e) {
      fail(e);
    }
  });

const token = program.command('token').description('API tokens');
token
  .command('create')
  .description('Create an API token for a user and print its key (shown once)')
  .requiredOption('-u, --username <name>', 'owner of the token')
  .requiredOption('-i, --identifier <id>', 'unique identifier')
  .option('--expires <iso>', 'expiry (ISO 8601); default: never')
  .action(async (o: { username: string; identifier: string; expires?: string }) => {
    try {
      if (o.expires !== undefined && Number.isNaN(Date.parse(o.expires)))
        throw DirectoryValidationError.field('expires', `"${o.expires}" is not an ISO 8601 date.`);
      const config = loadConfig();
      const store = await openStore({ url: config.databaseUrl });
      const user = await findUserByUsername(store.db, o.username);
      if (!user) throw DirectoryValidationError.field('username', `No user "${o.username}".`);
      const created = await createToken(
        store.db,
        {
          identifier: o.identifier,
          user: user.pk,
          expiring: o.expires !== undefined,
          expires: o.expires ? new Date(o.expires).toISOString() : null,
        },
        null,
      );
      await store.close();
      process.stdout.write(`${created.key}\n`);
    } catch (e) {
      fail(e);
    }
  });

program
  .command('emulator')
  .description(
    'Run the Microsoft Graph + token endpoint emulator alone; prints one JSON line with its URLs and credentials',
  )
  .option('-p, --port <port>', 'port (0 = any free port)', positiveInt, 0)
  .allowUnknownOption(true)
  .action(async (o: { port: number }, cmd: Command) => {
    try {
      const { runEmulatorCli } = await import('../graph-emulator/standalone.js');
      await runEmulatorCli(['--port', String(o.port), ...cmd.args]);
    } catch (e) {
      fail(e);
    }
  });

program.parseAsync(process.argv).catch(fail);
