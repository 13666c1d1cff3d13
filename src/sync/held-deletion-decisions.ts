/**
 * An administrator's decision on a provider's held deletions (see `held-deletions.ts`), in one
 * transaction with its audit event: confirming settles every held deletion and has the caller
 * enqueue one `sync.delete` job each (sent even above the threshold); discarding settles them and
 * leaves the remote objects in Entra ID, no longer linked. The engine knows no job queue, so the
 * caller passes how the confirmed deletions are enqueued.
 */
import type { Kysely, Transaction } from 'kysely';
import { recordEvent } from '../directory/changes.js';
import type { Actor } from '../directory/types.js';
import type { Database } from '../store/schema.js';
import { type HeldDeletion, settleHeldDeletions } from './held-deletions.js';

/** The provider the decision is about, as the audit event names it. */
export interface HeldDeletionProvider {
  id: number;
  name: string;
}

/** Enqueue the confirmed deletions, in the decision's transaction (so jobs exist only if it commits). */
export type EnqueueConfirmedDeletions = (trx: Transaction<Database>, held: HeldDeletion[]) => Promise<void>;

/** Confirm every held deletion of the provider; answers how many were confirmed. */
export async function confirmHeldDeletions(
  db: Kysely<Database>,
  provider: HeldDeletionProvider,
  actor: Actor,
  enqueue: EnqueueConfirmedDeletions,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const held = await settleHeldDeletions(trx, provider.id, 'confirmed');
    await enqueue(trx, held);
    if (held.length > 0)
      await recordEvent(trx, {
        action: 'sync_deletions_confirmed',
        app: 'conduit.sync',
        actor,
        context: { provider: { pk: provider.id, name: provider.name }, count: held.length },
      });
    return held.length;
  });
}

/** Discard every held deletion of the provider; answers how many were discarded. */
export async function discardHeldDeletions(
  db: Kysely<Database>,
  provider: HeldDeletionProvider,
  actor: Actor,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const held = await settleHeldDeletions(trx, provider.id, 'discarded');
    if (held.length > 0)
      await recordEvent(trx, {
        action: 'sync_deletions_discarded',
        app: 'conduit.sync',
        actor,
        context: {
          provider: { pk: provider.id, name: provider.name },
          count: held.length,
          // The first hundred, so one event stays small whatever was held.
          remote_ids: held.slice(0, 100).map((h) => h.remoteId),
        },
      });
    return held.length;
  });
}
