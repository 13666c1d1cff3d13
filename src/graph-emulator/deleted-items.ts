/**
 * `/directory/deletedItems` (https://learn.microsoft.com/graph/api/resources/directory-deleteditems): soft-deleted users and Microsoft 365 groups,
 * kept for the retention period (30 service days), restorable with their id and memberships,
 * purgeable. A new user may reuse a soft-deleted user's UPN; restoring the old one then needs
 * `newUserPrincipalName`.
 */

import type { DirectoryContext } from './directory-objects.js';
import { stampChanged } from './directory-objects.js';
import { ObjectConflictError, RequestResourceNotFoundError } from './errors.js';
import { isUnified } from './groups.js';
import { isRecord } from './jwt.js';
import type { DeletedItem, GroupRecord, UserRecord } from './model.js';
import { nextVersion } from './model.js';
import { realMs } from './settings.js';
import { indexUserPrincipalName, isUserPrincipalNameTaken, validateUserPrincipalName } from './users.js';

/** Permanently removes items older than the retention period. */
export function expireDeletedItems(ctx: DirectoryContext): void {
  const retention = realMs(ctx.runtime.settings, ctx.runtime.settings.deletedItemRetentionMs);
  for (const [id, item] of ctx.tenant.deleted) {
    if (ctx.now - item.deletedAt >= retention) purgeItem(ctx, id, item);
  }
}

function purgeItem(ctx: DirectoryContext, id: string, item: DeletedItem): void {
  ctx.tenant.deleted.delete(id);
  ctx.tenant.tombstones.push({
    id,
    kind: item.record.kind,
    version: nextVersion(ctx.tenant),
    reason: 'deleted',
  });
}

/** Lists deleted items of one kind, oldest deletion first. */
export function listDeletedItems(
  ctx: DirectoryContext,
  kind: 'user' | 'group',
): Array<UserRecord | GroupRecord> {
  expireDeletedItems(ctx);
  return [...ctx.tenant.deleted.values()]
    .filter((i) => i.record.kind === kind)
    .map((i) => i.record)
    .sort((a, b) => a.seq - b.seq);
}

/** GET /directory/deletedItems/{id}. */
export function requireDeletedItem(ctx: DirectoryContext, id: string): DeletedItem {
  expireDeletedItems(ctx);
  const item = ctx.tenant.deleted.get(id.toLowerCase());
  if (!item) throw new RequestResourceNotFoundError(id);
  return item;
}

/** DELETE /directory/deletedItems/{id}. */
export function purgeDeletedItem(ctx: DirectoryContext, id: string): void {
  const item = requireDeletedItem(ctx, id);
  purgeItem(ctx, item.record.id, item);
}

/** POST /directory/deletedItems/{id}/restore → the restored object. */
export function restoreDeletedItem(
  ctx: DirectoryContext,
  id: string,
  body: unknown,
): UserRecord | GroupRecord {
  const item = requireDeletedItem(ctx, id);
  const record = item.record;
  const options = isRecord(body) ? body : {};
  if (record.kind === 'user') {
    const requested = options.newUserPrincipalName;
    if (requested !== undefined && requested !== null) {
      validateUserPrincipalName(ctx.tenant, requested);
      if (isUserPrincipalNameTaken(ctx.tenant, String(requested)))
        throw new ObjectConflictError('userPrincipalName');
    } else if (isUserPrincipalNameTaken(ctx.tenant, String(record.props.userPrincipalName))) {
      throw new ObjectConflictError('userPrincipalName');
    }
    const before = { ...record.props };
    if (requested !== undefined && requested !== null) record.props.userPrincipalName = requested;
    record.props.deletedDateTime = null;
    ctx.tenant.deleted.delete(record.id);
    ctx.tenant.users.set(record.id, record);
    indexUserPrincipalName(ctx.tenant, record, before.userPrincipalName);
    stampChanged(ctx, record, before);
    delete record.staleProps;
    delete record.staleUntil;
    for (const groupId of item.memberOf) {
      const group = ctx.tenant.groups.get(groupId);
      if (!group || group.members.has(record.id)) continue;
      group.members.add(record.id);
      group.memberChanges.push({
        memberId: record.id,
        memberKind: 'user',
        version: nextVersion(ctx.tenant),
        removed: false,
      });
    }
    return record;
  }
  if (isUnified(record)) {
    const nick = String(record.props.mailNickname).toLowerCase();
    for (const g of ctx.tenant.groups.values()) {
      if (isUnified(g) && String(g.props.mailNickname).toLowerCase() === nick)
        throw new ObjectConflictError('mailNickname');
    }
  }
  const before = { ...record.props };
  record.props.deletedDateTime = null;
  ctx.tenant.deleted.delete(record.id);
  ctx.tenant.groups.set(record.id, record);
  stampChanged(ctx, record, before);
  delete record.staleProps;
  delete record.staleUntil;
  return record;
}
