/**
 * The Entra ID side of a provider, as the provider-agnostic sync engine sees it (`SyncTarget`).
 * Everything Microsoft-specific about users and groups lives here: which properties are read for
 * matching, that a user's password is sent only on create, what "suspend" means, and how the
 * Graph client's errors become per-object failures.
 */
import type {
  MemberChangeFailure,
  MemberChangeResult,
  ObjectType,
  RemoteChange,
  RemoteObject,
  SyncProvider,
  SyncTarget,
  TargetFailure,
  UnsentRequest,
  WriteResult,
} from '../../sync/types.js';
import { TargetError } from '../../sync/types.js';
import { certificateCredential } from './client-certificate.js';
import { createGraphClient, type GraphClient, type WriteOutcome } from './graph-client.js';
import { DryRunRejectedError, GraphError } from './graph-errors.js';
import {
  type ValidationProblem,
  validateGroupCreateBody,
  validateUserCreateBody,
} from './graph-validation.js';
import { type EntraSettings, entraEndpoints } from './settings.js';

/** Properties read for discovery and adoption. */
export const USER_SELECT = [
  'id',
  'userPrincipalName',
  'mail',
  'displayName',
  'accountEnabled',
  'mailNickname',
  'givenName',
  'surname',
  'onPremisesImmutableId',
];
export const GROUP_SELECT = [
  'id',
  'displayName',
  'mailNickname',
  'mailEnabled',
  'securityEnabled',
  'description',
];

/**
 * Graph accepts at most 20 owners and members together in one `POST /groups`
 * (https://learn.microsoft.com/en-us/graph/api/group-post-groups#request-body).
 */
export const CREATE_LINK_LIMIT = 20;

const CREATE_ONLY: Record<ObjectType, ReadonlySet<string>> = {
  user: new Set(['passwordProfile']),
  group: new Set(['members@odata.bind', 'owners@odata.bind']),
};

/** A Graph client error as the engine's failure (a dry-run refusal is not a failure: see `toWriteResult`). */
export function toFailure(error: unknown): TargetFailure {
  if (error instanceof GraphError && !(error instanceof DryRunRejectedError)) {
    return {
      kind: error.kind === 'dry_run' ? 'bad_request' : error.kind,
      message: error.message,
      status: error.status,
      code: error.code,
      requestId: error.requestId,
    };
  }
  return { kind: 'transient', message: error instanceof Error ? error.message : String(error) };
}

/** The request a dry-run client refused to send. */
const unsent = (error: DryRunRejectedError): UnsentRequest => ({
  method: error.method,
  url: error.url,
  body: error.body,
});

function toWriteResult(outcome: WriteOutcome | undefined): WriteResult {
  if (!outcome)
    return {
      status: 'failed',
      failure: { kind: 'transient', message: 'No response for this request in the batch.' },
    };
  if (!outcome.ok)
    return outcome.error instanceof DryRunRejectedError
      ? { status: 'notSent', request: unsent(outcome.error) }
      : { status: 'failed', failure: toFailure(outcome.error) };
  const id = (outcome.body as { id?: unknown } | undefined)?.id;
  return { status: 'sent', remoteId: typeof id === 'string' ? id : undefined, requestId: outcome.requestId };
}

/** A member change's failures, with dry run's refused requests apart (each request once). */
function toMemberChangeResult(failures: Array<{ memberId: string; error: GraphError }>): MemberChangeResult {
  const notSent = new Map<string, UnsentRequest>();
  const failed: MemberChangeFailure[] = [];
  for (const f of failures) {
    if (f.error instanceof DryRunRejectedError) {
      const request = unsent(f.error);
      notSent.set(JSON.stringify(request), request);
    } else failed.push({ remoteMemberId: f.memberId, failure: toFailure(f.error) });
  }
  return { failures: failed, notSent: [...notSent.values()] };
}

export interface EntraTargetOptions {
  dryRun: boolean;
  lowPriority: boolean;
  /** Extra trusted CAs (the built-in emulator's certificate, CONDUIT_EXTRA_CA_CERTS). */
  caCertPem?: string;
  /** Graph client tuning (tests and benchmarks). */
  client?: {
    writesPerSecond?: number;
    maxConcurrency?: number;
    retry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number };
    notFoundRetry?: { attempts?: number; delayMs?: number };
    /** Recently created ids, shared by the clients of one app + tenant (replication lag). */
    createdIds?: Map<string, number>;
  };
}

export function createEntraClient(
  provider: SyncProvider,
  secrets: Record<string, string>,
  options: EntraTargetOptions,
): GraphClient {
  const settings = provider.settings as unknown as EntraSettings;
  const { loginUrl, graphUrl } = entraEndpoints(settings);
  // Exactly one credential is stored: a certificate, or a client secret.
  const certificate = certificateCredential(secrets);
  return createGraphClient({
    tenantId: settings.tenant_id,
    clientId: settings.client_id,
    ...(certificate ? { certificate } : { clientSecret: secrets.client_secret }),
    authorityHost: loginUrl,
    graphBaseUrl: graphUrl,
    caCertPem: options.caCertPem,
    dryRun: options.dryRun,
    lowPriority: options.lowPriority,
    ...options.client,
  });
}

/**
 * Graph's rules for the properties a body has (an update carries no password, for instance): the
 * problems as one message, or null.
 */
function localProblems(problems: ValidationProblem[], body: Record<string, unknown>): string | null {
  const relevant = problems.filter((p) => p.property in body);
  return relevant.length > 0 ? relevant.map((p) => p.message).join(' ') : null;
}

/**
 * The `POST /groups` body with the first members that fit beside the mappings' own owners and
 * members in `members@odata.bind` (`reference` turns an id into its `directoryObjects/{id}` URL).
 */
export function groupBodyWithMembers(
  reference: (id: string) => string,
  body: Record<string, unknown>,
  memberRemoteIds: string[],
): { body: Record<string, unknown>; included: string[] } {
  const links = (key: string) => (Array.isArray(body[key]) ? (body[key] as unknown[]) : []);
  const mapped = links('members@odata.bind');
  const room = CREATE_LINK_LIMIT - mapped.length - links('owners@odata.bind').length;
  // Members a mapping already binds are not bound twice (Graph refuses a duplicate reference).
  const already = new Set(mapped.map((ref) => String(ref).split('/').at(-1)));
  const included = memberRemoteIds.filter((id) => !already.has(id)).slice(0, Math.max(0, room));
  if (included.length === 0) return { body, included };
  return {
    body: { ...body, 'members@odata.bind': [...mapped, ...included.map(reference)] },
    included,
  };
}

/**
 * Delta links that Graph no longer honours answer 410 Gone with `syncStateNotFound` or
 * `resyncRequired` (https://learn.microsoft.com/en-us/graph/delta-query-overview#synchronization-reset);
 * the engine then lists the tenant once and starts a fresh round.
 */
function isDeltaExpired(error: unknown): boolean {
  return (
    error instanceof GraphError &&
    (error.status === 410 || error.code === 'syncStateNotFound' || error.code === 'resyncRequired')
  );
}

/** One item of a Graph delta page as the engine's `RemoteChange`. */
export function toRemoteChange(item: Record<string, unknown>): RemoteChange {
  const { id, '@removed': removed, 'members@delta': members, ...properties } = item;
  const added: string[] = [];
  const gone: string[] = [];
  for (const m of Array.isArray(members) ? (members as Array<Record<string, unknown>>) : []) {
    if (typeof m.id !== 'string') continue;
    (m['@removed'] ? gone : added).push(m.id);
  }
  for (const key of Object.keys(properties)) if (key.startsWith('@odata.')) delete properties[key];
  return {
    id: String(id),
    removed: removed !== undefined && removed !== null,
    properties,
    membersAdded: added,
    membersRemoved: gone,
  };
}

export function createEntraTarget(client: GraphClient): SyncTarget {
  const path = (type: ObjectType) => (type === 'user' ? '/users' : '/groups');
  const wrap = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw new TargetError(toFailure(error));
    }
  };

  return {
    async *listRemote(type) {
      const pages = type === 'user' ? client.listUsers(USER_SELECT) : client.listGroups(GROUP_SELECT);
      try {
        for await (const page of pages) {
          yield page.map((o): RemoteObject => ({ id: o.id, properties: { ...o } }));
        }
      } catch (error) {
        throw new TargetError(toFailure(error));
      }
    },
    async latestDeltaLink(type) {
      return wrap(() =>
        type === 'user'
          ? client.latestDeltaLink('users', USER_SELECT)
          : client.latestDeltaLink('groups', [...GROUP_SELECT, 'members']),
      );
    },
    async *readDelta(_type, deltaLink) {
      try {
        for await (const page of client.delta(deltaLink))
          yield {
            changes: page.value.map(toRemoteChange),
            ...(page.deltaLink ? { deltaLink: page.deltaLink } : {}),
          };
      } catch (error) {
        const failure = toFailure(error);
        throw new TargetError(isDeltaExpired(error) ? { ...failure, code: 'deltaExpired' } : failure);
      }
    },
    async findExisting(type, body) {
      return wrap(async () => {
        if (type === 'user') {
          if (typeof body.userPrincipalName !== 'string') return [];
          const user = await client.findUserByUpn(body.userPrincipalName, USER_SELECT);
          return user ? [{ id: user.id, properties: { ...user } }] : [];
        }
        if (typeof body.displayName !== 'string') return [];
        const groups = await client.findGroupsByDisplayName(body.displayName, GROUP_SELECT);
        return groups.map((g) => ({ id: g.id, properties: { ...g } }));
      });
    },
    async createMany(type, bodies) {
      const outcomes = await client.batchWrite(
        bodies.map((body) => ({ method: 'POST' as const, url: path(type), body })),
      );
      return bodies.map((_, i) => toWriteResult(outcomes[i]));
    },
    async updateMany(type, patches) {
      const outcomes = await client.batchWrite(
        patches.map((p) => ({ method: 'PATCH' as const, url: `${path(type)}/${p.remoteId}`, body: p.patch })),
      );
      return patches.map((_, i) => toWriteResult(outcomes[i]));
    },
    async deleteMany(type, remoteIds) {
      const outcomes = await client.batchWrite(
        remoteIds.map((id) => ({ method: 'DELETE' as const, url: `${path(type)}/${id}` })),
      );
      return remoteIds.map((_, i): WriteResult => {
        const result = toWriteResult(outcomes[i]);
        // Already gone counts as deleted.
        return result.status === 'failed' && result.failure.kind === 'not_found'
          ? { status: 'sent' }
          : result;
      });
    },
    suspendPatch(type) {
      return type === 'user' ? { accountEnabled: false } : null;
    },
    async getRemote(type, remoteId) {
      return wrap(async () => {
        const o =
          type === 'user'
            ? await client.getUser(remoteId, USER_SELECT)
            : await client.getGroup(remoteId, GROUP_SELECT);
        return { id: o.id, properties: { ...o } };
      });
    },
    async listMemberIds(groupRemoteId) {
      return wrap(() => client.listGroupMemberIds(groupRemoteId));
    },
    async addMembers(groupRemoteId, memberRemoteIds) {
      return toMemberChangeResult(await client.addGroupMembers(groupRemoteId, memberRemoteIds));
    },
    async removeMembers(groupRemoteId, memberRemoteIds) {
      return toMemberChangeResult(await client.removeGroupMembers(groupRemoteId, memberRemoteIds));
    },
    withInitialMembers(body, memberRemoteIds) {
      return groupBodyWithMembers(client.directoryObjectRef, body, memberRemoteIds);
    },
    createOnlyProperties(type) {
      return CREATE_ONLY[type];
    },
    async validate(type, body) {
      if (type === 'group') {
        if (typeof body.displayName !== 'string' || body.displayName === '')
          return 'The group has no displayName: check the group property mappings.';
        return localProblems(validateGroupCreateBody(body), body);
      }
      const upn = body.userPrincipalName;
      if (typeof upn !== 'string' || upn === '') {
        return 'The user has no userPrincipalName: set an email address on the user, or map userPrincipalName in a property mapping.';
      }
      const at = upn.lastIndexOf('@');
      if (at <= 0) return `userPrincipalName "${upn}" is not of the form alias@domain.`;
      // Characters, lengths, password complexity: what Graph would refuse, without spending a write.
      const problems = localProblems(validateUserCreateBody(body), body);
      if (problems) return problems;
      const domain = upn.slice(at + 1).toLowerCase();
      let verified: string[];
      try {
        verified = await client.verifiedDomains();
      } catch (error) {
        throw new TargetError(toFailure(error));
      }
      if (!verified.some((d) => d.toLowerCase() === domain)) {
        return `Invalid email domain: "${domain}" of userPrincipalName "${upn}" is not a verified domain of the tenant (${verified.join(', ')}).`;
      }
      return null;
    },
    stats() {
      return client.stats();
    },
    close() {
      return client.close();
    },
  };
}
