/**
 * Deletions held above a provider's deletion threshold (see `syncDeletion`). The local objects are
 * gone, so what a confirmation needs — the remote id, the type, the name — lives in the held
 * result itself. Confirming turns each into a `sync.delete` job that skips the threshold;
 * discarding leaves the remote objects in Entra ID, no longer linked.
 */
import type { Kysely, Transaction } from 'kysely';
import { readJson, readTime } from '../store/dialect.js';
import type { Database } from '../store/schema.js';
import type { ObjectType } from './types.js';

type Conn = Kysely<Database> | Transaction<Database>;

export interface HeldDeletion {
  id: string;
  objectType: ObjectType;
  remoteId: string;
  /** The local object's name when it was deleted. */
  label: string;
  /** `delete` or `suspend`: the provider's deletion action at the time. */
  action: string;
  heldAt: string;
}

/** The provider's held deletions, oldest first. */
export async function listHeldDeletions(db: Conn, providerId: number): Promise<HeldDeletion[]> {
  const rows = await db
    .selectFrom('sync_results')
    .select(['id', 'object_type', 'remote_id', 'operation', 'detail', 'created_at'])
    .where('provider_id', '=', providerId)
    .where('status', '=', 'held')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    objectType: r.object_type as ObjectType,
    remoteId: r.remote_id ?? '',
    label: String(readJson<{ object?: string }>(r.detail, {}).object ?? ''),
    action: r.operation,
    heldAt: readTime(r.created_at),
  }));
}

/** Settle every held deletion of a provider (`confirmed` or `discarded`); returns those settled. */
export async function settleHeldDeletions(
  trx: Conn,
  providerId: number,
  status: 'confirmed' | 'discarded',
): Promise<HeldDeletion[]> {
  const held = await listHeldDeletions(trx, providerId);
  if (held.length === 0) return [];
  // Exactly the ones listed: a deletion held meanwhile waits for the next decision.
  for (let i = 0; i < held.length; i += 500)
    await trx
      .updateTable('sync_results')
      .set({ status })
      .where('status', '=', 'held')
      .where(
        'id',
        'in',
        held.slice(i, i + 500).map((h) => h.id),
      )
      .execute();
  return held;
}
