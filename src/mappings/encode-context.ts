/**
 * How a mapping context travels into the sandbox: one JSON string per object, in shapes that
 * QuickJS parses and freezes quickly (parsing and freezing the context is most of the cost of an
 * evaluation). The driver's decoder in sandbox-prelude.ts (`unpackUser`, `groupRef`) is the
 * inverse of this module: change both together.
 *
 * - A user with exactly the contract's fields (`MappingUser`) travels as the array
 *   `[connection, pk, uid, username, name, email, is_active, type, path, attributes, last_login,
 *   groups, all_group_names]`.
 * - Each of its groups is one of:
 *   - a number: the id of a group reference the realm already holds;
 *   - `[id, pk, num_pk, name, attributes]`: a group reference the realm keeps under that id;
 *   - `[pk, num_pk, name, attributes]`: a group reference used once (the shared table is full).
 * - Anything else (extra fields, a group being mapped) travels as `{ user, group, connection }`.
 *
 * Invariants:
 * - Group references are shared by their content (the JSON of the packed reference), never by
 *   identity, so a changed group is simply a new entry. The realm's copy is frozen, so sharing it
 *   between users cannot carry state from one evaluation to the next.
 * - An id is recorded as known only after the whole context has been serialised, and the table
 *   is forgotten whenever the sandbox's realm generation changes (a rebuild starts empty), so the
 *   host never sends an id the realm does not hold.
 * - The table is bounded in entries and characters; beyond that, references travel inline.
 */
import type { MappingConnection, MappingContext, MappingGroupRef, MappingUser } from './types.js';

/** At most this many shared group references per realm. */
const MAX_SHARED_GROUP_REFS = 10_000;

/** The host's view of the group references a realm holds. */
export interface SharedGroupRefs {
  /** Realm generation the table describes (see `Sandbox.generation`). */
  generation: number;
  /** Packed reference JSON → id in the realm. Ids are dense, from 0. */
  ids: Map<string, number>;
  /** Characters of JSON held, against `maxChars`. */
  chars: number;
  /** Bound on `chars`, so the table cannot crowd the mappings out of the sandbox's memory. */
  readonly maxChars: number;
}

/** An empty table whose references may hold up to `maxChars` characters of JSON. */
export function newSharedGroupRefs(maxChars: number): SharedGroupRefs {
  return { generation: -1, ids: new Map(), chars: 0, maxChars };
}

/** JSON text; BigInt values (in free-form attributes) become strings instead of failing. */
export function toJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch (error) {
    if (!(error instanceof TypeError) || !/BigInt/i.test(error.message)) throw error;
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'null';
  }
}

/** Keys of a `MappingUser`, in the order the sandbox rebuilds them. */
const USER_KEYS = [
  'pk',
  'uid',
  'username',
  'name',
  'email',
  'is_active',
  'type',
  'path',
  'attributes',
  'last_login',
  'groups',
  'all_group_names',
] as const;
const GROUP_REF_KEYS = ['pk', 'num_pk', 'name', 'attributes'] as const;

function hasExactly(value: object, keys: readonly string[]): boolean {
  if (Object.keys(value).length !== keys.length) return false;
  for (const key of keys) if (!Object.hasOwn(value, key)) return false;
  return true;
}

function isContractShaped(user: MappingUser): boolean {
  if (!hasExactly(user, USER_KEYS) || !Array.isArray(user.groups)) return false;
  for (const g of user.groups as unknown[]) {
    if (g === null || typeof g !== 'object' || !hasExactly(g, GROUP_REF_KEYS)) return false;
  }
  return true;
}

function encodeUser(
  user: MappingUser,
  connection: MappingConnection | null,
  shared: SharedGroupRefs,
): string {
  const added = new Map<string, number>();
  let addedChars = 0;
  const groups = user.groups.map((g: MappingGroupRef): unknown => {
    const packed = [g.pk, g.num_pk, g.name, g.attributes];
    const key = toJson(packed);
    const known = shared.ids.get(key) ?? added.get(key);
    if (known !== undefined) return known;
    const id = shared.ids.size + added.size;
    if (id >= MAX_SHARED_GROUP_REFS || shared.chars + addedChars + key.length > shared.maxChars) {
      return packed;
    }
    added.set(key, id);
    addedChars += key.length;
    return [id, ...packed];
  });
  const json = toJson([
    connection,
    user.pk,
    user.uid,
    user.username,
    user.name,
    user.email,
    user.is_active,
    user.type,
    user.path,
    user.attributes,
    user.last_login,
    groups,
    user.all_group_names,
  ]);
  // Only now, with the whole context serialised, do the new ids count as sent.
  for (const [key, id] of added) shared.ids.set(key, id);
  shared.chars += addedChars;
  return json;
}

/**
 * The per-object part of a context (user or group, and connection) as JSON for the sandbox whose
 * realm is at `generation`. Throws when the data cannot be serialised (cycles, absurd nesting).
 */
export function encodeContext(context: MappingContext, shared: SharedGroupRefs, generation: number): string {
  if (shared.generation !== generation) {
    shared.generation = generation;
    shared.ids.clear();
    shared.chars = 0;
  }
  const connection = context.connection ?? null;
  const user = context.user;
  if (user && !context.group && isContractShaped(user)) return encodeUser(user, connection, shared);
  return toJson({ user: user ?? null, group: context.group ?? null, connection });
}
