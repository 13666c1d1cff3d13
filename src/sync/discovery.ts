/**
 * Discovery: a full sync reads the remote directory once and keeps what matching needs in the
 * database (`sync_discovery`), so every page job of the run — in any worker process — can use it,
 * and no process holds the listing of a 100k-user tenant in memory.
 *
 * After a provider's first full sync the read is a Graph delta round (only what changed since the
 * previous run, `sync_delta_links`), so a tenant with no changes costs a few requests, not one
 * listing plus one member read per group; an expired delta link falls back to the listing once.
 *
 * Kept per run: unlinked remote objects under the keys they can be adopted on (users: UPN, then
 * mail; groups: display name), the linked remote ids the listing lacked (deleted out of band), and
 * the linked objects whose remote properties differ from what Conduit last sent (changed by hand in
 * Entra: drift, put back by the page that syncs them). Objects already linked are never adopted, so
 * a steady-state tenant stores only the few rows that matter, not one row per remote object.
 */

import { isDeepStrictEqual } from 'node:util';
import type { Insertable, Kysely, Transaction } from 'kysely';
import { nowIso, readJson, readNullableTime, writeJson } from '../store/dialect.js';
import type { Database, SyncDiscoveryTable } from '../store/schema.js';
import { linkedRemoteIds } from './link-records.js';
import { type ObjectType, type RemoteObject, type SyncTarget, TargetError } from './types.js';

type Conn = Kysely<Database> | Transaction<Database>;

/** What page jobs know of their run's discovery. */
export interface DiscoveryHandle {
  runId: string;
  /** When the listing started: links synced before it whose remote id is absent were deleted remotely. */
  readAt: string;
  /**
   * `listing`: the whole tenant was read (first run, or a delta link that expired); `delta`: only
   * what changed since the previous run, so unchanged objects are known in sync without a read.
   */
  source: 'listing' | 'delta';
}

const MATCH_KEYS: Record<ObjectType, Array<{ key: string; property: string }>> = {
  user: [
    { key: 'upn', property: 'userPrincipalName' },
    { key: 'mail', property: 'mail' },
  ],
  group: [{ key: 'name', property: 'displayName' }],
};

const INSERT_CHUNK = 500;

/** How long after a write a listing may still show the old value (replication lag): no drift then. */
export const DRIFT_MARGIN_MS = 5 * 60_000;

/**
 * Read what the run needs of the remote directory and store the run's matching index: the changes
 * since the provider's saved delta links when it has them, otherwise (first run, or a link Graph no
 * longer honours) a listing of the whole tenant, which also starts a fresh delta round.
 */
export async function discover(
  db: Kysely<Database>,
  target: SyncTarget,
  providerId: number,
  runId: string,
): Promise<DiscoveryHandle> {
  const readAt = new Date().toISOString();
  await db.deleteFrom('sync_discovery').where('run_id', '=', runId).execute();
  let source: DiscoveryHandle['source'] = 'listing';
  const saved = await savedDeltaLinks(db, providerId);
  if (target.readDelta && saved.user && saved.group) {
    try {
      await discoverFromDelta(db, target, providerId, runId, 'user', saved.user);
      await discoverFromDelta(db, target, providerId, runId, 'group', saved.group);
      source = 'delta';
    } catch (error) {
      if (!(error instanceof TargetError) || error.failure.code !== 'deltaExpired') throw error;
      // Expired or rejected: list the tenant once instead; the listing starts a fresh round.
      await db.deleteFrom('sync_discovery').where('run_id', '=', runId).execute();
    }
  }
  if (source === 'listing') await discoverFromListing(db, target, providerId, runId, readAt);
  await insertRows(db, [
    {
      run_id: runId,
      object_type: 'user',
      match_key: 'source',
      match_value: source,
      remote_id: '',
      properties: null,
    },
  ]);
  await db.updateTable('sync_runs').set({ discovered_at: readAt }).where('id', '=', runId).execute();
  return { runId, readAt, source };
}

async function discoverFromListing(
  db: Kysely<Database>,
  target: SyncTarget,
  providerId: number,
  runId: string,
  readAt: string,
): Promise<void> {
  for (const type of ['user', 'group'] as const) {
    // Taken before the listing, so what changes while it is read is in the next round (again, at worst).
    if (target.latestDeltaLink)
      await insertRows(db, [deltaLinkRow(runId, type, await target.latestDeltaLink(type))]);
    // Linked ids not yet seen in the listing; whatever is left at the end is gone remotely.
    const linked = await linkedRemoteIds(db, providerId, type);
    const unseen = new Set(linked.keys());
    const createOnly = target.createOnlyProperties(type);
    for await (const page of target.listRemote(type)) {
      const rows: Insertable<SyncDiscoveryTable>[] = [];
      const listedLinked: RemoteObject[] = [];
      for (const remote of page) {
        if (linked.has(remote.id)) {
          unseen.delete(remote.id);
          listedLinked.push(remote);
          continue;
        }
        rows.push(...candidateRows(runId, type, remote));
      }
      rows.push(...(await driftRows(db, providerId, runId, type, listedLinked, createOnly, readAt)));
      await insertRows(db, rows);
      // A long listing is progress too: keep the run from looking stale to other schedulers.
      await db.updateTable('sync_runs').set({ heartbeat_at: nowIso() }).where('id', '=', runId).execute();
    }
    await insertRows(
      db,
      [...unseen].map((id) => goneRow(runId, type, id)),
    );
  }
}

/**
 * One delta round of one type: linked objects reported deleted are gone, linked objects reported
 * changed are compared for drift, group member changes are kept for the group pages, and new
 * unlinked objects become adoption candidates. Conduit's own writes come back in the round too;
 * they equal what Conduit last sent, so they are no drift.
 */
async function discoverFromDelta(
  db: Kysely<Database>,
  target: SyncTarget,
  providerId: number,
  runId: string,
  type: ObjectType,
  deltaLink: string,
): Promise<void> {
  const readDelta = target.readDelta?.bind(target);
  if (!readDelta) return;
  const linked = await linkedRemoteIds(db, providerId, type);
  const createOnly = target.createOnlyProperties(type);
  let next: string | undefined;
  for await (const page of readDelta(type, deltaLink)) {
    const rows: Insertable<SyncDiscoveryTable>[] = [];
    const changedLinked: RemoteObject[] = [];
    for (const change of page.changes) {
      const isLinked = linked.has(change.id);
      if (change.removed) {
        if (isLinked) rows.push(goneRow(runId, type, change.id));
        continue;
      }
      if (!isLinked) {
        rows.push(...candidateRows(runId, type, { id: change.id, properties: change.properties }));
        continue;
      }
      changedLinked.push({ id: change.id, properties: change.properties });
      for (const member of change.membersAdded)
        rows.push(memberRow(runId, 'member_added', change.id, member));
      for (const member of change.membersRemoved)
        rows.push(memberRow(runId, 'member_removed', change.id, member));
    }
    // No replication margin: a round reports a change once, and a stale value only costs a patch
    // that writes the directory's value again.
    rows.push(...(await driftRows(db, providerId, runId, type, changedLinked, createOnly, null)));
    await insertRows(db, rows);
    await db.updateTable('sync_runs').set({ heartbeat_at: nowIso() }).where('id', '=', runId).execute();
    next = page.deltaLink ?? next;
  }
  if (!next) throw new Error(`The ${type} delta round ended without an @odata.deltaLink.`);
  await insertRows(db, [deltaLinkRow(runId, type, next)]);
}

function goneRow(runId: string, type: ObjectType, remoteId: string): Insertable<SyncDiscoveryTable> {
  return {
    run_id: runId,
    object_type: type,
    match_key: 'gone',
    match_value: remoteId,
    remote_id: remoteId,
    properties: null,
  };
}

function memberRow(
  runId: string,
  key: 'member_added' | 'member_removed',
  groupRemoteId: string,
  memberRemoteId: string,
): Insertable<SyncDiscoveryTable> {
  return {
    run_id: runId,
    object_type: 'group',
    match_key: key,
    match_value: groupRemoteId,
    remote_id: memberRemoteId,
    properties: null,
  };
}

function deltaLinkRow(runId: string, type: ObjectType, link: string): Insertable<SyncDiscoveryTable> {
  return {
    run_id: runId,
    object_type: type,
    match_key: 'delta_link',
    match_value: type,
    remote_id: '',
    properties: writeJson({ link }),
  };
}

function candidateRows(
  runId: string,
  type: ObjectType,
  remote: RemoteObject,
): Insertable<SyncDiscoveryTable>[] {
  const rows: Insertable<SyncDiscoveryTable>[] = [];
  for (const { key, property } of MATCH_KEYS[type]) {
    const value = remote.properties[property];
    if (typeof value !== 'string' || value === '') continue;
    rows.push(row(runId, type, key, value.toLowerCase(), remote));
  }
  return rows;
}

/** The provider's saved delta links by object type. */
async function savedDeltaLinks(db: Conn, providerId: number): Promise<Partial<Record<ObjectType, string>>> {
  const rows = await db
    .selectFrom('sync_delta_links')
    .select(['object_type', 'delta_link'])
    .where('provider_id', '=', providerId)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.object_type, r.delta_link]));
}

/**
 * Keep the delta links a run's discovery ended with, for the next run. Called when the run
 * finishes (not when it fails, nor for a dry run), so changes it did not act on are read again.
 */
export async function saveDeltaLinks(db: Conn, providerId: number, runId: string): Promise<void> {
  const rows = await db
    .selectFrom('sync_discovery')
    .select(['object_type', 'properties'])
    .where('run_id', '=', runId)
    .where('match_key', '=', 'delta_link')
    .execute();
  for (const r of rows) {
    const link = readJson<{ link?: string }>(r.properties, {}).link;
    if (!link) continue;
    await db
      .insertInto('sync_delta_links')
      .values({ provider_id: providerId, object_type: r.object_type, delta_link: link, updated_at: nowIso() })
      .onConflict((oc) =>
        oc.columns(['provider_id', 'object_type']).doUpdateSet({ delta_link: link, updated_at: nowIso() }),
      )
      .execute();
  }
}

/** Forget a provider's delta links (the next full sync lists the tenant). */
export async function forgetDeltaLinks(db: Conn, providerId: number): Promise<void> {
  await db.deleteFrom('sync_delta_links').where('provider_id', '=', providerId).execute();
}

/** Of these groups (remote ids), the member changes (remote ids) the run's delta round reports. */
export async function memberChangesAmong(
  db: Conn,
  discovery: DiscoveryHandle,
  groupRemoteIds: string[],
): Promise<Map<string, { added: Set<string>; removed: Set<string> }>> {
  const changes = new Map<string, { added: Set<string>; removed: Set<string> }>();
  for (let i = 0; i < groupRemoteIds.length; i += INSERT_CHUNK) {
    const rows = await db
      .selectFrom('sync_discovery')
      .select(['match_key', 'match_value', 'remote_id'])
      .where('run_id', '=', discovery.runId)
      .where('object_type', '=', 'group')
      .where('match_key', 'in', ['member_added', 'member_removed'])
      .where('match_value', 'in', groupRemoteIds.slice(i, i + INSERT_CHUNK))
      .execute();
    for (const r of rows) {
      const entry = changes.get(r.match_value) ?? { added: new Set<string>(), removed: new Set<string>() };
      (r.match_key === 'member_added' ? entry.added : entry.removed).add(r.remote_id);
      changes.set(r.match_value, entry);
    }
  }
  return changes;
}

/**
 * Linked objects whose listed properties differ from what Conduit last sent them, for the
 * properties the listing shows (create-only ones excepted). Objects written just before the listing
 * are left out: the listing may predate the write.
 */
async function driftRows(
  db: Conn,
  providerId: number,
  runId: string,
  type: ObjectType,
  listed: RemoteObject[],
  createOnly: ReadonlySet<string>,
  readAt: string | null,
): Promise<Insertable<SyncDiscoveryTable>[]> {
  const rows: Insertable<SyncDiscoveryTable>[] = [];
  if (listed.length === 0) return rows;
  // Null: no replication margin (delta rounds).
  const settledBefore = readAt ? Date.parse(readAt) - DRIFT_MARGIN_MS : Number.POSITIVE_INFINITY;
  const byId = new Map(listed.map((r) => [r.id, r]));
  for (let i = 0; i < listed.length; i += INSERT_CHUNK) {
    const links = await db
      .selectFrom('sync_links')
      .select(['remote_id', 'attributes', 'last_synced_at'])
      .where('provider_id', '=', providerId)
      .where('object_type', '=', type)
      .where(
        'remote_id',
        'in',
        listed.slice(i, i + INSERT_CHUNK).map((r) => r.id),
      )
      .execute();
    for (const link of links) {
      const synced = readNullableTime(link.last_synced_at);
      if (readAt && (!synced || Date.parse(synced) > settledBefore)) continue;
      const remote = byId.get(link.remote_id as string);
      if (!remote) continue;
      const sent = readJson<Record<string, unknown>>(link.attributes, {});
      const drifted: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(sent)) {
        if (createOnly.has(key) || !(key in remote.properties)) continue;
        const actual = remote.properties[key] ?? null;
        if (!isDeepStrictEqual(value ?? null, actual)) drifted[key] = actual;
      }
      if (Object.keys(drifted).length > 0)
        rows.push({
          run_id: runId,
          object_type: type,
          match_key: 'drift',
          match_value: remote.id,
          remote_id: remote.id,
          properties: writeJson(drifted),
        });
    }
  }
  return rows;
}

/** The remote values of properties changed outside Conduit, by remote id, among these. */
export async function driftAmong(
  db: Conn,
  discovery: DiscoveryHandle,
  type: ObjectType,
  remoteIds: string[],
): Promise<Map<string, Record<string, unknown>>> {
  const drift = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < remoteIds.length; i += INSERT_CHUNK) {
    const rows = await db
      .selectFrom('sync_discovery')
      .select(['remote_id', 'properties'])
      .where('run_id', '=', discovery.runId)
      .where('object_type', '=', type)
      .where('match_key', '=', 'drift')
      .where('match_value', 'in', remoteIds.slice(i, i + INSERT_CHUNK))
      .execute();
    for (const r of rows) drift.set(r.remote_id, readJson<Record<string, unknown>>(r.properties, {}));
  }
  return drift;
}

function row(
  runId: string,
  type: ObjectType,
  key: string,
  value: string,
  remote: RemoteObject,
): Insertable<SyncDiscoveryTable> {
  return {
    run_id: runId,
    object_type: type,
    match_key: key,
    match_value: value,
    remote_id: remote.id,
    properties: writeJson(remote.properties),
  };
}

async function insertRows(db: Conn, rows: Insertable<SyncDiscoveryTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db
      .insertInto('sync_discovery')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .execute();
  }
}

/** The discovery of a run, if it had one. */
export async function discoveryOf(db: Conn, runId: string): Promise<DiscoveryHandle | null> {
  const run = await db
    .selectFrom('sync_runs')
    .select('discovered_at')
    .where('id', '=', runId)
    .executeTakeFirst();
  const readAt = run ? readNullableTime(run.discovered_at) : null;
  if (!readAt) return null;
  const marker = await db
    .selectFrom('sync_discovery')
    .select('match_value')
    .where('run_id', '=', runId)
    .where('object_type', '=', 'user')
    .where('match_key', '=', 'source')
    .executeTakeFirst();
  return { runId, readAt, source: marker?.match_value === 'delta' ? 'delta' : 'listing' };
}

/** Which of these remote ids the run's listing lacked although they were linked. */
export async function goneAmong(
  db: Conn,
  discovery: DiscoveryHandle,
  type: ObjectType,
  remoteIds: string[],
): Promise<Set<string>> {
  const gone = new Set<string>();
  for (let i = 0; i < remoteIds.length; i += INSERT_CHUNK) {
    const rows = await db
      .selectFrom('sync_discovery')
      .select('remote_id')
      .where('run_id', '=', discovery.runId)
      .where('object_type', '=', type)
      .where('match_key', '=', 'gone')
      .where('match_value', 'in', remoteIds.slice(i, i + INSERT_CHUNK))
      .execute();
    for (const r of rows) gone.add(r.remote_id);
  }
  return gone;
}

/** Adoption candidates of a page: `key:value` (lower-cased value) → unlinked remote objects. */
export type CandidateIndex = Map<string, RemoteObject[]>;

export async function candidatesFor(
  db: Conn,
  discovery: DiscoveryHandle,
  type: ObjectType,
  wanted: Array<{ key: string; value: string }>,
): Promise<CandidateIndex> {
  const index: CandidateIndex = new Map();
  const byKey = new Map<string, string[]>();
  for (const { key, value } of wanted) {
    if (value === '') continue;
    byKey.set(key, [...(byKey.get(key) ?? []), value.toLowerCase()]);
  }
  for (const [key, values] of byKey) {
    for (let i = 0; i < values.length; i += INSERT_CHUNK) {
      const rows = await db
        .selectFrom('sync_discovery')
        .select(['match_value', 'remote_id', 'properties'])
        .where('run_id', '=', discovery.runId)
        .where('object_type', '=', type)
        .where('match_key', '=', key)
        .where('match_value', 'in', values.slice(i, i + INSERT_CHUNK))
        .execute();
      for (const r of rows) {
        const k = `${key}:${r.match_value}`;
        const remote = { id: r.remote_id, properties: readJson<Record<string, unknown>>(r.properties, {}) };
        index.set(k, [...(index.get(k) ?? []), remote]);
      }
    }
  }
  return index;
}

/** Forget a run's listing once the run is over. */
export async function dropDiscovery(db: Conn, runId: string): Promise<void> {
  await db.deleteFrom('sync_discovery').where('run_id', '=', runId).execute();
}
