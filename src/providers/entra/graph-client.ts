/**
 * Conduit's Microsoft Graph client: typed resource operations (users, groups, members, batching,
 * organization) over the HTTP layer in graph-http.ts.
 *
 * Invariants:
 * - Runs unchanged against graph.microsoft.com and the local emulator: only `authorityHost`,
 *   `graphBaseUrl` and an extra trusted CA differ. Tokens always come from MSAL.
 * - One keep-alive undici Agent per client; one token cache; one write pacer and one concurrency
 *   limiter shared by every call, so concurrent sync jobs on one client stay inside Graph's budget.
 * - Dry run, retries, pacing and error classification live in the HTTP layer; this file never sends
 *   a request any other way.
 * - Reads page only through `@odata.nextLink`, with `$select` and `$top=999`; `ConsistencyLevel:
 *   eventual` is never used (no advanced queries), so no read-after-write path depends on it.
 * - Every `$filter` literal is escaped (`'` doubled). Member removal always uses `/$ref`.
 * - Membership writes are idempotent: "already exist" on add and 404 on remove are successes.
 * - PATCH bodies never carry `id`.
 */
import { rootCertificates } from 'node:tls';
import type { Group, Organization, User } from '@microsoft/microsoft-graph-types';
import { Agent } from 'undici';
import { type BatchItem, chunk, executeBatch, MAX_BATCH_SIZE, type WriteOutcome } from './graph-batch.js';
import {
  DryRunRejectedError,
  type GraphError,
  GraphNotFoundError,
  isAlreadyMemberError,
} from './graph-errors.js';
import { createGraphHttp, type GraphHttp, type GraphResponse } from './graph-http.js';
import { eqFilter, pathSegment, queryString, selectList } from './graph-odata.js';
import { DEFAULT_RETRY_POLICY } from './rate-backoff.js';
import { createConcurrencyLimiter, createWritePacer, DEFAULT_WRITES_PER_SECOND } from './rate-limiter.js';
import { createTokenProvider, graphScopeFor, type TokenProvider } from './token-provider.js';

export type { WriteOutcome } from './graph-batch.js';

/** Credentials of the Entra app registration (a secret or a certificate). */
export interface GraphCredentials {
  tenantId: string;
  clientId: string;
  clientSecret?: string;
  certificate?: { privateKeyPem: string; thumbprintSha256: string; x5c?: string };
}

export interface GraphClientOptions extends GraphCredentials {
  /** `https://login.microsoftonline.com` or the emulator's `loginUrl`. */
  authorityHost: string;
  /** `https://graph.microsoft.com/v1.0` or the emulator's `graphUrl`. */
  graphBaseUrl: string;
  /** Extra trusted CA (PEM) for both MSAL and Graph calls, added to the system CAs (emulator). */
  caCertPem?: string;
  /** Any non-safe request throws `DryRunRejectedError` before it is sent (token requests excepted). */
  dryRun?: boolean;
  /** Send `x-ms-throttle-priority: Low` (bulk runs). */
  lowPriority?: boolean;
  /** Write pacing (each `$batch` sub-request counts); default 19/s, just under Graph's 20/s per app+tenant. */
  writesPerSecond?: number;
  /** Concurrent in-flight HTTP requests (default 8). */
  maxConcurrency?: number;
  retry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number };
  /** Replication lag: 404s on ids this client created recently are retried (default 10 × 2 s). */
  notFoundRetry?: { attempts?: number; delayMs?: number };
  /** Share the record of recently created ids with other clients of the same app + tenant. */
  createdIds?: Map<string, number>;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  /** Injectable clock for tests (default `Date.now`). */
  now?: () => number;
  /** Token scope override (default: `https://graph.microsoft.com/.default` or the national cloud's). */
  scope?: string;
  /** How long `verifiedDomains()` is cached (default 1 hour). */
  domainsCacheTtlMs?: number;
}

/** A user as read from Graph (`id` always present; other properties as selected). */
export type GraphUser = Omit<User, 'id'> & { id: string; [k: string]: unknown };
/** A group as read from Graph. */
export type GraphGroup = Omit<Group, 'id'> & { id: string; [k: string]: unknown };

/** A write for `batchWrite`. */
export interface BatchWriteRequest {
  method: 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the Graph version root, e.g. `/users` or `/groups/{id}`. */
  url: string;
  body?: unknown;
}

export interface MemberFailure {
  memberId: string;
  error: GraphError;
}

export interface ConnectionReport {
  ok: boolean;
  verifiedDomains: string[];
  grantedPermissions: string[];
  missingPermissions: string[];
  error?: string;
}

export interface ListOptions {
  /** Page size, 1–999 (default 999). */
  top?: number;
}

export interface GraphClient {
  /** Pages of users: `$top=999` (or `top`), following `@odata.nextLink` only. */
  listUsers(select: string[], options?: ListOptions): AsyncIterable<GraphUser[]>;
  listGroups(select: string[], options?: ListOptions): AsyncIterable<GraphGroup[]>;
  /** Ids of a group's direct members (`GET /groups/{id}/members?$select=id`, paged). */
  listGroupMemberIds(groupId: string, options?: ListOptions): Promise<string[]>;
  getUser(idOrUpn: string, select?: string[]): Promise<GraphUser>;
  getGroup(id: string, select?: string[]): Promise<GraphGroup>;
  /** The user with this UPN, or null (escaped `$filter`, not an advanced query). */
  findUserByUpn(upn: string, select?: string[]): Promise<GraphUser | null>;
  /** Every group with exactly this displayName (Entra allows duplicates). */
  findGroupsByDisplayName(name: string, select?: string[]): Promise<GraphGroup[]>;
  /** Every group with this mailNickname (Conduit's stable key for groups). */
  findGroupsByMailNickname(mailNickname: string, select?: string[]): Promise<GraphGroup[]>;
  /** POST /users; 400 ObjectConflict → `GraphObjectConflictError`. */
  createUser(body: Record<string, unknown>): Promise<GraphUser>;
  updateUser(id: string, patch: Record<string, unknown>): Promise<void>;
  deleteUser(id: string): Promise<void>;
  createGroup(body: Record<string, unknown>): Promise<GraphGroup>;
  updateGroup(id: string, patch: Record<string, unknown>): Promise<void>;
  deleteGroup(id: string): Promise<void>;
  /** Independent writes through `$batch` (chunks of 20, per-item retry); results in input order. */
  batchWrite(requests: BatchWriteRequest[]): Promise<WriteOutcome[]>;
  /** `members@odata.bind` in chunks of 20, falling back to per-member `$ref` adds; per-member failures. */
  addGroupMembers(groupId: string, memberIds: string[]): Promise<MemberFailure[]>;
  /** `DELETE …/members/{id}/$ref` via `$batch`; 404 counts as success; per-member failures. */
  removeGroupMembers(groupId: string, memberIds: string[]): Promise<MemberFailure[]>;
  /**
   * A delta link for the tenant's current state, without reading any object (`$deltatoken=latest`,
   * https://learn.microsoft.com/en-us/graph/delta-query-overview#optional-query-parameters).
   */
  latestDeltaLink(resource: 'users' | 'groups', select: string[]): Promise<string>;
  /**
   * One delta round from an `@odata.deltaLink`: pages of changed objects (`@removed` for deleted
   * ones, `members@delta` for groups), following `@odata.nextLink`; the last page carries the
   * next round's `deltaLink`. An expired link fails with 410 (`syncStateNotFound`, `resyncRequired`).
   */
  delta(deltaLink: string): AsyncIterable<{ value: Array<Record<string, unknown>>; deltaLink?: string }>;
  /** The `@odata.bind` / `@odata.id` URL of a directory object (`{graphBaseUrl}/directoryObjects/{id}`). */
  directoryObjectRef(id: string): string;
  /** The tenant's verified domain names (`GET /organization`), cached with a TTL. */
  verifiedDomains(): Promise<string[]>;
  /** Acquires a token, reads verified domains and reports missing application permissions. */
  testConnection(): Promise<ConnectionReport>;
  stats(): { requests: number; writes: number; throttled: number; retries: number };
  close(): Promise<void>;
}

/** Application permissions Conduit needs, each with the broader permissions that also satisfy it. */
export const REQUIRED_PERMISSIONS: Readonly<Record<string, readonly string[]>> = {
  'User.ReadWrite.All': ['User.ReadWrite.All', 'Directory.ReadWrite.All'],
  'Group.ReadWrite.All': ['Group.ReadWrite.All', 'Directory.ReadWrite.All'],
  'GroupMember.ReadWrite.All': ['GroupMember.ReadWrite.All', 'Directory.ReadWrite.All'],
  // GET /organization (verified domains, for UPN validation) needs one of these.
  'Organization.Read.All': [
    'Organization.Read.All',
    'Organization.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
};

/** Required permissions not covered by `granted`. */
export function missingPermissions(granted: readonly string[]): string[] {
  const have = new Set(granted);
  return Object.entries(REQUIRED_PERMISSIONS)
    .filter(([, satisfiedBy]) => !satisfiedBy.some((p) => have.has(p)))
    .map(([name]) => name);
}

interface Collection<T> {
  value?: T[];
  '@odata.nextLink'?: string;
}

const DEFAULT_USER_SELECT = [
  'id',
  'userPrincipalName',
  'displayName',
  'mail',
  'accountEnabled',
  'mailNickname',
];
const DEFAULT_GROUP_SELECT = ['id', 'displayName', 'mailNickname', 'securityEnabled', 'mailEnabled'];

function withoutId(patch: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, ...rest } = patch;
  return rest;
}

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const maxConcurrency = options.maxConcurrency ?? 8;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const clock = { now, sleep };
  const dispatcher = new Agent({
    connections: maxConcurrency + 2,
    keepAliveTimeout: 30_000,
    headersTimeout: 120_000,
    bodyTimeout: 120_000,
    connect: options.caCertPem ? { ca: [...rootCertificates, options.caCertPem] } : {},
  });
  const tokens: TokenProvider = createTokenProvider({
    tenantId: options.tenantId,
    clientId: options.clientId,
    ...(options.clientSecret !== undefined ? { clientSecret: options.clientSecret } : {}),
    ...(options.certificate !== undefined ? { certificate: options.certificate } : {}),
    authorityHost: options.authorityHost,
    scope: options.scope ?? graphScopeFor(options.graphBaseUrl),
    dispatcher,
    now,
  });
  const http: GraphHttp = createGraphHttp({
    graphBaseUrl: options.graphBaseUrl,
    tokens,
    dispatcher,
    pacer: createWritePacer(options.writesPerSecond ?? DEFAULT_WRITES_PER_SECOND, clock),
    limiter: createConcurrencyLimiter(maxConcurrency),
    writeLaneSize: Math.max(1, Math.ceil(maxConcurrency / 2)),
    maxWriteLaneSize: maxConcurrency,
    clock,
    retry: { ...DEFAULT_RETRY_POLICY, ...definedOnly(options.retry ?? {}) },
    notFoundRetry: {
      attempts: options.notFoundRetry?.attempts ?? 10,
      delayMs: options.notFoundRetry?.delayMs ?? 2000,
    },
    dryRun: options.dryRun === true,
    lowPriority: options.lowPriority === true,
    ...(options.createdIds ? { createdIds: options.createdIds } : {}),
  });
  const graphBase = options.graphBaseUrl.replace(/\/+$/, '');
  const directoryObjectRef = (id: string) => `${graphBase}/directoryObjects/${id}`;

  // `ConsistencyLevel` is not carried in nextLinks (https://learn.microsoft.com/en-us/graph/aad-advanced-queries): it is resent on every page.
  async function* pages<T>(firstUrl: string, consistencyEventual = false): AsyncGenerator<T[]> {
    let url: string | undefined = firstUrl;
    while (url) {
      const response: GraphResponse<Collection<T>> = await http.send<Collection<T>>({
        method: 'GET',
        url,
        consistencyEventual,
      });
      yield response.body?.value ?? [];
      url = response.body?.['@odata.nextLink'];
    }
  }

  const collect = async <T>(url: string): Promise<T[]> => {
    const all: T[] = [];
    for await (const page of pages<T>(url)) all.push(...page);
    return all;
  };

  const listUrl = (path: string, select: readonly string[] | undefined, top = 999, filter?: string) =>
    `${path}${queryString({ $filter: filter, $select: selectList(select), $top: top })}`;

  const findGroupsBy = (property: string, value: string, select?: string[]) =>
    collect<GraphGroup>(listUrl('/groups', select ?? DEFAULT_GROUP_SELECT, 999, eqFilter(property, value)));

  const findUserByUpn = async (upn: string, select?: string[]) => {
    const response = await http.send<Collection<GraphUser>>({
      method: 'GET',
      url: listUrl('/users', select ?? DEFAULT_USER_SELECT, 2, eqFilter('userPrincipalName', upn)),
    });
    return response.body?.value?.[0] ?? null;
  };

  let domainsCache: { at: number; domains: string[] } | undefined;
  let domainsInFlight: Promise<string[]> | undefined;
  const domainsTtl = options.domainsCacheTtlMs ?? 3_600_000;
  const verifiedDomains = (): Promise<string[]> => {
    if (domainsCache && now() - domainsCache.at < domainsTtl) return Promise.resolve(domainsCache.domains);
    domainsInFlight ??= (async () => {
      try {
        const orgs = await collect<Organization>(
          `/organization${queryString({ $select: 'id,verifiedDomains' })}`,
        );
        const domains = orgs.flatMap((o) =>
          (o.verifiedDomains ?? []).map((d) => d.name).filter((n): n is string => !!n),
        );
        domainsCache = { at: now(), domains };
        return domains;
      } finally {
        domainsInFlight = undefined;
      }
    })();
    return domainsInFlight;
  };

  /** The object a failed create may have made anyway: a user by UPN, a group by mailNickname + name. */
  const lookupCreated = async (path: string, body: unknown): Promise<GraphUser | GraphGroup | undefined> => {
    if (!isRecord(body)) return undefined;
    const route = path
      .replace(/^\/+/, '')
      .replace(/[?#].*$/, '')
      .toLowerCase();
    if (route === 'users' && typeof body.userPrincipalName === 'string') {
      return (await findUserByUpn(body.userPrincipalName)) ?? undefined;
    }
    if (route === 'groups' && typeof body.mailNickname === 'string') {
      const found = (await findGroupsBy('mailNickname', body.mailNickname)).filter(
        (g) => typeof body.displayName !== 'string' || g.displayName === body.displayName,
      );
      return found.length === 1 ? found[0] : undefined;
    }
    return undefined;
  };
  const findCreated = async (item: BatchItem): Promise<WriteOutcome | undefined> => {
    if (item.method !== 'POST') return undefined;
    const existing = await lookupCreated(item.url, item.body);
    return existing ? { ok: true, status: 201, body: existing } : undefined;
  };

  const addMembersOneByOne = async (groupId: string, memberIds: string[]): Promise<MemberFailure[]> => {
    const outcomes = await executeBatch(
      http,
      memberIds.map((memberId) => ({
        method: 'POST',
        url: `/groups/${pathSegment(groupId)}/members/$ref`,
        body: { '@odata.id': directoryObjectRef(memberId) },
      })),
      { treatAsSuccess: (_status, error) => isAlreadyMemberError(error) },
    );
    return failuresOf(memberIds, outcomes);
  };

  const addMemberChunk = async (groupId: string, memberIds: string[]): Promise<MemberFailure[]> => {
    try {
      await http.send({
        method: 'PATCH',
        url: `/groups/${pathSegment(groupId)}`,
        body: { 'members@odata.bind': memberIds.map(directoryObjectRef) },
      });
      return [];
    } catch (error) {
      const e = error as GraphError;
      // All or nothing: one present or missing member fails the whole PATCH. Find out which, one by one.
      if (isAlreadyMemberError(e) || e instanceof GraphNotFoundError || e.kind === 'bad_request') {
        return memberIds.length === 1 && !isAlreadyMemberError(e)
          ? [{ memberId: memberIds[0] as string, error: e }]
          : addMembersOneByOne(groupId, memberIds);
      }
      if (e instanceof DryRunRejectedError) {
        return memberIds.map((memberId) => ({
          memberId,
          error: new DryRunRejectedError(
            'POST',
            http.absoluteUrl(`/groups/${pathSegment(groupId)}/members/$ref`),
            {
              '@odata.id': directoryObjectRef(memberId),
            },
          ),
        }));
      }
      return memberIds.map((memberId) => ({ memberId, error: e }));
    }
  };

  return {
    listUsers: (select, opts) => pages<GraphUser>(listUrl('/users', select, opts?.top)),
    listGroups: (select, opts) => pages<GraphGroup>(listUrl('/groups', select, opts?.top)),
    async listGroupMemberIds(groupId, opts) {
      const members = await collect<{ id: string }>(
        listUrl(`/groups/${pathSegment(groupId)}/members`, ['id'], opts?.top),
      );
      return members.map((m) => m.id);
    },
    async getUser(idOrUpn, select) {
      const response = await http.send<GraphUser>({
        method: 'GET',
        url: `/users/${pathSegment(idOrUpn)}${queryString({ $select: selectList(select) })}`,
      });
      return response.body;
    },
    async getGroup(id, select) {
      const response = await http.send<GraphGroup>({
        method: 'GET',
        url: `/groups/${pathSegment(id)}${queryString({ $select: selectList(select) })}`,
      });
      return response.body;
    },
    findUserByUpn,
    directoryObjectRef,
    async latestDeltaLink(resource, select) {
      const response = await http.send<{ '@odata.deltaLink'?: string }>({
        method: 'GET',
        url: `/${resource}/delta${queryString({ $select: selectList(select), $deltatoken: 'latest' })}`,
      });
      const link = response.body?.['@odata.deltaLink'];
      if (!link) throw new Error(`GET /${resource}/delta?$deltatoken=latest returned no @odata.deltaLink.`);
      return link;
    },
    async *delta(deltaLink) {
      let url: string | undefined = deltaLink;
      while (url) {
        const response: GraphResponse<Collection<Record<string, unknown>> & { '@odata.deltaLink'?: string }> =
          await http.send({ method: 'GET', url });
        const body = response.body;
        const next = body?.['@odata.deltaLink'];
        yield { value: body?.value ?? [], ...(next ? { deltaLink: next } : {}) };
        url = body?.['@odata.nextLink'];
      }
    },
    findGroupsByDisplayName: (name, select) => findGroupsBy('displayName', name, select),
    findGroupsByMailNickname: (nick, select) => findGroupsBy('mailNickname', nick, select),
    async createUser(body) {
      const response = await http.send<GraphUser>({
        method: 'POST',
        url: '/users',
        body,
        // A create answered with 5xx/429 may have been applied: look before creating again.
        verifyBeforeRetry: async () => {
          const existing = await lookupCreated('/users', body).catch(() => undefined);
          return existing ? { status: 201, body: existing, headers: {} } : undefined;
        },
      });
      return response.body;
    },
    async updateUser(id, patch) {
      await http.send({ method: 'PATCH', url: `/users/${pathSegment(id)}`, body: withoutId(patch) });
    },
    async deleteUser(id) {
      await http.send({ method: 'DELETE', url: `/users/${pathSegment(id)}` });
    },
    async createGroup(body) {
      const response = await http.send<GraphGroup>({
        method: 'POST',
        url: '/groups',
        body,
        // Duplicate groups are allowed by Graph, so a blind retry could create a second one.
        verifyBeforeRetry: async () => {
          const existing = await lookupCreated('/groups', body).catch(() => undefined);
          return existing ? { status: 201, body: existing, headers: {} } : undefined;
        },
      });
      return response.body;
    },
    async updateGroup(id, patch) {
      await http.send({ method: 'PATCH', url: `/groups/${pathSegment(id)}`, body: withoutId(patch) });
    },
    async deleteGroup(id) {
      await http.send({ method: 'DELETE', url: `/groups/${pathSegment(id)}` });
    },
    batchWrite: (requests) =>
      executeBatch(
        http,
        requests.map(
          (r): BatchItem => ({
            method: r.method,
            url: r.url,
            ...(r.body !== undefined
              ? { body: r.method === 'PATCH' && isRecord(r.body) ? withoutId(r.body) : r.body }
              : {}),
          }),
        ),
        { verifyBeforeRetry: (item) => findCreated(item) },
      ),
    async addGroupMembers(groupId, memberIds) {
      const unique = [...new Set(memberIds)];
      const results = await Promise.all(
        chunk(unique, MAX_BATCH_SIZE).map((ids) => addMemberChunk(groupId, ids)),
      );
      return results.flat();
    },
    async removeGroupMembers(groupId, memberIds) {
      const unique = [...new Set(memberIds)];
      const outcomes = await executeBatch(
        http,
        unique.map((memberId) => ({
          method: 'DELETE',
          url: `/groups/${pathSegment(groupId)}/members/${pathSegment(memberId)}/$ref`,
        })),
        { treatAsSuccess: (status) => status === 404 },
      );
      return failuresOf(unique, outcomes);
    },
    verifiedDomains,
    async testConnection() {
      let granted: string[] = [];
      try {
        granted = await tokens.grantedRoles();
        const missing = missingPermissions(granted);
        let domains: string[] = [];
        let error: string | undefined;
        try {
          domainsCache = undefined;
          domains = await verifiedDomains();
        } catch (e) {
          error = (e as Error).message;
        }
        return {
          ok: missing.length === 0 && error === undefined,
          verifiedDomains: domains,
          grantedPermissions: granted,
          missingPermissions: missing,
          ...(error !== undefined ? { error } : {}),
        };
      } catch (e) {
        return {
          ok: false,
          verifiedDomains: [],
          grantedPermissions: granted,
          missingPermissions: [],
          error: (e as Error).message,
        };
      }
    },
    stats: () => ({ ...http.stats }),
    async close() {
      await dispatcher.close();
    },
  };
}

function failuresOf(memberIds: readonly string[], outcomes: WriteOutcome[]): MemberFailure[] {
  const failures: MemberFailure[] = [];
  outcomes.forEach((outcome, i) => {
    if (!outcome.ok) failures.push({ memberId: memberIds[i] as string, error: outcome.error });
  });
  return failures;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
