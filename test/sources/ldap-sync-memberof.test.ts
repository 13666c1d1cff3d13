/**
 * Memberships read from the users (`lookup_groups_from_user` with `memberOf`, as on Active
 * Directory and FreeIPA; slapd's memberof overlay keeps it), per-object errors that leave the rest
 * of the run going, a source's users taking over a hand-made user, and the scheduler's choice of
 * due sources; on SQLite and PostgreSQL.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroup, updateGroup } from '../../src/directory/groups.js';
import { createUser } from '../../src/directory/users.js';
import { stopMappingWorkers } from '../../src/mappings/index.js';
import { dueLdapSourceSyncs } from '../../src/sources/ldap/ldap-jobs.js';
import { runSourceSync } from '../../src/sources/ldap/ldap-sync.js';
import { getLdapSource, type LdapSource, updateLdapSource } from '../../src/sources/ldap/source-records.js';
import { listSourceResults } from '../../src/sources/ldap/sync-runs.js';
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
afterAll(async () => stopMappingWorkers());

describe.each(DIALECTS)(
  'LDAP source: memberOf, per-object errors, take-over and schedule on %s',
  (dialect) => {
    let ldap: TestLdapServer;
    let store: TestStore;
    let source: LdapSource;
    const sync = async () => {
      const run = await runSourceSync(
        { db: store.db, dialect, secrets, logger: pino({ level: 'silent' }) },
        await getLdapSource(store.db, source.slug),
        { trigger: 'schedule', confirmDeletions: false },
      );
      if (!run) throw new Error('the sync did not start');
      return run;
    };
    const members = async (name: string) =>
      (
        await store.db
          .selectFrom('group_members')
          .innerJoin('groups', 'groups.id', 'group_members.group_id')
          .innerJoin('users', 'users.id', 'group_members.user_id')
          .select('users.username')
          .where('groups.name', '=', name)
          .execute()
      )
        .map((r) => r.username)
        .sort();

    beforeAll(async () => {
      ldap = await startLdapServer();
      store = await createTestStore(dialect);
      await ldap.add(
        personLdif('ann') +
          personLdif('ben') +
          groupLdif('ops', [personDn('ann'), personDn('ben')]) +
          groupLdif('dev', [personDn('ben')]),
      );
      // A duplicate uid in another OU: two entries that map to one username.
      await ldap.add(
        [
          `dn: uid=ben,ou=former,${ldap.baseDn}`,
          'objectClass: inetOrgPerson',
          'uid: ben',
          'cn: Other Ben',
          'sn: Ben',
          '',
          '',
        ].join('\n'),
      );
      // Made by hand before the source existed: the source takes it over.
      await createUser(store.db, { username: 'ann', name: 'Ann (manual)', email: 'old@example.com' }, null);
      source = await createOpenLdapSource(store.db, secrets, ldap, {
        name: 'memberOf',
        slug: 'memberof',
        settings: {
          lookup_groups_from_user: true,
          group_membership_field: 'memberOf',
          sync_interval_minutes: 60,
        },
      });
    });
    afterAll(async () => {
      await store?.dispose();
      await ldap?.stop();
    });

    it('reads memberships from the users’ memberOf, reports the duplicate entry and syncs the rest', async () => {
      const manual = await store.db
        .selectFrom('users')
        .select(['id'])
        .where('username', '=', 'ann')
        .executeTakeFirstOrThrow();
      const run = await sync();
      expect(run.status).toBe('warning');
      expect(run.counts.users).toMatchObject({ created: 1, updated: 1, errors: 1 });
      const ann = await store.db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', 'ann')
        .executeTakeFirstOrThrow();
      expect(ann).toMatchObject({ id: manual.id, email: 'ann@example.com', name: 'ann' });
      expect(await members('ops')).toEqual(['ann', 'ben']);
      expect(await members('dev')).toEqual(['ben']);
      const errors = await listSourceResults(store.db, run.id, { status: 'error' });
      expect(errors.count).toBe(1);
      expect(errors.results[0]?.message).toMatch(/username "ben"/);
      const links = await listSourceResults(store.db, run.id, { status: 'ok' });
      expect(links.results.some((r) => r.operation === 'link' && r.localId === manual.id)).toBe(true);
    });

    it('a membership change in LDAP reaches the group through memberOf', async () => {
      await ldap.modify(
        `dn: ${groupDn('dev')}\nchangetype: modify\nadd: member\nmember: ${personDn('ann')}\n`,
      );
      await sync();
      expect(await members('dev')).toEqual(['ann', 'ben']);
    });

    it('places every synced group under sync_parent_group, keeping parents set by hand', async () => {
      const parent = await createGroup(store.db, { name: 'From LDAP' }, null);
      const manual = await createGroup(store.db, { name: 'Hand-made parent' }, null);
      const ops = await store.db
        .selectFrom('groups')
        .select('group_uuid')
        .where('name', '=', 'ops')
        .executeTakeFirstOrThrow();
      await updateGroup(store.db, ops.group_uuid, { parents: [manual.group_uuid] }, null);
      await updateLdapSource(
        store.db,
        secrets,
        source.slug,
        { settings: { sync_parent_group: parent.group_uuid } },
        null,
      );
      await sync();
      const parents = async (name: string) =>
        (
          await store.db
            .selectFrom('group_parents')
            .innerJoin('groups as g', 'g.id', 'group_parents.group_id')
            .innerJoin('groups as p', 'p.id', 'group_parents.parent_id')
            .select('p.name')
            .where('g.name', '=', name)
            .execute()
        )
          .map((r) => r.name)
          .sort();
      expect(await parents('ops')).toEqual(['From LDAP', 'Hand-made parent']);
      expect(await parents('dev')).toEqual(['From LDAP']);
    });

    it('schedules a source whose interval has passed, and no disabled or on-demand one', async () => {
      const last = (
        await store.db
          .selectFrom('source_sync_runs')
          .select('started_at')
          .orderBy('started_at', 'desc')
          .executeTakeFirstOrThrow()
      ).started_at;
      const started = new Date(last).getTime();
      expect(await dueLdapSourceSyncs(store.db, new Date(started + 30 * 60_000))).toEqual([]);
      expect(await dueLdapSourceSyncs(store.db, new Date(started + 61 * 60_000))).toEqual([
        { sourceId: source.id, trigger: 'schedule' },
      ]);
      await updateLdapSource(
        store.db,
        secrets,
        source.slug,
        { settings: { sync_interval_minutes: 0 } },
        null,
      );
      expect(await dueLdapSourceSyncs(store.db, new Date(started + 61 * 60_000))).toEqual([]);
      await updateLdapSource(
        store.db,
        secrets,
        source.slug,
        { enabled: false, settings: { sync_interval_minutes: 60 } },
        null,
      );
      expect(await dueLdapSourceSyncs(store.db, new Date(started + 61 * 60_000))).toEqual([]);
    });
  },
);
