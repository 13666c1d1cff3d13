import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestStore, DIALECTS, type TestStore } from '../../test/support/stores.js';
import { readJson } from '../store/dialect.js';
import { createApplication, deleteApplication, getApplication } from './applications.js';
import { DirectoryValidationError } from './errors.js';
import {
  addUserToGroup,
  clearGroupMembers,
  createGroup,
  deleteGroup,
  membersOfGroups,
  removeUserFromGroup,
  updateGroup,
} from './groups.js';
import { createUser, deleteUser, listUsers, updateUser } from './users.js';

const admin = { pk: 0, username: 'tester' };

describe.each(DIALECTS)('directory on %s', (dialect) => {
  let store: TestStore;
  /** A bare Entra provider row (the directory reads providers; creating them belongs to their type). */
  const insertProvider = (name: string, filterGroupId: number | null = null) => {
    const now = new Date().toISOString();
    return store.db
      .insertInto('providers')
      .values({
        name,
        type: 'microsoft_entra',
        backchannel_application_uuid: null,
        filter_group_id: filterGroupId,
        settings: '{}',
        secrets: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  };
  beforeAll(async () => {
    store = await createTestStore(dialect);
  });
  afterAll(async () => store.dispose());
  beforeEach(async () => {
    for (const table of [
      'outbox',
      'events',
      'group_members',
      'group_parents',
      'sync_links',
      'applications',
      'providers',
      'users',
      'groups',
    ] as const) {
      await store.db.deleteFrom(table).execute();
    }
  });

  const outbox = async () =>
    (await store.db.selectFrom('outbox').select(['topic', 'payload']).orderBy('id').execute()).map((r) => ({
      topic: r.topic,
      ...readJson<Record<string, unknown>>(r.payload, {}),
    }));

  it('creating a user writes the user, one outbox change and one audit event', async () => {
    const user = await createUser(
      store.db,
      { username: 'jane', name: 'Jane Doe', email: 'jane@contoso.com' },
      admin,
    );
    expect(user).toMatchObject({ username: 'jane', is_active: true, type: 'internal', has_password: false });
    expect(await outbox()).toEqual([{ topic: 'user.saved', user_id: user.pk }]);
    const events = await store.db.selectFrom('events').selectAll().execute();
    expect(events.map((e) => e.action)).toEqual(['model_created']);
    expect(readJson(events[0]?.actor, {})).toEqual(admin);
  });

  it('rejects a duplicate username with a field error and leaves no outbox change', async () => {
    await createUser(store.db, { username: 'jane', name: 'Jane' }, admin);
    const error = await createUser(store.db, { username: 'jane', name: 'Other' }, admin).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DirectoryValidationError);
    expect((error as DirectoryValidationError).fields).toEqual({
      username: ['A user with the username "jane" already exists.'],
    });
    expect(await outbox()).toHaveLength(1);
  });

  it('a change that fails mid-transaction leaves neither the change nor its event', async () => {
    const error = await createUser(
      store.db,
      { username: 'bob', name: 'Bob', groups: ['00000000-0000-0000-0000-000000000000'] },
      admin,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DirectoryValidationError);
    expect((await listUsers(store.db, { page: 1, page_size: 10 })).count).toBe(0);
    expect(await outbox()).toEqual([]);
    expect(await store.db.selectFrom('events').selectAll().execute()).toEqual([]);
  });

  it('an outbox write that fails rolls back the change itself: no change without its event', async () => {
    if (dialect === 'sqlite') {
      await sql`create trigger outbox_fail before insert on outbox begin select raise(abort, 'outbox unavailable'); end`.execute(
        store.db,
      );
    } else {
      await sql`create function outbox_fail() returns trigger as $$ begin raise exception 'outbox unavailable'; end $$ language plpgsql`.execute(
        store.db,
      );
      await sql`create trigger outbox_fail before insert on outbox for each row execute function outbox_fail()`.execute(
        store.db,
      );
    }
    try {
      await expect(createUser(store.db, { username: 'carol', name: 'Carol' }, admin)).rejects.toThrow(
        /outbox unavailable/,
      );
      expect((await listUsers(store.db, { page: 1, page_size: 10 })).count).toBe(0);
    } finally {
      await sql`drop trigger outbox_fail${sql.raw(dialect === 'postgres' ? ' on outbox' : '')}`.execute(
        store.db,
      );
      if (dialect === 'postgres') await sql`drop function outbox_fail()`.execute(store.db);
    }
  });

  it('membership changes are emitted as adds and removes, including a clear', async () => {
    const a = await createUser(store.db, { username: 'a', name: 'A' }, admin);
    const b = await createUser(store.db, { username: 'b', name: 'B' }, admin);
    const group = await createGroup(store.db, { name: 'staff', users: [a.pk] }, admin);
    await addUserToGroup(store.db, group.group_uuid, b.pk, admin);
    await addUserToGroup(store.db, group.group_uuid, b.pk, admin); // no-op
    await removeUserFromGroup(store.db, group.group_uuid, a.pk, admin);
    await clearGroupMembers(store.db, group.group_uuid, admin);
    const topics = (await outbox()).filter((c) => c.topic.startsWith('group.members'));
    expect(topics).toEqual([
      { topic: 'group.members_added', group_id: group.num_pk, user_ids: [a.pk] },
      { topic: 'group.members_added', group_id: group.num_pk, user_ids: [b.pk] },
      { topic: 'group.members_removed', group_id: group.num_pk, user_ids: [a.pk], links: { [a.pk]: [] } },
      { topic: 'group.members_removed', group_id: group.num_pk, user_ids: [b.pk], links: { [b.pk]: [] } },
    ]);
    expect((await membersOfGroups(store.db, [group.num_pk])).get(group.num_pk)).toEqual([]);
  });

  it('deleting a user captures its remote links before they cascade away', async () => {
    const user = await createUser(store.db, { username: 'dave', name: 'Dave' }, admin);
    const now = new Date().toISOString();
    const provider = await insertProvider('p');
    await store.db
      .insertInto('sync_links')
      .values({
        id: 'l1',
        provider_id: provider.id,
        object_type: 'user',
        local_id: user.pk,
        remote_id: 'remote-1',
        attributes: '{}',
        state: 'synced',
        last_error: null,
        last_request_id: null,
        last_synced_at: now,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await deleteUser(store.db, user.pk, admin);
    expect((await outbox()).at(-1)).toEqual({
      topic: 'user.deleted',
      user_id: user.pk,
      username: 'dave',
      links: [{ provider_id: provider.id, remote_id: 'remote-1' }],
    });
    expect(await store.db.selectFrom('sync_links').selectAll().execute()).toEqual([]);
  });

  it('rejects cyclic group nesting', async () => {
    const parent = await createGroup(store.db, { name: 'parent' }, admin);
    const child = await createGroup(store.db, { name: 'child', parents: [parent.group_uuid] }, admin);
    await expect(
      updateGroup(store.db, parent.group_uuid, { parents: [child.group_uuid] }, admin),
    ).rejects.toMatchObject({
      fields: { parents: ['A group cannot be its own parent or a parent of one of its ancestors.'] },
    });
  });

  it('deleting a provider filter group clears the filter; deleting an application unassigns its backchannel providers', async () => {
    const group = await createGroup(store.db, { name: 'sync-me' }, admin);
    const provider = await insertProvider('entra', group.num_pk);
    const app = await createApplication(
      store.db,
      { name: 'Entra ID', slug: 'entra-id', backchannel_providers: [provider.id] },
      admin,
    );
    expect(app.backchannel_providers).toEqual([provider.id]);
    expect((await outbox()).filter((c) => c.topic === 'provider.assigned')).toEqual([
      { topic: 'provider.assigned', provider_id: provider.id, application_uuid: app.uuid },
    ]);
    await deleteGroup(store.db, group.group_uuid, admin);
    const row = await store.db
      .selectFrom('providers')
      .selectAll()
      .where('id', '=', provider.id)
      .executeTakeFirstOrThrow();
    expect(row.filter_group_id).toBeNull();
    await deleteApplication(store.db, 'entra-id', admin);
    const after = await store.db
      .selectFrom('providers')
      .selectAll()
      .where('id', '=', provider.id)
      .executeTakeFirstOrThrow();
    expect(after.backchannel_application_uuid).toBeNull();
    await expect(getApplication(store.db, 'entra-id')).rejects.toThrow(
      'No application matches the given query.',
    );
  });

  it('rejects an invalid slug with the field named', async () => {
    await expect(createApplication(store.db, { name: 'x', slug: 'not a slug' }, admin)).rejects.toMatchObject(
      { fields: { slug: [expect.stringContaining('slug')] } },
    );
  });

  it('updates a user, hashing a new password and recording what changed', async () => {
    const user = await createUser(store.db, { username: 'erin', name: 'Erin' }, admin);
    const updated = await updateUser(store.db, user.pk, { name: 'Erin B', password: 'S3cret-pass!' }, admin);
    expect(updated).toMatchObject({ name: 'Erin B', has_password: true });
    const row = await store.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.pk)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const event = await store.db
      .selectFrom('events')
      .selectAll()
      .where('action', '=', 'model_updated')
      .executeTakeFirstOrThrow();
    expect(readJson<{ changed: string[] }>(event.context, { changed: [] }).changed).toEqual(['name']);
  });
});
