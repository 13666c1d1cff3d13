/**
 * The emulator's in-memory directory.
 *
 * Terminology
 * - tenant: one Entra directory (GUID id, verified domains, users, groups, app registrations).
 * - app registration: a client id with secrets/certificates and granted application permissions
 *   (the `roles` of its access tokens).
 * - record: a user or group as stored; `props` hold Graph property values by their Graph names.
 * - seq: creation order, the stable default listing order and the paging key.
 * - version: the tenant-wide change counter value of an object's last change (drives delta).
 * - visibleAt: replication lag; before this instant other calls see 404 and lists omit the object.
 * - deleted item: a soft-deleted user or Microsoft 365 group, restorable for 30 (service) days.
 *
 * Invariants
 * - A user id or group id lives in exactly one of `users`, `groups`, `deleted`.
 * - `group.members` holds ids of live users/groups only; soft-deleting a user removes it from
 *   every group and remembers those groups on its deleted item so restore can put it back.
 * - Every change bumps `tenant.version` and stamps the changed record, tombstone or member change
 *   with the new value, so a delta token is just "the version I have seen".
 */

/** How a tenant's size class is chosen for the RU budget (https://learn.microsoft.com/graph/throttling-limits). */
export type TenantSizeClass = 'small' | 'medium' | 'large';

/** A client secret of an app registration. */
export interface AppSecret {
  keyId: string;
  secretText: string;
  displayName: string;
  /** Epoch ms (real time); the token endpoint answers AADSTS7000222 after it. */
  endDateTime: number;
}

/** A certificate credential of an app registration. */
export interface AppCertificate {
  keyId: string;
  certPem: string;
  /** base64url SHA-1 of the DER (`x5t`). */
  x5t: string;
  /** base64url SHA-256 of the DER (`x5t#S256`). */
  x5tS256: string;
}

/** An app registration plus its service principal in the tenant. */
export interface AppRegistration {
  clientId: string;
  displayName: string;
  servicePrincipalId: string;
  roles: string[];
  secrets: AppSecret[];
  certificates: AppCertificate[];
}

/** A stored user or group. */
export interface DirectoryRecord {
  id: string;
  seq: number;
  version: number;
  /** Epoch ms (real time) from which other calls see the object. */
  visibleAt: number;
  /** Properties as other callers still see them until `staleUntil` (replication lag of a PATCH). */
  staleProps?: Record<string, unknown>;
  staleUntil?: number;
  props: Record<string, unknown>;
}

/** A stored user. */
export interface UserRecord extends DirectoryRecord {
  kind: 'user';
}

/** One membership change, kept for `members@delta`. */
export interface MemberChange {
  memberId: string;
  memberKind: 'user' | 'group';
  version: number;
  removed: boolean;
  /** For removals: `deleted` when the member object itself went away. */
  reason?: 'changed' | 'deleted';
}

/** A stored group. */
export interface GroupRecord extends DirectoryRecord {
  kind: 'group';
  members: Set<string>;
  owners: Set<string>;
  memberChanges: MemberChange[];
}

/** A soft-deleted object. */
export interface DeletedItem {
  record: UserRecord | GroupRecord;
  /** Epoch ms (real time) of deletion. */
  deletedAt: number;
  /** Groups the user belonged to when deleted (restored with it). */
  memberOf: string[];
}

/** A delta tombstone for a deleted object. */
export interface Tombstone {
  id: string;
  kind: 'user' | 'group';
  version: number;
  reason: 'changed' | 'deleted';
}

/** One directory. */
export interface Tenant {
  id: string;
  displayName: string;
  /** Verified domain names; the first is the initial `*.onmicrosoft.com` domain. */
  verifiedDomains: string[];
  /** Fixed size class, or undefined to derive it from the user count. */
  sizeClass: TenantSizeClass | undefined;
  apps: Map<string, AppRegistration>;
  users: Map<string, UserRecord>;
  groups: Map<string, GroupRecord>;
  deleted: Map<string, DeletedItem>;
  tombstones: Tombstone[];
  seq: number;
  version: number;
  createdAt: number;
}

/** The size class used for throttling. */
export function tenantSizeClass(tenant: Tenant): TenantSizeClass {
  if (tenant.sizeClass) return tenant.sizeClass;
  const n = tenant.users.size;
  if (n < 50) return 'small';
  if (n <= 500) return 'medium';
  return 'large';
}

/** Bumps and returns the tenant's change version. */
export function nextVersion(tenant: Tenant): number {
  tenant.version += 1;
  return tenant.version;
}

/** Finds a tenant by GUID or by any of its verified domains (case-insensitive). */
export function findTenant(tenants: Map<string, Tenant>, idOrDomain: string): Tenant | undefined {
  const direct = tenants.get(idOrDomain.toLowerCase());
  if (direct) return direct;
  const lower = idOrDomain.toLowerCase();
  for (const tenant of tenants.values()) {
    if (tenant.verifiedDomains.some((d) => d.toLowerCase() === lower)) return tenant;
  }
  return undefined;
}
