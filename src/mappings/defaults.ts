/**
 * Managed default mappings. The storage layer creates them at start (idempotently, updating the
 * expression when it changes here) and refuses to delete them. Each is documented, with its
 * expression, in docs/property-mappings.md.
 *
 * Differences from authentik's default Entra mappings (compatibility: same output otherwise), all
 * deliberate (docs/property-mappings.md, "Managed default mappings"):
 * - the initial password is random (`randomPassword()`, host CSPRNG), never the local hash;
 * - `onPremisesImmutableId` is a plain string (authentik's tuple typo made it a list);
 * - `mailNickname` is always a valid Graph nickname, not the raw username;
 * - a user without an email address fails with a per-object error instead of sending a null UPN.
 */
import type { MappingObjectKind } from './types.js';

/** `managed` key of the default user mapping. */
export const MANAGED_USER_MAPPING_KEY = 'conduit/providers/microsoft_entra/user';
/** `managed` key of the default group mapping. */
export const MANAGED_GROUP_MAPPING_KEY = 'conduit/providers/microsoft_entra/group';

/** Expression of the default user mapping. */
export const DEFAULT_USER_MAPPING_EXPRESSION = `// Conduit default: directory user -> Microsoft Entra ID user.
if (!user.email) {
  throw new Error("user " + user.username + " has no email address, so it has no userPrincipalName");
}
const body = {
  displayName: user.name || user.username,
  accountEnabled: user.is_active,
  mailNickname: mailNicknameFrom(user.username, "user-" + user.pk),
  userPrincipalName: user.email,
  onPremisesImmutableId: String(user.uid),
};
if (connection === null) {
  // Only when creating: Entra requires an initial password. It is random (never derived from
  // the local password hash) and must be changed at the first sign-in.
  body.passwordProfile = { password: randomPassword(), forceChangePasswordNextSignIn: true };
}
return body;
`;

/** Expression of the default group mapping. */
export const DEFAULT_GROUP_MAPPING_EXPRESSION = `// Conduit default: directory group -> Microsoft Entra ID security group.
({
  displayName: group.name,
  mailEnabled: false,
  securityEnabled: true,
  mailNickname: mailNicknameFrom(slugify(group.name), "group-" + group.num_pk),
})
`;

/** A managed mapping as the storage layer creates it. */
export interface ManagedMapping {
  /** Stable key stored in the mapping's `managed` column. */
  managed: string;
  /** Which set it belongs to. */
  kind: MappingObjectKind;
  /** Display name (also its position in name order). */
  name: string;
  /** JavaScript expression. */
  expression: string;
}

/** The managed default mappings, created at start by the storage layer. */
export const managedMappings: ReadonlyArray<Readonly<ManagedMapping>> = Object.freeze([
  Object.freeze({
    managed: MANAGED_USER_MAPPING_KEY,
    kind: 'user' as const,
    name: 'Conduit default Microsoft Entra Mapping: User',
    expression: DEFAULT_USER_MAPPING_EXPRESSION,
  }),
  Object.freeze({
    managed: MANAGED_GROUP_MAPPING_KEY,
    kind: 'group' as const,
    name: 'Conduit default Microsoft Entra Mapping: Group',
    expression: DEFAULT_GROUP_MAPPING_EXPRESSION,
  }),
]);
