/**
 * authentik's `{slug}/debug/`: a few users, groups and their membership values as the sync reads
 * them, to check the filters and the mappings' input before a first sync.
 */
import { joinDn } from './dn.js';
import { entryAttributes } from './entries.js';
import { openLdapSession } from './ldap-client.js';
import type { LdapSourceSettings } from './source-settings.js';

/** Entries shown per kind. */
export const DEBUG_SAMPLE_SIZE = 10;

export interface SourceDebug {
  user: Array<Record<string, unknown>>;
  group: Array<Record<string, unknown>>;
  membership: Array<Record<string, unknown>>;
}

/** Sample entries of the source; throws `LdapConnectionError` when the server cannot be read. */
export async function sampleSourceEntries(
  settings: LdapSourceSettings,
  bindPassword: string,
): Promise<SourceDebug> {
  const session = await openLdapSession(settings, bindPassword, { timeoutMs: 10_000 });
  try {
    const users = settings.sync_users
      ? await session.sample(
          joinDn(settings.additional_user_dn, settings.base_dn),
          settings.user_object_filter,
          DEBUG_SAMPLE_SIZE,
        )
      : [];
    const groups = settings.sync_groups
      ? await session.sample(
          joinDn(settings.additional_group_dn, settings.base_dn),
          settings.group_object_filter,
          DEBUG_SAMPLE_SIZE,
        )
      : [];
    const field = settings.group_membership_field;
    const membershipSource = settings.lookup_groups_from_user ? users : groups;
    return {
      user: users.map((e) => ({ dn: e.dn, attributes: entryAttributes(e) })),
      group: groups.map((e) => ({ dn: e.dn, attributes: entryAttributes(e) })),
      membership: membershipSource.map((e) => {
        const attributes = entryAttributes(e);
        const key = Object.keys(attributes).find((k) => k.toLowerCase() === field.toLowerCase());
        return { dn: e.dn, field, values: key ? attributes[key] : [] };
      }),
    };
  } finally {
    await session.close();
  }
}
