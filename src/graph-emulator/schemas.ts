/**
 * Property catalogues of the resources the emulator serves: which properties exist (for
 * `$select` and unknown-property errors), which are writable, which are returned by default, and
 * which `$filter` operators each supports by default or only as an advanced query
 * (https://learn.microsoft.com/graph/aad-advanced-queries).
 */

/** Filter capabilities of one property. */
export interface FilterCapability {
  /** Operators allowed in a default query: `eq` (also `in`), `startswith`, `any` (lambda). */
  basic: ReadonlyArray<'eq' | 'startswith' | 'any'>;
  /** Extra operators allowed only in an advanced query. */
  advanced: ReadonlyArray<'ne' | 'not' | 'endswith' | 'null' | 'range' | 'eq' | 'startswith'>;
}

/** A resource type's catalogue. */
export interface ResourceSchema {
  resource: 'User' | 'Group';
  odataType: '#microsoft.graph.user' | '#microsoft.graph.group';
  typeName: 'microsoft.graph.user' | 'microsoft.graph.group';
  entitySet: 'users' | 'groups';
  /** Every property that may be selected, with canonical casing. */
  properties: readonly string[];
  /** Properties a client may send on create/update (besides `@odata.bind` annotations). */
  writable: readonly string[];
  /** Returned when no `$select` is given. */
  defaultSelect: readonly string[];
  filter: Readonly<Record<string, FilterCapability>>;
  /** `$orderby` without advanced query. */
  orderable: readonly string[];
}

const textDefault: FilterCapability = { basic: ['eq', 'startswith'], advanced: ['ne', 'not', 'null'] };
const textEndsWith: FilterCapability = {
  basic: ['eq', 'startswith'],
  advanced: ['ne', 'not', 'null', 'endswith'],
};
const boolDefault: FilterCapability = { basic: ['eq'], advanced: ['ne', 'not'] };
const collectionDefault: FilterCapability = { basic: ['any'], advanced: ['not', 'endswith'] };
const dateAdvanced: FilterCapability = { basic: [], advanced: ['range', 'eq', 'ne', 'null'] };
const advancedOnlyText: FilterCapability = { basic: [], advanced: ['eq', 'startswith', 'ne', 'not', 'null'] };

export const USER_WRITABLE = [
  'accountEnabled',
  'ageGroup',
  'businessPhones',
  'city',
  'companyName',
  'consentProvidedForMinor',
  'country',
  'department',
  'displayName',
  'employeeHireDate',
  'employeeId',
  'employeeType',
  'faxNumber',
  'givenName',
  'jobTitle',
  'mail',
  'mailNickname',
  'mobilePhone',
  'officeLocation',
  'onPremisesImmutableId',
  'otherMails',
  'passwordPolicies',
  'passwordProfile',
  'postalCode',
  'preferredLanguage',
  'state',
  'streetAddress',
  'surname',
  'usageLocation',
  'userPrincipalName',
  'userType',
] as const;

/** User properties the service sets; a client sending one gets 400. */
export const USER_READ_ONLY = [
  'id',
  'createdDateTime',
  'deletedDateTime',
  'proxyAddresses',
  'creationType',
  'onPremisesSyncEnabled',
] as const;

export const USER_SCHEMA: ResourceSchema = {
  resource: 'User',
  odataType: '#microsoft.graph.user',
  typeName: 'microsoft.graph.user',
  entitySet: 'users',
  properties: [...USER_WRITABLE, ...USER_READ_ONLY],
  writable: USER_WRITABLE,
  defaultSelect: [
    'businessPhones',
    'displayName',
    'givenName',
    'jobTitle',
    'mail',
    'mobilePhone',
    'officeLocation',
    'preferredLanguage',
    'surname',
    'userPrincipalName',
    'id',
  ],
  filter: {
    id: { basic: ['eq'], advanced: ['ne', 'not'] },
    displayName: textDefault,
    givenName: textDefault,
    surname: textDefault,
    mail: textEndsWith,
    mailNickname: textDefault,
    userPrincipalName: textEndsWith,
    employeeId: textDefault,
    employeeType: textDefault,
    jobTitle: textDefault,
    department: textDefault,
    companyName: textDefault,
    city: textDefault,
    country: textDefault,
    state: textDefault,
    postalCode: textDefault,
    streetAddress: textDefault,
    officeLocation: textDefault,
    mobilePhone: textDefault,
    usageLocation: textDefault,
    preferredLanguage: textDefault,
    userType: textDefault,
    ageGroup: textDefault,
    onPremisesImmutableId: textDefault,
    accountEnabled: boolDefault,
    otherMails: collectionDefault,
    proxyAddresses: collectionDefault,
    businessPhones: { basic: ['any'], advanced: ['not'] },
    createdDateTime: dateAdvanced,
    employeeHireDate: dateAdvanced,
  },
  orderable: ['displayName', 'userPrincipalName'],
};

export const GROUP_WRITABLE = [
  'classification',
  'description',
  'displayName',
  'groupTypes',
  'isAssignableToRole',
  'mailEnabled',
  'mailNickname',
  'preferredDataLocation',
  'securityEnabled',
  'visibility',
] as const;

export const GROUP_SCHEMA: ResourceSchema = {
  resource: 'Group',
  odataType: '#microsoft.graph.group',
  typeName: 'microsoft.graph.group',
  entitySet: 'groups',
  properties: [
    ...GROUP_WRITABLE,
    'id',
    'createdDateTime',
    'deletedDateTime',
    'expirationDateTime',
    'mail',
    'membershipRule',
    'membershipRuleProcessingState',
    'onPremisesSyncEnabled',
    'proxyAddresses',
    'renewedDateTime',
    'securityIdentifier',
  ],
  writable: GROUP_WRITABLE,
  defaultSelect: [
    'id',
    'deletedDateTime',
    'classification',
    'createdDateTime',
    'description',
    'displayName',
    'expirationDateTime',
    'groupTypes',
    'isAssignableToRole',
    'mail',
    'mailEnabled',
    'mailNickname',
    'membershipRule',
    'membershipRuleProcessingState',
    'onPremisesSyncEnabled',
    'preferredDataLocation',
    'proxyAddresses',
    'renewedDateTime',
    'securityEnabled',
    'securityIdentifier',
    'visibility',
  ],
  filter: {
    id: { basic: ['eq'], advanced: ['ne', 'not'] },
    displayName: textDefault,
    mail: textEndsWith,
    mailNickname: textDefault,
    securityEnabled: boolDefault,
    mailEnabled: boolDefault,
    groupTypes: collectionDefault,
    proxyAddresses: collectionDefault,
    description: advancedOnlyText,
    createdDateTime: dateAdvanced,
  },
  orderable: ['displayName'],
};

/** Canonical name of a property (case-insensitive lookup), or undefined. */
export function canonicalProperty(schema: ResourceSchema, name: string): string | undefined {
  const lower = name.toLowerCase();
  return schema.properties.find((p) => p.toLowerCase() === lower);
}
