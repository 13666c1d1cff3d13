/**
 * The audit log under floods: every event is bounded in size, identical events within the repeat
 * window share one row with a count, one client address cannot add more than its cap of failed
 * logins per window, and a save that changes nothing writes neither an outbox row nor an event.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { coreRoutes } from '../../src/api/core-routes.js';
import {
  EVENT_REPEAT_WINDOW_MS,
  MAX_EVENT_CONTEXT_LENGTH,
  MAX_EVENT_NAME_LENGTH,
  recordEvent,
  SOURCE_CAPS,
} from '../../src/directory/changes.js';
import { readJson } from '../../src/store/dialect.js';
import { createTestApi, type TestApi } from '../support/api.js';
import { DIALECTS } from '../support/stores.js';

const LOGIN_FAILED_CAP = SOURCE_CAPS.get('login_failed') ?? 0;

describe.each(DIALECTS)('audit events under floods on %s', (dialect) => {
  let api: TestApi;

  beforeAll(async () => {
    api = await createTestApi(dialect, coreRoutes);
  });
  afterAll(async () => api.close());
  beforeEach(async () => {
    await api.store.db.deleteFrom('events').execute();
  });

  const rows = (action: string) =>
    api.store.db
      .selectFrom('events')
      .selectAll()
      .where('action', '=', action)
      .orderBy('created_at')
      .execute();
  const failedLogin = (username: string, clientIp = '203.0.113.7') =>
    recordEvent(api.store.db, {
      action: 'login_failed',
      actor: null,
      client_ip: clientIp,
      context: { username },
    });
  const count = async (table: 'events' | 'outbox') =>
    Number(
      (
        await api.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('stores a bounded prefix of a huge username, marked as truncated', async () => {
    await failedLogin('x'.repeat(900_000));
    const [row] = await rows('login_failed');
    const context = readJson<{ username: string; truncated?: boolean }>(row?.context, { username: '' });
    expect(context.username).toBe(`${'x'.repeat(MAX_EVENT_NAME_LENGTH)}…`);
    expect(context.truncated).toBe(true);
    expect(JSON.stringify(context).length).toBeLessThan(MAX_EVENT_NAME_LENGTH + 100);
  });

  it('bounds the whole context: many long strings, deep nesting and long arrays stay within a few kB', async () => {
    let deep: Record<string, unknown> = { leaf: 'bottom' };
    for (let i = 0; i < 10_000; i++) deep = { deeper: deep };
    await recordEvent(api.store.db, {
      action: 'configuration_error',
      actor: null,
      context: {
        message: 'm'.repeat(100_000),
        details: Array.from({ length: 10_000 }, (_, i) => `detail ${i} ${'d'.repeat(500)}`),
        deep,
        nul: 'a\u0000b',
        surrogate: `${'s'.repeat(2047)}😀 tail`,
      },
    });
    const [row] = await rows('configuration_error');
    const stored = readJson<Record<string, unknown>>(row?.context, {});
    expect(JSON.stringify(stored).length).toBeLessThan(MAX_EVENT_CONTEXT_LENGTH * 1.5);
    expect(stored.truncated).toBe(true);
    expect(String(stored.message)).toMatch(/^m+…$/);
  });

  it('keeps a small context exactly as given, without a truncation marker', async () => {
    const context = { model: { app: 'conduit_core', model_name: 'user', pk: 3, name: 'jane' }, n: 1 };
    await recordEvent(api.store.db, { action: 'model_updated', actor: null, context });
    const [row] = await rows('model_updated');
    expect(readJson(row?.context, {})).toEqual(context);
  });

  it('counts identical events within the window on one row, and shows the count in the API', async () => {
    for (let i = 0; i < 5; i++) await failedLogin('alice');
    await failedLogin('bob');
    const stored = await rows('login_failed');
    expect(
      stored.map((r) => [
        readJson<{ username: string }>(r.context, { username: '' }).username,
        r.repeat_count,
      ]),
    ).toEqual([
      ['alice', 5],
      ['bob', 1],
    ]);
    expect(stored[0]?.last_seen_at).not.toBeNull();
    expect(stored[1]?.last_seen_at).toBeNull();

    const res = await api.app.inject({
      url: '/api/v3/events/events/?action=login_failed',
      headers: api.auth,
    });
    expect(res.statusCode, res.body).toBe(200);
    const alice = res
      .json()
      .results.find((e: { context: { username: string } }) => e.context.username === 'alice');
    expect(alice).toMatchObject({
      repeat_count: 5,
      context: { username: 'alice' },
      user: { username: 'system' },
    });
    expect(alice.last_seen).toEqual(expect.any(String));
  });

  it('starts a new row once the window has passed', async () => {
    await failedLogin('alice');
    const old = new Date(Date.now() - EVENT_REPEAT_WINDOW_MS - 60_000).toISOString();
    await api.store.db.updateTable('events').set({ created_at: old }).execute();
    await failedLogin('alice');
    expect((await rows('login_failed')).map((r) => r.repeat_count)).toEqual([1, 1]);
  });

  it('loses no count when identical events arrive concurrently', async () => {
    await failedLogin('carol');
    await Promise.all(Array.from({ length: 20 }, () => failedLogin('carol')));
    const total = (await rows('login_failed')).reduce((sum, r) => sum + r.repeat_count, 0);
    expect(total).toBe(21);
  });

  it('caps failed logins per client address: past the cap, the latest row counts the rest', async () => {
    const sprayed = LOGIN_FAILED_CAP + 30;
    for (let i = 0; i < sprayed; i++) await failedLogin(`user-${i}`);
    await failedLogin('someone', '198.51.100.9');
    const fromSprayer = (await rows('login_failed')).filter((r) => r.client_ip === '203.0.113.7');
    expect(fromSprayer).toHaveLength(LOGIN_FAILED_CAP);
    expect(fromSprayer.reduce((sum, r) => sum + r.repeat_count, 0)).toBe(sprayed);
    // Another address is not affected by the first one's cap.
    expect((await rows('login_failed')).filter((r) => r.client_ip === '198.51.100.9')).toHaveLength(1);
  });

  it('a group or application PATCH that changes nothing writes no outbox row and no event', async () => {
    const send = (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: object) =>
      api.app.inject({ method, url, headers: api.auth, payload });
    const user = (await send('POST', '/api/v3/core/users/', { username: 'noop-user', name: 'Noop' })).json();
    const parent = (await send('POST', '/api/v3/core/groups/', { name: 'noop-parent' })).json();
    const group = (
      await send('POST', '/api/v3/core/groups/', {
        name: 'noop-group',
        attributes: { a: 1, b: { c: [1, 2] } },
        parents: [parent.pk],
        users: [user.pk],
      })
    ).json();
    await send('POST', '/api/v3/core/applications/', { name: 'Noop', slug: 'noop-app', group: 'x' });
    const [outbox, events] = [await count('outbox'), await count('events')];

    const unchanged = await send('PATCH', `/api/v3/core/groups/${group.pk}/`, {
      name: 'noop-group',
      is_superuser: false,
      attributes: { b: { c: [1, 2] }, a: 1 },
      parents: [parent.pk],
      users: [user.pk],
    });
    expect(unchanged.statusCode, unchanged.body).toBe(200);
    expect(unchanged.json()).toMatchObject({ name: 'noop-group', attributes: { a: 1, b: { c: [1, 2] } } });
    const sameApp = await send('PATCH', '/api/v3/core/applications/noop-app/', {
      name: 'Noop',
      group: 'x',
      backchannel_providers: [],
    });
    expect(sameApp.statusCode, sameApp.body).toBe(200);
    expect([await count('outbox'), await count('events')]).toEqual([outbox, events]);

    // A real change still writes both.
    expect(
      (await send('PATCH', `/api/v3/core/groups/${group.pk}/`, { attributes: { a: 2 } })).statusCode,
    ).toBe(200);
    expect(await count('outbox')).toBe(outbox + 1);
    expect(await count('events')).toBe(events + 1);
    expect((await send('PATCH', '/api/v3/core/applications/noop-app/', { group: 'y' })).statusCode).toBe(200);
    expect(await count('events')).toBe(events + 2);
  });
});
