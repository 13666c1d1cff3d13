/** Writes users as fast as it can until killed (the outbox crash test). CHILD_DB_URL names the store. */
import { createUser } from '../../src/directory/users.js';
import { openStore } from '../../src/store/database.js';

const store = await openStore({ url: process.env.CHILD_DB_URL as string });
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  await createUser(store.db, { username: `w${i}`, name: `Writer ${i}`, email: `w${i}@example.com` }, null);
}
