/**
 * The demo directory that `npm run demo` (the README's first command) starts with: a few people
 * in a few groups, with addresses in the built-in emulator tenant's verified domain, and a
 * service account (excluded from sync by default). Seeded once; never touches a non-empty directory.
 */
import type { Kysely } from 'kysely';
import { createGroup } from './directory/groups.js';
import { createUser } from './directory/users.js';
import type { Database } from './store/schema.js';

const PEOPLE = [
  ['alex.wilber', 'Alex Wilber', 'Engineering'],
  ['megan.bowen', 'Megan Bowen', 'Engineering'],
  ['lee.gu', 'Lee Gu', 'Sales'],
  ['nestor.wilke', 'Nestor Wilke', 'Sales'],
  ['adele.vance', 'Adele Vance', 'Marketing'],
  ['grady.archie', 'Grady Archie', 'Engineering'],
] as const;

export async function seedDemoDirectory(db: Kysely<Database>, domain: string): Promise<boolean> {
  const existing = await db
    .selectFrom('users')
    .select('username')
    .where('username', '!=', 'admin')
    .limit(1)
    .execute();
  if (existing.length > 0) return false;
  const groups = new Map<string, number[]>();
  for (const [username, name, team] of PEOPLE) {
    const user = await createUser(db, { username, name, email: `${username}@${domain}` }, null);
    groups.set(team, [...(groups.get(team) ?? []), user.pk]);
  }
  await createUser(
    db,
    {
      username: 'svc-backup',
      name: 'Backup service',
      email: `svc-backup@${domain}`,
      type: 'service_account',
    },
    null,
  );
  const all = await createGroup(db, { name: 'All Staff' }, null);
  for (const [team, members] of groups)
    await createGroup(db, { name: team, users: members, parents: [all.group_uuid] }, null);
  return true;
}
