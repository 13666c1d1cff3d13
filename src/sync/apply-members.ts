/**
 * Group memberships: reconcile one group's remote members with the directory, or send one
 * change (members added or removed). Conduit manages only the members it has linked; other
 * remote members are left alone (plan.ts `planMembership`).
 */
import { membersOfGroups } from '../directory/groups.js';
import { linkedAmong, linksFor } from './link-records.js';
import { planMembership } from './plan.js';
import type { SyncSession } from './session.js';
import { failureMessage, report, throwIfConfiguration } from './sync-report.js';
import type { TargetFailure } from './types.js';

/** The group whose members change: its local id, name and remote id. */
export interface MemberGroup {
  localId: number;
  label: string;
  remoteId: string;
}

/**
 * Reconcile one group's members with the directory: add linked members that are missing, remove
 * managed members that left. `knownEmpty` skips reading a group that was just created, and
 * `knownMembers` one that was just created with these members.
 */
export async function reconcileMembers(
  session: SyncSession,
  group: MemberGroup,
  options: { knownEmpty: boolean; knownMembers?: string[] },
): Promise<void> {
  const db = session.deps.db;
  const members = (await membersOfGroups(db, [group.localId])).get(group.localId) ?? [];
  const userLinks = await linksFor(db, session.provider.id, 'user', members);
  const wanted = new Set(
    [...userLinks.values()].map((l) => l.remoteId).filter((id): id is string => id !== null),
  );
  let actual: Set<string>;
  try {
    actual = options.knownMembers
      ? new Set(options.knownMembers)
      : options.knownEmpty
        ? new Set()
        : new Set(await session.target.listMemberIds(group.remoteId));
  } catch (error) {
    const failure = (error as { failure?: TargetFailure }).failure;
    if (failure) throwIfConfiguration(failure);
    await report(session, 'group', group, {
      operation: 'read_members',
      status: 'error',
      remoteId: group.remoteId,
      message: failure ? failureMessage(failure) : String(error),
      // A throttled or failed read is worth a retry: the group's members are reconciled again.
      transient: !failure || failure.kind === 'transient',
    });
    return;
  }
  // Managed members: the remote members that are linked users of this provider (read for this
  // group's members only, not every link of the provider).
  const managed = new Set<string>();
  const present = [...actual];
  for (let i = 0; i < present.length; i += 500) {
    for (const id of await linkedAmong(db, session.provider.id, 'user', present.slice(i, i + 500)))
      managed.add(id);
  }
  const plan = planMembership(wanted, actual, managed);
  await applyMemberChanges(session, group, plan.add, plan.remove);
}

/** Add and remove members of one group (remote ids), recording one result for each kind. */
export async function applyMemberChanges(
  session: SyncSession,
  group: MemberGroup,
  add: string[],
  remove: string[],
): Promise<void> {
  await applyMemberChange(session, group, 'add', add);
  await applyMemberChange(session, group, 'remove', remove);
}

/** Send one kind of member change for one group and record its outcome. */
async function applyMemberChange(
  session: SyncSession,
  group: MemberGroup,
  kind: 'add' | 'remove',
  memberIds: string[],
): Promise<void> {
  if (memberIds.length === 0) return;
  const { failures, notSent } =
    kind === 'add'
      ? await session.target.addMembers(group.remoteId, memberIds)
      : await session.target.removeMembers(group.remoteId, memberIds);
  for (const f of failures) throwIfConfiguration(f.failure);
  const operation = kind === 'add' ? 'add_members' : 'remove_members';
  if (notSent.length > 0) {
    // The requests that would have been sent (one per chunk of members).
    await report(session, 'group', group, {
      operation,
      status: 'dry_run',
      remoteId: group.remoteId,
      message: `Dry run: ${memberIds.length} member ${kind === 'add' ? 'additions' : 'removals'} not sent`,
      detail: { [kind]: memberIds, requests: notSent },
    });
    return;
  }
  const failed = new Set(failures.map((f) => f.remoteMemberId));
  await report(session, 'group', group, {
    operation,
    status: failed.size > 0 ? 'error' : 'ok',
    remoteId: group.remoteId,
    message:
      failed.size > 0
        ? failures.map((f) => `${f.remoteMemberId}: ${failureMessage(f.failure)}`).join('; ')
        : null,
    detail: { [kind]: memberIds, failed: [...failed] },
    counts: {
      [kind === 'add' ? 'members_added' : 'members_removed']: memberIds.length - failed.size,
      failed: failed.size > 0 ? 1 : 0,
    },
    // A membership change that failed transiently (throttling outlasting the client's retries, a
    // 5xx) is retried with backoff: access granted or revoked through a group must not wait for the
    // next full sync. Adds and removes are idempotent, so a retry repeats the whole change safely.
    transient: failures.some((f) => f.failure.kind === 'transient'),
  });
}
