/**
 * A separate process that runs one full sync and may be killed mid-run by a test. Reads its
 * setup from CHILD_SETUP (JSON): database URL, secret key, provider id, emulator CA file.
 */
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { buildSyncDeps } from '../../src/app.js';
import { openStore } from '../../src/store/database.js';
import { createSecretBox, parseSecretKeys } from '../../src/store/secret-box.js';
import { runFullSync } from '../../src/sync/full-sync.js';

const setup = JSON.parse(process.env.CHILD_SETUP ?? '{}') as {
  url: string;
  key: string;
  providerId: number;
  caFile: string;
};
const store = await openStore({ url: setup.url });
const deps = buildSyncDeps(
  store,
  createSecretBox(parseSecretKeys(setup.key)),
  pino({ level: 'silent' }),
  readFileSync(setup.caFile, 'utf8'),
);
process.stdout.write('started\n');
const outcome = await runFullSync(deps, setup.providerId);
process.stdout.write(`finished ${outcome.status}\n`);
await store.close();
