import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, DIALECTS, type TestStore } from '../../test/support/stores.js';
import { openStore } from './database.js';
import { nowIso, readBool, readJson, readTime, writeJson } from './dialect.js';
import { migrationsFor } from './migrations.js';

describe.each(DIALECTS)('store on %s', (dialect) => {
  let store: TestStore;
  /** A bare group row, written as the directory writes one, created and updated at `now`. */
  const insertGroupRow = (
    group: { group_uuid: string; name: string; is_superuser: boolean; attributes: string },
    now = nowIso(),
  ) =>
    store.db
      .insertInto('groups')
      .values({ ...group, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
  beforeAll(async () => {
    store = await createTestStore(dialect);
  });
  afterAll(async () => store.dispose());

  it('migrates idempotently: opening an already migrated database changes nothing', async () => {
    const again = await openStore({ url: store.url });
    const tables = await again.db.introspection.getTables();
    await again.close();
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['users', 'groups', 'sync_links', 'outbox', 'jobs']),
    );
  });

  it('links one remote object to one local object: 0005 unlinks older duplicates with a reason, then refuses them', async () => {
    const db = store.db;
    const now = nowIso();
    const provider = await db
      .insertInto('providers')
      .values({
        name: `dup-${dialect}`,
        type: 'microsoft_entra',
        backchannel_application_uuid: null,
        filter_group_id: null,
        settings: writeJson({}),
        secrets: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const link = (localId: number, createdAt: string) => ({
      id: `link-${dialect}-${localId}`,
      provider_id: provider.id,
      object_type: 'user',
      local_id: localId,
      remote_id: 'remote-shared',
      attributes: writeJson({}),
      state: 'synced',
      created_at: createdAt,
      updated_at: createdAt,
    });
    // As a database from before 0005 could be: the index did not forbid it.
    await db.schema.dropIndex('sync_links_remote').execute();
    await db.schema
      .createIndex('sync_links_remote')
      .on('sync_links')
      .columns(['provider_id', 'object_type', 'remote_id'])
      .execute();
    await db
      .insertInto('sync_links')
      .values([link(2, '2026-01-02T00:00:00.000Z'), link(1, '2026-01-01T00:00:00.000Z')])
      .execute();
    await migrationsFor(dialect)['0005-unique-remote-links']?.up(db);
    const rows = await db
      .selectFrom('sync_links')
      .select(['local_id', 'remote_id', 'state', 'last_error'])
      .where('provider_id', '=', provider.id)
      .orderBy('local_id')
      .execute();
    expect(rows).toEqual([
      { local_id: 1, remote_id: 'remote-shared', state: 'synced', last_error: null },
      {
        local_id: 2,
        remote_id: null,
        state: 'error',
        last_error:
          'Unlinked on upgrade: Entra object remote-shared was also linked to local user #1. Link it again if it is this one.',
      },
    ]);
    await expect(
      db
        .updateTable('sync_links')
        .set({ remote_id: 'remote-shared' })
        .where('id', '=', `link-${dialect}-2`)
        .execute(),
    ).rejects.toThrow(/unique|UNIQUE/);
  });

  it('round-trips booleans, JSON and timestamps through the dialect helpers', async () => {
    const now = nowIso();
    const inserted = await insertGroupRow(
      {
        group_uuid: 'g-1',
        name: 'admins',
        is_superuser: true,
        attributes: writeJson({ a: [1, { b: 'c' }] }),
      },
      now,
    );
    const row = await store.db
      .selectFrom('groups')
      .selectAll()
      .where('id', '=', inserted.id)
      .executeTakeFirstOrThrow();
    expect(readBool(row.is_superuser)).toBe(true);
    expect(readJson(row.attributes, {})).toEqual({ a: [1, { b: 'c' }] });
    expect(readTime(row.created_at)).toBe(now);
    const filtered = await store.db
      .selectFrom('groups')
      .select('name')
      .where('is_superuser', '=', true)
      .execute();
    expect(filtered).toEqual([{ name: 'admins' }]);
  });

  it('enforces foreign keys: deleting a group removes its memberships and clears provider filters', async () => {
    const now = nowIso();
    const g = await insertGroupRow(
      { group_uuid: 'g-2', name: 'staff', is_superuser: false, attributes: '{}' },
      now,
    );
    const p = await store.db
      .insertInto('providers')
      .values({
        name: 'p',
        type: 'microsoft_entra',
        backchannel_application_uuid: null,
        filter_group_id: g.id,
        settings: '{}',
        secrets: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await store.db.deleteFrom('groups').where('id', '=', g.id).execute();
    const provider = await store.db
      .selectFrom('providers')
      .select('filter_group_id')
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(provider.filter_group_id).toBeNull();
    const count = await sql<{
      n: number;
    }>`select count(*) as n from group_members where group_id = ${g.id}`.execute(store.db);
    expect(Number(count.rows[0]?.n)).toBe(0);
  });
});
