/**
 * The state of one running source sync, shared by its phases: the run and its counts, the
 * compiled mapping sets, the source's connections by identifier, the identifiers seen in this run
 * (for deletions), the highest change stamps (for the next incremental run), and buffered results.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { type EntryAttributes, firstValue } from './entries.js';
import type { CompiledSourceMappings } from './source-mappings.js';
import type { LdapSource } from './source-records.js';
import { userPath } from './source-settings.js';
import { addSourceResults, type SourceResult, type SourceRun } from './sync-runs.js';

/** A connection as a run sees it: identifier → row id, local object id, fingerprint. */
export interface KnownConnection {
  /** Row id (0 for one made in this run). */
  id: number;
  localId: number;
  fingerprint: string;
}

export interface SyncSession {
  db: Kysely<Database>;
  source: LdapSource;
  run: SourceRun;
  /** Hash of the mappings and settings in force: part of every fingerprint. */
  version: string;
  userMappings: CompiledSourceMappings;
  groupMappings: CompiledSourceMappings;
  userConnections: Map<string, KnownConnection>;
  groupConnections: Map<string, KnownConnection>;
  seenUsers: Set<string>;
  seenGroups: Set<string>;
  /** `path` of users this source creates. */
  userPath: string;
  /** Which change stamp the server keeps: set from the first entry that has one. */
  stampKind: 'timestamp' | 'usn' | null;
  maxStamp: { user: string | null; group: string | null };
  result(result: SourceResult): void;
  /** Write buffered results and progress. */
  flush(): Promise<void>;
  trackStamp(kind: 'user' | 'group', attributes: EntryAttributes): void;
  stampOf(attributes: EntryAttributes): string | null;
}

/** What a session is opened with: the run and what is in force for it; `onFlush` runs after each flush. */
export type SyncSessionInput = Pick<
  SyncSession,
  'db' | 'source' | 'run' | 'version' | 'userMappings' | 'groupMappings'
> & { onFlush?: () => void };

/** Compare two stamps of one kind (USNs as numbers, GeneralizedTime as text). */
export function stampAfter(kind: 'timestamp' | 'usn', a: string, b: string | null): boolean {
  if (b === null) return true;
  if (kind === 'usn') return BigInt(a) > BigInt(b);
  return a.replace(/\.\d+/, '') > b.replace(/\.\d+/, '');
}

async function loadConnections(
  db: Kysely<Database>,
  table: 'source_user_connections' | 'source_group_connections',
  sourceId: number,
) {
  const column = table === 'source_user_connections' ? 'user_id' : 'group_id';
  const rows = await db
    .selectFrom(table)
    .select(['id', 'identifier', 'fingerprint', `${column} as local_id`] as never[])
    .where('source_id', '=', sourceId)
    .execute();
  const map = new Map<string, KnownConnection>();
  for (const r of rows as unknown as Array<{
    id: number;
    identifier: string;
    fingerprint: string;
    local_id: number;
  }>) {
    map.set(r.identifier, { id: r.id, localId: r.local_id, fingerprint: r.fingerprint });
  }
  return map;
}

/** A session for `run`, with the source's connections loaded. */
export async function openSyncSession(input: SyncSessionInput): Promise<SyncSession> {
  const { db, run } = input;
  const buffer: SourceResult[] = [];
  const recorded = { count: 0 };
  const session: SyncSession = {
    ...input,
    userConnections: await loadConnections(db, 'source_user_connections', input.source.id),
    groupConnections: await loadConnections(db, 'source_group_connections', input.source.id),
    seenUsers: new Set(),
    seenGroups: new Set(),
    userPath: userPath(input.source.settings.user_path_template, input.source.slug),
    stampKind: null,
    maxStamp: { user: null, group: null },
    result(result) {
      buffer.push(result);
    },
    async flush() {
      // Errors first, so a run with many changes still keeps every failure.
      const ordered = [
        ...buffer.filter((r) => r.status === 'error'),
        ...buffer.filter((r) => r.status !== 'error'),
      ];
      buffer.length = 0;
      await addSourceResults(db, run, ordered, recorded);
      input.onFlush?.();
    },
    stampOf(attributes) {
      return firstValue(attributes, 'uSNChanged') ?? firstValue(attributes, 'modifyTimestamp') ?? null;
    },
    trackStamp(kind, attributes) {
      const usn = firstValue(attributes, 'uSNChanged');
      const time = firstValue(attributes, 'modifyTimestamp');
      const stampKind =
        usn !== undefined && /^\d+$/.test(usn) ? 'usn' : time !== undefined ? 'timestamp' : null;
      if (stampKind === null) return;
      if (session.stampKind === null) session.stampKind = stampKind;
      if (session.stampKind !== stampKind) return;
      const value = (stampKind === 'usn' ? usn : time) as string;
      if (stampAfter(stampKind, value, session.maxStamp[kind])) session.maxStamp[kind] = value;
    },
  };
  return session;
}
