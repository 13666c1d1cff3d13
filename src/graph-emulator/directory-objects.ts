/**
 * Lookups shared by users, groups, members and deleted items. "Visible" means past the
 * replication-lag instant: other calls treat an invisible object as absent (404, omitted from
 * lists) while uniqueness checks still see it, as on the real service.
 */
import { RequestBadRequestError, RequestResourceNotFoundError } from './errors.js';
import type { DirectoryRecord, GroupRecord, Tenant, UserRecord } from './model.js';
import { nextVersion } from './model.js';
import type { EmulatorRuntime } from './runtime.js';
import { realMs } from './settings.js';

/** What a directory operation needs. */
export interface DirectoryContext {
  runtime: EmulatorRuntime;
  tenant: Tenant;
  /** Real epoch ms at the start of the operation. */
  now: number;
}

/** Whether other calls can see the record yet. */
export function isVisible(record: DirectoryRecord, now: number): boolean {
  return record.visibleAt <= now;
}

/** The properties other callers currently see (stale during the lag after a PATCH), plus `id`. */
export function viewOf(record: DirectoryRecord, now: number): Record<string, unknown> {
  const props =
    record.staleUntil !== undefined && record.staleUntil > now && record.staleProps
      ? record.staleProps
      : record.props;
  return { id: record.id, ...props };
}

/** Finds a visible user by id or userPrincipalName (case-insensitive). */
export function findUser(ctx: DirectoryContext, idOrUpn: string): UserRecord | undefined {
  const byId = ctx.tenant.users.get(idOrUpn.toLowerCase());
  if (byId) return isVisible(byId, ctx.now) ? byId : undefined;
  if (!idOrUpn.includes('@')) return undefined;
  const lower = idOrUpn.toLowerCase();
  for (const user of ctx.tenant.users.values()) {
    if (String(user.props.userPrincipalName).toLowerCase() === lower)
      return isVisible(user, ctx.now) ? user : undefined;
  }
  return undefined;
}

/** Like findUser but throws the real 404. */
export function requireUser(ctx: DirectoryContext, idOrUpn: string): UserRecord {
  const user = findUser(ctx, idOrUpn);
  if (!user) throw new RequestResourceNotFoundError(idOrUpn);
  return user;
}

/** Finds a visible group by id. */
export function findGroup(ctx: DirectoryContext, id: string): GroupRecord | undefined {
  const group = ctx.tenant.groups.get(id.toLowerCase());
  return group && isVisible(group, ctx.now) ? group : undefined;
}

/** Like findGroup but throws the real 404. */
export function requireGroup(ctx: DirectoryContext, id: string): GroupRecord {
  const group = findGroup(ctx, id);
  if (!group) throw new RequestResourceNotFoundError(id);
  return group;
}

/** A visible user or group by id. */
export function findObject(ctx: DirectoryContext, id: string): UserRecord | GroupRecord | undefined {
  return findUser(ctx, id) ?? findGroup(ctx, id);
}

/** `@odata.type` of a record. */
export function odataType(record: UserRecord | GroupRecord): string {
  return record.kind === 'user' ? '#microsoft.graph.user' : '#microsoft.graph.group';
}

/** Extracts the object id from an `@odata.id` / `@odata.bind` URL (any host, any entity set). */
export function idFromReference(reference: unknown): string {
  if (typeof reference !== 'string' || reference.trim() === '')
    throw new RequestBadRequestError(`Invalid object identifier '${String(reference ?? '')}'.`);
  const trimmed = reference.trim().replace(/\/+$/, '');
  const last = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  const m = /^(?:[A-Za-z.]+\()?'?([0-9a-fA-F-]{36})'?\)?$/.exec(last);
  if (!m) throw new RequestBadRequestError(`Invalid object identifier '${last}'.`);
  return (m[1] as string).toLowerCase();
}

/** Stamps a record as created now (version, replication lag). */
export function stampCreated(ctx: DirectoryContext, record: DirectoryRecord): void {
  record.version = nextVersion(ctx.tenant);
  record.visibleAt = ctx.now + realMs(ctx.runtime.settings, ctx.runtime.settings.replicationLagMs);
}

/** Stamps a record as changed now; with replication lag, other calls keep seeing `before`. */
export function stampChanged(
  ctx: DirectoryContext,
  record: DirectoryRecord,
  before: Record<string, unknown>,
): void {
  record.version = nextVersion(ctx.tenant);
  const lag = realMs(ctx.runtime.settings, ctx.runtime.settings.replicationLagMs);
  if (lag > 0) {
    record.staleProps = before;
    record.staleUntil = ctx.now + lag;
  } else {
    delete record.staleProps;
    delete record.staleUntil;
  }
}

/** ISO timestamp without milliseconds, as directory objects carry (`2024-01-01T00:00:00Z`). */
export function directoryTimestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Groups that directly contain `memberId`. */
export function directGroupsOf(ctx: DirectoryContext, memberId: string): GroupRecord[] {
  const out: GroupRecord[] = [];
  for (const group of ctx.tenant.groups.values()) if (group.members.has(memberId)) out.push(group);
  return out;
}

/**
 * Takes a deleted object out of every group that directly contains it, each removal recorded for
 * the groups' `members@delta`, all at one new tenant version (returned with the groups).
 */
export function removeFromParentGroups(
  ctx: DirectoryContext,
  record: UserRecord | GroupRecord,
): { groups: GroupRecord[]; version: number } {
  const groups = directGroupsOf(ctx, record.id);
  const version = nextVersion(ctx.tenant);
  for (const group of groups) {
    group.members.delete(record.id);
    group.memberChanges.push({
      memberId: record.id,
      memberKind: record.kind,
      version,
      removed: true,
      reason: 'deleted',
    });
  }
  return { groups, version };
}
