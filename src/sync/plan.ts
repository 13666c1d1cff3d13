/**
 * Planning: what should change on the remote side, computed from the desired body (the mappings'
 * output), the link (what was last sent or read) and, for memberships, the remote members.
 * Pure functions: no I/O, so every rule here is unit-tested directly.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Link } from './types.js';

export type ObjectPlan =
  /** A mapping raised SkipObject: leave the object alone. */
  | { op: 'skip'; mapping: string }
  /** The object cannot be planned (mapping error, invalid body): nothing is sent. */
  | { op: 'error'; message: string; mapping?: string }
  /** No remote object is known: create it (after looking for an existing one to adopt, when asked). */
  | { op: 'create'; body: Record<string, unknown>; adoptFirst: boolean }
  /** Patch only the properties that differ from the last known remote state. */
  | { op: 'update'; remoteId: string; patch: Record<string, unknown>; before: Record<string, unknown> }
  | { op: 'unchanged'; remoteId: string };

export type DesiredState =
  | { status: 'ok'; body: Record<string, unknown> }
  | { status: 'skip'; mapping: string }
  | { status: 'error'; message: string; mapping?: string };

/**
 * Plan one user or group. `createOnly` properties (a new user's password) are sent on create and
 * never compared afterwards; `id` is never patched.
 */
export function planObject(
  desired: DesiredState,
  link: Link | null,
  createOnly: ReadonlySet<string>,
): ObjectPlan {
  if (desired.status === 'skip') return { op: 'skip', mapping: desired.mapping };
  if (desired.status === 'error') return { op: 'error', message: desired.message, mapping: desired.mapping };
  if (!link?.remoteId) {
    // A pending link without a remote id means an earlier create may have reached the remote side
    // before the process stopped: look for the object before creating another one.
    return { op: 'create', body: desired.body, adoptFirst: link?.state === 'pending' };
  }
  const patch = changedProperties(desired.body, link.attributes, createOnly);
  if (Object.keys(patch).length === 0) return { op: 'unchanged', remoteId: link.remoteId };
  const before: Record<string, unknown> = {};
  for (const key of Object.keys(patch)) before[key] = link.attributes[key] ?? null;
  return { op: 'update', remoteId: link.remoteId, patch, before };
}

export function changedProperties(
  desired: Record<string, unknown>,
  known: Record<string, unknown>,
  createOnly: ReadonlySet<string>,
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(desired)) {
    if (key === 'id' || createOnly.has(key)) continue;
    if (value === undefined) continue;
    if (!isDeepStrictEqual(normalise(value), normalise(known[key]))) patch[key] = value;
  }
  return patch;
}

/** null and a missing value mean the same to Graph. */
function normalise(value: unknown): unknown {
  return value === undefined ? null : value;
}

/** The state to remember after a successful create or patch: what was sent, minus write-only properties. */
export function rememberedState(
  previous: Record<string, unknown>,
  sent: Record<string, unknown>,
  createOnly: ReadonlySet<string>,
): Record<string, unknown> {
  const next = { ...previous };
  for (const [key, value] of Object.entries(sent)) {
    if (createOnly.has(key)) continue;
    next[key] = value;
  }
  return next;
}

export interface MembershipPlan {
  add: string[];
  remove: string[];
}

/**
 * Reconcile one group's members. Conduit only manages members it has linked: it adds wanted
 * members that are missing and removes managed members that are no longer wanted; remote
 * members it does not manage are left alone.
 */
export function planMembership(
  wanted: ReadonlySet<string>,
  actual: ReadonlySet<string>,
  managed: ReadonlySet<string>,
): MembershipPlan {
  const add = [...wanted].filter((id) => !actual.has(id)).sort();
  const remove = [...actual].filter((id) => managed.has(id) && !wanted.has(id)).sort();
  return { add, remove };
}

/**
 * Choose the remote object to adopt for a local object being created, or explain why none can be.
 * Exactly one candidate is adopted; several are ambiguous and reported, never guessed.
 */
export function chooseAdoption<T extends { id: string }>(
  candidates: T[],
  alreadyLinked: ReadonlySet<string>,
): { adopt: T } | { none: true } | { ambiguous: T[] } {
  const free = candidates.filter((c) => !alreadyLinked.has(c.id));
  if (free.length === 0) return { none: true };
  if (free.length === 1) return { adopt: free[0] as T };
  return { ambiguous: free };
}
