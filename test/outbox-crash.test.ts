/**
 * The transactional outbox under a real crash: a process writing users is killed with SIGKILL in
 * the middle of its writes. Afterwards every user has exactly its outbox change and its audit
 * event, and every change and event has its user: nothing half-written survives.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/store/database.js';
import { readJson } from '../src/store/dialect.js';
import { createTestDatabaseUrl, DIALECTS } from './support/stores.js';

describe.each(DIALECTS)('outbox atomicity under SIGKILL on %s', (dialect) => {
  let url: string;
  let drop: () => Promise<void>;
  let store: Store;
  beforeAll(async () => {
    ({ url, drop } = await createTestDatabaseUrl(dialect));
    store = await openStore({ url });
  });
  afterAll(async () => {
    await store.close();
    await drop();
  });

  it('leaves no change without its event and no event without its change', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/outbox-writer-child.ts'], {
      env: { ...process.env, CHILD_DB_URL: url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await once(child.stdout, 'data');
    // Let it write for a while, then kill it wherever it is (most of its time is inside transactions).
    const deadline = Date.now() + 30_000;
    for (;;) {
      const n = await store.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      if (Number(n.n) >= 25 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
    await once(child, 'exit');

    const users = await store.db.selectFrom('users').select(['id', 'username']).execute();
    const changes = await store.db.selectFrom('outbox').select(['topic', 'payload']).execute();
    const events = await store.db
      .selectFrom('events')
      .select(['action', 'context'])
      .where('action', '=', 'model_created')
      .execute();
    expect(users.length).toBeGreaterThanOrEqual(25);
    const userIds = users.map((u) => u.id).sort((a, b) => a - b);
    const changeIds = changes
      .filter((c) => c.topic === 'user.saved')
      .map((c) => readJson<{ user_id: number }>(c.payload, { user_id: -1 }).user_id)
      .sort((a, b) => a - b);
    const eventNames = events
      .map((e) => readJson<{ model: { name: string } }>(e.context, { model: { name: '' } }).model.name)
      .sort();
    expect(changeIds).toEqual(userIds);
    expect(eventNames).toEqual(users.map((u) => u.username).sort());
  }, 60_000);
});
