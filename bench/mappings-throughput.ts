/**
 * Throughput of the default user mapping set in the QuickJS sandbox, against the same expression
 * run as a plain in-process function (no sandbox, no copies, no validation). Syncs evaluate on a
 * mapping worker thread, a page of 100 users per message (`evaluateMany`); the bench also runs
 * one user per message (`evaluate`) and the sandbox on this thread, to show what the hop costs.
 *
 *   npx tsx bench/mappings-throughput.ts [--users 100000] [--max-seconds 60]
 *
 * Target (issue 7): under 50 µs per user, i.e. 100,000 users in under 5 s on one core.
 * CPU time counts every thread of the process (the worker's too); "main thread busy" is the
 * share of wall time Conduit's event loop was occupied, which is what the worker saves.
 * Each phase stops early at --max-seconds and reports what it measured.
 */
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { compileMappingSetInThread } from '../src/mappings/engine.js';
import {
  compileMappingSet,
  DEFAULT_USER_MAPPING_EXPRESSION,
  generatePassword,
  type MappingConnection,
  type MappingContext,
  type MappingOutcome,
  type MappingUser,
  stopMappingWorkers,
} from '../src/mappings/index.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '100000' },
    'max-seconds': { type: 'string', default: '60' },
  },
});
const userCount = Math.max(1, Number(values.users));
const maxMs = Math.max(1, Number(values['max-seconds'])) * 1000;

const provider = {
  pk: 1,
  name: 'Contoso Entra',
  tenant_id: '00000000-0000-0000-0000-000000000001',
  client_id: 'app',
};

function makeUser(i: number): MappingUser {
  return {
    pk: i,
    uid: `a9f3${i.toString(16).padStart(12, '0')}`,
    username: i % 10 === 0 ? `Jöhn Doe ${i}` : `user${i}`,
    name: `User ${i}`,
    email: `user${i}@contoso.example`,
    is_active: i % 17 !== 0,
    type: 'internal',
    path: 'users',
    attributes: { department: `dept-${i % 20}`, costCenter: i % 7 },
    last_login: null,
    groups: [{ pk: `g-${i % 50}`, num_pk: i % 50, name: `group-${i % 50}`, attributes: {} }],
    all_group_names: [`group-${i % 50}`, 'everyone'],
  };
}

const users = Array.from({ length: userCount }, (_, i) => makeUser(i));
const connections: MappingConnection[] = users.map((u) => ({
  remote_id: `remote-${u.pk}`,
  attributes: { displayName: u.name },
}));

interface PhaseResult {
  done: number;
  /** Wall-clock time. */
  ms: number;
  /** CPU time of this process (user + system): what one core spent, whatever else runs on the machine. */
  cpuMs: number;
}

/** Evaluates users `from` to `to` (exclusive). */
type Evaluate = (from: number, to: number) => void | Promise<void>;

async function runPhase(label: string, evaluate: Evaluate, chunk = 1000): Promise<PhaseResult> {
  await evaluate(0, Math.min(2000, userCount)); // warm-up
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const eluStarted = performance.eventLoopUtilization();
  let done = 0;
  while (done < userCount) {
    const end = Math.min(userCount, done + chunk);
    await evaluate(done, end);
    done = end;
    if (performance.now() - started > maxMs) break;
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  const busy = performance.eventLoopUtilization(eluStarted).utilization;
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(
    `${label.padEnd(42)} ${String(done).padStart(7)} users  wall ${(ms / 1000).toFixed(2).padStart(6)} s ` +
      `${((ms * 1000) / done).toFixed(2).padStart(8)} µs/user  cpu ${(cpuMs / 1000).toFixed(2).padStart(6)} s ` +
      `${((cpuMs * 1000) / done).toFixed(2).padStart(8)} µs/user ` +
      `${Math.round((done / cpuMs) * 1000)
        .toLocaleString('en-US')
        .padStart(10)} eval/s per core  main thread busy ${(busy * 100).toFixed(0).padStart(3)} %` +
      (done < userCount ? '  (stopped at --max-seconds)' : ''),
  );
  return { done, ms, cpuMs };
}

// Host copies of the two helpers the default expression uses, so the plain run does the same work.
const SIMPLE_NICKNAME = /^(?!.*(?:__|\.\.))[A-Za-z0-9-](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9-])?$/;
function nickname(value: unknown): string {
  let s = String(value ?? '');
  if (SIMPLE_NICKNAME.test(s)) return s;
  s = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  s = s.replace(/[^\x21-\x7e]|[@()\\[\]";:<>,]/g, '_');
  s = s
    .replace(/_{2,}/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/^[._]+/, '');
  return s.slice(0, 64).replace(/[._]+$/, '');
}
function mailNicknameFrom(value: unknown, fallback?: unknown): string {
  return nickname(value) || (fallback === undefined ? '' : nickname(fallback));
}

type PlainMapping = (user: unknown, group: unknown, provider: unknown, connection: unknown) => unknown;
const plain = new Function(
  'mailNicknameFrom',
  'randomPassword',
  `return function (user, group, provider, connection) { 'use strict';\n${DEFAULT_USER_MAPPING_EXPRESSION}\n};`,
)(mailNicknameFrom, () => generatePassword()) as PlainMapping;

const load = loadavg()[0] ?? 0;
console.log(
  `Default user mapping set, ${userCount.toLocaleString('en-US')} users, Node ${process.version}, ${availableParallelism()} CPUs, load average ${load.toFixed(2)}`,
);

const definitions = [{ id: 'default', name: 'default user', expression: DEFAULT_USER_MAPPING_EXPRESSION }];
const compileStarted = performance.now();
const set = await compileMappingSet(definitions, 'user');
console.log(
  `compile on a worker (start worker + sandbox + lockdown + expression)  ${(performance.now() - compileStarted).toFixed(1)} ms`,
);

let failures = 0;
const count = (outcomes: MappingOutcome[]): void => {
  for (const outcome of outcomes) if (outcome.status !== 'ok') failures++;
};
const contexts = (from: number, to: number, linked: boolean): MappingContext[] =>
  users
    .slice(from, to)
    .map((user, i) => ({ user, provider, connection: linked ? (connections[from + i] ?? null) : null }));
const PAGE = 100;
const sandboxUpdate = await runPhase(
  'worker, update (link exists), pages of 100',
  async (from, to) => count(await set.evaluateMany(contexts(from, to, true))),
  PAGE,
);
const sandboxCreate = await runPhase(
  'worker, create (random password), pages of 100',
  async (from, to) => count(await set.evaluateMany(contexts(from, to, false))),
  PAGE,
);
await runPhase('worker, update, one user per message', async (from, to) => {
  for (const context of contexts(from, to, true)) count([await set.evaluate(context)]);
});
set.dispose();
await stopMappingWorkers();

const local = await compileMappingSetInThread(definitions, 'user');
await runPhase('this thread (no worker), update', (from, to) => {
  for (const context of contexts(from, to, true)) count([local.evaluate(context)]);
});
local.dispose();

let sink = 0;
const plainUpdate = await runPhase('plain function, update', (from, to) => {
  for (let i = from; i < to; i++) {
    const out = plain(users[i], null, provider, connections[i]) as Record<string, unknown>;
    sink += Object.keys(out).length;
  }
});
const plainCreate = await runPhase('plain function, create', (from, to) => {
  for (let i = from; i < to; i++) {
    const out = plain(users[i], null, provider, null) as Record<string, unknown>;
    sink += Object.keys(out).length;
  }
});

const perUser = (r: PhaseResult): number => (r.cpuMs * 1000) / r.done;
console.log('');
console.log(
  'Figures below use CPU time (one core): other load on the machine inflates them far less than wall time.',
);
for (const [name, sandboxed, direct] of [
  ['update', sandboxUpdate, plainUpdate],
  ['create', sandboxCreate, plainCreate],
] as const) {
  const overhead = perUser(sandboxed) - perUser(direct);
  const ratio = perUser(sandboxed) / perUser(direct);
  console.log(
    `sandbox overhead, ${name}: ${overhead.toFixed(2)} µs/user (${ratio.toFixed(0)}× the plain function)`,
  );
}
const projected = (perUser(sandboxUpdate) * 100_000) / 1e6;
console.log(
  `projected 100,000 users (update) on one core: ${projected.toFixed(2)} s — target < 5 s: ${projected < 5 ? 'met' : 'NOT met'}`,
);
console.log(`load average at the end: ${(loadavg()[0] ?? 0).toFixed(2)}`);
if (failures > 0 || sink === 0) {
  console.error(`${failures} evaluations did not return ok`);
  process.exitCode = 1;
}
