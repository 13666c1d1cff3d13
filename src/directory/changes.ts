/**
 * The transactional outbox. Every directory change writes, in the same transaction as the change:
 * one outbox row (what the sync engine consumes) and one audit event (what an administrator reads).
 * A rolled-back change therefore leaves neither, and a committed one always leaves both.
 *
 * Invariants of the audit log, which anonymous callers can write to (failed logins):
 * - an event's strings and context are bounded (`boundEventContext`), so a request cannot store
 *   more than a few kilobytes however large its input;
 * - identical events (same fingerprint) within `EVENT_REPEAT_WINDOW_MS` share one row whose
 *   `repeat_count` counts them, so a flood costs one row per window, not one per request;
 * - past `SOURCE_CAPS` events of one action from one client address within the window, further
 *   ones are counted on the latest row instead of inserted (spraying many usernames from one place).
 */
import { createHash } from 'node:crypto';
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

/** Identical events within this long of the first share one row (`repeat_count`). */
export const EVENT_REPEAT_WINDOW_MS = 10 * 60_000;

/**
 * Actions an anonymous caller can cause, and how many rows one client address may add per window;
 * past that, the latest row of that action and address counts the rest.
 */
export const SOURCE_CAPS: ReadonlyMap<string, number> = new Map([['login_failed', 20]]);

/** Longest name-like string kept in an event (usernames, names, identifiers). */
export const MAX_EVENT_NAME_LENGTH = 256;
/** Longest other string kept in an event (error messages, descriptions). */
export const MAX_EVENT_STRING_LENGTH = 2048;
/** Roughly how many characters of context one event may keep in total. */
export const MAX_EVENT_CONTEXT_LENGTH = 8 * 1024;
const MAX_EVENT_DEPTH = 8;
const MAX_EVENT_ITEMS = 100;
const NAME_KEYS = new Set(['username', 'name', 'identifier', 'slug', 'email', 'pk']);
const ELLIPSIS = '…';
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

interface ContextBudget {
  left: number;
  truncated: boolean;
}

/** A prefix of at most `max` characters that does not split a surrogate pair, NULs replaced. */
function boundString(value: string, max: number, budget: ContextBudget): string {
  // PostgreSQL refuses NUL and unpaired surrogates in jsonb; an event must never fail its change.
  let out = value.replaceAll('\u0000', '\uFFFD');
  const limit = Math.max(0, Math.min(max, budget.left));
  if (out.length > limit) {
    const cut = /[\uD800-\uDBFF]/.test(out.charAt(limit - 1)) ? limit - 1 : limit;
    out = `${out.slice(0, Math.max(cut, 0))}${ELLIPSIS}`;
    budget.truncated = true;
  }
  budget.left -= out.length;
  return out.replace(LONE_SURROGATES, '\uFFFD');
}

function boundValue(value: unknown, depth: number, budget: ContextBudget, key: string): unknown {
  const plain =
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
      ? (value as { toJSON(): unknown }).toJSON()
      : value;
  if (typeof plain === 'string')
    return boundString(plain, NAME_KEYS.has(key) ? MAX_EVENT_NAME_LENGTH : MAX_EVENT_STRING_LENGTH, budget);
  if (typeof plain !== 'object' || plain === null) {
    budget.left -= 8;
    return typeof plain === 'bigint' ? String(plain) : plain;
  }
  if (depth >= MAX_EVENT_DEPTH || budget.left <= 0) {
    budget.truncated = true;
    return ELLIPSIS;
  }
  if (Array.isArray(plain)) {
    const items: unknown[] = [];
    for (const item of plain) {
      if (items.length >= MAX_EVENT_ITEMS || budget.left <= 0) {
        budget.truncated = true;
        break;
      }
      items.push(boundValue(item, depth + 1, budget, key));
    }
    return items;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(plain)) {
    if (budget.left <= 0) {
      budget.truncated = true;
      break;
    }
    out[boundString(k, MAX_EVENT_NAME_LENGTH, budget)] = boundValue(v, depth + 1, budget, k);
  }
  return out;
}

/**
 * The context as stored: every string at most `MAX_EVENT_NAME_LENGTH` (names) or
 * `MAX_EVENT_STRING_LENGTH` characters, at most `MAX_EVENT_DEPTH` levels and about
 * `MAX_EVENT_CONTEXT_LENGTH` characters in all. A context that lost anything says so with
 * `truncated: true`, so a reader knows the stored text is a prefix.
 */
export function boundEventContext(context: Record<string, unknown>): Record<string, unknown> {
  const budget: ContextBudget = { left: MAX_EVENT_CONTEXT_LENGTH, truncated: false };
  const bounded = boundValue(context, 0, budget, '') as Record<string, unknown>;
  return budget.truncated ? { ...bounded, truncated: true } : bounded;
}

/** The identity of an event for counting repeats: everything but its time. */
export function eventFingerprint(parts: {
  action: string;
  app: string;
  actor: string;
  client_ip: string | null;
  context: string;
}): string {
  return createHash('sha256')
    .update(JSON.stringify([parts.action, parts.app, parts.actor, parts.client_ip, parts.context]))
    .digest('hex');
}

/**
 * Write an audit event in the given transaction (or connection). An identical event within
 * `EVENT_REPEAT_WINDOW_MS` is counted on its row instead (`repeat_count`, `last_seen_at`); so is
 * one past its action's per-address cap (`SOURCE_CAPS`). The increment is a single UPDATE, so
 * concurrent repeats are never lost; two racing first occurrences may leave two rows, not one.
 */
export async function recordEvent(
  trx: Transaction<Database> | Kysely<Database>,
  event: AuditEvent,
): Promise<void> {
  const budget: ContextBudget = { left: Number.POSITIVE_INFINITY, truncated: false };
  const action = boundString(event.action, MAX_EVENT_NAME_LENGTH, budget);
  const app = boundString(event.app ?? 'conduit.directory', MAX_EVENT_NAME_LENGTH, budget);
  const clientIp = event.client_ip ? boundString(event.client_ip, 100, budget) : null;
  const actor = writeJson(
    event.actor
      ? { pk: event.actor.pk, username: boundString(event.actor.username, MAX_EVENT_NAME_LENGTH, budget) }
      : { username: 'system' },
  );
  const context = writeJson(boundEventContext(event.context));
  const fingerprint = eventFingerprint({ action, app, actor, client_ip: clientIp, context });
  const now = nowIso();
  const since = new Date(Date.parse(now) - EVENT_REPEAT_WINDOW_MS).toISOString();

  let repeatOf = await trx
    .selectFrom('events')
    .select('id')
    .where('fingerprint', '=', fingerprint)
    .where('created_at', '>=', since)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const cap = SOURCE_CAPS.get(action);
  if (!repeatOf && cap !== undefined && clientIp !== null) {
    const recent = await trx
      .selectFrom('events')
      .select('id')
      .where('client_ip', '=', clientIp)
      .where('created_at', '>=', since)
      .where('action', '=', action)
      .orderBy('created_at', 'desc')
      .limit(cap)
      .execute();
    if (recent.length >= cap) repeatOf = recent[0];
  }
  if (repeatOf) {
    await trx
      .updateTable('events')
      .set((eb) => ({ repeat_count: eb('repeat_count', '+', 1), last_seen_at: now }))
      .where('id', '=', repeatOf.id)
      .execute();
    return;
  }
  await trx
    .insertInto('events')
    .values({
      id: uuidv7(),
      action,
      app,
      actor,
      context,
      client_ip: clientIp,
      created_at: now,
      fingerprint,
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
