/**
 * Users: create, read, update, soft delete, with the validation rules and exact messages of
 * https://learn.microsoft.com/graph/api/user-post-users and
 * https://learn.microsoft.com/graph/api/resources/user. Validation order: body shape,
 * unknown/read-only properties, required properties, value rules, userPrincipalName format then
 * domain, password complexity, uniqueness.
 */

import type { DirectoryContext } from './directory-objects.js';
import {
  directoryTimestamp,
  removeFromParentGroups,
  stampChanged,
  stampCreated,
} from './directory-objects.js';
import {
  BadRequestError,
  InvalidPropertyValueError,
  ObjectConflictError,
  RequestBadRequestError,
  RequiredPropertyMissingError,
  UNREADABLE_JSON_MESSAGE,
} from './errors.js';
import { isRecord } from './jwt.js';
import type { Tenant, UserRecord } from './model.js';
import { newId } from './runtime.js';
import { USER_READ_ONLY, USER_SCHEMA } from './schemas.js';

const MAX_LENGTH: Record<string, number> = {
  displayName: 256,
  mailNickname: 64,
  givenName: 64,
  surname: 64,
  jobTitle: 128,
  department: 64,
  companyName: 64,
  employeeId: 16,
  employeeType: 64,
  city: 128,
  country: 128,
  state: 128,
  postalCode: 40,
  streetAddress: 1024,
  officeLocation: 128,
  mobilePhone: 64,
  faxNumber: 64,
  preferredLanguage: 10,
  mail: 256,
  onPremisesImmutableId: 256,
  passwordPolicies: 256,
  ageGroup: 64,
  consentProvidedForMinor: 64,
  userType: 10,
  employeeHireDate: 64,
  userPrincipalName: 113,
};

const READ_ONLY = new Set<string>(USER_READ_ONLY);
const REQUIRED_ON_CREATE = [
  'accountEnabled',
  'displayName',
  'mailNickname',
  'userPrincipalName',
  'passwordProfile',
] as const;
const WRITABLE = new Set<string>(USER_SCHEMA.writable);

/** Characters allowed in a user's mailNickname: printable ASCII except `@ ( ) \ [ ] " ; : < > ,` and space. */
const USER_NICKNAME = /^[\x21-\x7e]+$/;
const USER_NICKNAME_FORBIDDEN = /[@()\\[\]";:<>,]/;
const UPN_ALIAS = /^[A-Za-z0-9'.\-_!#^~]+$/;
const DOMAIN = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export const WEAK_PASSWORD_MESSAGE =
  'The specified password does not comply with password complexity requirements.';
export const UPN_DOMAIN_MESSAGE =
  'The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.';

/** Throws unless the body is a JSON object. */
export function requireObjectBody(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) throw new BadRequestError(UNREADABLE_JSON_MESSAGE);
  return body;
}

/** Rejects properties the resource does not have or that are read-only. */
export function rejectUnknownProperties(
  body: Record<string, unknown>,
  writable: Set<string>,
  readOnly: Set<string>,
  allowedAnnotations: string[] = [],
): void {
  for (const key of Object.keys(body)) {
    if (key === '@odata.type' || allowedAnnotations.includes(key)) continue;
    if (writable.has(key)) continue;
    if (readOnly.has(key))
      throw new RequestBadRequestError(`Property '${key}' is read-only and cannot be set.`);
    throw new RequestBadRequestError(`Invalid property '${key}'.`);
  }
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Password rule: 8–256 characters, ASCII only, at least 3 of the 4 classes. */
export function isComplexPassword(password: string): boolean {
  if (password.length < 8 || password.length > 256) return false;
  if (!/^[\x20-\x7e]+$/.test(password)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return classes >= 3;
}

/** Validates a userPrincipalName's shape, then its domain against the tenant's verified domains. */
export function validateUserPrincipalName(tenant: Tenant, upn: unknown): string {
  if (typeof upn !== 'string') throw new InvalidPropertyValueError('userPrincipalName', 'User');
  const at = upn.lastIndexOf('@');
  const alias = upn.slice(0, at);
  const domain = upn.slice(at + 1);
  if (at <= 0 || upn.length > 113 || alias.length > 64 || domain.length === 0 || domain.length > 48) {
    throw new InvalidPropertyValueError('userPrincipalName', 'User');
  }
  if (!UPN_ALIAS.test(alias) || alias.startsWith('.') || alias.endsWith('.') || !DOMAIN.test(domain)) {
    throw new InvalidPropertyValueError('userPrincipalName', 'User');
  }
  if (!tenant.verifiedDomains.some((d) => d.toLowerCase() === domain.toLowerCase()))
    throw new RequestBadRequestError(UPN_DOMAIN_MESSAGE);
  return upn;
}

function validateValue(key: string, value: unknown, mode: 'create' | 'update'): void {
  if (key === 'displayName' && mode === 'update' && isEmpty(value))
    throw new InvalidPropertyValueError('displayName', 'User');
  if (value === null) return;
  switch (key) {
    case 'accountEnabled':
      if (typeof value !== 'boolean') throw new InvalidPropertyValueError(key, 'User');
      return;
    case 'businessPhones':
    case 'otherMails':
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
        throw new InvalidPropertyValueError(key, 'User');
      if (key === 'businessPhones' && value.length > 1) throw new InvalidPropertyValueError(key, 'User');
      if (key === 'otherMails' && value.some((v) => !EMAIL.test(String(v))))
        throw new InvalidPropertyValueError(key, 'User');
      return;
    case 'passwordProfile': {
      if (!isRecord(value)) throw new InvalidPropertyValueError(key, 'User');
      for (const k of Object.keys(value)) {
        if (
          !['password', 'forceChangePasswordNextSignIn', 'forceChangePasswordNextSignInWithMfa'].includes(k)
        )
          throw new RequestBadRequestError(`Invalid property '${k}'.`);
      }
      if (
        value.forceChangePasswordNextSignIn !== undefined &&
        typeof value.forceChangePasswordNextSignIn !== 'boolean'
      ) {
        throw new InvalidPropertyValueError('forceChangePasswordNextSignIn', 'User');
      }
      if (isEmpty(value.password)) throw new RequiredPropertyMissingError('password');
      if (typeof value.password !== 'string') throw new InvalidPropertyValueError('password', 'User');
      return;
    }
    case 'userPrincipalName':
      return; // validated separately: format first, then domain
    default: {
      if (typeof value !== 'string') throw new InvalidPropertyValueError(key, 'User');
      const max = MAX_LENGTH[key];
      if (max !== undefined && value.length > max) throw new InvalidPropertyValueError(key, 'User');
      if (key === 'mailNickname' && (!USER_NICKNAME.test(value) || USER_NICKNAME_FORBIDDEN.test(value)))
        throw new InvalidPropertyValueError(key, 'User');
      if (key === 'mail' && !EMAIL.test(value)) throw new InvalidPropertyValueError(key, 'User');
      if (key === 'usageLocation' && !/^[A-Za-z]{2}$/.test(value))
        throw new InvalidPropertyValueError(key, 'User');
    }
  }
}

/**
 * Live users by lower-cased UPN, so the uniqueness check does not scan the tenant on every create
 * (quadratic at 100k users). Kept current where users are created, renamed, deleted and restored;
 * an entry that no longer matches is dropped and the index rebuilt.
 */
const upnIndexes = new WeakMap<Tenant, Map<string, string>>();

function upnIndex(tenant: Tenant): Map<string, string> {
  let index = upnIndexes.get(tenant);
  if (!index) {
    index = new Map();
    for (const user of tenant.users.values())
      index.set(String(user.props.userPrincipalName).toLowerCase(), user.id);
    upnIndexes.set(tenant, index);
  }
  return index;
}

/** Record that `user` now holds its UPN (after a create, a rename or a restore). */
export function indexUserPrincipalName(tenant: Tenant, user: UserRecord, previousUpn?: unknown): void {
  const index = upnIndex(tenant);
  if (previousUpn !== undefined) index.delete(String(previousUpn).toLowerCase());
  index.set(String(user.props.userPrincipalName).toLowerCase(), user.id);
}

function upnTaken(tenant: Tenant, upn: string, exceptId?: string): boolean {
  const lower = upn.toLowerCase();
  const id = upnIndex(tenant).get(lower);
  if (id === undefined) return false;
  const holder = tenant.users.get(id);
  if (!holder || String(holder.props.userPrincipalName).toLowerCase() !== lower) {
    upnIndexes.delete(tenant);
    return upnTaken(tenant, upn, exceptId);
  }
  return id !== exceptId;
}

function checkPassword(body: Record<string, unknown>): void {
  const profile = body.passwordProfile;
  if (isRecord(profile) && typeof profile.password === 'string' && !isComplexPassword(profile.password))
    throw new RequestBadRequestError(WEAK_PASSWORD_MESSAGE);
}

/** Validates a create body; returns nothing, throws the first error as the service would. */
export function validateUserCreate(tenant: Tenant, raw: unknown): Record<string, unknown> {
  const body = requireObjectBody(raw);
  rejectUnknownProperties(body, WRITABLE, READ_ONLY);
  for (const key of REQUIRED_ON_CREATE) if (isEmpty(body[key])) throw new RequiredPropertyMissingError(key);
  for (const [key, value] of Object.entries(body))
    if (key !== '@odata.type') validateValue(key, value, 'create');
  validateUserPrincipalName(tenant, body.userPrincipalName);
  checkPassword(body);
  if (upnTaken(tenant, String(body.userPrincipalName))) throw new ObjectConflictError('userPrincipalName');
  return body;
}

/** POST /users. */
export function createUser(ctx: DirectoryContext, raw: unknown): UserRecord {
  const body = validateUserCreate(ctx.tenant, raw);
  const id = newId(ctx.runtime);
  const props: Record<string, unknown> = {
    businessPhones: [],
    givenName: null,
    jobTitle: null,
    mail: null,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    surname: null,
    otherMails: [],
    proxyAddresses: [],
    userType: 'Member',
    creationType: null,
    onPremisesSyncEnabled: null,
    deletedDateTime: null,
    createdDateTime: directoryTimestamp(ctx.now),
  };
  for (const [key, value] of Object.entries(body)) if (key !== '@odata.type') props[key] = value;
  if (typeof props.mail === 'string') props.proxyAddresses = [`SMTP:${props.mail}`];
  ctx.tenant.seq += 1;
  const user: UserRecord = { kind: 'user', id, seq: ctx.tenant.seq, version: 0, visibleAt: 0, props };
  stampCreated(ctx, user);
  ctx.tenant.users.set(id, user);
  indexUserPrincipalName(ctx.tenant, user);
  return user;
}

/** PATCH /users/{id}. */
export function updateUser(ctx: DirectoryContext, user: UserRecord, raw: unknown): void {
  const body = requireObjectBody(raw);
  rejectUnknownProperties(body, WRITABLE, READ_ONLY);
  for (const [key, value] of Object.entries(body))
    if (key !== '@odata.type') validateValue(key, value, 'update');
  if ('userPrincipalName' in body) {
    validateUserPrincipalName(ctx.tenant, body.userPrincipalName);
    if (upnTaken(ctx.tenant, String(body.userPrincipalName), user.id))
      throw new ObjectConflictError('userPrincipalName');
  }
  if ('mailNickname' in body && isEmpty(body.mailNickname))
    throw new InvalidPropertyValueError('mailNickname', 'User');
  if ('accountEnabled' in body && body.accountEnabled === null)
    throw new InvalidPropertyValueError('accountEnabled', 'User');
  checkPassword(body);
  const keys = Object.keys(body).filter((k) => k !== '@odata.type');
  if (keys.length === 0) return;
  const before = { ...user.props };
  for (const key of keys) user.props[key] = body[key];
  if ('userPrincipalName' in body) indexUserPrincipalName(ctx.tenant, user, before.userPrincipalName);
  if ('mail' in body) user.props.proxyAddresses = typeof body.mail === 'string' ? [`SMTP:${body.mail}`] : [];
  stampChanged(ctx, user, before);
}

/** DELETE /users/{id}: moves the user to deleted items and out of every group. */
export function softDeleteUser(ctx: DirectoryContext, user: UserRecord): void {
  const { groups, version } = removeFromParentGroups(ctx, user);
  ctx.tenant.users.delete(user.id);
  user.props.deletedDateTime = directoryTimestamp(ctx.now);
  user.version = version;
  ctx.tenant.deleted.set(user.id, { record: user, deletedAt: ctx.now, memberOf: groups.map((g) => g.id) });
  ctx.tenant.tombstones.push({ id: user.id, kind: 'user', version, reason: 'changed' });
}

/** True when a live user already holds this UPN (used by restore). */
export function isUserPrincipalNameTaken(tenant: Tenant, upn: string): boolean {
  return upnTaken(tenant, upn);
}
