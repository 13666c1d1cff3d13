/**
 * Users, sessions and tokens under a careless or hostile administrator (issue 12 items 6, 8, 9, 12):
 * lookalike and invisible-character usernames, weak passwords, sessions that outlive a password
 * change or a deactivation, no-op saves, token expiry and chosen keys, and `ordering` values that
 * name Object.prototype properties.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreRoutes } from '../../src/api/core-routes.js';
import { ADMIN_GROUP } from '../../src/bootstrap.js';
import { addUserToGroup, listGroups } from '../../src/directory/groups.js';
import { createToken } from '../../src/directory/tokens.js';
import { createUser } from '../../src/directory/users.js';
import { ADMIN_PASSWORD, createTestApi, type TestApi } from '../support/api.js';
import { DIALECTS } from '../support/stores.js';

let addressCounter = 0;
function freshAddress(): string {
  addressCounter += 1;
  return `10.200.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

describe.each(DIALECTS)('users, sessions and tokens security on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(dialect, coreRoutes);
  });
  afterAll(async () => api.close());

  const post = (url: string, payload: unknown) =>
    api.app.inject({ method: 'POST', url, headers: api.auth, payload: payload as object });
  const patch = (url: string, payload: unknown) =>
    api.app.inject({ method: 'PATCH', url, headers: api.auth, payload: payload as object });

  async function makeAdmin(username: string, password: string): Promise<number> {
    const user = await createUser(api.store.db, { username, name: username, password }, null);
    const group = (await listGroups(api.store.db, { page: 1, page_size: 1, name: ADMIN_GROUP })).results[0];
    if (!group) throw new Error('bootstrap made no admin group');
    await addUserToGroup(api.store.db, group.group_uuid, user.pk, null);
    return user.pk;
  }

  /** Sign in; the session cookie and CSRF token. */
  async function signIn(username: string, password: string) {
    const res = await api.app.inject({
      method: 'POST',
      url: '/api/v3/conduit/session/',
      payload: { username, password },
      remoteAddress: freshAddress(),
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'conduit_session')?.value ?? '';
    return { cookie, csrf: res.json().csrf_token as string };
  }

  async function sessionWorks(cookie: string): Promise<boolean> {
    const res = await api.app.inject({
      url: '/api/v3/conduit/session/',
      cookies: { conduit_session: cookie },
    });
    return res.statusCode === 200;
  }

  async function counts() {
    const [outbox, events] = await Promise.all([
      api.store.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow(),
      api.store.db
        .selectFrom('events')
        .select((eb) => eb.fn.sum<number>('repeat_count').as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { outbox: Number(outbox.n), events: Number(events.n ?? 0) };
  }

  describe('usernames', () => {
    it.each([
      ['a control character', 'bell\u0007user', /control characters \(found U\+0007/],
      ['a bidirectional override', 'admin\u202Egnp.exe', /bidirectional-override characters \(found U\+202E/],
      ['a zero-width space', 'ad\u200Bmin', /zero-width or invisible characters \(found U\+200B/],
      ['a zero-width joiner', 'ad\u200Dmin', /zero-width or invisible characters \(found U\+200D/],
      ['a byte-order mark', '\uFEFFadmin', /zero-width or invisible characters \(found U\+FEFF/],
    ])('refuses a username with %s, on create and on update', async (_what, username, message) => {
      const created = await post('/api/v3/core/users/', { username, name: 'X' });
      expect(created.statusCode).toBe(400);
      expect(created.json().username[0]).toMatch(message);
      const plain = await post('/api/v3/core/users/', { username: `plain-${freshAddress()}`, name: 'X' });
      expect(plain.statusCode).toBe(201);
      const updated = await patch(`/api/v3/core/users/${plain.json().pk}/`, { username });
      expect(updated.statusCode).toBe(400);
      expect(updated.json().username[0]).toMatch(message);
    });

    it('stores usernames in NFC, so two spellings of one name are one username', async () => {
      const nfd = await post('/api/v3/core/users/', { username: 'Zoe\u0308', name: 'Zoë' });
      expect(nfd.statusCode).toBe(201);
      expect(nfd.json().username).toBe('Zo\u00eb');
      const nfc = await post('/api/v3/core/users/', { username: 'Zo\u00eb', name: 'Zoë again' });
      expect(nfc.statusCode).toBe(400);
      expect(Object.keys(nfc.json())).toEqual(['username']);
    });

    it('warns, in the response and the audit log, about a username that looks like an existing one', async () => {
      const lookalike = await post('/api/v3/core/users/', { username: '\u0430dmin', name: 'Not the admin' });
      expect(lookalike.statusCode).toBe(201);
      expect(lookalike.json().warnings).toEqual([expect.stringContaining('"admin"')]);
      const greek = await post('/api/v3/core/users/', { username: 'ADM\u0399N', name: 'Greek iota' });
      expect(greek.json().warnings).toEqual([expect.stringContaining('"admin"')]);
      const events = await api.store.db
        .selectFrom('events')
        .select('context')
        .where('action', '=', 'suspicious_request')
        .execute();
      expect(events.map((e) => JSON.stringify(e.context))).toEqual(
        expect.arrayContaining([expect.stringContaining('\u0430dmin')]),
      );
      const renamed = await patch(`/api/v3/core/users/${lookalike.json().pk}/`, {
        username: '\u0430dm\u0456n',
      });
      expect(renamed.json().warnings).toEqual([expect.stringContaining('"admin"')]);
      const unrelated = await post('/api/v3/core/users/', { username: 'Łukasz', name: 'Łukasz' });
      expect(unrelated.json().warnings).toBeUndefined();
    });
  });

  describe('passwords', () => {
    it.each([
      ['short', 'This password is too short. It must contain at least 8 characters.'],
      ['password123', 'This password is too common.'],
      ['Qwerty2024!', 'This password is too common.'],
      ['11111111', 'This password is too common.'],
    ])('refuses "%s" as a password', async (password, message) => {
      const res = await post(`/api/v3/core/users/${api.adminPk}/set_password/`, { password });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ password: [message] });
    });

    it('ends the other sessions of a user whose password changes, keeping the session that changed it', async () => {
      const pk = await makeAdmin('pat', 'pat-first-pass-42');
      const changer = await signIn('pat', 'pat-first-pass-42');
      const other = await signIn('pat', 'pat-first-pass-42');
      const res = await api.app.inject({
        method: 'POST',
        url: `/api/v3/core/users/${pk}/set_password/`,
        cookies: { conduit_session: changer.cookie },
        headers: { 'x-csrftoken': changer.csrf },
        payload: { password: 'pat-second-pass-42' },
      });
      expect(res.statusCode).toBe(204);
      expect(await sessionWorks(changer.cookie)).toBe(true);
      expect(await sessionWorks(other.cookie)).toBe(false);
      // An administrator changing someone else's password (with a token) ends all of their sessions.
      const changerAgain = await signIn('pat', 'pat-second-pass-42');
      const byToken = await post(`/api/v3/core/users/${pk}/set_password/`, { password: 'pat-third-pass-42' });
      expect(byToken.statusCode).toBe(204);
      expect(await sessionWorks(changerAgain.cookie)).toBe(false);
      expect(await sessionWorks(changer.cookie)).toBe(false);
    });

    it('ends the sessions of a deactivated user: reactivating does not bring them back', async () => {
      const pk = await makeAdmin('dee', 'dee-first-pass-42');
      const session = await signIn('dee', 'dee-first-pass-42');
      expect((await patch(`/api/v3/core/users/${pk}/`, { is_active: false })).statusCode).toBe(200);
      expect((await patch(`/api/v3/core/users/${pk}/`, { is_active: true })).statusCode).toBe(200);
      expect(await sessionWorks(session.cookie)).toBe(false);
    });

    it("keeps other users' sessions when one user's password changes", async () => {
      const admin = await signIn('admin', ADMIN_PASSWORD);
      const pk = await makeAdmin('sam', 'sam-first-pass-42');
      expect(
        (await post(`/api/v3/core/users/${pk}/set_password/`, { password: 'sam-second-pass-42' })).statusCode,
      ).toBe(204);
      expect(await sessionWorks(admin.cookie)).toBe(true);
    });
  });

  describe('saves that change nothing', () => {
    it('writes no outbox row and no event for a PATCH or PUT equal to the stored user', async () => {
      const groups = await listGroups(api.store.db, { page: 1, page_size: 1, name: ADMIN_GROUP });
      const groupPk = groups.results[0]?.group_uuid ?? '';
      const created = await post('/api/v3/core/users/', {
        username: 'steady',
        name: 'Steady',
        email: 'steady@example.com',
        attributes: { b: 1, a: { y: [1, 2], x: null } },
        groups: [groupPk],
      });
      expect(created.statusCode).toBe(201);
      const pk = created.json().pk as number;
      const before = await counts();
      const same = await patch(`/api/v3/core/users/${pk}/`, {
        username: 'steady',
        name: 'Steady',
        email: 'steady@example.com',
        is_active: true,
        attributes: { a: { x: null, y: [1, 2] }, b: 1 },
        groups: [groupPk],
      });
      expect(same.statusCode).toBe(200);
      expect((await patch(`/api/v3/core/users/${pk}/`, {})).statusCode).toBe(200);
      const put = await api.app.inject({
        method: 'PUT',
        url: `/api/v3/core/users/${pk}/`,
        headers: api.auth,
        payload: { username: 'steady', name: 'Steady' },
      });
      expect(put.statusCode).toBe(200);
      expect(await counts()).toEqual(before);
      // A real change still writes both, once.
      expect((await patch(`/api/v3/core/users/${pk}/`, { name: 'Steady Eddie' })).statusCode).toBe(200);
      expect(await counts()).toEqual({ outbox: before.outbox + 1, events: before.events + 1 });
    });
  });

  describe('tokens', () => {
    const tokenWorks = async (key: string) =>
      (await api.app.inject({ url: '/api/v3/core/users/me/', headers: { authorization: `Bearer ${key}` } }))
        .statusCode === 200;

    it('does not revive an expired token with expires: null, nor with expiring: true', async () => {
      const key = 'expired-token-key-0123456789abcdefghij';
      await createToken(
        api.store.db,
        {
          identifier: 'lapsed',
          user: api.adminPk,
          key,
          expiring: true,
          expires: new Date(Date.now() - 60_000).toISOString(),
        },
        null,
      );
      expect(await tokenWorks(key)).toBe(false);
      const cleared = await patch('/api/v3/core/tokens/lapsed/', { expires: null });
      expect(cleared.statusCode).toBe(400);
      expect(Object.keys(cleared.json())).toEqual(['expires']);
      expect((await patch('/api/v3/core/tokens/lapsed/', { expiring: true })).statusCode).toBe(200);
      expect(await tokenWorks(key)).toBe(false);
      // Making it non-expiring on purpose still works, as in authentik.
      expect((await patch('/api/v3/core/tokens/lapsed/', { expiring: false })).statusCode).toBe(200);
      expect(await tokenWorks(key)).toBe(true);
    });

    it('needs a set_key key of at least 32 characters and does not say that a key is in use', async () => {
      await createToken(api.store.db, { identifier: 'first', user: api.adminPk, expiring: false }, null);
      await createToken(api.store.db, { identifier: 'second', user: api.adminPk, expiring: false }, null);
      const short = await post('/api/v3/core/tokens/first/set_key/', { key: 'only-twenty-chars-ab' });
      expect(short.statusCode).toBe(400);
      expect(short.json()).toEqual({ key: ['Ensure this field has at least 32 characters.'] });
      const key = 'Zk3-q8Vn_w2Lr5Tb9Yc1Hs4Jd7Mf0Xp6G';
      expect((await post('/api/v3/core/tokens/first/set_key/', { key })).statusCode).toBe(204);
      const taken = await post('/api/v3/core/tokens/second/set_key/', { key });
      const regular = await post('/api/v3/core/tokens/second/set_key/', { key: 'ab'.repeat(20) });
      expect(taken.statusCode).toBe(400);
      expect(taken.body).toBe(regular.body);
      expect(taken.body).not.toMatch(/another|already|in use/i);
      const spaced = await post('/api/v3/core/tokens/second/set_key/', {
        key: 'has a space in it 0123456789abcdef',
      });
      expect(spaced.statusCode).toBe(400);
    });
  });

  describe('ordering', () => {
    it.each(['constructor', '-constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
      'answers ordering=%s on users and tokens with the default order, never a 500',
      async (ordering) => {
        for (const url of ['/api/v3/core/users/', '/api/v3/core/tokens/']) {
          const res = await api.app.inject({
            url: `${url}?ordering=${encodeURIComponent(ordering)}`,
            headers: api.auth,
          });
          expect(res.statusCode, url).toBe(200);
        }
      },
    );
  });
});
