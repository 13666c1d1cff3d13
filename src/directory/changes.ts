/**
 * The transactional outbox. Every directory change writes, in the same transaction as the change:
 * one outbox row (what the sync engine consumes) and one audit event (what an administrator reads).
 * A rolled-back change therefore leaves neither, and a committed one always leaves both.
 */
import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { nowIso, writeJson } from '../store/dialect.js';
import type { Database } from '../store/schema.js';
import type { Actor } from './types.js';

/** A remote object a deleted local object was linked to, captured before the local rows go. */
export interface CapturedLink {
  provider_id: number;
  remote_id: string;
}

export type DirectoryChange =
  | { topic: 'user.saved'; user_id: number }
  | { topic: 'user.deleted'; user_id: number; username: string; links: CapturedLink[] }
  | { topic: 'group.saved'; group_id: number }
  | { topic: 'group.deleted'; group_id: number; name: string; links: CapturedLink[] }
  | { topic: 'group.members_added'; group_id: number; user_ids: number[] }
  | {
      topic: 'group.members_removed';
      group_id: number;
      user_ids: number[];
      links: Record<number, CapturedLink[]>;
    }
  | { topic: 'provider.assigned'; provider_id: number; application_uuid: string | null }
  | { topic: 'provider.saved'; provider_id: number };

export type ChangeTopic = DirectoryChange['topic'];

export interface AuditModel {
  app: string;
  model_name: string;
  pk: string | number;
  name: string;
}

export interface AuditEvent {
  action: string;
  app?: string;
  context: Record<string, unknown>;
  actor: Actor;
  client_ip?: string | null;
}

/** Write an audit event in the given transaction (or connection). */
export async function recordEvent(
  trx: Transaction<Database> | Kysely<Database>,
  event: AuditEvent,
): Promise<void> {
  await trx
    .insertInto('events')
    .values({
      id: uuidv7(),
      action: event.action,
      app: event.app ?? 'conduit.directory',
      actor: writeJson(
        event.actor ? { pk: event.actor.pk, username: event.actor.username } : { username: 'system' },
      ),
      context: writeJson(event.context),
      client_ip: event.client_ip ?? null,
      created_at: nowIso(),
    })
    .execute();
}

/** Append a change to the outbox. Must be called inside the transaction that makes the change. */
export async function emitChange(trx: Transaction<Database>, change: DirectoryChange): Promise<void> {
  const { topic, ...payload } = change;
  await trx
    .insertInto('outbox')
    .values({ topic, payload: writeJson(payload), created_at: nowIso(), dispatched_at: null })
    .execute();
}

/** The audit event for a model change, in authentik's shape (`model_created` etc. with `context.model`). */
export async function auditModelChange(
  trx: Transaction<Database>,
  action: 'model_created' | 'model_updated' | 'model_deleted',
  model: AuditModel,
  actor: Actor,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await recordEvent(trx, { action, actor, context: { model, ...extra } });
}

/** Links of a local object to remote objects, read before the object is deleted. */
export async function captureLinks(
  trx: Transaction<Database>,
  objectType: 'user' | 'group',
  localId: number,
): Promise<CapturedLink[]> {
  const rows = await trx
    .selectFrom('sync_links')
    .select(['provider_id', 'remote_id'])
    .where('object_type', '=', objectType)
    .where('local_id', '=', localId)
    .where('remote_id', 'is not', null)
    .execute();
  return rows.map((r) => ({ provider_id: r.provider_id, remote_id: r.remote_id as string }));
}

/** A provider was assigned to (or removed from) an application as a backchannel provider. */
export async function emitProviderAssignment(
  trx: Transaction<Database>,
  providerId: number,
  applicationUuid: string | null,
  actor: Actor,
): Promise<void> {
  await emitChange(trx, {
    topic: 'provider.assigned',
    provider_id: providerId,
    application_uuid: applicationUuid,
  });
  await recordEvent(trx, {
    action: 'model_updated',
    actor,
    context: {
      model: { app: 'conduit_providers', model_name: 'provider', pk: providerId },
      backchannel_application: applicationUuid,
    },
  });
}
