/**
 * Emulator overhead benchmark (not a test): how many simple Graph requests per second the
 * emulator sustains on one core with throttling and latency off. The emulator runs in its own
 * process (so it has one core to itself); this process drives it over HTTPS keep-alive with an
 * undici Pool. Bounded in time.
 *
 *   npx tsx bench/emulator-throughput.ts [--seconds 5] [--connections 32] [--http] [--profile]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Agent, Pool, request } from 'undici';

/** CPU seconds (user + system) used so far by a process, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

interface Banner {
  graphUrl: string;
  loginUrl: string;
  controlUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  domain: string;
  caCertPath: string | null;
}

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const seconds = flag('--seconds', 5);
const connections = flag('--connections', 32);
const useHttp = process.argv.includes('--http');

const profileArgs = process.argv.includes('--profile')
  ? ['--cpu-prof', '--cpu-prof-dir=/tmp/emulator-profile']
  : [];
const child = spawn(
  process.execPath,
  [
    ...profileArgs,
    '--import',
    'tsx',
    'src/graph-emulator/standalone.ts',
    '--port',
    '0',
    ...(useHttp ? ['--http'] : []),
  ],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const banner = await new Promise<Banner>((resolve, reject) => {
  createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line) as Banner));
  child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
});

try {
  const ca = banner.caCertPath ? readFileSync(banner.caCertPath, 'utf8') : undefined;
  const connect = ca ? { ca } : {};
  const setup = new Agent({ connect });
  const tokenRes = await request(`${banner.loginUrl}/${banner.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: banner.clientId,
      client_secret: banner.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    }).toString(),
    dispatcher: setup,
  });
  const token = ((await tokenRes.body.json()) as { access_token: string }).access_token;
  const seedRes = await request(`${banner.controlUrl}/seed`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ users: 100 }),
    dispatcher: setup,
  });
  const seeded = (await seedRes.body.json()) as { users: Array<{ id: string }> };
  await setup.close();

  const pool = new Pool(banner.loginUrl, { connections, pipelining: 1, connect });
  const headers = { authorization: `Bearer ${token}` };
  const scenarios: Array<{ name: string; path: (i: number) => string }> = [
    { name: 'GET /v1.0/users/{id}', path: (i) => `/v1.0/users/${seeded.users[i % seeded.users.length]?.id}` },
    {
      name: 'GET /v1.0/users?$top=10&$select=id,displayName',
      path: () => '/v1.0/users?$top=10&$select=id,displayName',
    },
  ];
  for (const scenario of scenarios) {
    let done = 0;
    let errors = 0;
    const deadline = Date.now() + seconds * 1000;
    const worker = async (w: number): Promise<void> => {
      let i = w;
      while (Date.now() < deadline) {
        const res = await pool.request({ method: 'GET', path: scenario.path(i++), headers });
        await res.body.dump();
        if (res.statusCode === 200) done++;
        else errors++;
      }
    };
    const started = Date.now();
    const cpuBefore = cpuSeconds(child.pid ?? 0);
    await Promise.all(Array.from({ length: connections }, (_, w) => worker(w)));
    const elapsed = (Date.now() - started) / 1000;
    const cpu = cpuSeconds(child.pid ?? 0) - cpuBefore;
    const perCore =
      Number.isFinite(cpu) && cpu > 0
        ? `, ${Math.round(done / cpu)} req per emulator CPU-second (emulator busy ${Math.round((cpu / elapsed) * 100)} % of one core)`
        : '';
    console.log(
      `${scenario.name}: ${Math.round(done / elapsed)} req/s${perCore} (${done} ok, ${errors} errors, ${connections} connections, ${useHttp ? 'http' : 'https'}, ${elapsed.toFixed(1)} s)`,
    );
  }
  await pool.close();
} finally {
  child.kill('SIGTERM');
}
