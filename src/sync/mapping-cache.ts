/**
 * Compiled mapping sets shared by the sessions of one process, so a direct sync does not pay the
 * ~20 ms compile on every change. Keyed by the exact definitions (a changed expression is a new
 * key); an entry is disposed only when it is stale and no session still holds it.
 */
import {
  type CompiledMappingSet,
  compileMappingSet,
  type MappingDefinition,
  type MappingObjectKind,
} from '../mappings/index.js';

interface Entry {
  set: Promise<CompiledMappingSet>;
  refs: number;
  /** Provider and kind the entry serves, to find stale entries when definitions change. */
  owner: string;
  stale: boolean;
}

export interface MappingLease {
  set: CompiledMappingSet;
  release(): void;
}

export interface MappingCache {
  acquire(owner: string, definitions: MappingDefinition[], kind: MappingObjectKind): Promise<MappingLease>;
  clear(): void;
}

export function createMappingCache(): MappingCache {
  const entries = new Map<string, Entry>();
  const dispose = (key: string, entry: Entry) => {
    entries.delete(key);
    void entry.set.then((s) => s.dispose()).catch(() => undefined);
  };
  return {
    async acquire(owner, definitions, kind) {
      const key = `${kind}\u0000${JSON.stringify(definitions.map((d) => [d.id, d.name, d.expression]))}`;
      let entry = entries.get(key);
      if (!entry) {
        for (const [k, e] of entries) {
          if (e.owner === `${owner}:${kind}` && !e.stale) {
            e.stale = true;
            if (e.refs === 0) dispose(k, e);
          }
        }
        entry = {
          set: compileMappingSet(definitions, kind),
          refs: 0,
          owner: `${owner}:${kind}`,
          stale: false,
        };
        entries.set(key, entry);
        entry.set.catch(() => entries.delete(key));
      }
      entry.refs++;
      const held = entry;
      let set: CompiledMappingSet;
      try {
        set = await held.set;
      } catch (error) {
        held.refs--;
        throw error;
      }
      let released = false;
      return {
        set,
        release() {
          if (released) return;
          released = true;
          held.refs--;
          if (held.stale && held.refs === 0) dispose(key, held);
        },
      };
    },
    clear() {
      for (const [k, e] of entries) {
        e.stale = true;
        if (e.refs === 0) dispose(k, e);
      }
    },
  };
}
