/**
 * Sync batches of users or groups: plan the batch (plan-batch.ts), then apply it here: link
 * adoptions, send the creates and patches in bulk, and report one result per object
 * (sync-report.ts). One object's failure never stops the others; only provider-level failures
 * (credentials, permissions, a mapping set that yields nothing) throw `SyncConfigurationError`
 * and stop the run.
 *
 * Invariants:
 * - no database transaction is held open across a remote call;
 * - a create is announced by a `pending` link (a claim) before it is sent, so an interrupted
 *   create is found and adopted next time, and two jobs never create the same object.
 */
import { membersOfGroups } from '../directory/groups.js';
import { claimCreate, linkedAmong, linksFor, localIdLinkedTo } from './link-records.js';
import { changedProperties, chooseAdoption, rememberedState } from './plan.js';
import {
  type BatchPlan,
  desiredStates,
  type PlannedCreate,
  type PlannedItem,
  type PlannedUpdate,
  planBatch,
} from './plan-batch.js';
import type { SyncSession } from './session.js';
import { failureMessage, report, throwIfConfiguration } from './sync-report.js';
import type { ObjectType, RemoteObject, WriteResult } from './types.js';

export interface BatchOutcome {
  /** Local id → remote id of objects that exist remotely after this batch. */
  remoteIds: Map<number, string>;
  /** Local ids created (not adopted) in this batch. */
  created: Set<number>;
  /** Local ids linked to an existing remote object in this batch. */
  adopted: Set<number>;
  /** Of the groups created: the member remote ids their create already carried. */
  createdMembers: Map<number, string[]>;
}

export interface SyncObjectsOptions {
  /** Look for an existing remote object before every create (groups in direct sync: Graph allows duplicate names). */
  lookupBeforeCreate?: boolean;
  /** Create groups with their first linked members in the create itself (see `withInitialMembers`). */
  initialMembers?: boolean;
}

/**
 * Sync a batch of users or groups: plan it, then apply the plan. A caller passing
 * `initialMembers` reconciles members afterwards knowing `createdMembers`.
 */
export async function syncObjects(
  session: SyncSession,
  type: ObjectType,
  ids: number[],
  options: SyncObjectsOptions = {},
): Promise<BatchOutcome> {
  const plan = await planBatch(session, type, ids, options);
  return applyBatch(session, type, plan, options);
}

/** Apply a planned batch: decisions first (in the batch's order), then creates, then patches. */
export async function applyBatch(
  session: SyncSession,
  type: ObjectType,
  plan: BatchPlan,
  options: SyncObjectsOptions = {},
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = {
    remoteIds: new Map(),
    created: new Set(),
    adopted: new Set(),
    createdMembers: new Map(),
  };
  for (const decision of plan.decided) {
    const { item } = decision;
    switch (decision.kind) {
      case 'notPlanned':
        await reportNotPlanned(session, type, item);
        break;
      case 'unchanged':
        outcome.remoteIds.set(item.localId, decision.remoteId);
        session.counts.unchanged++;
        break;
      case 'adopt':
        await adoptInto(outcome, session, type, item, decision.remote, decision.body);
        break;
      case 'ambiguous': {
        const ids = decision.candidates.map((c) => c.id);
        const message = `${ids.length} remote ${type}s match "${item.label}" (${ids.join(', ')}); link one manually — Conduit does not guess.`;
        await report(session, type, item, {
          operation: 'link',
          status: 'error',
          message,
          detail: { candidates: ids },
          link: { remoteId: null, state: 'error', lastError: message },
        });
        break;
      }
    }
  }
  const creates =
    type === 'group' && options.initialMembers
      ? await withInitialMembers(session, plan.creates)
      : plan.creates;
  await applyCreates(session, type, creates, outcome);
  await applyUpdates(session, type, plan.updates, outcome);
  return outcome;
}

/** A mapping skipped the object, or it could not be planned. */
async function reportNotPlanned(session: SyncSession, type: ObjectType, item: PlannedItem): Promise<void> {
  const plan = item.plan;
  if (plan.op === 'skip') {
    await report(session, type, item, {
      operation: 'skip',
      status: 'skipped',
      remoteId: item.link?.remoteId,
      message: `Skipped by property mapping "${plan.mapping}" (SkipObject)`,
    });
  } else if (plan.op === 'error') {
    await report(session, type, item, {
      operation: 'plan',
      status: 'error',
      remoteId: item.link?.remoteId,
      message: plan.message,
      detail: { mapping: plan.mapping },
      link: { state: 'error', lastError: plan.message, ...(item.link ? {} : { remoteId: null }) },
    });
  }
}

/** Adopt, and note the object in the batch's outcome when it worked. */
async function adoptInto(
  outcome: BatchOutcome,
  session: SyncSession,
  type: ObjectType,
  item: PlannedItem,
  remote: RemoteObject,
  body: Record<string, unknown>,
): Promise<void> {
  const remoteId = await adopt(session, type, item, remote, body);
  if (!remoteId) return;
  outcome.remoteIds.set(item.localId, remoteId);
  outcome.adopted.add(item.localId);
}

/**
 * Link a local object to an existing remote one, then patch whatever differs from the desired body.
 * Returns the remote id, or null when adoption failed or was not sent (recorded).
 */
async function adopt(
  session: SyncSession,
  type: ObjectType,
  item: PlannedItem,
  remote: RemoteObject,
  body: Record<string, unknown>,
): Promise<string | null> {
  const createOnly = session.target.createOnlyProperties(type);
  const patch = changedProperties(body, remote.properties, createOnly);
  if (session.dryRun) {
    await report(session, type, item, {
      operation: 'link',
      status: 'dry_run',
      remoteId: remote.id,
      detail: { would_link: remote.id, patch },
    });
    return null;
  }
  let attributes = rememberedState(remote.properties, {}, createOnly);
  let requestId: string | undefined;
  if (Object.keys(patch).length > 0) {
    const [result] = await session.target.updateMany(type, [{ remoteId: remote.id, patch }]);
    if (result?.status === 'failed') {
      throwIfConfiguration(result.failure);
      const message = failureMessage(result.failure);
      await report(session, type, item, {
        operation: 'link',
        status: 'error',
        remoteId: remote.id,
        message,
        requestId: result.failure.requestId,
        link: {
          remoteId: remote.id,
          attributes,
          state: 'error',
          lastError: message,
          lastRequestId: result.failure.requestId ?? null,
        },
      });
      return null;
    }
    attributes = rememberedState(attributes, patch, createOnly);
    requestId = result?.status === 'sent' ? result.requestId : undefined;
  }
  await report(session, type, item, {
    operation: 'link',
    status: 'ok',
    remoteId: remote.id,
    message: 'Linked to an existing remote object',
    requestId,
    detail: { patch },
    link: {
      remoteId: remote.id,
      attributes,
      state: 'synced',
      synced: true,
      lastRequestId: requestId ?? null,
    },
  });
  return remote.id;
}

/**
 * Group creates that carry their first linked members, so a group of up to 20 members costs one
 * write (Graph: https://learn.microsoft.com/en-us/graph/api/group-post-groups#request-body).
 */
async function withInitialMembers(session: SyncSession, creates: PlannedCreate[]): Promise<PlannedCreate[]> {
  const target = session.target;
  if (creates.length === 0 || !target.withInitialMembers) return creates;
  const db = session.deps.db;
  const members = await membersOfGroups(
    db,
    creates.map((c) => c.localId),
  );
  const userLinks = await linksFor(db, session.provider.id, 'user', [
    ...new Set([...members.values()].flat()),
  ]);
  return creates.map((c) => {
    const remoteIds = (members.get(c.localId) ?? []).flatMap((id) => {
      const remoteId = userLinks.get(id)?.remoteId;
      return remoteId ? [remoteId] : [];
    });
    if (remoteIds.length === 0) return c;
    const { body, included } = target.withInitialMembers?.(c.body, remoteIds) ?? {
      body: c.body,
      included: [],
    };
    return included.length > 0 ? { ...c, body, initialMembers: included } : c;
  });
}

/** Claim the creates (skipping those another job is creating), then send them. */
async function claimCreates(session: SyncSession, type: ObjectType, planned: PlannedCreate[]) {
  if (session.dryRun || planned.length === 0) return planned;
  const { db } = session.deps;
  // All claims of a batch commit together, before any create is sent.
  const wins = await db.transaction().execute(async (trx) => {
    const result: boolean[] = [];
    for (const c of planned)
      result.push(await claimCreate(trx, session.provider.id, type, c.localId, c.link, session.claimer));
    return result;
  });
  const claimed: PlannedCreate[] = [];
  for (const [i, c] of planned.entries()) {
    if (wins[i]) claimed.push(c);
    // Another job (a direct sync beside this full sync) is creating or has created it.
    else
      await report(session, type, c, {
        operation: 'create',
        status: 'skipped',
        message: 'Another sync job is creating this object; left to it.',
      });
  }
  return claimed;
}

async function applyCreates(
  session: SyncSession,
  type: ObjectType,
  planned: PlannedCreate[],
  outcome: BatchOutcome,
): Promise<void> {
  const creates = await claimCreates(session, type, planned);
  if (creates.length === 0) return;
  const db = session.deps.db;
  const createOnly = session.target.createOnlyProperties(type);
  const results = await session.target.createMany(
    type,
    creates.map((c) => c.body),
  );
  await retryWithoutMembers(session, type, creates, results);
  // Successful creates are linked in one transaction (after the remote calls, never around them).
  await db.transaction().execute(async (trx) => {
    for (const [i, c] of creates.entries()) {
      const result = results[i] as WriteResult;
      if (result.status !== 'sent' || !result.remoteId) continue;
      await report(session, type, c, {
        operation: 'create',
        status: 'ok',
        remoteId: result.remoteId,
        requestId: result.requestId,
        detail: { properties: Object.keys(c.body).filter((k) => !createOnly.has(k)) },
        counts: { created: 1, members_added: c.initialMembers?.length ?? 0 },
        link: {
          remoteId: result.remoteId,
          attributes: rememberedState({}, c.body, createOnly),
          state: 'synced',
          synced: true,
          lastRequestId: result.requestId ?? null,
        },
        conn: trx,
      });
      outcome.remoteIds.set(c.localId, result.remoteId);
      outcome.created.add(c.localId);
      if (c.initialMembers) outcome.createdMembers.set(c.localId, c.initialMembers);
    }
  });
  for (const [i, c] of creates.entries()) {
    const result = results[i] as WriteResult;
    if (result.status === 'sent' && result.remoteId) continue;
    if (result.status === 'notSent') {
      // The would-be request, without create-only secrets (a new user's initial password).
      await report(session, type, c, {
        operation: 'create',
        status: 'dry_run',
        message: 'Dry run: create not sent',
        detail: { request: { ...result.request, body: redactCreateOnly(c.body, createOnly) } },
      });
      continue;
    }
    const failure =
      result.status === 'failed'
        ? result.failure
        : { kind: 'bad_request' as const, message: 'The remote side returned no id for the created object.' };
    throwIfConfiguration(failure);
    let message = failureMessage(failure);
    if (failure.kind === 'conflict') {
      // The unique key is taken remotely (a user created elsewhere, or by an interrupted run): adopt it.
      const candidates = await session.target.findExisting(type, c.body).catch(() => []);
      const choice = chooseAdoption(
        candidates,
        await linkedAmong(
          db,
          session.provider.id,
          type,
          candidates.map((x) => x.id),
        ),
      );
      if ('adopt' in choice) {
        await adoptInto(outcome, session, type, c, choice.adopt, c.body);
        continue;
      }
      const taken = candidates[0];
      const holder = taken ? await localIdLinkedTo(db, session.provider.id, type, taken.id) : null;
      if (taken && holder !== null)
        // The Entra object with this key already belongs to another local object: say which.
        message = `${message} That Entra ${type} (${taken.id}) is linked to local ${type} #${holder}: two local objects cannot share it; give one of them a different ${type === 'user' ? 'userPrincipalName' : 'name'}.`;
    }
    const transient = failure.kind === 'transient';
    await report(session, type, c, {
      operation: 'create',
      status: 'error',
      message,
      requestId: failure.requestId,
      detail: { kind: failure.kind, status: failure.status, code: failure.code },
      transient,
      link: {
        remoteId: null,
        state: transient ? 'pending' : 'error',
        lastError: message,
        lastRequestId: failure.requestId ?? null,
      },
    });
  }
}

/**
 * A create refused for its member references (a member deleted remotely, or not yet replicated
 * after its own create: Graph answers 404 or 400 for the whole request) is sent once more without
 * them; its members are then added by the membership reconciliation. Updates `creates` and `results`.
 */
async function retryWithoutMembers(
  session: SyncSession,
  type: ObjectType,
  creates: PlannedCreate[],
  results: WriteResult[],
): Promise<void> {
  const retry = creates.flatMap((c, i) => {
    const r = results[i];
    return c.initialMembers &&
      r?.status === 'failed' &&
      (r.failure.kind === 'not_found' || r.failure.kind === 'bad_request')
      ? [i]
      : [];
  });
  if (retry.length === 0) return;
  const bare = retry.map((i) => {
    const c = creates[i] as PlannedCreate;
    const { 'members@odata.bind': _members, ...rest } = c.body;
    const mapped = (c.body['members@odata.bind'] as unknown[]).slice(
      0,
      -(c.initialMembers as string[]).length,
    );
    return {
      ...c,
      body: mapped.length > 0 ? { ...rest, 'members@odata.bind': mapped } : rest,
      initialMembers: undefined,
    };
  });
  const again = await session.target.createMany(
    type,
    bare.map((c) => c.body),
  );
  for (const [j, i] of retry.entries()) {
    creates[i] = bare[j] as PlannedCreate;
    results[i] = again[j] as WriteResult;
  }
}

function redactCreateOnly(
  body: Record<string, unknown>,
  createOnly: ReadonlySet<string>,
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, createOnly.has(k) ? '[redacted]' : v]));
}

async function applyUpdates(
  session: SyncSession,
  type: ObjectType,
  updates: PlannedUpdate[],
  outcome: BatchOutcome,
): Promise<void> {
  if (updates.length === 0) return;
  const db = session.deps.db;
  const createOnly = session.target.createOnlyProperties(type);
  const results = await session.target.updateMany(
    type,
    updates.map((u) => ({ remoteId: u.remoteId, patch: u.patch })),
  );
  const diffOf = (u: PlannedUpdate) =>
    Object.fromEntries(
      Object.keys(u.patch).map((k) => [k, { before: u.before[k] ?? null, after: u.patch[k] }]),
    );
  const recreate: Array<PlannedCreate & { previousRemoteId: string }> = [];
  // Successful patches are recorded in one transaction (after the remote calls, never around them).
  await db.transaction().execute(async (trx) => {
    for (const [i, u] of updates.entries()) {
      const result = results[i] as WriteResult;
      if (result.status !== 'sent') continue;
      await report(session, type, u, {
        operation: 'update',
        status: 'ok',
        remoteId: u.remoteId,
        requestId: result.requestId,
        detail: { diff: diffOf(u) },
        link: {
          attributes: rememberedState(u.link?.attributes ?? {}, u.patch, createOnly),
          state: 'synced',
          synced: true,
          lastRequestId: result.requestId ?? null,
        },
        conn: trx,
      });
      outcome.remoteIds.set(u.localId, u.remoteId);
    }
  });
  for (const [i, u] of updates.entries()) {
    const result = results[i] as WriteResult;
    if (result.status === 'sent') continue;
    const diff = diffOf(u);
    if (result.status === 'notSent') {
      await report(session, type, u, {
        operation: 'update',
        status: 'dry_run',
        remoteId: u.remoteId,
        message: 'Dry run: update not sent',
        detail: { diff, request: result.request },
      });
      outcome.remoteIds.set(u.localId, u.remoteId);
      continue;
    }
    const failure = result.failure;
    throwIfConfiguration(failure);
    if (failure.kind === 'not_found') {
      // Deleted remotely out of band: create it again (the full desired body, not just the patch).
      const state = (await desiredStates(session, type, [u.localId], new Map())).get(u.localId)?.desired;
      if (state?.status === 'ok') {
        if (session.dryRun) {
          await report(session, type, u, {
            operation: 'recreate',
            status: 'dry_run',
            remoteId: u.remoteId,
            message: 'Dry run: the remote object is gone and would be created again',
          });
          continue;
        }
        const cleared = await report(session, type, u, {
          operation: 'recreate',
          status: 'ok',
          remoteId: u.remoteId,
          message: 'The remote object was deleted outside Conduit; creating it again',
          link: {
            remoteId: null,
            state: 'error',
            lastError: 'The remote object was deleted outside Conduit.',
          },
        });
        recreate.push({ ...u, link: cleared, body: state.body, previousRemoteId: u.remoteId });
        continue;
      }
    }
    await report(session, type, u, {
      operation: 'update',
      status: 'error',
      remoteId: u.remoteId,
      message: failureMessage(failure),
      requestId: failure.requestId,
      detail: { diff, kind: failure.kind },
      transient: failure.kind === 'transient',
      link: { state: 'error', lastError: failureMessage(failure), lastRequestId: failure.requestId ?? null },
    });
  }
  await applyCreates(session, type, recreate, outcome);
}
