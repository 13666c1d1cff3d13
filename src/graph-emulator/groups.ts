/**
 * Groups and membership (https://learn.microsoft.com/graph/api/resources/group). Only Microsoft 365 (`groupTypes: ["Unified"]`,
 * mail-enabled) and security (not mail-enabled, security-enabled) groups can be created.
 *
 * Invariants
 * - `members@odata.bind` / `owners@odata.bind` are all-or-nothing: every reference is resolved and
 *   checked before any link is written, and at most 20 link changes are accepted per request.
 * - Microsoft 365 groups contain only users and are never members of another group; security
 *   groups contain users and security groups. A group is never its own member.
 * - Every membership change is logged on the group with a new tenant version (for delta).
 */

import type { DirectoryContext } from './directory-objects.js';
import {
  directGroupsOf,
  directoryTimestamp,
  findObject,
  idFromReference,
  removeFromParentGroups,
  stampChanged,
  stampCreated,
} from './directory-objects.js';
import {
  InvalidPropertyValueError,
  ObjectConflictError,
  RequestBadRequestError,
  RequestResourceNotFoundError,
  RequiredPropertyMissingError,
} from './errors.js';
import type { GroupRecord, Tenant, UserRecord } from './model.js';
import { nextVersion } from './model.js';
import { newId } from './runtime.js';
import { GROUP_SCHEMA } from './schemas.js';
import { rejectUnknownProperties, requireObjectBody } from './users.js';

export const ALREADY_EXISTS_MESSAGE =
  "One or more added object references already exist for the following modified properties: 'members'.";
export const LINK_LIMIT_MESSAGE = 'A resource cannot contain more than 20 link changes';
export const MAIL_ENABLED_SECURITY_MESSAGE =
  'The service does not currently support writes of mail-enabled groups. Please ensure that the mail-enablement property is unset or is set to false.';
export const UNIFIED_NESTING_MESSAGE =
  "Groups of type 'Unified' can only contain users and cannot be members of other groups.";

const WRITABLE = new Set<string>(GROUP_SCHEMA.writable);
const READ_ONLY = new Set([
  'id',
  'createdDateTime',
  'deletedDateTime',
  'expirationDateTime',
  'mail',
  'proxyAddresses',
  'renewedDateTime',
  'securityIdentifier',
  'onPremisesSyncEnabled',
  'membershipRuleProcessingState',
]);
const BINDS = ['members@odata.bind', 'owners@odata.bind'];
const REQUIRED = ['displayName', 'mailEnabled', 'mailNickname', 'securityEnabled'] as const;
/** ASCII 0–127 except `@ ( ) \ [ ] " ; : . < > ,` and space. */
const isAscii = (value: string): boolean => [...value].every((c) => c.charCodeAt(0) < 128);
const GROUP_NICKNAME_FORBIDDEN = /[@()\\[\]";:.<>, ]/;

/** True for Microsoft 365 groups. */
export function isUnified(group: GroupRecord): boolean {
  return Array.isArray(group.props.groupTypes) && (group.props.groupTypes as unknown[]).includes('Unified');
}

function validateValue(key: string, value: unknown, mode: 'create' | 'update'): void {
  if (value === null) {
    if (key === 'displayName' || key === 'mailNickname' || key === 'mailEnabled' || key === 'securityEnabled')
      throw new InvalidPropertyValueError(key, 'Group');
    return;
  }
  switch (key) {
    case 'mailEnabled':
    case 'securityEnabled':
    case 'isAssignableToRole':
      if (typeof value !== 'boolean') throw new InvalidPropertyValueError(key, 'Group');
      return;
    case 'groupTypes':
      if (!Array.isArray(value) || value.some((v) => v !== 'Unified'))
        throw new InvalidPropertyValueError(key, 'Group');
      if (mode === 'update') throw new InvalidPropertyValueError(key, 'Group');
      return;
    case 'visibility':
      if (value !== 'Public' && value !== 'Private' && value !== 'HiddenMembership')
        throw new InvalidPropertyValueError(key, 'Group');
      return;
    case 'displayName':
      if (typeof value !== 'string' || value.trim() === '' || value.length > 256)
        throw new InvalidPropertyValueError(key, 'Group');
      return;
    case 'description':
      if (typeof value !== 'string' || value.length > 1024) throw new InvalidPropertyValueError(key, 'Group');
      return;
    case 'mailNickname':
      if (
        typeof value !== 'string' ||
        value.length === 0 ||
        value.length > 64 ||
        !isAscii(value) ||
        GROUP_NICKNAME_FORBIDDEN.test(value)
      ) {
        throw new InvalidPropertyValueError(key, 'Group');
      }
      return;
    default:
      if (typeof value !== 'string') throw new InvalidPropertyValueError(key, 'Group');
  }
}

function nicknameTakenByUnified(tenant: Tenant, nickname: string, exceptId?: string): boolean {
  const lower = nickname.toLowerCase();
  for (const g of tenant.groups.values()) {
    if (g.id !== exceptId && isUnified(g) && String(g.props.mailNickname).toLowerCase() === lower)
      return true;
  }
  return false;
}

/** Resolves and checks bind arrays; returns member/owner ids. Throws before anything is written. */
function resolveBinds(
  ctx: DirectoryContext,
  body: Record<string, unknown>,
  group: { id?: string; unified: boolean; members: Set<string> },
) {
  const members: Array<UserRecord | GroupRecord> = [];
  const owners: UserRecord[] = [];
  let total = 0;
  for (const key of BINDS) {
    const value = body[key];
    if (value === undefined) continue;
    if (!Array.isArray(value)) throw new RequestBadRequestError(`Invalid value for property '${key}'.`);
    total += value.length;
  }
  if (total > 20) throw new RequestBadRequestError(LINK_LIMIT_MESSAGE);
  const seen = new Set<string>();
  for (const reference of (body['members@odata.bind'] as unknown[] | undefined) ?? []) {
    const id = idFromReference(reference);
    const target = findObject(ctx, id);
    if (!target) throw new RequestResourceNotFoundError(id);
    if (group.members.has(id) || seen.has(id)) throw new RequestBadRequestError(ALREADY_EXISTS_MESSAGE);
    checkMemberType(group, target);
    seen.add(id);
    members.push(target);
  }
  for (const reference of (body['owners@odata.bind'] as unknown[] | undefined) ?? []) {
    const id = idFromReference(reference);
    const target = findObject(ctx, id);
    if (!target) throw new RequestResourceNotFoundError(id);
    if (target.kind !== 'user')
      throw new RequestBadRequestError('Only users and service principals can be owners of a group.');
    owners.push(target);
  }
  return { members, owners };
}

function checkMemberType(group: { id?: string; unified: boolean }, target: UserRecord | GroupRecord): void {
  if (target.kind === 'user') return;
  if (group.unified || isUnified(target)) throw new RequestBadRequestError(UNIFIED_NESTING_MESSAGE);
  if (group.id === target.id) throw new RequestBadRequestError('A group cannot be a member of itself.');
}

function recordMemberAdded(
  ctx: DirectoryContext,
  group: GroupRecord,
  member: UserRecord | GroupRecord,
): void {
  group.members.add(member.id);
  group.memberChanges.push({
    memberId: member.id,
    memberKind: member.kind,
    version: nextVersion(ctx.tenant),
    removed: false,
  });
}

/** POST /groups. */
export function createGroup(ctx: DirectoryContext, raw: unknown, creatorOwnerId?: string): GroupRecord {
  const body = requireObjectBody(raw);
  rejectUnknownProperties(body, WRITABLE, READ_ONLY, BINDS);
  for (const key of REQUIRED)
    if (body[key] === undefined || body[key] === null || body[key] === '')
      throw new RequiredPropertyMissingError(key);
  for (const [key, value] of Object.entries(body))
    if (key !== '@odata.type' && !BINDS.includes(key)) validateValue(key, value, 'create');
  const groupTypes = (body.groupTypes as string[] | undefined) ?? [];
  const unified = groupTypes.includes('Unified');
  if (unified) {
    if (body.mailEnabled !== true) throw new InvalidPropertyValueError('mailEnabled', 'Group');
  } else {
    if (body.mailEnabled === true) throw new RequestBadRequestError(MAIL_ENABLED_SECURITY_MESSAGE);
    if (body.securityEnabled !== true) throw new InvalidPropertyValueError('securityEnabled', 'Group');
  }
  const nickname = String(body.mailNickname);
  if (unified && nicknameTakenByUnified(ctx.tenant, nickname)) throw new ObjectConflictError('mailNickname');
  const binds = resolveBinds(ctx, body, { unified, members: new Set() });

  const id = newId(ctx.runtime);
  const created = directoryTimestamp(ctx.now);
  const mail = unified ? `${nickname}@${ctx.tenant.verifiedDomains[0]}` : null;
  const props: Record<string, unknown> = {
    deletedDateTime: null,
    classification: null,
    createdDateTime: created,
    description: null,
    displayName: body.displayName,
    expirationDateTime: null,
    groupTypes,
    isAssignableToRole: null,
    mail,
    mailEnabled: body.mailEnabled,
    mailNickname: nickname,
    membershipRule: null,
    membershipRuleProcessingState: null,
    onPremisesSyncEnabled: null,
    preferredDataLocation: null,
    proxyAddresses: mail ? [`SMTP:${mail}`] : [],
    renewedDateTime: created,
    securityEnabled: body.securityEnabled,
    securityIdentifier: `S-1-12-1-${Number.parseInt(id.slice(0, 8), 16)}-${Number.parseInt(id.slice(9, 13), 16)}`,
    visibility: unified ? 'Public' : null,
  };
  for (const key of [
    'description',
    'visibility',
    'classification',
    'isAssignableToRole',
    'preferredDataLocation',
  ]) {
    if (body[key] !== undefined) props[key] = body[key];
  }
  ctx.tenant.seq += 1;
  const group: GroupRecord = {
    kind: 'group',
    id,
    seq: ctx.tenant.seq,
    version: 0,
    visibleAt: 0,
    props,
    members: new Set(),
    owners: new Set(),
    memberChanges: [],
  };
  stampCreated(ctx, group);
  for (const member of binds.members) recordMemberAdded(ctx, group, member);
  for (const owner of binds.owners) group.owners.add(owner.id);
  if (creatorOwnerId) group.owners.add(creatorOwnerId);
  ctx.tenant.groups.set(id, group);
  return group;
}

/** PATCH /groups/{id}, including `members@odata.bind` (≤ 20, all or nothing). */
export function updateGroup(ctx: DirectoryContext, group: GroupRecord, raw: unknown): void {
  const body = requireObjectBody(raw);
  rejectUnknownProperties(body, WRITABLE, READ_ONLY, BINDS);
  for (const [key, value] of Object.entries(body))
    if (key !== '@odata.type' && !BINDS.includes(key)) validateValue(key, value, 'update');
  const unified = isUnified(group);
  if ('mailEnabled' in body && body.mailEnabled !== group.props.mailEnabled) {
    throw unified
      ? new InvalidPropertyValueError('mailEnabled', 'Group')
      : new RequestBadRequestError(MAIL_ENABLED_SECURITY_MESSAGE);
  }
  if (
    typeof body.mailNickname === 'string' &&
    unified &&
    nicknameTakenByUnified(ctx.tenant, body.mailNickname, group.id)
  ) {
    throw new ObjectConflictError('mailNickname');
  }
  const binds = resolveBinds(ctx, body, { id: group.id, unified, members: group.members });
  const keys = Object.keys(body).filter((k) => k !== '@odata.type' && !BINDS.includes(k));
  if (keys.length > 0) {
    const before = { ...group.props };
    for (const key of keys) group.props[key] = body[key];
    stampChanged(ctx, group, before);
  }
  for (const member of binds.members) recordMemberAdded(ctx, group, member);
  for (const owner of binds.owners) group.owners.add(owner.id);
}

/** POST /groups/{id}/members/$ref. */
export function addMember(ctx: DirectoryContext, group: GroupRecord, raw: unknown): void {
  const body = requireObjectBody(raw);
  const id = idFromReference(body['@odata.id']);
  const target = findObject(ctx, id);
  if (!target) throw new RequestResourceNotFoundError(id);
  if (group.members.has(id)) throw new RequestBadRequestError(ALREADY_EXISTS_MESSAGE);
  checkMemberType({ id: group.id, unified: isUnified(group) }, target);
  recordMemberAdded(ctx, group, target);
}

/** POST /groups/{id}/owners/$ref. */
export function addOwner(ctx: DirectoryContext, group: GroupRecord, raw: unknown): void {
  const body = requireObjectBody(raw);
  const id = idFromReference(body['@odata.id']);
  const target = findObject(ctx, id);
  if (!target) throw new RequestResourceNotFoundError(id);
  if (group.owners.has(id))
    throw new RequestBadRequestError(
      "One or more added object references already exist for the following modified properties: 'owners'.",
    );
  group.owners.add(id);
}

/** DELETE /groups/{id}/members/{memberId}/$ref: 404 naming the group when not a member. */
export function removeMember(ctx: DirectoryContext, group: GroupRecord, memberId: string): void {
  const id = memberId.toLowerCase();
  if (!group.members.has(id)) throw new RequestResourceNotFoundError(group.id);
  group.members.delete(id);
  const kind = ctx.tenant.groups.has(id) ? 'group' : 'user';
  group.memberChanges.push({
    memberId: id,
    memberKind: kind,
    version: nextVersion(ctx.tenant),
    removed: true,
    reason: 'deleted',
  });
}

/** Members of a group, optionally transitive (nested groups flattened, each object once). */
export function listMembers(
  ctx: DirectoryContext,
  group: GroupRecord,
  transitive: boolean,
): Array<UserRecord | GroupRecord> {
  const out: Array<UserRecord | GroupRecord> = [];
  const seen = new Set<string>([group.id]);
  const visit = (g: GroupRecord): void => {
    for (const id of g.members) {
      if (seen.has(id)) continue;
      seen.add(id);
      const member = findObject(ctx, id);
      if (!member) continue;
      out.push(member);
      if (transitive && member.kind === 'group') visit(member);
    }
  };
  visit(group);
  return out.sort((a, b) => a.seq - b.seq);
}

/** Groups an object belongs to, directly or transitively. */
export function listMemberOf(ctx: DirectoryContext, objectId: string, transitive: boolean): GroupRecord[] {
  const out = new Map<string, GroupRecord>();
  const visit = (id: string): void => {
    for (const g of directGroupsOf(ctx, id)) {
      if (out.has(g.id) || g.visibleAt > ctx.now) continue;
      out.set(g.id, g);
      if (transitive) visit(g.id);
    }
  };
  visit(objectId);
  return [...out.values()].sort((a, b) => a.seq - b.seq);
}

/** DELETE /groups/{id}: Microsoft 365 groups are soft-deleted, security groups hard-deleted. */
export function deleteGroup(ctx: DirectoryContext, group: GroupRecord): void {
  const { version } = removeFromParentGroups(ctx, group);
  ctx.tenant.groups.delete(group.id);
  group.version = version;
  if (isUnified(group)) {
    group.props.deletedDateTime = directoryTimestamp(ctx.now);
    ctx.tenant.deleted.set(group.id, { record: group, deletedAt: ctx.now, memberOf: [] });
    ctx.tenant.tombstones.push({ id: group.id, kind: 'group', version, reason: 'changed' });
  } else {
    ctx.tenant.tombstones.push({ id: group.id, kind: 'group', version, reason: 'deleted' });
  }
}
