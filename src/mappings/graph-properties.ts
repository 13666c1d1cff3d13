/**
 * Writable Microsoft Graph properties a mapping may return. The lists follow Graph v1.0's
 * "create user"/"update user" and "create group"/"update group" request bodies; `satisfies`
 * checks every name against `@microsoft/microsoft-graph-types`, so a typo fails to compile.
 * Read-only properties (`id`, `createdDateTime`, `proxyAddresses`, …) and relationships
 * (`members`, `manager`, …) are deliberately absent: membership is synced separately.
 */
import type { Group, User } from '@microsoft/microsoft-graph-types';
import type { MappingObjectKind } from './types.js';

const USER_PROPERTIES = [
  'aboutMe',
  'accountEnabled',
  'ageGroup',
  'birthday',
  'businessPhones',
  'city',
  'companyName',
  'consentProvidedForMinor',
  'country',
  'customSecurityAttributes',
  'department',
  'displayName',
  'employeeHireDate',
  'employeeId',
  'employeeLeaveDateTime',
  'employeeOrgData',
  'employeeType',
  'faxNumber',
  'givenName',
  'hireDate',
  'identities',
  'interests',
  'jobTitle',
  'mail',
  'mailNickname',
  'mobilePhone',
  'mySite',
  'officeLocation',
  'onPremisesExtensionAttributes',
  'onPremisesImmutableId',
  'otherMails',
  'passwordPolicies',
  'passwordProfile',
  'pastProjects',
  'postalCode',
  'preferredDataLocation',
  'preferredLanguage',
  'preferredName',
  'responsibilities',
  'schools',
  'skills',
  'state',
  'streetAddress',
  'surname',
  'usageLocation',
  'userPrincipalName',
  'userType',
] as const satisfies ReadonlyArray<keyof User>;

const GROUP_PROPERTIES = [
  'allowExternalSenders',
  'assignedLabels',
  'autoSubscribeNewMembers',
  'classification',
  'description',
  'displayName',
  'groupTypes',
  'hideFromAddressLists',
  'hideFromOutlookClients',
  'isAssignableToRole',
  'mailEnabled',
  'mailNickname',
  'membershipRule',
  'membershipRuleProcessingState',
  'preferredDataLocation',
  'preferredLanguage',
  'securityEnabled',
  'theme',
  'uniqueName',
  'visibility',
] as const satisfies ReadonlyArray<keyof Group>;

/** Writable properties of a Graph `user`. */
export const GRAPH_USER_PROPERTIES: ReadonlySet<string> = new Set<string>(USER_PROPERTIES);
/** Writable properties of a Graph `group`. */
export const GRAPH_GROUP_PROPERTIES: ReadonlySet<string> = new Set<string>(GROUP_PROPERTIES);

/**
 * Directory (schema) extension properties, `extension_<app id without dashes>_<name>`, are
 * tenant-defined and therefore accepted for both resources.
 */
const DIRECTORY_EXTENSION = /^extension_[0-9a-f]{32}_[A-Za-z0-9_]+$/;

/** Whether `property` may appear at the top level of a Graph body for `kind`. */
export function isWritableGraphProperty(kind: MappingObjectKind, property: string): boolean {
  const known = kind === 'user' ? GRAPH_USER_PROPERTIES : GRAPH_GROUP_PROPERTIES;
  return known.has(property) || DIRECTORY_EXTENSION.test(property);
}

/** A writable property that `property` probably meant (snake_case or wrong case), if any. */
export function suggestGraphProperty(kind: MappingObjectKind, property: string): string | undefined {
  const known = kind === 'user' ? GRAPH_USER_PROPERTIES : GRAPH_GROUP_PROPERTIES;
  const folded = property.replace(/[_\-\s]/g, '').toLowerCase();
  for (const name of known) if (name.toLowerCase() === folded) return name;
  return undefined;
}
