/**
 * One page of LDAP entries into the directory: users or groups. Per entry: its identifier (the
 * uniqueness field), a fingerprint of its attributes and the run's mapping version (an unchanged
 * entry is neither mapped nor written), the mapped fields, then a create, an update of what
 * changed, or a link to an existing directory object of the same name that no source owns yet.
 *
 * Invariants: every directory write goes through src/directory (so it lands in the outbox and the
 * audit log); a bad entry becomes a per-object result, never a stopped page; a page's creates
 * share one transaction, and when it fails they are retried one by one so only the bad entry fails.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Entry } from 'ldapts';
import { DirectoryValidationError } from '../../directory/errors.js';
import { insertGroup, updateGroup } from '../../directory/groups.js';
import { USER_TYPES, type UserType } from '../../directory/types.js';
import { normaliseUsername } from '../../directory/usernames.js';
import { insertUser, type UserInput, updateUser } from '../../directory/users.js';
import { nowIso, readBool, readJson, writeJson } from '../../store/dialect.js';
import type { Database } from '../../store/schema.js';
import { normaliseDn } from './dn.js';
import { attributeValues, type EntryAttributes, entryAttributes, firstValue } from './entries.js';
import type { SourceResult } from './sync-runs.js';
import type { SyncSession } from './sync-session.js';

/** An entry ready to be mapped. */
interface Prepared {
  dn: string;
  attributes: EntryAttributes;
  identifier: string;
  fingerprint: string;
  stamp: string | null;
  connection: { id: number; localId: number } | undefined;
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function fingerprintOf(version: string, dn: string, attributes: EntryAttributes): string {
  return createHash('sha256')
    .update(version)
    .update('\0')
    .update(dn)
    .update('\0')
    .update(canonical(attributes))
    .digest('base64url');
}

/** A membership value in its compared form: DNs normalised, anything else lower-cased. */
export function membershipValue(value: string): string {
  return value.includes('=') ? normaliseDn(value) : value.trim().toLowerCase();
}

function errorMessage(error: unknown): string {
  if (error instanceof DirectoryValidationError)
    return Object.entries(error.fields)
      .map(([field, messages]) => `${field}: ${messages.join(' ')}`)
      .join('; ');
  return error instanceof Error ? error.message : String(error);
}

/** Count and record an update of an existing user or group. */
function reportUpdated(
  session: SyncSession,
  kind: 'user' | 'group',
  dn: string,
  localId: number | null,
): void {
  (kind === 'user' ? session.run.counts.users : session.run.counts.groups).updated++;
  session.result({ objectType: kind, dn, localId, operation: 'update', status: 'ok', message: null });
}

/**
 * Record what happened to one prepared entry, against the local object it is connected to unless
 * `localId` says otherwise.
 */
function reportEntry(
  session: SyncSession,
  kind: 'user' | 'group',
  p: Prepared,
  outcome: Pick<SourceResult, 'operation' | 'status' | 'message'>,
  localId: number | null = p.connection?.localId ?? null,
): void {
  session.result({ objectType: kind, dn: p.dn, localId, ...outcome });
}

/** Identify and fingerprint a page; unchanged entries are counted and dropped here. */
function prepare(session: SyncSession, kind: 'user' | 'group', entries: Entry[]): Prepared[] {
  const s = session.source.settings;
  const counts = kind === 'user' ? session.run.counts.users : session.run.counts.groups;
  const connections = kind === 'user' ? session.userConnections : session.groupConnections;
  const seen = kind === 'user' ? session.seenUsers : session.seenGroups;
  const out: Prepared[] = [];
  for (const entry of entries) {
    const attributes = entryAttributes(entry);
    const identifier = firstValue(attributes, s.object_uniqueness_field);
    session.trackStamp(kind, attributes);
    if (!identifier) {
      counts.errors++;
      session.result({
        objectType: kind,
        dn: entry.dn,
        localId: null,
        operation: 'read',
        status: 'error',
        message: `The entry has no ${s.object_uniqueness_field} attribute, so it cannot be matched across renames. Set object_uniqueness_field to an attribute every entry has (entryUUID on OpenLDAP, objectGUID on Active Directory).`,
      });
      continue;
    }
    seen.add(identifier);
    const fingerprint = fingerprintOf(session.version, entry.dn, attributes);
    const connection = connections.get(identifier);
    if (connection && connection.fingerprint === fingerprint) {
      counts.unchanged++;
      continue;
    }
    out.push({
      dn: entry.dn,
      attributes,
      identifier,
      fingerprint,
      stamp: session.stampOf(attributes),
      connection: connection ? { id: connection.id, localId: connection.localId } : undefined,
    });
  }
  return out;
}

/** Map prepared entries; those whose mappings failed or skipped them are reported and dropped. */
async function mapPrepared(
  session: SyncSession,
  kind: 'user' | 'group',
  prepared: Prepared[],
): Promise<Array<{ p: Prepared; fields: Record<string, unknown> }>> {
  if (prepared.length === 0) return [];
  const set = kind === 'user' ? session.userMappings : session.groupMappings;
  const counts = kind === 'user' ? session.run.counts.users : session.run.counts.groups;
  const outcomes = await set.map(prepared.map((p) => ({ dn: p.dn, attributes: p.attributes })));
  const mapped: Array<{ p: Prepared; fields: Record<string, unknown> }> = [];
  prepared.forEach((p, i) => {
    const o = outcomes[i];
    if (!o) return;
    if (o.status === 'skip') {
      counts.unchanged++;
      reportEntry(session, kind, p, {
        operation: 'skip',
        status: 'skipped',
        message: `Skipped by mapping "${o.mapping}".`,
      });
      return;
    }
    if (o.status === 'error') {
      counts.errors++;
      reportEntry(session, kind, p, {
        operation: 'map',
        status: 'error',
        message: `${o.mapping ? `Mapping "${o.mapping}"${o.line ? ` (line ${o.line})` : ''}: ` : ''}${o.message}`,
      });
      return;
    }
    mapped.push({ p, fields: o.fields });
  });
  return mapped;
}

function asString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? (value[0] === undefined ? undefined : String(value[0])) : String(value);
}

function plainObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function userType(value: string | undefined): UserType {
  if (value === undefined) return 'internal';
  if ((USER_TYPES as readonly string[]).includes(value)) return value as UserType;
  throw DirectoryValidationError.field(
    'type',
    `"${value}" is not a user type; return one of ${USER_TYPES.join(', ')}.`,
  );
}

/** The directory user a mapped entry describes; throws a validation error naming what is missing. */
function userInputOf(
  session: SyncSession,
  p: Prepared,
  fields: Record<string, unknown>,
): Required<Omit<UserInput, 'groups' | 'password'>> {
  const raw = asString(fields.username);
  if (!raw)
    throw DirectoryValidationError.field(
      'username',
      'The user mappings produced no username: add a mapping returning { username: attr("uid") } (OpenLDAP) or attr("sAMAccountName") (Active Directory).',
    );
  const username = normaliseUsername(raw);
  return {
    username,
    name: asString(fields.name) ?? username,
    email: asString(fields.email) ?? '',
    is_active: fields.is_active === undefined ? true : Boolean(fields.is_active),
    type: userType(asString(fields.type)),
    path: asString(fields.path) ?? session.userPath,
    attributes: { ...plainObject(fields.attributes), distinguishedName: p.dn, ldap_uniq: p.identifier },
  };
}

function userConnectionValues(session: SyncSession, p: Prepared) {
  const s = session.source.settings;
  const key = s.user_membership_attribute.toLowerCase();
  const memberKey = ['distinguishedname', 'dn', 'entrydn'].includes(key)
    ? normaliseDn(p.dn)
    : (firstValue(p.attributes, s.user_membership_attribute)?.trim().toLowerCase() ?? null);
  const memberOf = s.lookup_groups_from_user
    ? attributeValues(p.attributes, s.group_membership_field).map(membershipValue)
    : [];
  return {
    dn: p.dn,
    member_key: memberKey,
    member_of: writeJson(memberOf),
    stamp: p.stamp,
    fingerprint: p.fingerprint,
  };
}

/** Record that `userId` was made (or taken over) from the entry `p`. */
async function connectUser(
  db: Kysely<Database> | Transaction<Database>,
  session: SyncSession,
  p: Prepared,
  userId: number,
) {
  const now = nowIso();
  await db
    .insertInto('source_user_connections')
    .values({
      source_id: session.source.id,
      user_id: userId,
      identifier: p.identifier,
      ...userConnectionValues(session, p),
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** Sync one page of user entries. */
export async function syncUserPage(session: SyncSession, entries: Entry[]): Promise<void> {
  const db = session.db;
  const counts = session.run.counts.users;
  const mapped = await mapPrepared(session, 'user', prepare(session, 'user', entries));
  const fail = (p: Prepared, operation: string, error: unknown) => {
    counts.errors++;
    reportEntry(session, 'user', p, { operation, status: 'error', message: errorMessage(error) });
  };
  const inputs: Array<{ p: Prepared; input: ReturnType<typeof userInputOf> }> = [];
  for (const { p, fields } of mapped) {
    try {
      inputs.push({ p, input: userInputOf(session, p, fields) });
    } catch (error) {
      fail(p, p.connection ? 'update' : 'create', error);
    }
  }
  // Updates: only users whose mapped fields differ from the stored ones are written.
  const existing = inputs.filter((x) => x.p.connection);
  const ids = existing.map((x) => x.p.connection?.localId as number);
  const rows =
    ids.length > 0 ? await db.selectFrom('users').selectAll().where('id', 'in', ids).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const { p, input } of existing) {
    const localId = p.connection?.localId as number;
    const row = byId.get(localId);
    try {
      const before = row && {
        username: row.username,
        name: row.name,
        email: row.email,
        is_active: readBool(row.is_active),
        type: row.type,
        path: row.path,
        attributes: readJson(row.attributes, {}),
      };
      if (canonical(before) !== canonical(input)) {
        await updateUser(db, localId, input, null);
        reportUpdated(session, 'user', p.dn, localId);
      } else counts.unchanged++;
      await db
        .updateTable('source_user_connections')
        .set({ ...userConnectionValues(session, p), updated_at: nowIso() })
        .where('id', '=', p.connection?.id as number)
        .execute();
    } catch (error) {
      fail(p, 'update', error);
    }
  }
  await createOrLinkUsers(
    session,
    inputs.filter((x) => !x.p.connection),
    fail,
  );
}

async function createOrLinkUsers(
  session: SyncSession,
  creates: Array<{ p: Prepared; input: ReturnType<typeof userInputOf> }>,
  fail: (p: Prepared, operation: string, error: unknown) => void,
): Promise<void> {
  if (creates.length === 0) return;
  const db = session.db;
  const counts = session.run.counts.users;
  const names = creates.map((c) => c.input.username);
  const taken = await db
    .selectFrom('users')
    .leftJoin('source_user_connections as c', 'c.user_id', 'users.id')
    .select(['users.id', 'users.username', 'c.source_id', 'c.identifier'])
    .where('users.username', 'in', names)
    .execute();
  const byName = new Map(taken.map((t) => [t.username, t]));
  const fresh: typeof creates = [];
  for (const c of creates) {
    const other = byName.get(c.input.username);
    if (!other) {
      fresh.push(c);
      continue;
    }
    if (other.source_id !== null) {
      fail(
        c.p,
        'create',
        new Error(
          `The username "${c.input.username}" belongs to user ${other.id}, made from another LDAP entry (${other.source_id === session.source.id ? 'this source' : `source ${other.source_id}`}, identifier ${other.identifier}). Two entries map to one username: fix the entries or the username mapping.`,
        ),
      );
      continue;
    }
    // A user made by hand (or by CSV import) with this username: the source takes it over.
    try {
      await updateUser(db, other.id, c.input, null);
      await connectUser(db, session, c.p, other.id);
      session.userConnections.set(c.p.identifier, { id: 0, localId: other.id, fingerprint: c.p.fingerprint });
      counts.updated++;
      reportEntry(
        session,
        'user',
        c.p,
        { operation: 'link', status: 'ok', message: `Linked to the existing user "${c.input.username}".` },
        other.id,
      );
    } catch (error) {
      fail(c.p, 'link', error);
    }
  }
  const insertOne = async (trx: Parameters<typeof insertUser>[0], c: (typeof creates)[number]) => {
    const user = await insertUser(trx, c.input, null, null);
    await connectUser(trx, session, c.p, user.pk);
    return user.pk;
  };
  const created = (c: (typeof creates)[number], pk: number) => {
    session.userConnections.set(c.p.identifier, { id: 0, localId: pk, fingerprint: c.p.fingerprint });
    counts.created++;
    reportEntry(session, 'user', c.p, { operation: 'create', status: 'ok', message: null }, pk);
  };
  try {
    const pks = await db.transaction().execute(async (trx) => {
      const out: number[] = [];
      for (const c of fresh) out.push(await insertOne(trx, c));
      return out;
    });
    for (const [i, c] of fresh.entries()) created(c, pks[i] as number);
  } catch {
    for (const c of fresh) {
      try {
        created(c, await db.transaction().execute((trx) => insertOne(trx, c)));
      } catch (error) {
        fail(
          c.p,
          'create',
          /unique|UNIQUE|duplicate/.test(String(error))
            ? new Error(`The username "${c.input.username}" is already taken.`)
            : error,
        );
      }
    }
  }
}

function groupConnectionValues(session: SyncSession, p: Prepared) {
  const members = attributeValues(p.attributes, session.source.settings.group_membership_field).map(
    membershipValue,
  );
  return { dn: p.dn, members: writeJson(members), stamp: p.stamp, fingerprint: p.fingerprint };
}

/** Sync one page of group entries (names and attributes; members and parents come later). */
export async function syncGroupPage(session: SyncSession, entries: Entry[]): Promise<void> {
  const db = session.db;
  const counts = session.run.counts.groups;
  const mapped = await mapPrepared(session, 'group', prepare(session, 'group', entries));
  for (const { p, fields } of mapped) {
    const localId = p.connection?.localId ?? null;
    try {
      const name = asString(fields.name);
      if (!name)
        throw DirectoryValidationError.field(
          'name',
          'The group mappings produced no name: add a mapping returning { name: attr("cn") }.',
        );
      const attributes = {
        ...plainObject(fields.attributes),
        distinguishedName: p.dn,
        ldap_uniq: p.identifier,
      };
      const input = {
        name,
        attributes,
        ...(fields.is_superuser !== undefined && { is_superuser: Boolean(fields.is_superuser) }),
      };
      if (p.connection) {
        const row = await db
          .selectFrom('groups')
          .select(['group_uuid', 'name', 'attributes', 'is_superuser'])
          .where('id', '=', p.connection.localId)
          .executeTakeFirstOrThrow();
        const same =
          row.name === input.name &&
          canonical(readJson(row.attributes, {})) === canonical(attributes) &&
          (input.is_superuser === undefined || readBool(row.is_superuser) === input.is_superuser);
        if (!same) {
          await updateGroup(db, row.group_uuid, input, null);
          reportUpdated(session, 'group', p.dn, localId);
        } else counts.unchanged++;
        await db
          .updateTable('source_group_connections')
          .set({ ...groupConnectionValues(session, p), updated_at: nowIso() })
          .where('id', '=', p.connection.id)
          .execute();
        continue;
      }
      const other = await db
        .selectFrom('groups')
        .leftJoin('source_group_connections as c', 'c.group_id', 'groups.id')
        .select(['groups.id', 'groups.group_uuid', 'c.source_id'])
        .where('groups.name', '=', name)
        .executeTakeFirst();
      if (other && other.source_id !== null)
        throw new Error(
          `The group name "${name}" belongs to group ${other.group_uuid}, made from another LDAP entry. Two entries map to one group name: fix the entries or the group name mapping.`,
        );
      const groupId = await db.transaction().execute(async (trx) => {
        let id: number;
        if (other) {
          id = other.id;
        } else {
          id = (await insertGroup(trx, input, null)).num_pk;
        }
        await trx
          .insertInto('source_group_connections')
          .values({
            source_id: session.source.id,
            group_id: id,
            identifier: p.identifier,
            ...groupConnectionValues(session, p),
            created_at: nowIso(),
            updated_at: nowIso(),
          })
          .execute();
        return id;
      });
      if (other) {
        await updateGroup(db, other.group_uuid, input, null);
        counts.updated++;
      } else counts.created++;
      session.groupConnections.set(p.identifier, { id: 0, localId: groupId, fingerprint: p.fingerprint });
      reportEntry(
        session,
        'group',
        p,
        {
          operation: other ? 'link' : 'create',
          status: 'ok',
          message: other ? `Linked to the existing group "${name}".` : null,
        },
        groupId,
      );
    } catch (error) {
      counts.errors++;
      reportEntry(session, 'group', p, {
        operation: localId ? 'update' : 'create',
        status: 'error',
        message: errorMessage(error),
      });
    }
  }
}
