/**
 * The LDAP source sync against a real slapd (test/support/ldap-server.ts), on SQLite and
 * PostgreSQL: first sync, no-change sync, a rename and a move, an attribute change, a user moved
 * out of the filter, a membership change, a nested group, a deletion, the mass-deletion guard,
 * and a wrong bind password (clear error, nothing deleted).
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopMappingWorkers } from '../../src/mappings/index.js';
import { runSourceSync } from '../../src/sources/ldap/ldap-sync.js';
import { getLdapSource, type LdapSource, updateLdapSource } from '../../src/sources/ldap/source-records.js';
import { latestSourceRun } from '../../src/sources/ldap/sync-runs.js';
import { readJson } from '../../src/store/dialect.js';
import { createSecretBox, generateSecretKey, parseSecretKeys } from '../../src/store/secret-box.js';
import {
  createOpenLdapSource,
  groupDn,
  groupLdif,
  personDn,
  personLdif,
  startLdapServer,
  type TestLdapServer,
} from '../support/ldap-server.js';
import { createTestStore, DIALECTS, type TestStore } from '../support/stores.js';

const secrets = createSecretBox(parseSecretKeys(generateSecretKey()));
const logger = pino({ level: 'silent' });
const attrs = (value: unknown) => readJson<Record<string, unknown>>(value, {});

afterAll(async () => stopMappingWorkers());

describe.each(DIALECTS)('LDAP source sync against slapd on %s', (dialect) => {
  let ldap: TestLdapServer;
  let store: TestStore;
  let source: LdapSource;

  const deps = () => ({ db: store.db, dialect, secrets, logger });
  const sync = async (confirmDeletions = false) => {
    const fresh = await getLdapSource(store.db, source.slug);
    const run = await runSourceSync(deps(), fresh, { trigger: 'manual', confirmDeletions });
    if (!run) throw new Error('the sync did not start');
    return run;
  };
  const userByName = (username: string) =>
    store.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  const groupByName = (name: string) =>
    store.db.selectFrom('groups').selectAll().where('name', '=', name).executeTakeFirst();
  const membersOf = async (name: string) => {
    const g = await groupByName(name);
    const rows = await store.db
      .selectFrom('group_members')
      .innerJoin('users', 'users.id', 'group_members.user_id')
      .select('users.username')
      .where('group_members.group_id', '=', g?.id as number)
      .execute();
    return rows.map((r) => r.username).sort();
  };
  const outboxCount = async () =>
    Number(
      (
        await store.db
          .selectFrom('outbox')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    ldap = await startLdapServer();
    store = await createTestStore(dialect);
    await ldap.add(
      personLdif('ada', { cn: 'Ada Lovelace', title: 'Analyst' }) +
        personLdif('bob', { cn: 'Bob Builder' }) +
        personLdif('cy', { cn: 'Cy Young' }) +
        groupLdif('engineers', [personDn('ada'), personDn('bob')]) +
        groupLdif('staff', [groupDn('engineers'), personDn('cy')]),
    );
    source = await createOpenLdapSource(store.db, secrets, ldap, {
      name: 'Example OpenLDAP',
      slug: 'example',
      settings: {
        user_object_filter: '(&(objectClass=inetOrgPerson)(mail=*))',
        sync_group_hierarchy: true,
        delete_not_found_objects: true,
        sync_page_size: 2,
      },
    });
  });
  afterAll(async () => {
    await store?.dispose();
    await ldap?.stop();
  });

  it('first sync: creates the users, groups, memberships and nesting, each user connected to the source', async () => {
    const run = await sync();
    expect(run.status).toBe('done');
    expect(run.mode).toBe('full');
    expect(run.counts.users).toMatchObject({ created: 3, errors: 0 });
    expect(run.counts.groups).toMatchObject({ created: 2, errors: 0 });
    const ada = await userByName('ada');
    expect(ada).toMatchObject({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      path: 'goauthentik.io/sources/example',
    });
    expect(attrs(ada?.attributes)).toMatchObject({ title: 'Analyst', distinguishedName: personDn('ada') });
    expect(await membersOf('engineers')).toEqual(['ada', 'bob']);
    expect(await membersOf('staff')).toEqual(['cy']);
    const engineers = await groupByName('engineers');
    const staff = await groupByName('staff');
    const parents = await store.db
      .selectFrom('group_parents')
      .selectAll()
      .where('group_id', '=', engineers?.id as number)
      .execute();
    expect(parents.map((p) => p.parent_id)).toEqual([staff?.id]);
    const connection = await store.db
      .selectFrom('source_user_connections')
      .selectAll()
      .where('user_id', '=', ada?.id as number)
      .executeTakeFirstOrThrow();
    expect(connection.source_id).toBe(source.id);
    expect(connection.identifier).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a sync with no change in LDAP is incremental and writes nothing to the directory', async () => {
    const before = await outboxCount();
    const run = await sync();
    expect(run.status).toBe('done');
    expect(run.mode).toBe('incremental');
    expect(run.counts.users.created + run.counts.users.updated + run.counts.users.deleted).toBe(0);
    expect(run.counts.groups.created + run.counts.groups.updated + run.counts.memberships.updated).toBe(0);
    expect(await outboxCount()).toBe(before);
  });

  it('a rename and a move keep the same Conduit user', async () => {
    const ada = await userByName('ada');
    await ldap.modify(
      `dn: ${personDn('ada')}\nchangetype: modrdn\nnewrdn: uid=ada2\ndeleteoldrdn: 1\nnewsuperior: ou=former,${ldap.baseDn}\n`,
    );
    const run = await sync();
    expect(run.status).toBe('done');
    const renamed = await userByName('ada2');
    expect(renamed?.id).toBe(ada?.id);
    expect(await userByName('ada')).toBeUndefined();
    expect(attrs(renamed?.attributes).distinguishedName).toBe(`uid=ada2,ou=former,${ldap.baseDn}`);
    // The memberof overlay's referential integrity rewrote the group's member value: still a member.
    expect(await membersOf('engineers')).toEqual(['ada2', 'bob']);
  });

  it('an attribute change updates only that user', async () => {
    await ldap.modify(
      `dn: ${personDn('bob')}\nchangetype: modify\nreplace: cn\ncn: Robert Builder\n-\nreplace: title\ntitle: Foreman\n`,
    );
    const run = await sync();
    expect(run.counts.users.updated).toBe(1);
    const bob = await userByName('bob');
    expect(bob?.name).toBe('Robert Builder');
    expect(attrs(bob?.attributes).title).toBe('Foreman');
  });

  it('a group membership change adds and removes members', async () => {
    await ldap.modify(
      `dn: ${groupDn('engineers')}\nchangetype: modify\ndelete: member\nmember: ${personDn('bob')}\n-\nadd: member\nmember: ${personDn('cy')}\n`,
    );
    const run = await sync();
    expect(run.counts.memberships.updated).toBeGreaterThanOrEqual(1);
    expect(await membersOf('engineers')).toEqual(['ada2', 'cy']);
  });

  it('a nested group added in LDAP becomes a child group', async () => {
    await ldap.add(groupLdif('interns', [personDn('bob')]));
    await ldap.modify(
      `dn: ${groupDn('engineers')}\nchangetype: modify\nadd: member\nmember: ${groupDn('interns')}\n`,
    );
    await sync();
    const interns = await groupByName('interns');
    const engineers = await groupByName('engineers');
    const parents = await store.db
      .selectFrom('group_parents')
      .selectAll()
      .where('group_id', '=', interns?.id as number)
      .execute();
    expect(parents.map((p) => p.parent_id)).toEqual([engineers?.id]);
    expect(await membersOf('interns')).toEqual(['bob']);
  });

  it('a user moved out of the filter is deleted (delete_not_found_objects)', async () => {
    await ldap.modify(`dn: ${personDn('cy')}\nchangetype: modify\ndelete: mail\n`);
    const run = await sync();
    expect(run.mode).toBe('incremental');
    expect(run.counts.users.deleted).toBe(1);
    expect(await userByName('cy')).toBeUndefined();
    const deleted = await store.db
      .selectFrom('outbox')
      .select('topic')
      .where('topic', '=', 'user.deleted')
      .execute();
    expect(deleted.length).toBe(1);
  });

  it('a deleted entry deletes its user', async () => {
    await ldap.modify(`dn: ${personDn('bob')}\nchangetype: delete\n`);
    const run = await sync();
    expect(run.counts.users.deleted).toBe(1);
    expect(await userByName('bob')).toBeUndefined();
    expect(await userByName('ada2')).toBeDefined();
  });

  it('holds a mass deletion until it is confirmed, and says so in the run', async () => {
    let ldif = '';
    for (let i = 0; i < 12; i++) ldif += personLdif(`temp${i}`);
    await ldap.add(ldif);
    await sync();
    let changes = '';
    for (let i = 0; i < 10; i++) changes += `dn: ${personDn(`temp${i}`)}\nchangetype: delete\n\n`;
    await ldap.modify(changes);
    const held = await sync();
    expect(held.status).toBe('warning');
    expect(held.heldDeletions).toEqual({ users: 10, groups: 0, limit_percent: 20 });
    expect(await userByName('temp0')).toBeDefined();
    const confirmed = await sync(true);
    expect(confirmed.counts.users.deleted).toBe(10);
    expect(await userByName('temp0')).toBeUndefined();
    expect(await userByName('temp11')).toBeDefined();
  });

  it('a wrong bind password ends the run with a clear error and deletes nothing', async () => {
    const users = await store.db.selectFrom('users').select('id').execute();
    const groups = await store.db.selectFrom('groups').select('id').execute();
    await updateLdapSource(store.db, secrets, source.slug, { bind_password: 'wrong-password' }, null);
    const run = await sync();
    expect(run.status).toBe('error');
    expect(run.error).toMatch(/invalid credentials/);
    expect(run.error).toMatch(/bind password/);
    expect(run.error).not.toContain('wrong-password');
    expect(await store.db.selectFrom('users').select('id').execute()).toHaveLength(users.length);
    expect(await store.db.selectFrom('groups').select('id').execute()).toHaveLength(groups.length);
    expect((await latestSourceRun(store.db, source.id))?.status).toBe('error');
    await updateLdapSource(store.db, secrets, source.slug, { bind_password: ldap.adminPassword }, null);
    expect((await sync()).status).toBe('done');
  });

  it('an incremental run reads only entries changed since its cursor, and still deletes nothing present', async () => {
    const last = await latestSourceRun(store.db, source.id);
    const cursor = { ...last?.cursor, users: '20991231000000Z', groups: '20991231000000Z' };
    await store.db
      .updateTable('source_sync_runs')
      .set({ cursor: JSON.stringify(cursor) })
      .where('id', '=', last?.id as string)
      .execute();
    const users = await store.db.selectFrom('users').select('id').execute();
    const run = await sync();
    expect(run.mode).toBe('incremental');
    expect(run.total).toBe(0);
    expect(run.counts.users.deleted + run.counts.groups.deleted).toBe(0);
    expect(await store.db.selectFrom('users').select('id').execute()).toHaveLength(users.length);
    // The cursor moves forward only with what was read: nothing, so it stays where it was.
    expect(run.cursor?.users).toBe('20991231000000Z');
  });
});
