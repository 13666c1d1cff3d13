/**
 * Planning a batch of users or groups (the first half of `syncObjects`): evaluate the mappings,
 * take in what the run's discovery saw (objects deleted or changed by hand in Entra), plan each
 * object (plan.ts) and find the remote objects that creates could adopt. Nothing is sent to the
 * remote side here except lookups; apply-objects.ts applies the plan.
 */
import {
  type CompiledMappingSet,
  type MappingContext,
  type MappingOutcome,
  MappingTimeoutError,
  PropertyMappingError,
  TIMEOUTS_IN_A_ROW,
} from '../mappings/index.js';
import { type CandidateIndex, candidatesFor, driftAmong, goneAmong } from './discovery.js';
import { linkedAmong, linksFor } from './link-records.js';
import { chooseAdoption, type DesiredState, type ObjectPlan, planObject } from './plan.js';
import { loadMappingGroups, loadMappingUsers } from './scope.js';
import { isProviderLevelMappingError, SyncConfigurationError, type SyncSession } from './session.js';
import { report } from './sync-report.js';
import type { Link, ObjectType, RemoteObject } from './types.js';

/** How long after a write Conduit still trusts an object to exist although a listing lacks it. */
export const REPLICATION_MARGIN_MS = 5 * 60_000;

/** One object of a batch and its plan. */
export interface PlannedItem {
  localId: number;
  label: string;
  link: Link | null;
  plan: ObjectPlan;
}

/** A create, with the members its body carries (groups created with their first members). */
export type PlannedCreate = PlannedItem & { body: Record<string, unknown>; initialMembers?: string[] };

/** A patch of the properties that changed, with their last known values for the result's diff. */
export type PlannedUpdate = PlannedItem & {
  remoteId: string;
  patch: Record<string, unknown>;
  before: Record<string, unknown>;
};

/** What happens to an object that is neither created nor patched. */
export type Decision =
  /** Skipped by a mapping, or not plannable (mapping error, invalid body). */
  | { kind: 'notPlanned'; item: PlannedItem }
  | { kind: 'unchanged'; item: PlannedItem; remoteId: string }
  /** A create that found exactly one existing remote object: link to it instead. */
  | { kind: 'adopt'; item: PlannedItem; remote: RemoteObject; body: Record<string, unknown> }
  /** A create that found several existing remote objects: a person must choose. */
  | { kind: 'ambiguous'; item: PlannedItem; candidates: RemoteObject[] };

/** What applying a batch will do, object by object (decisions in the batch's order). */
export interface BatchPlan {
  decided: Decision[];
  creates: PlannedCreate[];
  updates: PlannedUpdate[];
}

export interface DesiredObject {
  desired: DesiredState;
  label: string;
  email: string | null;
}

/** Times the objects of a batch whose evaluation timed out are evaluated again. */
const TIMEOUT_RETRIES = 2;

/**
 * Evaluate a batch, then evaluate again the objects whose evaluation timed out, when only a few
 * did. A mapping that takes well under a millisecond still passes the 100 ms limit now and then
 * when its worker thread gets no CPU for that long (a loaded machine, docs/property-mappings.md):
 * without a second try that object was neither created nor retried, and the run ended without it.
 * A mapping that really loops times out on every object, trips the timeout streak (the rest of
 * the batch fails fast) and is not evaluated again.
 */
async function evaluateRetryingTimeouts(
  session: SyncSession,
  set: CompiledMappingSet,
  contexts: MappingContext[],
): Promise<MappingOutcome[]> {
  const outcomes = await set.evaluateMany(contexts);
  for (let round = 0; round < TIMEOUT_RETRIES; round++) {
    const timedOut = outcomes.flatMap((o, i) =>
      o.status === 'error' && o.error instanceof MappingTimeoutError ? [i] : [],
    );
    if (timedOut.length === 0 || timedOut.length >= TIMEOUTS_IN_A_ROW) break;
    session.deps.logger?.warn(
      {
        provider: session.provider.id,
        objects: timedOut.map((i) => (outcomes[i] as { error: MappingTimeoutError }).error.object),
      },
      'a mapping evaluation timed out (a busy machine?); evaluating it again',
    );
    const again = await set.evaluateMany(timedOut.map((i) => contexts[i] as MappingContext));
    for (const [j, i] of timedOut.entries()) outcomes[i] = again[j] ?? (outcomes[i] as MappingOutcome);
  }
  return outcomes;
}

/** Evaluate the mappings for each object into its desired state (absent: deleted meanwhile). */
export async function desiredStates(
  session: SyncSession,
  type: ObjectType,
  ids: number[],
  links: Map<number, Link>,
): Promise<Map<number, DesiredObject>> {
  const db = session.deps.db;
  const contexts = type === 'user' ? await loadMappingUsers(db, ids) : await loadMappingGroups(db, ids);
  const states = new Map<number, DesiredObject>();
  const mappings = type === 'user' ? session.userMappings : session.groupMappings;
  const present = ids.flatMap((id) => {
    const context = contexts.get(id);
    return context ? [{ id, context }] : [];
  });
  // One message to the mapping worker for the whole batch (src/mappings/mapping-workers.ts).
  const outcomes = await evaluateRetryingTimeouts(
    session,
    mappings,
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
 * Plan a batch of users or groups. Objects deleted in Entra by hand (the run's discovery lacks
 * them) are recorded as `recreate` and planned as new. `lookupBeforeCreate` makes every create
 * look for an existing remote object first (groups in direct sync: Graph allows duplicate names).
 */
export async function planBatch(
  session: SyncSession,
  type: ObjectType,
  ids: number[],
  options: { lookupBeforeCreate?: boolean } = {},
): Promise<BatchPlan> {
  const db = session.deps.db;
  const providerId = session.provider.id;
  const createOnly = session.target.createOnlyProperties(type);
  const links = await linksFor(db, providerId, type, ids);
  for (const link of await goneRemotely(session, type, links)) {
    // Deleted in Entra outside Conduit (discovery did not see it): forget the remote id, so the
    // mappings run as for a new object (with its create-only properties) and it is created again.
    const cleared = await report(
      session,
      type,
      { localId: link.localId },
      {
        operation: 'recreate',
        status: session.dryRun ? 'dry_run' : 'ok',
        remoteId: link.remoteId,
        message: 'The remote object was deleted outside Conduit; creating it again',
        counts: {},
        link: { remoteId: null, state: 'error', lastError: 'The remote object was deleted outside Conduit.' },
      },
    );
    if (cleared) links.set(link.localId, cleared);
    else links.delete(link.localId);
  }
  await applyDrift(session, type, links);
  const states = await desiredStates(session, type, ids, links);

  const items: PlannedItem[] = [];
  for (const id of ids) {
    const state = states.get(id);
    if (!state) continue;
    const link = links.get(id) ?? null;
    items.push({ localId: id, label: state.label, link, plan: planObject(state.desired, link, createOnly) });
    session.counts[type === 'user' ? 'users' : 'groups']++;
  }

  // The page's adoption candidates from the run's discovery, in one query per key.
  const email = (item: PlannedItem) => states.get(item.localId)?.email ?? null;
  const discovered = session.discovery
    ? await candidatesFor(
        db,
        session.discovery,
        type,
        items.flatMap((item) =>
          item.plan.op === 'create' ? matchKeys(type, item.plan.body, email(item)) : [],
        ),
      )
    : null;

  const batch: BatchPlan = { decided: [], creates: [], updates: [] };
  // Remote objects adopted earlier in this batch are taken, as if already linked.
  const adopted = new Set<string>();
  for (const item of items) {
    const plan = item.plan;
    if (plan.op === 'skip' || plan.op === 'error') batch.decided.push({ kind: 'notPlanned', item });
    else if (plan.op === 'unchanged')
      batch.decided.push({ kind: 'unchanged', item, remoteId: plan.remoteId });
    else if (plan.op === 'update')
      batch.updates.push({ ...item, remoteId: plan.remoteId, patch: plan.patch, before: plan.before });
    else if (plan.adoptFirst || options.lookupBeforeCreate || discovered !== null) {
      const candidates = await adoptionCandidates(session, type, plan.body, email(item), discovered);
      // Only the candidates' links are read: loading every link per page was quadratic at 100k users.
      const linked = await linkedAmong(
        db,
        providerId,
        type,
        candidates.map((c) => c.id),
      );
      for (const id of adopted) linked.add(id);
      const choice = chooseAdoption(candidates, linked);
      if ('adopt' in choice) {
        adopted.add(choice.adopt.id);
        batch.decided.push({ kind: 'adopt', item, remote: choice.adopt, body: plan.body });
      } else if ('ambiguous' in choice)
        batch.decided.push({ kind: 'ambiguous', item, candidates: choice.ambiguous });
      else batch.creates.push({ ...item, body: plan.body });
    } else batch.creates.push({ ...item, body: plan.body });
  }
  return batch;
}
