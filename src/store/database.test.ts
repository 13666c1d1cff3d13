import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, DIALECTS, type TestStore } from '../../test/support/stores.js';
import { openStore } from './database.js';
import { nowIso, readBool, readJson, readTime, writeJson } from './dialect.js';

describe.each(DIALECTS)('store on %s', (dialect) => {
  let store: TestStore;
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

  it('round-trips booleans, JSON and timestamps through the dialect helpers', async () => {
    const now = nowIso();
    const inserted = await store.db
      .insertInto('groups')
      .values({
        group_uuid: 'g-1',
        name: 'admins',
        is_superuser: true,
        attributes: writeJson({ a: [1, { b: 'c' }] }),
        created_at: now,
        updated_at: now,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
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
    const g = await store.db
      .insertInto('groups')
      .values({
        group_uuid: 'g-2',
        name: 'staff',
        is_superuser: false,
        attributes: '{}',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
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
