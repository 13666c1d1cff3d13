/**
 * Plan and apply for batches of users or groups: evaluate the mappings, plan each object, then
 * send the creates and patches in bulk and record one result per object. One object's failure
 * never stops the others; only provider-level failures (credentials, permissions, a mapping set
 * that yields nothing) throw `SyncConfigurationError` and stop the run.
 *
 * Invariant: no database transaction is held open across a remote call. A create is announced
 * by a `pending` link before it is sent, so an interrupted create is found and adopted next time.
 */
import { PropertyMappingError } from '../mappings/index.js';
import { type CandidateIndex, candidatesFor, driftAmong, goneAmong } from './discovery.js';
import { claimCreate, linkedAmong, linksFor, localIdLinkedTo, upsertLink } from './link-records.js';
import {
  changedProperties,
  chooseAdoption,
  type DesiredState,
  type ObjectPlan,
  planMembership,
  planObject,
  rememberedState,
} from './plan.js';
import { groupMemberIds, loadMappingGroups, loadMappingUsers } from './scope.js';
import { isProviderLevelMappingError, SyncConfigurationError, type SyncSession } from './session.js';
import type { Link, ObjectType, RemoteObject, TargetFailure, WriteResult } from './types.js';

interface Item {
  localId: number;
  label: string;
  link: Link | null;
  plan: ObjectPlan;
}

function failureMessage(f: TargetFailure): string {
  return f.requestId && !f.message.includes(f.requestId)
    ? `${f.message} (request-id ${f.requestId})`
    : f.message;
}

function throwIfConfiguration(failure: TargetFailure): void {
  if (failure.kind === 'configuration')
    throw new SyncConfigurationError(failure.message, {
      status: failure.status,
      code: failure.code,
      request_id: failure.requestId,
    });
}

/** Evaluate mappings for each object into its desired state. */
async function desiredStates(
  session: SyncSession,
  type: ObjectType,
  ids: number[],
  links: Map<number, Link>,
) {
  const db = session.deps.db;
  const contexts = type === 'user' ? await loadMappingUsers(db, ids) : await loadMappingGroups(db, ids);
  const states = new Map<number, { desired: DesiredState; label: string; email: string | null }>();
  const mappings = type === 'user' ? session.userMappings : session.groupMappings;
  const present = ids.flatMap((id) => {
    const context = contexts.get(id);
    return context ? [{ id, context }] : []; // absent: deleted meanwhile
  });
  // One message to the mapping worker for the whole batch (src/mappings/mapping-workers.ts).
  const outcomes = await mappings.evaluateMany(
    present.map(({ id, context }) => {
      const link = links.get(id);
      return {
        ...(type === 'user' ? { user: context as never } : { group: context as never }),
        provider: session.mappingProvider,
        connection: link?.remoteId ? { remote_id: link.remoteId, attributes: link.attributes } : null,
      };
    }),
  );
  for (const [index, { id, context }] of present.entries()) {
    const outcome = outcomes[index];
    if (!outcome) continue;
    const label = 'username' in context ? context.username : context.name;
    const email = 'email' in context ? context.email : null;
    if (outcome.status === 'error') {
      if (isProviderLevelMappingError(outcome.error)) {
        throw new SyncConfigurationError(outcome.error.message, { mapping_error: outcome.error.name });
      }
      const mapping = outcome.error instanceof PropertyMappingError ? outcome.error.mappingName : undefined;
      states.set(id, { desired: { status: 'error', message: outcome.error.message, mapping }, label, email });
      continue;
    }
    if (outcome.status === 'skip') {
      states.set(id, { desired: { status: 'skip', mapping: outcome.mapping }, label, email });
      continue;
    }
    const invalid = await session.target.validate(type, outcome.body);
    states.set(id, {
      desired: invalid ? { status: 'error', message: invalid } : { status: 'ok', body: outcome.body },
      label,
      email,
    });
  }
  return states;
}

function record(
  session: SyncSession,
  type: ObjectType,
  item: { localId: number; label: string },
  r: {
    remoteId?: string | null;
    operation: string;
    status: 'ok' | 'error' | 'skipped' | 'dry_run' | 'unchanged';
    message?: string | null;
    requestId?: string | null;
    detail?: unknown;
  },
) {
  session.pending.push({
    runId: session.runId,
    providerId: session.provider.id,
    objectType: type,
    localId: item.localId,
    remoteId: r.remoteId ?? null,
    operation: r.operation,
    status: r.status,
    message: r.message ?? null,
    graphRequestId: r.requestId ?? null,
    detail: { object: item.label, ...(r.detail as object | undefined) },
  });
}

/** Links whose remote object a full sync's discovery listing, taken after the link was last synced, lacks. */
async function goneRemotely(
  session: SyncSession,
  type: ObjectType,
  links: Map<number, Link>,
): Promise<Link[]> {
  const discovery = session.discovery;
  if (!discovery) return [];
  // Allow for replication lag: an object written shortly before the listing may not be in it yet.
  const listedAfter = Date.parse(discovery.readAt) - REPLICATION_MARGIN_MS;
  const candidates = [...links.values()].filter(
    (l) => l.remoteId && l.lastSyncedAt && Date.parse(l.lastSyncedAt) < listedAfter,
  );
  if (candidates.length === 0) return [];
  const gone = await goneAmong(
    session.deps.db,
    discovery,
    type,
    candidates.map((l) => l.remoteId as string),
  );
  return candidates.filter((l) => gone.has(l.remoteId as string));
}

/**
 * Properties changed by hand in Entra since Conduit last sent them (seen by the run's discovery):
 * they count as the known remote state, so planning patches them back to what the directory says.
 * An account re-enabled in Entra while disabled in Conduit is disabled again by the next full sync.
 */
async function applyDrift(session: SyncSession, type: ObjectType, links: Map<number, Link>): Promise<void> {
  const discovery = session.discovery;
  if (!discovery) return;
  const linked = [...links.values()].filter((l) => l.remoteId);
  if (linked.length === 0) return;
  const drift = await driftAmong(
    session.deps.db,
    discovery,
    type,
    linked.map((l) => l.remoteId as string),
  );
  for (const link of linked) {
    const changed = drift.get(link.remoteId as string);
    if (changed) links.set(link.localId, { ...link, attributes: { ...link.attributes, ...changed } });
  }
}

/** How long after a write Conduit still trusts an object to exist although a listing lacks it. */
export const REPLICATION_MARGIN_MS = 5 * 60_000;

/** The keys an object to be created can be adopted on, most specific first (users: UPN, then mail). */
function matchKeys(
  type: ObjectType,
  body: Record<string, unknown>,
  localEmail: string | null,
): Array<{ key: string; value: string }> {
  const text = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : '');
  if (type === 'group') return [{ key: 'name', value: text(body.displayName) }];
  return [
    { key: 'upn', value: text(body.userPrincipalName) },
    { key: 'mail', value: text(body.mail) || (localEmail ?? '').toLowerCase() },
  ];
}

/** Remote candidates for adoption: from the run's discovery in a full sync, otherwise a lookup. */
async function adoptionCandidates(
  session: SyncSession,
  type: ObjectType,
  body: Record<string, unknown>,
  localEmail: string | null,
  discovered: CandidateIndex | null,
): Promise<RemoteObject[]> {
  if (!discovered) return session.target.findExisting(type, body);
  for (const { key, value } of matchKeys(type, body, localEmail)) {
    const found = value ? (discovered.get(`${key}:${value}`) ?? []) : [];
    if (found.length > 0) return found;
  }
  // A delta round lists only objects created since the previous run, not older unlinked ones. A
  // user's create then meets its conflict and is adopted; a group's name is not unique, so look.
  if (type === 'group' && session.discovery?.source === 'delta')
    return session.target.findExisting(type, body);
  return [];
}

/**
 * Link a local object to an existing remote one, then patch whatever differs from the desired body.
 * Returns the remote id, or null when adoption failed (recorded).
 */
async function adopt(
  session: SyncSession,
  type: ObjectType,
  item: Item,
  remote: RemoteObject,
  body: Record<string, unknown>,
): Promise<string | null> {
  const createOnly = session.target.createOnlyProperties(type);
  const patch = changedProperties(body, remote.properties, createOnly);
  if (session.dryRun) {
    record(session, type, item, {
      remoteId: remote.id,
      operation: 'link',
      status: 'dry_run',
      detail: { would_link: remote.id, patch },
    });
    session.counts.dry_run++;
    return null;
  }
  let attributes = rememberedState(remote.properties, {}, createOnly);
  let requestId: string | undefined;
  if (Object.keys(patch).length > 0) {
    const [result] = await session.target.updateMany(type, [{ remoteId: remote.id, patch }]);
    if (result && !result.ok) {
      throwIfConfiguration(result.failure);
      await upsertLink(session.deps.db, session.provider.id, type, item.localId, {
        remoteId: remote.id,
        attributes,
        state: 'error',
        lastError: failureMessage(result.failure),
        lastRequestId: result.failure.requestId ?? null,
      });
      record(session, type, item, {
        remoteId: remote.id,
        operation: 'link',
        status: 'error',
        message: failureMessage(result.failure),
        requestId: result.failure.requestId,
      });
      session.counts.failed++;
      return null;
    }
    attributes = rememberedState(attributes, patch, createOnly);
    requestId = result?.ok ? result.requestId : undefined;
  }
  await upsertLink(session.deps.db, session.provider.id, type, item.localId, {
    remoteId: remote.id,
    attributes,
    state: 'synced',
    synced: true,
    lastRequestId: requestId ?? null,
  });
  record(session, type, item, {
    remoteId: remote.id,
    operation: 'link',
    status: 'ok',
    message: 'Linked to an existing remote object',
    requestId,
    detail: { patch },
  });
  session.counts.linked++;
  return remote.id;
}

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

/**
 * Sync a batch of users or groups. `lookupBeforeCreate` makes creates look for an existing remote
 * object first (groups in direct sync, since Graph allows duplicate group names); `initialMembers`
 * creates groups with their first linked members in the create itself (see `withInitialMembers`),
 * for a caller that then reconciles members knowing `createdMembers`.
 */
export async function syncObjects(
  session: SyncSession,
  type: ObjectType,
  ids: number[],
  options: { lookupBeforeCreate?: boolean; initialMembers?: boolean } = {},
): Promise<BatchOutcome> {
  const db = session.deps.db;
  const providerId = session.provider.id;
  const createOnly = session.target.createOnlyProperties(type);
  const links = await linksFor(db, providerId, type, ids);
  for (const link of await goneRemotely(session, type, links)) {
    const id = link.localId;
    // Deleted in Entra outside Conduit (discovery did not see it): forget the remote id, so the
    // mappings run as for a new object (with its create-only properties) and it is created again.
    session.pending.push({
      runId: session.runId,
      providerId,
      objectType: type,
      localId: id,
      remoteId: link.remoteId,
      operation: 'recreate',
      status: session.dryRun ? 'dry_run' : 'ok',
      message: 'The remote object was deleted outside Conduit; creating it again',
    });
    if (session.dryRun) links.delete(id);
    else
      links.set(
        id,
        await upsertLink(db, providerId, type, id, {
          remoteId: null,
          state: 'error',
          lastError: 'The remote object was deleted outside Conduit.',
        }),
      );
  }
  await applyDrift(session, type, links);
  const states = await desiredStates(session, type, ids, links);
  const outcome: BatchOutcome = {
    remoteIds: new Map(),
    created: new Set(),
    adopted: new Set(),
    createdMembers: new Map(),
  };

  const items: Item[] = [];
  for (const id of ids) {
    const state = states.get(id);
    if (!state) continue;
    const link = links.get(id) ?? null;
    items.push({ localId: id, label: state.label, link, plan: planObject(state.desired, link, createOnly) });
    if (type === 'user') session.counts.users++;
    else session.counts.groups++;
  }

  // The page's adoption candidates from the run's discovery, in one query per key.
  let discovered: CandidateIndex | null = null;
  if (session.discovery) {
    const wanted = items.flatMap((item) =>
      item.plan.op === 'create'
        ? matchKeys(type, item.plan.body, states.get(item.localId)?.email ?? null)
        : [],
    );
    discovered = await candidatesFor(db, session.discovery, type, wanted);
  }

  const creates: Array<Item & { body: Record<string, unknown> }> = [];
  const updates: Array<
    Item & { remoteId: string; patch: Record<string, unknown>; before: Record<string, unknown> }
  > = [];
  for (const item of items) {
    const plan = item.plan;
    switch (plan.op) {
      case 'skip':
        record(session, type, item, {
          remoteId: item.link?.remoteId,
          operation: 'skip',
          status: 'skipped',
          message: `Skipped by property mapping "${plan.mapping}" (SkipObject)`,
        });
        session.counts.skipped++;
        break;
      case 'error':
        record(session, type, item, {
          remoteId: item.link?.remoteId,
          operation: 'plan',
          status: 'error',
          message: plan.message,
          detail: { mapping: plan.mapping },
        });
        if (!session.dryRun) {
          await upsertLink(db, providerId, type, item.localId, {
            state: 'error',
            lastError: plan.message,
            ...(item.link ? {} : { remoteId: null }),
          });
        }
        session.counts.failed++;
        break;
      case 'unchanged':
        outcome.remoteIds.set(item.localId, plan.remoteId);
        session.counts.unchanged++;
        break;
      case 'update':
        updates.push({ ...item, remoteId: plan.remoteId, patch: plan.patch, before: plan.before });
        break;
      case 'create': {
        const lookup = plan.adoptFirst || options.lookupBeforeCreate || discovered !== null;
        if (lookup) {
          const candidates = await adoptionCandidates(
            session,
            type,
            plan.body,
            states.get(item.localId)?.email ?? null,
            discovered,
          );
          // Only the candidates' links are read: loading every link per page was quadratic at 100k users.
          const choice = chooseAdoption(
            candidates,
            await linkedAmong(
              db,
              providerId,
              type,
              candidates.map((c) => c.id),
            ),
          );
          if ('adopt' in choice) {
            const remoteId = await adopt(session, type, item, choice.adopt, plan.body);
            if (remoteId) {
              outcome.remoteIds.set(item.localId, remoteId);
              outcome.adopted.add(item.localId);
            }
            break;
          }
          if ('ambiguous' in choice) {
            const message = `${choice.ambiguous.length} remote ${type}s match "${item.label}" (${choice.ambiguous.map((c) => c.id).join(', ')}); link one manually — Conduit does not guess.`;
            record(session, type, item, {
              operation: 'link',
              status: 'error',
              message,
              detail: { candidates: choice.ambiguous.map((c) => c.id) },
            });
            if (!session.dryRun)
              await upsertLink(db, providerId, type, item.localId, {
                remoteId: null,
                state: 'error',
                lastError: message,
              });
            session.counts.failed++;
            break;
          }
        }
        creates.push({ ...item, body: plan.body });
        break;
      }
    }
  }

  if (type === 'group' && options.initialMembers)
    await applyCreates(session, type, await withInitialMembers(session, creates), outcome);
  else await applyCreates(session, type, creates, outcome);
  await applyUpdates(session, type, updates, outcome);
  return outcome;
}

type PlannedCreate = Item & { body: Record<string, unknown>; initialMembers?: string[] };

/**
 * Group creates that carry their first linked members, so a group of up to 20 members costs one
 * write (Graph: https://learn.microsoft.com/en-us/graph/api/group-post-groups#request-body).
 */
async function withInitialMembers(session: SyncSession, creates: PlannedCreate[]): Promise<PlannedCreate[]> {
  const target = session.target;
  if (creates.length === 0 || !target.withInitialMembers) return creates;
  const db = session.deps.db;
  const members = await groupMemberIds(
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

async function applyCreates(
  session: SyncSession,
  type: ObjectType,
  planned: PlannedCreate[],
  outcome: BatchOutcome,
): Promise<void> {
  let creates = planned;
  if (creates.length === 0) return;
  const db = session.deps.db;
  const providerId = session.provider.id;
  const createOnly = session.target.createOnlyProperties(type);
  if (!session.dryRun) {
    const claimed: typeof creates = [];
    // All claims of a batch commit together, before any create is sent.
    const wins = await db.transaction().execute(async (trx) => {
      const result: boolean[] = [];
      for (const c of creates)
        result.push(await claimCreate(trx, providerId, type, c.localId, c.link, session.claimer));
      return result;
    });
    for (const [i, c] of creates.entries()) {
      if (wins[i]) {
        claimed.push(c);
      } else {
        // Another job (a direct sync beside this full sync) is creating or has created it.
        record(session, type, c, {
          operation: 'create',
          status: 'skipped',
          message: 'Another sync job is creating this object; left to it.',
        });
        session.counts.skipped++;
      }
    }
    creates = claimed;
    if (creates.length === 0) return;
  }
  const results = await session.target.createMany(
    type,
    creates.map((c) => c.body),
  );
  await retryWithoutMembers(session, type, creates, results);
  // Successful creates are linked in one transaction (after the remote calls, never around them).
  await db.transaction().execute(async (trx) => {
    for (const [i, c] of creates.entries()) {
      const result = results[i] as WriteResult;
      if (!result.ok || !result.remoteId) continue;
      await upsertLink(trx, providerId, type, c.localId, {
        remoteId: result.remoteId,
        attributes: rememberedState({}, c.body, createOnly),
        state: 'synced',
        synced: true,
        lastRequestId: result.requestId ?? null,
      });
    }
  });
  for (const [i, c] of creates.entries()) {
    const result = results[i] as WriteResult;
    if (result.ok && result.remoteId) {
      record(session, type, c, {
        remoteId: result.remoteId,
        operation: 'create',
        status: 'ok',
        requestId: result.requestId,
        detail: { properties: Object.keys(c.body).filter((k) => !createOnly.has(k)) },
      });
      outcome.remoteIds.set(c.localId, result.remoteId);
      outcome.created.add(c.localId);
      if (c.initialMembers) {
        outcome.createdMembers.set(c.localId, c.initialMembers);
        session.counts.members_added += c.initialMembers.length;
      }
      session.counts.created++;
      continue;
    }
    const failure = result.ok
      ? { kind: 'bad_request' as const, message: 'The remote side returned no id for the created object.' }
      : result.failure;
    throwIfConfiguration(failure);
    if (failure.kind === 'dry_run') {
      // The would-be request, without create-only secrets (a new user's initial password).
      const request = failure.request
        ? { ...failure.request, body: redactCreateOnly(c.body, createOnly) }
        : { body: redactCreateOnly(c.body, createOnly) };
      record(session, type, c, {
        operation: 'create',
        status: 'dry_run',
        message: 'Dry run: create not sent',
        detail: { request },
      });
      session.counts.dry_run++;
      continue;
    }
    let message = failureMessage(failure);
    if (failure.kind === 'conflict') {
      // The unique key is taken remotely (a user created elsewhere, or by an interrupted run): adopt it.
      const candidates = await session.target.findExisting(type, c.body).catch(() => []);
      const choice = chooseAdoption(
        candidates,
        await linkedAmong(
          db,
          providerId,
          type,
          candidates.map((x) => x.id),
        ),
      );
      if ('adopt' in choice) {
        const remoteId = await adopt(session, type, c, choice.adopt, c.body);
        if (remoteId) {
          outcome.remoteIds.set(c.localId, remoteId);
          outcome.adopted.add(c.localId);
        }
        continue;
      }
      const taken = candidates[0];
      const holder = taken ? await localIdLinkedTo(db, providerId, type, taken.id) : null;
      if (taken && holder !== null)
        // The Entra object with this key already belongs to another local object: say which.
        message = `${message} That Entra ${type} (${taken.id}) is linked to local ${type} #${holder}: two local objects cannot share it; give one of them a different ${type === 'user' ? 'userPrincipalName' : 'name'}.`;
    }
    const transient = failure.kind === 'transient';
    await upsertLink(db, providerId, type, c.localId, {
      remoteId: null,
      state: transient ? 'pending' : 'error',
      lastError: message,
      lastRequestId: failure.requestId ?? null,
    });
    if (transient) session.transient.push({ type, localId: c.localId });
    record(session, type, c, {
      operation: 'create',
      status: 'error',
      message,
      requestId: failure.requestId,
      detail: { kind: failure.kind, status: failure.status, code: failure.code },
    });
    session.counts.failed++;
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
      r &&
      !r.ok &&
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
  updates: Array<
    Item & { remoteId: string; patch: Record<string, unknown>; before: Record<string, unknown> }
  >,
  outcome: BatchOutcome,
): Promise<void> {
  if (updates.length === 0) return;
  const db = session.deps.db;
  const providerId = session.provider.id;
  const createOnly = session.target.createOnlyProperties(type);
  const results = await session.target.updateMany(
    type,
    updates.map((u) => ({ remoteId: u.remoteId, patch: u.patch })),
  );
  const recreate: Array<PlannedCreate & { previousRemoteId: string }> = [];
  await db.transaction().execute(async (trx) => {
    for (const [i, u] of updates.entries()) {
      const result = results[i] as WriteResult;
      if (!result.ok) continue;
      await upsertLink(trx, providerId, type, u.localId, {
        attributes: rememberedState(u.link?.attributes ?? {}, u.patch, createOnly),
        state: 'synced',
        synced: true,
        lastRequestId: result.requestId ?? null,
      });
    }
  });
  for (const [i, u] of updates.entries()) {
    const result = results[i] as WriteResult;
    const diff = Object.fromEntries(
      Object.keys(u.patch).map((k) => [k, { before: u.before[k] ?? null, after: u.patch[k] }]),
    );
    if (result.ok) {
      record(session, type, u, {
        remoteId: u.remoteId,
        operation: 'update',
        status: 'ok',
        requestId: result.requestId,
        detail: { diff },
      });
      outcome.remoteIds.set(u.localId, u.remoteId);
      session.counts.updated++;
      continue;
    }
    const failure = result.failure;
    throwIfConfiguration(failure);
    if (failure.kind === 'dry_run') {
      record(session, type, u, {
        remoteId: u.remoteId,
        operation: 'update',
        status: 'dry_run',
        message: 'Dry run: update not sent',
        detail: { diff, ...(failure.request ? { request: failure.request } : {}) },
      });
      outcome.remoteIds.set(u.localId, u.remoteId);
      session.counts.dry_run++;
      continue;
    }
    if (failure.kind === 'not_found') {
      // Deleted remotely out of band: create it again (the full desired body, not just the patch).
      const states = await desiredStates(session, type, [u.localId], new Map());
      const state = states.get(u.localId)?.desired;
      if (state?.status === 'ok') {
        if (session.dryRun) {
          record(session, type, u, {
            remoteId: u.remoteId,
            operation: 'recreate',
            status: 'dry_run',
            message: 'Dry run: the remote object is gone and would be created again',
          });
          session.counts.dry_run++;
          continue;
        }
        const cleared = await upsertLink(db, providerId, type, u.localId, {
          remoteId: null,
          state: 'error',
          lastError: 'The remote object was deleted outside Conduit.',
        });
        recreate.push({
          localId: u.localId,
          label: u.label,
          plan: u.plan,
          link: cleared,
          body: state.body,
          previousRemoteId: u.remoteId,
        });
        continue;
      }
    }
    const transient = failure.kind === 'transient';
    if (transient) session.transient.push({ type, localId: u.localId });
    await upsertLink(db, providerId, type, u.localId, {
      state: 'error',
      lastError: failureMessage(failure),
      lastRequestId: failure.requestId ?? null,
    });
    record(session, type, u, {
      remoteId: u.remoteId,
      operation: 'update',
      status: 'error',
      message: failureMessage(failure),
      requestId: failure.requestId,
      detail: { diff, kind: failure.kind },
    });
    session.counts.failed++;
  }
  if (recreate.length > 0) {
    for (const r of recreate) {
      record(session, type, r, {
        remoteId: r.previousRemoteId,
        operation: 'recreate',
        status: 'ok',
        message: 'The remote object was deleted outside Conduit; creating it again',
      });
    }
    await applyCreates(session, type, recreate, outcome);
  }
}

/**
 * Reconcile one group's members with the directory: add linked members that are missing, remove
 * managed members that left. `knownEmpty` skips reading a group that was just created, and
 * `knownMembers` one that was just created with these members.
 */
export async function reconcileMembers(
  session: SyncSession,
  group: { localId: number; label: string; remoteId: string },
  options: { knownEmpty: boolean; knownMembers?: string[] },
): Promise<void> {
  const db = session.deps.db;
  const members = (await groupMemberIds(db, [group.localId])).get(group.localId) ?? [];
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
    record(session, 'group', group, {
      remoteId: group.remoteId,
      operation: 'read_members',
      status: 'error',
      message: failure ? failureMessage(failure) : String(error),
    });
    session.counts.failed++;
    // A throttled or failed read is worth a retry: the group's members are reconciled again.
    if (!failure || failure.kind === 'transient')
      session.transient.push({ type: 'group', localId: group.localId });
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

export async function applyMemberChanges(
  session: SyncSession,
  group: { localId: number; label: string; remoteId: string },
  add: string[],
  remove: string[],
): Promise<void> {
  await applyMemberChange(session, group, 'add', add);
  await applyMemberChange(session, group, 'remove', remove);
}

/** Send one kind of member change for one group and record its outcome. */
async function applyMemberChange(
  session: SyncSession,
  group: { localId: number; label: string; remoteId: string },
  kind: 'add' | 'remove',
  memberIds: string[],
): Promise<void> {
  if (memberIds.length === 0) return;
  const failures =
    kind === 'add'
      ? await session.target.addMembers(group.remoteId, memberIds)
      : await session.target.removeMembers(group.remoteId, memberIds);
  for (const f of failures) throwIfConfiguration(f.failure);
  const operation = kind === 'add' ? 'add_members' : 'remove_members';
  if (failures.some((f) => f.failure.kind === 'dry_run')) {
    // The requests that would have been sent (one per chunk of members), each once.
    const requests = [
      ...new Map(
        failures.flatMap((f) =>
          f.failure.request ? [[JSON.stringify(f.failure.request), f.failure.request]] : [],
        ),
      ).values(),
    ];
    record(session, 'group', group, {
      remoteId: group.remoteId,
      operation,
      status: 'dry_run',
      message: `Dry run: ${memberIds.length} member ${kind === 'add' ? 'additions' : 'removals'} not sent`,
      detail: { [kind]: memberIds, requests },
    });
    session.counts.dry_run++;
    return;
  }
  const failed = new Set(failures.map((f) => f.remoteMemberId));
  session.counts[kind === 'add' ? 'members_added' : 'members_removed'] += memberIds.length - failed.size;
  record(session, 'group', group, {
    remoteId: group.remoteId,
    operation,
    status: failed.size > 0 ? 'error' : 'ok',
    message:
      failed.size > 0
        ? failures.map((f) => `${f.remoteMemberId}: ${failureMessage(f.failure)}`).join('; ')
        : null,
    detail: { [kind]: memberIds, failed: [...failed] },
  });
  if (failed.size > 0) session.counts.failed++;
  // A membership change that failed transiently (throttling outlasting the client's retries, a 5xx)
  // is retried with backoff: access granted or revoked through a group must not wait for the next
  // full sync. Adds and removes are idempotent, so a retry repeats the whole change safely.
  if (failures.some((f) => f.failure.kind === 'transient'))
    session.transient.push({ type: 'group', localId: group.localId });
}
