/**
 * A process killed with SIGKILL in the middle of a full sync: when Conduit starts again and syncs,
 * everything converges, with no duplicate remote object and no lost change.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroup } from '../../src/directory/groups.js';
import { createUser } from '../../src/directory/users.js';
import type { RunningEmulator } from '../../src/graph-emulator/index.js';
import { generateSecretKey } from '../../src/store/secret-box.js';
import { runFullSync } from '../../src/sync/full-sync.js';
import { interruptRunningRuns } from '../../src/sync/run-records.js';
import {
  actor,
  createSyncHarness,
  type SyncHarness,
  startEmulatorForTests,
} from '../support/sync-harness.js';

describe('crash recovery (SQLite, one process)', () => {
  let emulator: RunningEmulator;
  let h: SyncHarness;
  const key = generateSecretKey();

  beforeAll(async () => {
    emulator = await startEmulatorForTests({ latencyMs: 15 });
    // The child process must open the sealed client secret: the harness uses a key it is given too.
    h = await createSyncHarness('sqlite', { emulator, secretKey: key, provider: { sync_page_size: 10 } });
  });
  afterAll(async () => {
    await h.close();
    await emulator.close();
  });

  it('converges after SIGKILL mid-run with no duplicates', async () => {
    const users = [];
    for (let i = 0; i < 80; i++) {
      users.push(
        await createUser(
          h.store.db,
          { username: `crash${i}`, name: `Crash ${i}`, email: `crash${i}@${emulator.domain}` },
          actor,
        ),
      );
    }
    await createGroup(h.store.db, { name: 'Crash group', users: users.slice(0, 40).map((u) => u.pk) }, actor);
    const dir = mkdtempSync(join(tmpdir(), 'conduit-crash-'));
    const caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, emulator.caCertPem);
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/full-sync-child.ts'], {
      env: {
        ...process.env,
        CHILD_SETUP: JSON.stringify({ url: h.store.url, key, providerId: h.providerId, caFile }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += String(d);
    });
    child.stderr.on('data', (d) => {
      output += String(d);
    });
    const deadline = Date.now() + 60_000;
    while (h.remote().users.length < 20) {
      if (Date.now() > deadline) throw new Error(`child made no progress: ${output}`);
      if (child.exitCode !== null) throw new Error(`child exited before it was killed: ${output}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const createdBeforeKill = h.remote().users.length;
    expect(createdBeforeKill).toBeLessThan(80);

    // Conduit starts again: runs left "running" by the dead process are marked interrupted.
    expect(await interruptRunningRuns(h.store.db)).toBe(1);
    const outcome = await runFullSync(h.deps, h.providerId);
    expect(outcome.status).toBe('done');
    const remoteUpns = h.remote().users.map((u) => u.userPrincipalName);
    expect(remoteUpns).toHaveLength(80);
    expect(new Set(remoteUpns).size).toBe(80);
    const remoteGroups = h.remote().groups.filter((g) => g.displayName === 'Crash group') as Array<{
      members: string[];
    }>;
    expect(remoteGroups).toHaveLength(1);
    expect(remoteGroups[0]?.members).toHaveLength(40);
    const links = await h.store.db
      .selectFrom('sync_links')
      .select(['state', 'remote_id'])
      .where('object_type', '=', 'user')
      .execute();
    expect(links.filter((l) => l.state === 'synced' && l.remote_id !== null)).toHaveLength(80);
  }, 120_000);
});
