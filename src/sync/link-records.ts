/** Links between local objects and remote objects, per provider. Keyed by (provider, object type, local id). */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { nowIso, readJson, readNullableTime, readTime, writeJson } from '../store/dialect.js';
import type { Database, SyncLinksTable } from '../store/schema.js';
import type { Link, LinkState, ObjectType } from './types.js';

type Conn = Kysely<Database> | Transaction<Database>;

export function toLink(row: Selectable<SyncLinksTable>): Link {
  return {
    id: row.id,
    providerId: row.provider_id,
    objectType: row.object_type as ObjectType,
    localId: row.local_id,
    remoteId: row.remote_id,
    attributes: readJson(row.attributes, {}),
    state: row.state as LinkState,
    lastError: row.last_error,
    lastRequestId: row.last_request_id,
    lastSyncedAt: readNullableTime(row.last_synced_at),
    claimedBy: row.claimed_by,
    updatedAt: readTime(row.updated_at),
  };
}

export async function linksFor(
  db: Conn,
  providerId: number,
  type: ObjectType,
  localIds: number[],
): Promise<Map<number, Link>> {
  const result = new Map<number, Link>();
  if (localIds.length === 0) return result;
  for (let i = 0; i < localIds.length; i += 500) {
    const rows = await db
      .selectFrom('sync_links')
      .selectAll()
      .where('provider_id', '=', providerId)
      .where('object_type', '=', type)
      .where('local_id', 'in', localIds.slice(i, i + 500))
      .execute();
    for (const row of rows) result.set(row.local_id, toLink(row));
  }
  return result;
}

export async function linkFor(
  db: Conn,
  providerId: number,
  type: ObjectType,
  localId: number,
): Promise<Link | null> {
  return (await linksFor(db, providerId, type, [localId])).get(localId) ?? null;
}

/** Remote ids already linked for a provider and type (to keep discovery from linking one remote object twice). */
export async function linkedRemoteIds(
  db: Conn,
  providerId: number,
  type: ObjectType,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('sync_links')
    .select(['remote_id', 'local_id'])
    .where('provider_id', '=', providerId)
    .where('object_type', '=', type)
    .where('remote_id', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.remote_id as string, r.local_id]));
}

export interface LinkWrite {
  remoteId?: string | null;
  attributes?: Record<string, unknown>;
  state: LinkState;
  lastError?: string | null;
  lastRequestId?: string | null;
  synced?: boolean;
}

/** Create or update the link of one local object (idempotent on (provider, type, local id)). */
export async function upsertLink(
  db: Conn,
  providerId: number,
  type: ObjectType,
  localId: number,
  write: LinkWrite,
): Promise<Link> {
  const now = nowIso();
  const existing = await linkFor(db, providerId, type, localId);
  if (existing) {
    const row = await db
      .updateTable('sync_links')
      .set({
        ...(write.remoteId !== undefined && { remote_id: write.remoteId }),
        ...(write.attributes !== undefined && { attributes: writeJson(write.attributes) }),
        state: write.state,
        last_error: write.lastError ?? null,
        // Every recorded outcome ends a create claim.
        claimed_by: null,
        ...(write.lastRequestId !== undefined && { last_request_id: write.lastRequestId }),
        ...(write.synced && { last_synced_at: now }),
        updated_at: now,
      })
      .where('id', '=', existing.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toLink(row);
  }
  const row = await db
    .insertInto('sync_links')
    .values({
      id: uuidv7(),
      provider_id: providerId,
      object_type: type,
      local_id: localId,
      remote_id: write.remoteId ?? null,
      attributes: writeJson(write.attributes ?? {}),
      state: write.state,
      last_error: write.lastError ?? null,
      last_request_id: write.lastRequestId ?? null,
      last_synced_at: write.synced ? now : null,
      claimed_by: null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toLink(row);
}

export async function deleteLink(
  db: Conn,
  providerId: number,
  type: ObjectType,
  localId: number,
): Promise<void> {
  await db
    .deleteFrom('sync_links')
    .where('provider_id', '=', providerId)
    .where('object_type', '=', type)
    .where('local_id', '=', localId)
    .execute();
}

/**
 * How long a create claim keeps other writers away. A claim whose holder died (a killed process)
 * is taken over by the same holder's retry at once (a page job runs again with its run's id; the
 * per-object jobs share `direct`), and by anyone after this long: the create is then looked up
 * before it is sent again, so an interrupted create is adopted, not duplicated.
 */
export const CREATE_CLAIM_LEASE_MS = 15 * 60_000;

/**
 * Claim the right to create the remote object of one local object. Succeeds for exactly one
 * writer: a new link is inserted (the unique key rejects a second), or an existing link without
 * a remote id is moved to `pending` only if nobody wrote it since it was read, and nobody else
 * holds a live claim on it. A loser must not create: another writer is creating the object or
 * already has. `claimer` names the writer (see `SyncLinksTable.claimed_by`).
 */
export async function claimCreate(
  db: Conn,
  providerId: number,
  type: ObjectType,
  localId: number,
  seen: Link | null,
  claimer: string,
): Promise<boolean> {
  const now = nowIso();
  if (seen === null) {
    // ON CONFLICT DO NOTHING rather than catching the violation: it also works inside a transaction.
    const inserted = await db
      .insertInto('sync_links')
      .values({
        id: uuidv7(),
        provider_id: providerId,
        object_type: type,
        local_id: localId,
        remote_id: null,
        attributes: '{}',
        state: 'pending',
        last_error: null,
        last_request_id: null,
        last_synced_at: null,
        claimed_by: claimer,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['provider_id', 'object_type', 'local_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  }
  const heldByAnother =
    seen.state === 'pending' &&
    seen.claimedBy !== null &&
    seen.claimedBy !== claimer &&
    Date.now() - Date.parse(seen.updatedAt) < CREATE_CLAIM_LEASE_MS;
  if (heldByAnother) return false;
  const result = await db
    .updateTable('sync_links')
    .set({ state: 'pending', claimed_by: claimer, updated_at: now })
    .where('id', '=', seen.id)
    .where('remote_id', 'is', null)
    .where('updated_at', '=', seen.updatedAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The local object a remote object is linked to for a provider, if any. One remote object is never
 * linked to two local ones: deleting either would delete the account the other still relies on.
 */
export async function localIdLinkedTo(
  db: Conn,
  providerId: number,
  type: ObjectType,
  remoteId: string,
): Promise<number | null> {
  return (await localIdsLinkedTo(db, providerId, type, [remoteId])).get(remoteId) ?? null;
}

/** Remote id → the local id it is linked to, for those of `remoteIds` that are linked. */
async function localIdsLinkedTo(
  db: Conn,
  providerId: number,
  type: ObjectType,
  remoteIds: string[],
): Promise<Map<string, number>> {
  if (remoteIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('sync_links')
    .select(['remote_id', 'local_id'])
    .where('provider_id', '=', providerId)
    .where('object_type', '=', type)
    .where('remote_id', 'in', remoteIds)
    .execute();
  return new Map(rows.map((r) => [r.remote_id as string, r.local_id]));
}

/** Which of the given remote ids are already linked for a provider and type (candidates only). */
export async function linkedAmong(
  db: Conn,
  providerId: number,
  type: ObjectType,
  remoteIds: string[],
): Promise<Set<string>> {
  return new Set((await localIdsLinkedTo(db, providerId, type, remoteIds)).keys());
}
