/**
 * Reading the audit log. Events are written by `changes.ts` (in the transaction of the change they
 * record) and by the login routes; this module only queries them. JSON fields are filtered with the
 * dialect's own JSON operators, so callers pass the dialect along with the connection.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DialectName } from '../store/dialect.js';
import { readJson, readNullableTime, readTime } from '../store/dialect.js';
import type { Database } from '../store/schema.js';
import { DirectoryNotFoundError } from './errors.js';
import { likePattern, type Page, type PageRequest, pageOffset } from './paging.js';

/** How long authentik keeps an event by default; Conduit reports the same expiry. */
export const EVENT_RETENTION_MS = 365 * 24 * 60 * 60 * 1000;

export interface AuditLogEntry {
  id: string;
  action: string;
  app: string;
  /** `{pk, username}` of the actor, or `{username: 'system'}`. */
  actor: Record<string, unknown>;
  context: Record<string, unknown>;
  client_ip: string | null;
  created: string;
  /** How many identical events this entry stands for (counted within a window, see `changes.ts`). */
  repeat_count: number;
  /** When the last of them happened; null for a single event. */
  last_seen: string | null;
}

export interface EventListQuery extends PageRequest {
  action?: string;
  actions?: string[];
  username?: string;
  client_ip?: string;
  context_model_app?: string;
  context_model_name?: string;
  context_model_pk?: string;
  search?: string;
  ordering?: string;
}

/** The text at a JSON path of a JSON column, in the given dialect. */
function jsonText(
  dialect: DialectName,
  column: 'actor' | 'context',
  path: string[],
): RawBuilder<string | null> {
  if (dialect === 'sqlite')
    return sql<string | null>`json_extract(${sql.ref(column)}, ${`$.${path.join('.')}`})`;
  return sql<string | null>`(${sql.ref(column)} #>> ${`{${path.join(',')}}`})`;
}

function jsonAsText(dialect: DialectName, column: 'actor' | 'context'): RawBuilder<string> {
  return dialect === 'sqlite' ? sql<string>`${sql.ref(column)}` : sql<string>`${sql.ref(column)}::text`;
}

function toEntry(row: {
  id: string;
  action: string;
  app: string;
  actor: unknown;
  context: unknown;
  client_ip: string | null;
  created_at: unknown;
  repeat_count: number | string;
  last_seen_at: unknown;
}): AuditLogEntry {
  return {
    id: row.id,
    action: row.action,
    app: row.app,
    actor: readJson(row.actor, {}),
    context: readJson(row.context, {}),
    client_ip: row.client_ip,
    created: readTime(row.created_at),
    repeat_count: Number(row.repeat_count),
    last_seen: readNullableTime(row.last_seen_at),
  };
}

/**
 * `ordering` values and their columns. A Map, not an object literal: `ordering=constructor` (or any
 * `Object.prototype` name) must find nothing and fall back to the default, not hand Kysely a function.
 */
const EVENT_ORDERING: ReadonlyMap<string, 'created_at' | 'action' | 'app' | 'client_ip'> = new Map([
  ['created', 'created_at'],
  ['action', 'action'],
  ['app', 'app'],
  ['client_ip', 'client_ip'],
] as const);

export async function listEvents(
  db: Kysely<Database>,
  dialect: DialectName,
  query: EventListQuery,
): Promise<Page<AuditLogEntry>> {
  let base = db.selectFrom('events');
  if (query.action !== undefined) base = base.where('action', '=', query.action);
  if (query.actions && query.actions.length > 0) base = base.where('action', 'in', query.actions);
  if (query.client_ip !== undefined) base = base.where('client_ip', '=', query.client_ip);
  // Model pks are numbers for users and strings elsewhere: compare as text in both dialects.
  const jsonFilters: Array<[string | undefined, 'actor' | 'context', string[]]> = [
    [query.username, 'actor', ['username']],
    [query.context_model_app, 'context', ['model', 'app']],
    [query.context_model_name, 'context', ['model', 'model_name']],
    [query.context_model_pk, 'context', ['model', 'pk']],
  ];
  for (const [value, column, path] of jsonFilters) {
    if (value !== undefined)
      base = base.where(sql<boolean>`cast(${jsonText(dialect, column, path)} as text) = ${value}`);
  }
  if (query.search) {
    const p = likePattern(query.search.toLowerCase());
    base = base.where(({ or }) =>
      or([
        sql<boolean>`lower(action) like ${p} escape '\\'`,
        sql<boolean>`lower(app) like ${p} escape '\\'`,
        sql<boolean>`lower(coalesce(client_ip, '')) like ${p} escape '\\'`,
        sql<boolean>`lower(${jsonAsText(dialect, 'actor')}) like ${p} escape '\\'`,
        sql<boolean>`lower(${jsonAsText(dialect, 'context')}) like ${p} escape '\\'`,
      ]),
    );
  }
  const ordering = query.ordering ?? '-created';
  const descending = ordering.startsWith('-');
  const column = EVENT_ORDERING.get(ordering.replace(/^-/, '')) ?? 'created_at';
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy(column, descending ? 'desc' : 'asc')
      // Event ids are UUIDv7, ordered by time: a stable tie-break for events of the same millisecond.
      .orderBy('id', descending ? 'desc' : 'asc')
      .limit(query.page_size)
      .offset(pageOffset(query))
      .execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { results: rows.map(toEntry), count: Number(total.n), page: query.page, page_size: query.page_size };
}

export async function getEvent(db: Kysely<Database>, id: string): Promise<AuditLogEntry> {
  const row = await db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DirectoryNotFoundError('event', id);
  return toEntry(row);
}

/** The distinct actions recorded so far, for `events/actions/`. */
export async function listEventActions(db: Kysely<Database>): Promise<string[]> {
  return (await db.selectFrom('events').select('action').distinct().orderBy('action').execute()).map(
    (r) => r.action,
  );
}
