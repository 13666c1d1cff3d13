/**
 * Response shapes of the core resources, as authentik's serializers name them (`User`, `PartialUser`,
 * `PartialGroup`, `RelatedGroup`, `Provider`), and the functions that build them from directory
 * objects. Lists are presented in a fixed number of queries per page, never one per row.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { groupsByUuids } from '../directory/groups.js';
import type { ProviderSummary } from '../directory/providers.js';
import { superusersAmong } from '../directory/superusers.js';
import type { Group, User } from '../directory/types.js';
import { groupUuidsOfUsers, userUid } from '../directory/users.js';
import type { Database } from '../store/schema.js';
import { jsonObject } from './core-fields.js';

type Db = Kysely<Database>;

export const userTypeSchema = z.enum(['internal', 'external', 'service_account', 'internal_service_account']);

export const partialGroupSchema = z.object({
  pk: z.string(),
  num_pk: z.number(),
  name: z.string(),
  is_superuser: z.boolean(),
  attributes: jsonObject,
});

export const roleSchema = z.object({ pk: z.string(), name: z.string() });

export const partialUserSchema = z.object({
  pk: z.number(),
  username: z.string(),
  name: z.string(),
  is_active: z.boolean(),
  last_login: z.string().nullable(),
  email: z.string(),
  attributes: jsonObject,
  uid: z.string(),
});

export const userSchema = partialUserSchema.extend({
  date_joined: z.string(),
  is_superuser: z.boolean(),
  groups: z.array(z.string()),
  groups_obj: z.array(partialGroupSchema).nullable(),
  roles: z.array(z.string()),
  roles_obj: z.array(roleSchema).nullable(),
  avatar: z.string(),
  path: z.string(),
  type: userTypeSchema,
  uuid: z.string(),
  password_change_date: z.string(),
  last_updated: z.string(),
});

export type UserResponse = z.infer<typeof userSchema>;

export function toPartialGroup(group: Group): z.infer<typeof partialGroupSchema> {
  return {
    pk: group.group_uuid,
    num_pk: group.num_pk,
    name: group.name,
    is_superuser: group.is_superuser,
    attributes: group.attributes,
  };
}

export function toPartialUser(user: User): z.infer<typeof partialUserSchema> {
  return {
    pk: user.pk,
    username: user.username,
    name: user.name,
    is_active: user.is_active,
    last_login: user.last_login,
    email: user.email,
    attributes: user.attributes,
    uid: userUid(user),
  };
}

/** An SVG with the user's initials, as a data URI: Conduit makes no outbound request for avatars. */
export function initialsAvatar(user: Pick<User, 'name' | 'username'>): string {
  const source = user.name.trim() || user.username;
  const initials = source
    .split(/\s+/)
    .slice(0, 2)
    .map((part) => [...part][0] ?? '')
    .join('')
    .toUpperCase()
    .replace(/[<>&"']/g, '');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="#3e4c59"/><text x="50%" y="50%" dy=".35em" fill="#fff" font-family="sans-serif" font-size="26" text-anchor="middle">${initials}</text></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** Users in authentik's `User` shape: memberships and superuser status read once for the whole list. */
export async function presentUsers(
  db: Db,
  users: User[],
  options: { includeGroups?: boolean } = {},
): Promise<UserResponse[]> {
  const pks = users.map((u) => u.pk);
  const [groupUuids, superusers] = await Promise.all([groupUuidsOfUsers(db, pks), superusersAmong(db, pks)]);
  const includeGroups = options.includeGroups ?? true;
  const groups = includeGroups ? await groupsByUuids(db, [...new Set([...groupUuids.values()].flat())]) : [];
  const groupByUuid = new Map(groups.map((g) => [g.group_uuid, g]));
  return users.map((user) => {
    const uuids = groupUuids.get(user.pk) ?? [];
    return {
      ...toPartialUser(user),
      date_joined: user.date_joined,
      is_superuser: superusers.has(user.pk),
      groups: uuids,
      groups_obj: includeGroups
        ? uuids
            .map((u) => groupByUuid.get(u))
            .filter((g): g is Group => g !== undefined)
            .map(toPartialGroup)
        : null,
      roles: [],
      roles_obj: [],
      avatar: initialsAvatar(user),
      path: user.path,
      type: user.type,
      uuid: user.uuid,
      // authentik sets it when the user is created (auto_now_add); Conduit records it only when a password is set.
      password_change_date: user.password_change_date ?? user.date_joined,
      last_updated: user.last_updated,
    };
  });
}

export async function presentUser(db: Db, user: User): Promise<UserResponse> {
  const [presented] = await presentUsers(db, [user]);
  return presented as UserResponse;
}

/** What authentik reports about each provider type; keyed by `providers.type`. */
export interface ProviderTypeInfo {
  name: string;
  description: string;
  component: string;
  verbose_name: string;
  verbose_name_plural: string;
  /** `app_label.model_name`, authentik's `meta_model_name`. */
  meta_model_name: string;
  /** Providers that only work as backchannel providers (sync), never as an application's main provider. */
  backchannel_only: boolean;
}

export const PROVIDER_TYPES: Record<string, ProviderTypeInfo> = {
  microsoft_entra: {
    name: 'Microsoft Entra Provider',
    description: 'Synchronise users and groups to Microsoft Entra ID.',
    component: 'ak-provider-microsoft-entra-form',
    verbose_name: 'Microsoft Entra Provider',
    verbose_name_plural: 'Microsoft Entra Providers',
    meta_model_name: 'authentik_providers_microsoft_entra.microsoftentraprovider',
    backchannel_only: true,
  },
};

export const providerSchema = z.object({
  pk: z.number(),
  name: z.string(),
  authentication_flow: z.string().nullable(),
  authorization_flow: z.string().nullable(),
  invalidation_flow: z.string().nullable(),
  property_mappings: z.array(z.string()),
  component: z.string(),
  assigned_application_slug: z.string().nullable(),
  assigned_application_name: z.string().nullable(),
  assigned_backchannel_application_slug: z.string().nullable(),
  assigned_backchannel_application_name: z.string().nullable(),
  verbose_name: z.string(),
  verbose_name_plural: z.string(),
  meta_model_name: z.string(),
});

export function toProvider(provider: ProviderSummary): z.infer<typeof providerSchema> {
  const info = PROVIDER_TYPES[provider.type];
  return {
    pk: provider.pk,
    name: provider.name,
    authentication_flow: null,
    authorization_flow: null,
    invalidation_flow: null,
    property_mappings: provider.property_mappings,
    component: info?.component ?? '',
    assigned_application_slug: provider.application?.slug ?? null,
    assigned_application_name: provider.application?.name ?? null,
    assigned_backchannel_application_slug: provider.backchannel_application?.slug ?? null,
    assigned_backchannel_application_name: provider.backchannel_application?.name ?? null,
    verbose_name: info?.verbose_name ?? provider.type,
    verbose_name_plural: info?.verbose_name_plural ?? provider.type,
    meta_model_name: info?.meta_model_name ?? provider.type,
  };
}
