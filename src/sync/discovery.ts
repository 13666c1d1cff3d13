/**
 * Discovery: a full sync reads the remote directory once and keeps what matching needs in the
 * database (`sync_discovery`), so every page job of the run — in any worker process — can use it,
 * and no process holds the listing of a 100k-user tenant in memory.
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
import type { ObjectType, RemoteObject, SyncTarget } from './types.js';

type Conn = Kysely<Database> | Transaction<Database>;

/** What page jobs know of their run's discovery. */
export interface DiscoveryHandle {
  runId: string;
  /** When the listing started: links synced before it whose remote id is absent were deleted remotely. */
  readAt: string;
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

/** List the remote users and groups once and store the run's matching index. */
export async function discover(
  db: Kysely<Database>,
  target: SyncTarget,
  providerId: number,
  runId: string,
): Promise<DiscoveryHandle> {
  const readAt = new Date().toISOString();
  await db.deleteFrom('sync_discovery').where('run_id', '=', runId).execute();
  for (const type of ['user', 'group'] as const) {
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
        for (const { key, property } of MATCH_KEYS[type]) {
          const value = remote.properties[property];
          if (typeof value !== 'string' || value === '') continue;
          rows.push(row(runId, type, key, value.toLowerCase(), remote));
        }
      }
      rows.push(...(await driftRows(db, providerId, runId, type, listedLinked, createOnly, readAt)));
      await insertRows(db, rows);
      // A long listing is progress too: keep the run from looking stale to other schedulers.
      await db.updateTable('sync_runs').set({ heartbeat_at: nowIso() }).where('id', '=', runId).execute();
    }
    await insertRows(
      db,
      [...unseen].map((id) => ({
        run_id: runId,
        object_type: type,
        match_key: 'gone',
        match_value: id,
        remote_id: id,
        properties: null,
      })),
    );
  }
  await db.updateTable('sync_runs').set({ discovered_at: readAt }).where('id', '=', runId).execute();
  return { runId, readAt };
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
  readAt: string,
): Promise<Insertable<SyncDiscoveryTable>[]> {
  const rows: Insertable<SyncDiscoveryTable>[] = [];
  const settledBefore = Date.parse(readAt) - DRIFT_MARGIN_MS;
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
      if (!synced || Date.parse(synced) > settledBefore) continue;
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
  return readAt ? { runId, readAt } : null;
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
