/**
 * Seeds a benchmark directory into a SQLite file, in its own process so the benchmark's memory
 * figures are the sync's alone (not the seeding's garbage).
 *
 *   node --import tsx bench/support/seed-directory.ts --db FILE --users N --groups N --memberships N --domain D
 *
 * Prints one JSON line: `{"memberships": N, "memberChunks": N, "foldedMemberWrites": N}` — the
 * distinct memberships written, Σ over groups of ⌈members/20⌉ (member writes when every chunk is a
 * PATCH of its own) and Σ max(0, ⌈members/20⌉ − 1) (when a group's first 20 members travel in its
 * create).
 */
import { parseArgs } from 'node:util';
import { v4 as uuidv4 } from 'uuid';
import { openStore } from '../../src/store/database.js';
import { nowIso } from '../../src/store/dialect.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    users: { type: 'string', default: '10000' },
    groups: { type: 'string', default: '500' },
    memberships: { type: 'string', default: '50000' },
    domain: { type: 'string', default: 'example.com' },
  },
});
if (!values.db) throw new Error('--db is required');
const USERS = Number(values.users);
const GROUPS = Number(values.groups);
const MEMBERSHIPS = Math.min(Number(values.memberships), USERS * GROUPS);
const emu = { domain: values.domain as string };
const store = await openStore({ url: values.db });

const now = nowIso();
for (let i = 0; i < USERS; i += 1000) {
  const rows = [];
  for (let j = i; j < Math.min(USERS, i + 1000); j++) {
    rows.push({
      uuid: uuidv4(),
      username: `user${j}`,
      name: `User ${j}`,
      email: `user${j}@${emu.domain}`,
      is_active: true,
      type: 'internal',
      path: 'users',
      attributes: '{}',
      password_hash: null,
      password_change_date: null,
      last_login: null,
      date_joined: now,
      updated_at: now,
    });
  }
  await store.db.insertInto('users').values(rows).execute();
}
const groupRows = Array.from({ length: GROUPS }, (_, g) => ({
  group_uuid: uuidv4(),
  name: `Group ${g}`,
  is_superuser: false,
  attributes: '{}',
  created_at: now,
  updated_at: now,
}));
for (let i = 0; i < groupRows.length; i += 500)
  await store.db
    .insertInto('groups')
    .values(groupRows.slice(i, i + 500))
    .execute();
const userIds = (await store.db.selectFrom('users').select('id').orderBy('id').execute()).map((r) => r.id);
const groupIds = (await store.db.selectFrom('groups').select('id').orderBy('id').execute()).map((r) => r.id);
const pairs: Array<{ group_id: number; user_id: number }> = [];
for (let m = 0; m < MEMBERSHIPS; m++) {
  // Spread members evenly: membership m puts user (m mod U) into group (m mod G), skipping repeats.
  pairs.push({
    group_id: groupIds[m % GROUPS] as number,
    user_id: userIds[Math.floor(m / GROUPS + (m % GROUPS) * 7) % USERS] as number,
  });
}
const unique = [...new Map(pairs.map((p) => [`${p.group_id}:${p.user_id}`, p])).values()];
for (let i = 0; i < unique.length; i += 1000)
  await store.db
    .insertInto('group_members')
    .values(unique.slice(i, i + 1000))
    .execute();

const perGroup = new Map<number, number>();
for (const p of unique) perGroup.set(p.group_id, (perGroup.get(p.group_id) ?? 0) + 1);
let memberChunks = 0;
let foldedMemberWrites = 0;
for (const members of perGroup.values()) {
  memberChunks += Math.ceil(members / 20);
  foldedMemberWrites += Math.max(0, Math.ceil(members / 20) - 1);
}
console.log(JSON.stringify({ memberships: unique.length, memberChunks, foldedMemberWrites }));
await store.close();
