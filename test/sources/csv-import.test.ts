/**
 * CSV import through the API (`/api/v3/conduit/users/import/…`), on SQLite and PostgreSQL: the
 * preview classifies rows, apply performs exactly the preview, a second apply changes nothing,
 * bad rows are per-row errors and a bad file or mapping is a 400 naming the field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emailField } from '../../src/api/core-fields.js';
import { csvImportRoutes } from '../../src/api/csv-import.js';
import { createGroup } from '../../src/directory/groups.js';
import { createUser, groupUuidsOfUsers } from '../../src/directory/users.js';
import { MAX_CSV_BYTES } from '../../src/sources/csv/csv-file.js';
import { createTestApi, type TestApi } from '../support/api.js';
import { DIALECTS } from '../support/stores.js';

const BASE = '/api/v3/conduit/users/import';

const MAPPING = {
  Login: 'username',
  'Full name': 'name',
  Mail: 'email',
  Department: 'attributes.hr.department',
  Teams: 'groups',
  Active: 'is_active',
};

interface PreviewRow {
  row: number;
  action: string;
  username: string;
  user_pk: number | null;
  changes: Array<{ field: string; before: unknown; after: unknown }>;
  errors: string[];
}

describe.each(DIALECTS)('CSV import on %s', (dialect) => {
  let api: TestApi;
  let counter = 0;

  beforeAll(async () => {
    api = await createTestApi(dialect, [csvImportRoutes]);
  });
  afterAll(async () => api.close());

  /** A fresh prefix per test, so tests share one database without seeing each other's users. */
  let p = '';
  beforeEach(() => {
    counter += 1;
    p = `t${counter}-`;
  });

  async function post(action: string, body: Record<string, unknown>) {
    return api.app.inject({ method: 'POST', url: `${BASE}/${action}/`, headers: api.auth, payload: body });
  }

  async function preview(csv: string, extra: Record<string, unknown> = {}) {
    const response = await post('preview', { csv, mapping: MAPPING, key: 'username', ...extra });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as {
      rows: PreviewRow[];
      counts: Record<string, number>;
      digest: string;
      columns: string[];
    };
  }

  async function outboxCount(): Promise<number> {
    const row = await api.store.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function setUp() {
    const staff = await createGroup(api.store.db, { name: `${p}staff` }, null);
    await createGroup(api.store.db, { name: `${p}ops` }, null);
    const existing = await createUser(
      api.store.db,
      {
        username: `${p}carol`,
        name: 'Carol Old',
        email: `${p}carol@example.com`,
        groups: [staff.group_uuid],
      },
      null,
    );
    const csv = [
      'Login,Full name,Mail,Department,Teams,Active',
      `${p}alice,Alice Example,${p}alice@example.com,Sales,${p}staff;${p}ops,true`,
      `${p}bob,Bob Example,${p}bob@example.com,,${p}staff,yes`,
      `${p}carol,Carol New,${p}carol@example.com,Engineering,${p}ops,`,
      `${p}dave,Dave Example,not-an-email,,,`,
    ].join('\n');
    return { csv, existing, staff };
  }

  it('previews creates, an update with the fields that change, and an error row, writing nothing', async () => {
    const { csv, existing } = await setUp();
    const before = await outboxCount();
    const plan = await preview(csv);
    expect(plan.columns).toEqual(['Login', 'Full name', 'Mail', 'Department', 'Teams', 'Active']);
    expect(plan.counts).toEqual({ create: 2, update: 1, unchanged: 0, error: 1 });
    expect(plan.rows.map((r) => [r.row, r.action])).toEqual([
      [2, 'create'],
      [3, 'create'],
      [4, 'update'],
      [5, 'error'],
    ]);
    const carol = plan.rows[2] as PreviewRow;
    expect(carol.user_pk).toBe(existing.pk);
    expect(carol.changes).toEqual([
      { field: 'name', before: 'Carol Old', after: 'Carol New' },
      { field: 'attributes.hr.department', before: null, after: 'Engineering' },
      { field: 'groups', before: [`${p}staff`], after: [`${p}ops`, `${p}staff`] },
    ]);
    expect(plan.rows[3]?.errors).toEqual([
      `email (column "Mail"): "not-an-email" is not a valid email address.`,
    ]);
    expect(await outboxCount()).toBe(before);
    const users = await api.store.db
      .selectFrom('users')
      .select('username')
      .where('username', 'like', `${p}%`)
      .execute();
    expect(users.map((u) => u.username)).toEqual([`${p}carol`]);
  });

  it('applies exactly the preview through the directory, and a second apply changes nothing', async () => {
    const { csv, existing, staff } = await setUp();
    const { digest } = await preview(csv);
    const before = await outboxCount();
    const first = await post('apply', { csv, mapping: MAPPING, key: 'username', digest });
    expect(first.statusCode, first.body).toBe(200);
    const result = first.json() as {
      counts: Record<string, number>;
      rows: Array<{ outcome: string; user_pk: number }>;
    };
    expect(result.counts).toEqual({ created: 2, updated: 1, unchanged: 0, error: 1, rolled_back: 0 });
    expect(await outboxCount()).toBeGreaterThan(before);

    const alice = await api.store.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', `${p}alice`)
      .executeTakeFirstOrThrow();
    expect(alice.name).toBe('Alice Example');
    expect(alice.email).toBe(`${p}alice@example.com`);
    expect(result.rows[0]?.user_pk).toBe(alice.id);
    const aliceGroups = (await groupUuidsOfUsers(api.store.db, [alice.id])).get(alice.id) ?? [];
    expect(aliceGroups).toHaveLength(2);
    const carol = await api.store.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', existing.pk)
      .executeTakeFirstOrThrow();
    expect(carol.name).toBe('Carol New');
    const carolAttributes =
      typeof carol.attributes === 'string' ? JSON.parse(carol.attributes) : carol.attributes;
    expect(carolAttributes).toEqual({ hr: { department: 'Engineering' } });
    // The import adds memberships and keeps the one Carol had.
    const carolGroups = (await groupUuidsOfUsers(api.store.db, [existing.pk])).get(existing.pk) ?? [];
    expect(carolGroups).toContain(staff.group_uuid);
    expect(carolGroups).toHaveLength(2);
    expect(
      await api.store.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', `${p}dave`)
        .executeTakeFirst(),
    ).toBeUndefined();

    const afterFirst = await outboxCount();
    const again = await preview(csv);
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 3, error: 1 });
    const second = await post('apply', { csv, mapping: MAPPING, key: 'username', digest: again.digest });
    expect(second.statusCode, second.body).toBe(200);
    expect((second.json() as { counts: Record<string, number> }).counts).toEqual({
      created: 0,
      updated: 0,
      unchanged: 3,
      error: 1,
      rolled_back: 0,
    });
    expect(await outboxCount()).toBe(afterFirst);
  });

  it('refuses to apply a plan that changed since its preview', async () => {
    const { csv } = await setUp();
    const { digest } = await preview(csv);
    await createUser(api.store.db, { username: `${p}bob`, name: 'Bob Meanwhile' }, null);
    const response = await post('apply', { csv, mapping: MAPPING, key: 'username', digest });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'import_plan_changed' });
    expect(
      await api.store.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', `${p}alice`)
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it('reports each bad row with its line and reason', async () => {
    await createGroup(api.store.db, { name: `${p}staff` }, null);
    await createUser(
      api.store.db,
      { username: `${p}taken`, name: 'Taken', email: `${p}taken@example.com` },
      null,
    );
    const csv = [
      'Login,Full name,Mail,Department,Teams,Active',
      `,No Key,${p}nokey@example.com,,,`,
      `${p}twice,First,${p}t1@example.com,,,`,
      `${p}twice,Second,${p}t2@example.com,,,`,
      `${p}ghost,Ghost,${p}ghost@example.com,,${p}no-such-group,`,
      ` ${p}spaced,Spaced,${p}spaced@example.com,,,`,
      `${p}maybe,Maybe,${p}maybe@example.com,,,perhaps`,
      `${p}short,Short`,
      `"${p}multi","Multi`,
      `Line",${p}multi@example.com,,${p}staff,1`,
    ].join('\n');
    const plan = await preview(csv);
    const byLine = new Map(plan.rows.map((r) => [r.row, r]));
    expect(plan.counts).toEqual({ create: 1, update: 0, unchanged: 0, error: 7 });
    expect(byLine.get(2)?.errors[0]).toMatch(/^Missing key: the column "Login" \(username\) is empty/);
    expect(byLine.get(3)?.errors[0]).toMatch(/^Duplicate key: .* appears again on row 4/);
    expect(byLine.get(4)?.errors[0]).toMatch(/appears again on row 3/);
    expect(byLine.get(5)?.errors).toEqual([
      `groups: no group is named "${p}no-such-group" (create it under Directory › Groups first).`,
    ]);
    expect(byLine.get(6)?.errors[0]).toMatch(
      /username \(column "Login"\): Usernames cannot begin or end with spaces/,
    );
    expect(byLine.get(7)?.errors[0]).toMatch(/"perhaps" is neither true nor false/);
    expect(byLine.get(8)?.errors[0]).toMatch(/The row has 2 fields, the header 6/);
    // A quoted line break: the record starts on line 9 and is read whole.
    expect(byLine.get(9)).toMatchObject({ action: 'create', username: `${p}multi` });
    expect(byLine.get(9)?.changes).toContainEqual({ field: 'name', before: null, after: 'Multi\nLine' });
  });

  it('finds users by email (ignoring case) and refuses a username another user has', async () => {
    const existing = await createUser(
      api.store.db,
      { username: `${p}erin`, name: 'Erin', email: `${p}Erin@Example.com` },
      null,
    );
    await createUser(api.store.db, { username: `${p}frank`, name: 'Frank' }, null);
    const csv = [
      'Login,Mail,Employee',
      `${p}erin.new,${p}erin@example.com,E1`,
      `${p}frank,${p}frank@example.com,E2`,
      `${p}same,${p}s1@example.com,E3`,
      `${p}same,${p}s2@example.com,E4`,
    ].join('\n');
    const mapping = { Login: 'username', Mail: 'email', Employee: 'attributes.employee_id' };
    const plan = await preview(csv, { mapping, key: 'email' });
    expect(plan.rows[0]).toMatchObject({ action: 'update', user_pk: existing.pk, username: `${p}erin.new` });
    expect(plan.rows[0]?.changes.map((c) => c.field)).toEqual([
      'username',
      'email',
      'attributes.employee_id',
    ]);
    expect(plan.rows[1]?.errors[0]).toMatch(/is already the username of another user/);
    expect(plan.rows[2]?.errors[0]).toMatch(/is also given on row 5/);
    expect(plan.rows[3]?.errors[0]).toMatch(/is also given on row 4/);

    // The attribute as the key: the renamed user is found by the employee id it now has.
    const apply = await post('apply', { csv, mapping, key: 'email' });
    expect(apply.statusCode, apply.body).toBe(200);
    const byAttribute = await preview(`Employee,Full name\nE1,Erin Renamed\n`, {
      mapping: { Employee: 'attributes.employee_id', 'Full name': 'name' },
      key: 'attributes.employee_id',
    });
    expect(byAttribute.rows[0]).toMatchObject({
      action: 'update',
      user_pk: existing.pk,
      username: `${p}erin.new`,
    });
  });

  it('rolls a failed batch back whole, the update before the failing row included', async () => {
    const existing = await createUser(api.store.db, { username: `${p}gina`, name: 'Gina Old' }, null);
    // The database refuses one username, as it would refuse a row that a concurrent write made
    // invalid between the preview and the write.
    const refused = `${p}refused`;
    if (dialect === 'sqlite') {
      await sql
        .raw(
          `CREATE TRIGGER refuse_user BEFORE INSERT ON users WHEN NEW.username = '${refused}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`,
        )
        .execute(api.store.db);
    } else {
      await sql
        .raw(
          `CREATE FUNCTION refuse_user() RETURNS trigger AS $$ BEGIN IF NEW.username = '${refused}' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql; CREATE TRIGGER refuse_user BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION refuse_user()`,
        )
        .execute(api.store.db);
    }
    try {
      const csv = `Login,Full name\n${p}gina,Gina New\n${refused},Refused\n`;
      const before = await outboxCount();
      const response = await post('apply', {
        csv,
        mapping: { Login: 'username', 'Full name': 'name' },
        key: 'username',
      });
      expect(response.statusCode, response.body).toBe(200);
      const result = response.json() as { counts: Record<string, number>; rows: Array<{ errors: string[] }> };
      expect(result.counts).toMatchObject({ created: 0, updated: 0, rolled_back: 2 });
      expect(result.rows[0]?.errors[0]).toMatch(/batch of rows 2–3 was rolled back because row 3 failed/);
      const gina = await api.store.db
        .selectFrom('users')
        .select('name')
        .where('id', '=', existing.pk)
        .executeTakeFirstOrThrow();
      expect(gina.name).toBe('Gina Old');
      expect(await outboxCount()).toBe(before);
    } finally {
      await sql
        .raw(`DROP TRIGGER refuse_user${dialect === 'sqlite' ? '' : ' ON users'}`)
        .execute(api.store.db);
    }
  });

  it('refuses an email with letters beyond ASCII, as the users API does', async () => {
    const plan = await preview(`Login,Mail\n${p}elodie,élodie@example.com\n`, {
      mapping: { Login: 'username', Mail: 'email' },
    });
    expect(plan.rows[0]?.errors).toEqual([
      'email (column "Mail"): "élodie@example.com" is not a valid email address.',
    ]);
    expect(emailField.safeParse('élodie@example.com').success).toBe(false);
  });

  it('refuses to deactivate the importing administrator', async () => {
    const admin = await api.store.db
      .selectFrom('users')
      .select('username')
      .where('id', '=', api.adminPk)
      .executeTakeFirstOrThrow();
    const plan = await preview(`Login,Active\n${admin.username},false\n`, {
      mapping: { Login: 'username', Active: 'is_active' },
    });
    expect(plan.rows[0]?.errors).toEqual([
      'is_active: you cannot deactivate your own account through an import.',
    ]);
  });

  it('answers 400 naming the field for a bad mapping, key or file', async () => {
    const csv = 'Login,Mail\nx,x@example.com\n';
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ mapping: { Login: 'username', Nope: 'email' } }, 'mapping.Nope', /no column "Nope"/],
      [{ mapping: { Login: 'username', Mail: 'mail' } }, 'mapping.Mail', /Unknown field "mail"/],
      [
        { mapping: { Login: 'username', Mail: 'username' } },
        'mapping.Mail',
        /already filled from the column "Login"/,
      ],
      [{ mapping: { Login: 'username', Mail: 'attributes.__proto__' } }, 'mapping.Mail', /reserved name/],
      [{ mapping: { Login: 'name' } }, 'key', /not filled from any column/],
      [{ key: 'pk' }, 'key', /username, email or attributes/],
      [{ csv: '' }, 'csv', /empty/],
      [{ csv: 'a,b\n1,"2\n' }, 'csv', /not valid CSV.*Quote Not Closed/],
      [{ csv: 'a,a\n1,2\n' }, 'csv', /appears twice/],
      [{ delimiter: '#' }, 'delimiter', /./],
    ];
    for (const [change, field, message] of cases) {
      const response = await post('preview', {
        csv,
        mapping: { Login: 'username' },
        key: 'username',
        ...change,
      });
      expect(response.statusCode, JSON.stringify(change)).toBe(400);
      const body = response.json() as Record<string, string[]>;
      expect(Object.keys(body), JSON.stringify(change)).toEqual([field]);
      expect(body[field]?.join(' ')).toMatch(message);
    }
  });

  it('refuses a file above the size limit with a clear message', async () => {
    const big = `Login\n${'x'.repeat(MAX_CSV_BYTES)}\n`;
    const response = await post('preview', { csv: big, mapping: { Login: 'username' }, key: 'username' });
    expect(response.statusCode).toBe(400);
    expect((response.json() as { csv: string[] }).csv[0]).toMatch(/at most 5 MiB can be imported at once/);
  });

  it('suggests a mapping from the header names', async () => {
    const response = await post('columns', {
      csv: 'User name;E-mail;Display name;Cost Centre;cost_centre;Login\nx;x@e.com;X;42;43;y\n',
      delimiter: ';',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      columns: ['User name', 'E-mail', 'Display name', 'Cost Centre', 'cost_centre', 'Login'],
      rows: 1,
      sample: {
        'User name': 'x',
        'E-mail': 'x@e.com',
        'Display name': 'X',
        'Cost Centre': '42',
        cost_centre: '43',
        Login: 'y',
      },
      // Each target once: the second column of a name, and a second username column, are not mapped.
      suggested_mapping: {
        'User name': 'username',
        'E-mail': 'email',
        'Display name': 'name',
        'Cost Centre': 'attributes.cost_centre',
        cost_centre: '',
        Login: 'attributes.login',
      },
      suggested_key: 'username',
    });
  });

  it('does what the worked example of docs/admin/csv-import.md says', async () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'admin', 'csv-import.md'), 'utf8');
    const csv = /```csv\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const prefix = (text: string) =>
      text
        .replace(/^(E-\d+),(\w+)/gm, `$1,${p}$2`)
        .replace(/Staff/g, `${p}Staff`)
        .replace(/Sales team/g, `${p}Sales team`);
    const file = prefix(csv).replace(/E-(\d+)/g, `${p}E-$1`);
    await createGroup(api.store.db, { name: `${p}Staff` }, null);
    await createGroup(api.store.db, { name: `${p}Sales team` }, null);
    const carol = await createUser(
      api.store.db,
      { username: `${p}carol`, name: 'Carol Old', attributes: { employee_id: `${p}E-1003` } },
      null,
    );
    const columns = await post('columns', { csv: file });
    const { suggested_mapping: mapping } = columns.json() as { suggested_mapping: Record<string, string> };
    expect(mapping).toEqual({
      'Employee ID': 'attributes.employee_id',
      Username: 'username',
      'Full name': 'name',
      Mail: 'email',
      Department: 'attributes.department',
      Teams: 'groups',
      Active: 'is_active',
    });
    const plan = await preview(file, { mapping, key: 'attributes.employee_id' });
    expect(plan.counts).toEqual({ create: 2, update: 1, unchanged: 0, error: 1 });
    expect(plan.rows[2]).toMatchObject({ action: 'update', user_pk: carol.pk });
    expect(plan.rows[2]?.changes.map((c) => c.field)).toEqual([
      'name',
      'email',
      'attributes.department',
      'groups',
    ]);
    expect(plan.rows[3]?.errors).toEqual([
      'email (column "Mail"): "dave.contoso.com" is not a valid email address.',
    ]);
    const applied = await post('apply', {
      csv: file,
      mapping,
      key: 'attributes.employee_id',
      digest: plan.digest,
    });
    expect((applied.json() as { counts: Record<string, number> }).counts).toMatchObject({
      created: 2,
      updated: 1,
    });
    const fixed = file.replace('dave.contoso.com', 'dave@contoso.com');
    const again = await preview(fixed, { mapping, key: 'attributes.employee_id' });
    expect(again.counts).toEqual({ create: 1, update: 0, unchanged: 3, error: 0 });
  });

  it('answers any file with a preview or a 400, never a server error, and applies what it previews', async () => {
    // Letters and the characters that matter: quotes, separators, line breaks, a bidi override, NUL.
    const chars = ['a', 'b', 'x', '@', '.', '"', ';', ' ', ',', '\n', 'é', '\u202e', '\u0000', '-'];
    const cell = fc.array(fc.constantFrom(...chars), { maxLength: 12 }).map((c) => c.join(''));
    const file = fc
      .array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 })
      .map((rows) => ['Login,Mail,Groups,Dept', ...rows.map((r) => r.join(','))].join('\n'));
    await fc.assert(
      fc.asyncProperty(file, fc.constantFrom('username', 'email', 'attributes.dept'), async (csv, key) => {
        const body = {
          csv,
          mapping: { Login: 'username', Mail: 'email', Groups: 'groups', Dept: 'attributes.dept' },
          key,
        };
        const response = await post('preview', body);
        expect([200, 400], response.body).toContain(response.statusCode);
        if (response.statusCode !== 200) return;
        // What previews also applies, and its creates and updates are then unchanged.
        const applied = await post('apply', {
          ...body,
          digest: (response.json() as { digest: string }).digest,
        });
        expect(applied.statusCode, applied.body).toBe(200);
        const again = await post('preview', body);
        const { counts } = again.json() as { counts: Record<'create' | 'update', number> };
        expect(counts.create + counts.update, again.body).toBe(0);
      }),
      { numRuns: 40 },
    );
  });

  it('is for superusers only', async () => {
    const response = await api.app.inject({
      method: 'POST',
      url: `${BASE}/preview/`,
      payload: { csv: 'Login\nx\n', mapping: { Login: 'username' }, key: 'username' },
    });
    expect(response.statusCode).toBe(403);
  });
});
