/**
 * Delta queries for users and groups (https://learn.microsoft.com/graph/delta-query-overview).
 *
 * Invariants
 * - A delta token is "tenant version seen" plus the query (kind, $select, id filter) and the
 *   real time it was minted; follow-up calls must not repeat query parameters (they are ignored).
 * - A round reports every object whose version, tombstone or (with `members` selected) membership
 *   change lies in (since, upTo]; `upTo` is fixed when the round starts so pages are consistent.
 * - Tokens older than `deltaTokenMaxAgeMs` (or minted before a control-API expiry) answer 410
 *   `resyncRequired`; tokens that do not decode answer 410 `syncStateNotFound`.
 */

import type { DirectoryContext } from './directory-objects.js';
import { isVisible, viewOf } from './directory-objects.js';
import {
  BadRequestError,
  RequestUnsupportedQueryError,
  ResyncRequiredError,
  SyncStateNotFoundError,
} from './errors.js';
import type { GroupRecord, UserRecord } from './model.js';
import { type FilterNode, parseFilter } from './odata-filter.js';
import { projectProperties, queryOption } from './query.js';
import { graphBase } from './runtime.js';
import { canonicalProperty, GROUP_SCHEMA, USER_SCHEMA } from './schemas.js';
import { realMs } from './settings.js';

const PAGE_SIZE = 100;
/** The `v` of an initial round's state. */
const INITIAL = -1;

interface DeltaState {
  /** users | groups */
  k: 'users' | 'groups';
  tid: string;
  /**
   * Version already seen; -1 for an initial round. (Not 0: a `$deltatoken=latest` link minted on an
   * empty tenant has version 0, and its next round must report changes and deletions, not everything.)
   */
  v: number;
  /** Upper bound of this round (set on the first page). */
  u?: number;
  /** Offset within the round. */
  o?: number;
  /** Selected properties (`members` allowed for groups). */
  s?: string[];
  /** Id filter. */
  f?: string[];
  /** Real ms when the token (round) was minted. */
  t: number;
}

function encode(state: DeltaState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

function decode(token: string, ctx: DirectoryContext, kind: 'users' | 'groups'): DeltaState {
  let state: DeltaState;
  try {
    state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as DeltaState;
  } catch {
    throw new SyncStateNotFoundError();
  }
  if (
    typeof state !== 'object' ||
    state === null ||
    state.k !== kind ||
    state.tid !== ctx.tenant.id ||
    typeof state.v !== 'number' ||
    typeof state.t !== 'number'
  ) {
    throw new SyncStateNotFoundError();
  }
  const maxAge = realMs(ctx.runtime.settings, ctx.runtime.settings.deltaTokenMaxAgeMs);
  if (ctx.now - state.t > maxAge || state.t < ctx.runtime.deltaTokensValidFrom)
    throw new ResyncRequiredError();
  return state;
}

function parseIdFilter(raw: string): string[] {
  const ids: string[] = [];
  const walk = (n: FilterNode): void => {
    if (n.type === 'or') {
      walk(n.left);
      walk(n.right);
    } else if (
      n.type === 'compare' &&
      n.op === 'eq' &&
      n.property.toLowerCase() === 'id' &&
      typeof n.value === 'string'
    ) {
      ids.push(n.value.toLowerCase());
    } else {
      throw new RequestUnsupportedQueryError(
        "Only filtering by id is supported on delta queries: id eq '{id}' joined with or.",
      );
    }
  };
  walk(parseFilter(raw));
  if (ids.length > 50) throw new BadRequestError('Too many ids in the filter: at most 50 are supported.');
  return ids;
}

/** GET /users/delta or /groups/delta. */
export function runDelta(
  ctx: DirectoryContext,
  kind: 'users' | 'groups',
  query: URLSearchParams,
  path: string,
): Record<string, unknown> {
  const schema = kind === 'users' ? USER_SCHEMA : GROUP_SCHEMA;
  const base = `${graphBase(ctx.runtime)}${path}`;
  const skip = queryOption(query, 'skiptoken');
  const deltaToken = queryOption(query, 'deltatoken');
  let state: DeltaState;
  if (skip !== undefined) {
    state = decode(skip, ctx, kind);
  } else if (deltaToken !== undefined && deltaToken.toLowerCase() !== 'latest') {
    state = decode(deltaToken, ctx, kind);
    state = { ...state, u: undefined, o: 0 };
  } else {
    if (queryOption(query, 'orderby') !== undefined || queryOption(query, 'expand') !== undefined) {
      throw new RequestUnsupportedQueryError('$orderby and $expand are not supported on delta queries.');
    }
    const rawSelect = queryOption(query, 'select');
    let select: string[] | undefined;
    if (rawSelect) {
      select = rawSelect.split(',').map((p) => {
        const name = p.trim();
        if (kind === 'groups' && name.toLowerCase() === 'members') return 'members';
        const canonical = canonicalProperty(schema, name);
        if (!canonical)
          throw new BadRequestError(
            `Could not find a property named '${name}' on type '${schema.typeName}'.`,
          );
        return canonical;
      });
    }
    const rawFilter = queryOption(query, 'filter');
    const ids = rawFilter ? parseIdFilter(rawFilter) : undefined;
    state = { k: kind, tid: ctx.tenant.id, v: INITIAL, s: select, f: ids, t: ctx.now };
    if (deltaToken !== undefined) {
      const latest: DeltaState = { ...state, v: ctx.tenant.version };
      return {
        '@odata.context': `${graphBase(ctx.runtime)}/$metadata#${kind}`,
        '@odata.deltaLink': `${base}?$deltatoken=${encode(latest)}`,
        value: [],
      };
    }
  }
  const upTo = state.u ?? ctx.tenant.version;
  const since = state.v;
  const offset = state.o ?? 0;
  const select = state.s;
  const withMembers = kind === 'groups' && select?.includes('members') === true;
  const props = select ? select.filter((p) => p !== 'members') : [...schema.defaultSelect];
  if (!props.includes('id')) props.unshift('id');
  const idFilter = state.f ? new Set(state.f) : undefined;

  // Items are built for the page only: a round is paged by re-reading the tenant, and building
  // every changed object's item per page made a 100,000-user round quadratic in projections.
  type Entry = { order: number; item: () => Record<string, unknown> };
  const entries: Entry[] = [];
  const records: Array<UserRecord | GroupRecord> =
    kind === 'users' ? [...ctx.tenant.users.values()] : [...ctx.tenant.groups.values()];
  const live = new Set<string>();
  for (const record of records) {
    if (!isVisible(record, ctx.now)) continue;
    if (idFilter && !idFilter.has(record.id)) continue;
    live.add(record.id);
    const changed = since === INITIAL || (record.version > since && record.version <= upTo);
    let membersDelta: Array<Record<string, unknown>> | undefined;
    // The initial round lists every group anyway: its members are built with the page's items.
    if (withMembers && record.kind === 'group' && since !== INITIAL) {
      membersDelta = membershipDelta(ctx, record, since, upTo);
      if (membersDelta.length === 0 && since !== INITIAL) membersDelta = undefined;
    }
    if (!changed && !membersDelta) continue;
    const item = () => {
      const projected = projectProperties(viewOf(record, ctx.now), props);
      if (withMembers)
        projected['members@delta'] =
          membersDelta ?? (since === INITIAL ? membershipDelta(ctx, record as GroupRecord, since, upTo) : []);
      return projected;
    };
    entries.push({ order: since === INITIAL ? record.seq : record.version, item });
  }
  if (since !== INITIAL) {
    const latestTombstone = new Map<string, { version: number; reason: string }>();
    for (const t of ctx.tenant.tombstones) {
      if (t.kind !== (kind === 'users' ? 'user' : 'group') || t.version <= since || t.version > upTo)
        continue;
      if (idFilter && !idFilter.has(t.id)) continue;
      latestTombstone.set(t.id, { version: t.version, reason: t.reason });
    }
    for (const [id, t] of latestTombstone) {
      if (live.has(id)) continue;
      entries.push({ order: t.version, item: () => ({ id, '@removed': { reason: t.reason } }) });
    }
  }
  entries.sort((a, b) => a.order - b.order);
  const page = entries.slice(offset, offset + PAGE_SIZE);
  const context = `${graphBase(ctx.runtime)}/$metadata#${kind}${select ? `(${select.join(',')})` : ''}`;
  const body: Record<string, unknown> = { '@odata.context': context };
  if (offset + PAGE_SIZE < entries.length) {
    body['@odata.nextLink'] = `${base}?$skiptoken=${encode({ ...state, u: upTo, o: offset + PAGE_SIZE })}`;
  } else {
    body['@odata.deltaLink'] =
      `${base}?$deltatoken=${encode({ k: kind, tid: ctx.tenant.id, v: upTo, s: state.s, f: state.f, t: ctx.now })}`;
  }
  body.value = page.map((e) => e.item());
  return body;
}

function membershipDelta(
  ctx: DirectoryContext,
  group: GroupRecord,
  since: number,
  upTo: number,
): Array<Record<string, unknown>> {
  const type = (kind: 'user' | 'group') =>
    kind === 'user' ? '#microsoft.graph.user' : '#microsoft.graph.group';
  if (since === INITIAL) {
    return [...group.members].map((id) => ({
      '@odata.type': type(ctx.tenant.groups.has(id) ? 'group' : 'user'),
      id,
    }));
  }
  const last = new Map<string, { removed: boolean; kind: 'user' | 'group' }>();
  for (const change of group.memberChanges) {
    if (change.version > since && change.version <= upTo)
      last.set(change.memberId, { removed: change.removed, kind: change.memberKind });
  }
  return [...last].map(([id, c]) =>
    c.removed
      ? { '@odata.type': type(c.kind), id, '@removed': { reason: 'deleted' } }
      : { '@odata.type': type(c.kind), id },
  );
}
