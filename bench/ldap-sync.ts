/**
 * LDAP source sync benchmark (not a test): a throwaway slapd with 10,000 users (inetOrgPerson)
 * and 500 groups (groupOfNames, 40 members each, every user in two groups), synced into a fresh
 * Conduit store twice: the first sync (everything created) and a sync with no change in LDAP
 * (incremental: nothing read but the changed entries, nothing written). Reports wall time and
 * this process's peak RSS and heap for each (slapd runs in its own process and is not counted).
 *
 *   npx tsx bench/ldap-sync.ts [--users 10000] [--groups 500] [--dialect sqlite|postgres] [--page-size 500]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { stopMappingWorkers } from '../src/mappings/index.js';
import { runSourceSync } from '../src/sources/ldap/ldap-sync.js';
import { getLdapSource } from '../src/sources/ldap/source-records.js';
import { openStore } from '../src/store/database.js';
import { createSecretBox, generateSecretKey, parseSecretKeys } from '../src/store/secret-box.js';
import {
  createOpenLdapSource,
  LDAP_BASE_DN,
  personDn,
  startLdapServer,
} from '../test/support/ldap-server.js';
import { startPostgresCluster } from '../test/support/postgres-cluster.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '10000' },
    groups: { type: 'string', default: '500' },
    dialect: { type: 'string', default: 'sqlite' },
    'page-size': { type: 'string', default: '500' },
  },
});
const USERS = Number(values.users);
const GROUPS = Number(values.groups);
const MEMBERS = Math.max(1, Math.round((USERS * 2) / GROUPS));

function ldif(): string {
  const parts: string[] = [];
  for (let i = 0; i < USERS; i++) {
    const uid = `user${String(i).padStart(5, '0')}`;
    parts.push(
      `dn: ${personDn(uid)}\nobjectClass: inetOrgPerson\nuid: ${uid}\ncn: User ${i}\nsn: ${i}\ngivenName: User\nmail: ${uid}@example.com\ntitle: Engineer ${i % 17}\nou: Dept ${i % 23}\n`,
    );
  }
  for (let g = 0; g < GROUPS; g++) {
    const members: string[] = [];
    for (let k = 0; k < MEMBERS; k++) {
      const i = (g * MEMBERS + k) % USERS;
      members.push(`member: ${personDn(`user${String(i).padStart(5, '0')}`)}`);
    }
    parts.push(
      `dn: cn=group${g},ou=groups,${LDAP_BASE_DN}\nobjectClass: groupOfNames\ncn: group${g}\n${members.join('\n')}\n`,
    );
  }
  return `${parts.join('\n')}\n`;
}

/** Run `fn`, sampling this process's RSS and heap every 20 ms. */
async function measure<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; seconds: number; peakRssMb: number; peakHeapMb: number }> {
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const started = performance.now();
  try {
    const result = await fn();
    return {
      result,
      seconds: (performance.now() - started) / 1000,
      peakRssMb: Math.round(peakRss / 1048576),
      peakHeapMb: Math.round(peakHeap / 1048576),
    };
  } finally {
    clearInterval(timer);
  }
}

async function main(): Promise<void> {
  const ldap = await startLdapServer();
  const dir = mkdtempSync(join(tmpdir(), 'conduit-ldap-bench-'));
  const pg = values.dialect === 'postgres' ? await startPostgresCluster() : null;
  const store = await openStore({ url: pg ? pg.url : join(dir, 'conduit.db'), poolSize: 5 });
  try {
    const loadStarted = performance.now();
    await ldap.add(ldif());
    console.error(
      `loaded ${USERS} users and ${GROUPS} groups into slapd in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`,
    );
    const secrets = createSecretBox(parseSecretKeys(generateSecretKey()));
    const created = await createOpenLdapSource(store.db, secrets, ldap, {
      name: 'Bench',
      slug: 'bench',
      settings: { delete_not_found_objects: true, sync_page_size: Number(values['page-size']) },
    });
    const deps = { db: store.db, dialect: store.dialect, secrets, logger: pino({ level: 'warn' }) };
    const rows: string[] = [];
    for (const label of ['first sync', 'no-change sync']) {
      const source = await getLdapSource(store.db, created.slug);
      const m = await measure(() =>
        runSourceSync(deps, source, { trigger: 'manual', confirmDeletions: false }),
      );
      const run = m.result;
      const c = run?.counts;
      const outbox = await store.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      rows.push(
        `| ${label} (${store.dialect}) | ${run?.mode} | ${m.seconds.toFixed(1)} s | ${m.peakRssMb} MB | ${m.peakHeapMb} MB | users +${c?.users.created} ~${c?.users.updated}, groups +${c?.groups.created}, memberships ~${c?.memberships.updated}, outbox rows so far ${outbox.n} | ${run?.status} |`,
      );
      console.error(rows[rows.length - 1]);
    }
    console.log(
      `\n${USERS} users, ${GROUPS} groups (${MEMBERS} members each), page size ${values['page-size']}\n`,
    );
    console.log('| Sync | Mode | Time | Peak RSS | Peak heap | What it did | Status |');
    console.log('|---|---|---|---|---|---|---|');
    for (const row of rows) console.log(row);
  } finally {
    await stopMappingWorkers();
    await store.close();
    pg?.stop();
    await ldap.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
