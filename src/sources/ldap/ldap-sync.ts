/**
 * One sync of an LDAP source into the directory, as a list of named steps: start the run, compile
 * the mappings, bind, users (paged), groups (paged), memberships, deletions, finish.
 *
 * Incremental where the server allows it: after a successful run, the next one searches only
 * entries whose `uSNChanged` (Active Directory: from the `highestCommittedUSN` its rootDSE named when
 * the last run started,
 * https://learn.microsoft.com/en-us/windows/win32/ad/polling-for-changes-using-usnchanged) or
 * `modifyTimestamp` (other servers: from the last run's highest value, less that run's duration
 * and five minutes, for entries changed while it was paging) is at or after the cursor. A full
 * pass runs first, after a change of mappings or settings, after a server switch, and once a day;
 * unchanged entries cost no write either way.
 *
 * Invariants:
 * - Nothing is deleted unless every listing of the run completed: a failed bind, connection or
 *   search ends the run as an error before the deletion step.
 * - Deletions above `deletion_limit_percent` of the source's users or groups (and more than
 *   `MIN_GUARDED_DELETIONS`) are held until a sync is started with `confirm_deletions`.
 * - One run per source at a time (src/sources/ldap/sync-runs.ts).
 */
import { createHash } from 'node:crypto';
import { deleteGroup } from '../../directory/groups.js';
import { deleteUser } from '../../directory/users.js';
import { listStoredMappings } from '../../sync/mapping-records.js';
import { joinDn } from './dn.js';
import { entryAttributes, firstValue } from './entries.js';
import { LdapConnectionError, type LdapSession, openLdapSession } from './ldap-client.js';
import type { LdapSyncDeps } from './ldap-jobs.js';
import { type CompiledSourceMappings, compileSourceMappings } from './source-mappings.js';
import { type LdapSource, readBindPassword } from './source-records.js';
import { syncMemberships } from './sync-memberships.js';
import { syncGroupPage, syncUserPage } from './sync-objects.js';
import {
  finishSourceRun,
  lastSuccessfulSourceRun,
  type SourceRun,
  type SyncCursor,
  startSourceRun,
  updateSourceRun,
} from './sync-runs.js';
import { openSyncSession, type SyncSession } from './sync-session.js';

export interface SourceSyncOptions {
  trigger: 'schedule' | 'manual';
  confirmDeletions: boolean;
}

/** A full pass at least this often, so drift the change stamps cannot show is repaired. */
export const FULL_SYNC_EVERY_MS = 24 * 3_600_000;
/** Deletions up to this many are never held by the percentage guard. */
export const MIN_GUARDED_DELETIONS = 5;
/** Entries changed while the previous run paged are searched again: its duration plus this. */
const STAMP_MARGIN_MS = 5 * 60_000;

/** The hash of everything that decides how an entry maps: a change forces a full pass. */
function versionOf(source: LdapSource, mappings: Array<{ name: string; expression: string }>): string {
  const s = source.settings;
  return createHash('sha256')
    .update(
      JSON.stringify([
        mappings,
        source.slug,
        s.base_dn,
        s.additional_user_dn,
        s.additional_group_dn,
        s.user_object_filter,
        s.group_object_filter,
        s.object_uniqueness_field,
        s.group_membership_field,
        s.user_membership_attribute,
        s.lookup_groups_from_user,
        s.user_path_template,
        s.sync_users,
        s.sync_groups,
      ]),
    )
    .digest('base64url');
}

/** GeneralizedTime `value` moved back by `ms` (for the incremental search's margin). */
export function timestampMinus(value: string, ms: number): string {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(value);
  if (!m) return value;
  const t =
    Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) - ms;
  return `${new Date(t).toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

/** The filter of this run's search for one object type: everything, or what changed since the cursor. */
export function searchFilter(
  base: string,
  cursor: SyncCursor | null,
  kind: 'users' | 'groups',
  marginMs: number,
): string {
  const from = cursor?.[kind];
  if (!cursor || !from || !cursor.kind) return base;
  if (cursor.kind === 'usn') return `(&${base}(uSNChanged>=${from}))`;
  return `(&${base}(modifyTimestamp>=${timestampMinus(from, marginMs)}))`;
}

async function compileSets(deps: LdapSyncDeps, source: LdapSource) {
  const load = async (uuids: string[]) =>
    (await listStoredMappings(deps.db, { uuids })).map((m) => ({
      id: m.pk,
      name: m.name,
      expression: m.expression,
    }));
  const users = await load(source.userMappings);
  const groups = await load(source.groupMappings);
  const info = { pk: source.id, name: source.name, slug: source.slug, base_dn: source.settings.base_dn };
  const userSet = await compileSourceMappings(users, 'user', info);
  let groupSet: CompiledSourceMappings;
  try {
    groupSet = await compileSourceMappings(groups, 'group', info);
  } catch (error) {
    userSet.dispose();
    throw error;
  }
  return { userSet, groupSet, version: versionOf(source, [...users, ...groups]) };
}

/** Read every entry of one kind page by page, syncing each page as it arrives. */
async function syncKind(
  session: SyncSession,
  ldap: LdapSession,
  kind: 'users' | 'groups',
  filter: string,
): Promise<void> {
  const s = session.source.settings;
  const base = joinDn(kind === 'users' ? s.additional_user_dn : s.additional_group_dn, s.base_dn);
  const attributes = ['*', s.object_uniqueness_field, 'modifyTimestamp', 'uSNChanged'];
  if (kind === 'users') {
    attributes.push(s.user_membership_attribute);
    if (s.lookup_groups_from_user) attributes.push(s.group_membership_field);
  } else attributes.push(s.group_membership_field);
  await updateSourceRun(session.db, session.run, { phase: kind });
  for await (const page of ldap.searchPages(base, filter, [...new Set(attributes)], s.sync_page_size)) {
    session.run.total += page.length;
    if (kind === 'users') await syncUserPage(session, page);
    else await syncGroupPage(session, page);
    session.run.done += page.length;
    await session.flush();
    await updateSourceRun(session.db, session.run, {});
  }
}

/** Identifiers of every entry of one kind (the listing deletions are decided on in an incremental run). */
async function listIdentifiers(
  session: SyncSession,
  ldap: LdapSession,
  kind: 'users' | 'groups',
): Promise<Set<string>> {
  const s = session.source.settings;
  const base = joinDn(kind === 'users' ? s.additional_user_dn : s.additional_group_dn, s.base_dn);
  const filter = kind === 'users' ? s.user_object_filter : s.group_object_filter;
  const out = new Set<string>();
  for await (const page of ldap.searchPages(base, filter, [s.object_uniqueness_field], s.sync_page_size)) {
    for (const entry of page) {
      const raw =
        entry[s.object_uniqueness_field] ??
        Object.entries(entry).find(([k]) => k.toLowerCase() === s.object_uniqueness_field.toLowerCase())?.[1];
      const value = Array.isArray(raw) ? raw[0] : raw;
      if (value !== undefined) out.add(Buffer.isBuffer(value) ? value.toString('hex') : String(value));
    }
  }
  return out;
}

/** Delete the source's users and groups whose entries are gone, unless the guard holds them. */
async function deleteNotFound(
  session: SyncSession,
  present: { users: Set<string>; groups: Set<string> },
  confirmed: boolean,
): Promise<void> {
  const s = session.source.settings;
  const { db, run } = session;
  await updateSourceRun(db, run, { phase: 'deletions' });
  const gone = (connections: Map<string, { localId: number }>, seen: Set<string>) =>
    [...connections.entries()]
      .filter(([identifier]) => !seen.has(identifier))
      .map(([identifier, c]) => ({ identifier, localId: c.localId }));
  const users = s.sync_users ? gone(session.userConnections, present.users) : [];
  const groups = s.sync_groups ? gone(session.groupConnections, present.groups) : [];
  const over = (count: number, total: number) =>
    count > MIN_GUARDED_DELETIONS && total > 0 && (count * 100) / total > s.deletion_limit_percent;
  const held =
    !confirmed &&
    (over(users.length, session.userConnections.size) || over(groups.length, session.groupConnections.size));
  if (held) {
    run.heldDeletions = {
      users: users.length,
      groups: groups.length,
      limit_percent: s.deletion_limit_percent,
    };
    session.result({
      objectType: 'user',
      dn: null,
      localId: null,
      operation: 'delete',
      status: 'held',
      message: `${users.length} users and ${groups.length} groups are missing from the source, more than ${s.deletion_limit_percent} % of what it made: nothing was deleted. If they really left, sync again with "confirm deletions"; otherwise check the filters and base DN.`,
    });
    await session.flush();
    return;
  }
  const removeGroup = async (id: number) => {
    const row = await db.selectFrom('groups').select('group_uuid').where('id', '=', id).executeTakeFirst();
    if (row) await deleteGroup(db, row.group_uuid, null);
  };
  const plan = [
    {
      objectType: 'user' as const,
      list: users,
      counts: run.counts.users,
      remove: (id: number) => deleteUser(db, id, null),
    },
    { objectType: 'group' as const, list: groups, counts: run.counts.groups, remove: removeGroup },
  ];
  for (const { objectType, list, counts, remove } of plan) {
    for (const o of list) {
      const result = { objectType, dn: null, localId: o.localId, operation: 'delete' };
      try {
        await remove(o.localId);
        counts.deleted++;
        session.result({
          ...result,
          status: 'ok',
          message: `Its entry (${s.object_uniqueness_field} ${o.identifier}) is gone from the source.`,
        });
      } catch (error) {
        counts.errors++;
        session.result({ ...result, status: 'error', message: (error as Error).message });
      }
    }
  }
  await session.flush();
}

/** The cursor the next run continues from. */
function nextCursor(
  session: SyncSession,
  previous: SyncCursor | null,
  server: string,
  full: boolean,
  finishedAt: string,
  startUsn: string | undefined,
): SyncCursor {
  const keep = previous && previous.kind === session.stampKind ? previous : null;
  // Active Directory: continue from the highest USN committed when this run started, so an entry
  // changed while the run paged is read next time (Microsoft's polling recipe, see above).
  const usnFrom =
    session.stampKind === 'usn' && startUsn && /^\d+$/.test(startUsn) ? String(BigInt(startUsn) + 1n) : null;
  return {
    kind: session.stampKind,
    users: usnFrom ?? session.maxStamp.user ?? keep?.users ?? null,
    groups: usnFrom ?? session.maxStamp.group ?? keep?.groups ?? null,
    server,
    version: session.version,
    full_at: full ? finishedAt : (previous?.full_at ?? finishedAt),
  };
}

/** Run one sync of `source` (see the file's comment for the steps and invariants). */
export async function runSourceSync(
  deps: LdapSyncDeps,
  source: LdapSource,
  options: SourceSyncOptions,
): Promise<SourceRun | null> {
  const { db, logger } = deps;
  const now = deps.now?.() ?? new Date();
  const run = await startSourceRun(
    db,
    source.id,
    options.trigger,
    options.confirmDeletions ? { confirm_deletions: true } : {},
    now,
  );
  if (!run) {
    logger.info({ source: source.slug }, 'LDAP source sync skipped: a run of this source is in progress');
    return null;
  }
  const log = logger.child({ source: source.slug, run: run.id });
  let sets: Awaited<ReturnType<typeof compileSets>>;
  try {
    sets = await compileSets(deps, source);
  } catch (error) {
    await finishSourceRun(
      db,
      run,
      'error',
      `The source's property mappings do not compile: ${(error as Error).message}`,
    );
    return run;
  }
  let ldap: LdapSession | null = null;
  try {
    ldap = await openLdapSession(source.settings, await readBindPassword(db, deps.secrets, source));
    // Active Directory's rootDSE names the highest USN committed so far; other servers have none.
    const rootDse = await ldap.readEntry('', ['highestCommittedUSN']).catch(() => null);
    const startUsn = rootDse ? firstValue(entryAttributes(rootDse), 'highestCommittedUSN') : undefined;
    const previousRun = await lastSuccessfulSourceRun(db, source.id);
    const previous = previousRun?.cursor ?? null;
    const full =
      !previous ||
      previous.version !== sets.version ||
      previous.server !== ldap.server.uri ||
      !previous.kind ||
      now.getTime() - Date.parse(previous.full_at) > FULL_SYNC_EVERY_MS;
    const marginMs =
      (previousRun?.finished ? Date.parse(previousRun.finished) - Date.parse(previousRun.started) : 0) +
      STAMP_MARGIN_MS;
    const session = await openSyncSession({
      db,
      source,
      run,
      version: sets.version,
      userMappings: sets.userSet,
      groupMappings: sets.groupSet,
      ...(deps.notifyChange ? { onFlush: deps.notifyChange } : {}),
    });
    if (!full && previous) session.stampKind = previous.kind;
    await updateSourceRun(db, run, { mode: full ? 'full' : 'incremental' });
    const s = source.settings;
    const cursor = full ? null : previous;
    if (s.sync_users)
      await syncKind(session, ldap, 'users', searchFilter(s.user_object_filter, cursor, 'users', marginMs));
    if (s.sync_groups)
      await syncKind(
        session,
        ldap,
        'groups',
        searchFilter(s.group_object_filter, cursor, 'groups', marginMs),
      );
    if (s.sync_groups) {
      await updateSourceRun(db, run, { phase: 'memberships' });
      await syncMemberships(session);
      await session.flush();
    }
    if (s.delete_not_found_objects) {
      const present = full
        ? { users: session.seenUsers, groups: session.seenGroups }
        : {
            users: s.sync_users ? await listIdentifiers(session, ldap, 'users') : new Set<string>(),
            groups: s.sync_groups ? await listIdentifiers(session, ldap, 'groups') : new Set<string>(),
          };
      await deleteNotFound(session, present, options.confirmDeletions);
    }
    const c = run.counts;
    const errors = c.users.errors + c.groups.errors + c.memberships.errors;
    const finishedAt = new Date().toISOString();
    await finishSourceRun(
      db,
      run,
      errors > 0 || run.heldDeletions ? 'warning' : 'done',
      null,
      nextCursor(session, previous, ldap.server.uri, full, finishedAt, startUsn),
    );
    log.info({ mode: run.mode, counts: run.counts, held: run.heldDeletions }, 'LDAP source sync finished');
    deps.notifyChange?.();
    return run;
  } catch (error) {
    if (error instanceof LdapConnectionError) {
      await finishSourceRun(db, run, 'error', error.message);
      log.warn(
        { stage: error.stage, err: error.message },
        'LDAP source sync failed: the server could not be read; nothing was deleted',
      );
      return run;
    }
    await finishSourceRun(db, run, 'error', `The sync stopped: ${(error as Error).message}`);
    throw error;
  } finally {
    sets.userSet.dispose();
    sets.groupSet.dispose();
    await ldap?.close();
  }
}
