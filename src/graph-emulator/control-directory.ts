/**
 * Controls over a tenant's directory: seeding users and groups, dumping the state, editing an
 * object by hand (as an administrator would in the portal, outside the app under test), and the
 * clocks tests move: delta-token expiry, replication lag, the age of deleted items.
 */

import { appSummary, tenantOf, tenantSummary } from './control-tenants.js';
import type { EmulatorControl, SeedResult } from './control-types.js';
import { ControlError } from './control-types.js';
import type { DirectoryContext } from './directory-objects.js';
import { findObject, findUser } from './directory-objects.js';
import { GraphError } from './errors.js';
import { addMember, createGroup, updateGroup } from './groups.js';
import type { GroupRecord, Tenant, UserRecord } from './model.js';
import type { EmulatorRuntime } from './runtime.js';
import { createUser, updateUser } from './users.js';

/** The controls this module implements. */
export type DirectoryControls = Pick<
  EmulatorControl,
  'seed' | 'getState' | 'updateObject' | 'expireDeltaTokens' | 'flushReplication' | 'ageDeletedItems'
>;

const DEFAULT_PASSWORD = 'Emulat0r!Passw0rd';

function bySeq(a: { seq: number }, b: { seq: number }): number {
  return a.seq - b.seq;
}

/** Runs a directory operation, turning Graph's validation errors into a 400 ControlError. */
function wrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof GraphError && !(error instanceof ControlError))
      throw new ControlError(400, `${error.code}: ${error.message}`);
    throw error;
  }
}

/** Generated bodies: `Seed User 1`, `Seed Group 2`, … numbered after the tenant's objects so far. */
function generated<T>(tenant: Tenant, count: number, body: (n: number) => T): T[] {
  return Array.from({ length: count }, (_, i) => body(tenant.seq + i + 1));
}

/** The directory controls over a runtime. */
export function directoryControls(runtime: EmulatorRuntime): DirectoryControls {
  const ctxOf = (tenant: Tenant): DirectoryContext => ({ runtime, tenant, now: Date.now() });
  const tenantsOf = (tenantId: string | undefined) =>
    tenantId ? [tenantOf(runtime, tenantId)] : [...runtime.tenants.values()];
  return {
    seed(input) {
      const tenant = tenantOf(runtime, input.tenantId);
      const ctx = ctxOf(tenant);
      const result: SeedResult = { users: [], groups: [] };
      const domain = tenant.verifiedDomains[0] as string;
      const userBodies =
        typeof input.users === 'number'
          ? generated(tenant, input.users, (n) => ({
              accountEnabled: true,
              displayName: `Seed User ${n}`,
              mailNickname: `seeduser${n}`,
              userPrincipalName: `seeduser${n}@${domain}`,
              givenName: 'Seed',
              surname: `User ${n}`,
            }))
          : (input.users ?? []);
      for (const body of userBodies) {
        const withPassword = {
          passwordProfile: { forceChangePasswordNextSignIn: false, password: DEFAULT_PASSWORD },
          ...body,
        };
        const user = wrap(() => createUser(ctx, withPassword));
        user.visibleAt = 0;
        result.users.push({ id: user.id, userPrincipalName: String(user.props.userPrincipalName) });
      }
      const groupBodies =
        typeof input.groups === 'number'
          ? generated(
              tenant,
              input.groups,
              (n) =>
                ({
                  displayName: `Seed Group ${n}`,
                  mailNickname: `seedgroup${n}`,
                  mailEnabled: false,
                  securityEnabled: true,
                }) as Record<string, unknown> & { members?: string[] },
            )
          : (input.groups ?? []);
      for (const { members, ...body } of groupBodies) {
        const group = wrap(() => createGroup(ctx, body));
        group.visibleAt = 0;
        for (const ref of members ?? []) {
          const target = findObject(ctx, ref) ?? findUser(ctx, ref);
          if (!target) throw new ControlError(400, `Seed member '${ref}' does not exist.`);
          wrap(() =>
            addMember(ctx, group, {
              '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${target.id}`,
            }),
          );
        }
        result.groups.push({ id: group.id, displayName: String(group.props.displayName) });
      }
      return result;
    },
    getState(tenantId) {
      return tenantsOf(tenantId).map((t) => ({
        ...tenantSummary(t),
        apps: [...t.apps.values()].map((a) => appSummary(t, a)),
        users: [...t.users.values()]
          .sort(bySeq)
          .map((u) => ({ id: u.id, ...u.props, visibleAt: new Date(u.visibleAt).toISOString() })),
        groups: [...t.groups.values()].sort(bySeq).map((g) => ({
          id: g.id,
          ...g.props,
          members: [...g.members],
          owners: [...g.owners],
          visibleAt: new Date(g.visibleAt).toISOString(),
        })),
        deletedItems: [...t.deleted.values()].map((d) => ({
          id: d.record.id,
          kind: d.record.kind,
          ...d.record.props,
          memberOf: d.memberOf,
        })),
      }));
    },
    updateObject(id, patch, tenantId) {
      const tenant = tenantOf(runtime, tenantId);
      const ctx = ctxOf(tenant);
      // By id whether or not replication has made it visible yet; a user also by UPN.
      const key = String(id).toLowerCase();
      const record = tenant.users.get(key) ?? tenant.groups.get(key) ?? findUser(ctx, key);
      if (!record)
        throw new ControlError(
          404,
          `No user or group '${id}' in tenant '${tenant.id}': give an object id or a UPN.`,
        );
      if (record.kind === 'user') wrap(() => updateUser(ctx, record, patch));
      else wrap(() => updateGroup(ctx, record, patch));
    },
    expireDeltaTokens() {
      runtime.deltaTokensValidFrom = Date.now() + 1;
    },
    flushReplication() {
      for (const t of runtime.tenants.values()) {
        const records: Array<UserRecord | GroupRecord> = [...t.users.values(), ...t.groups.values()];
        for (const r of records) {
          r.visibleAt = 0;
          delete r.staleProps;
          delete r.staleUntil;
        }
      }
    },
    ageDeletedItems(seconds, tenantId) {
      const shift = (seconds * 1000) / runtime.settings.timeScale;
      for (const t of tenantsOf(tenantId)) for (const item of t.deleted.values()) item.deletedAt -= shift;
    },
  };
}
