/** Hooks for the directory's users and groups. */
import { useQuery } from '@tanstack/react-query';
import { groups, listAll, users } from '../endpoints.js';
import { queryKeys } from './keys.js';

/** One user. */
export function useUser(id: number) {
  return useQuery({ queryKey: queryKeys.users.detail(id), queryFn: () => users.get(id) });
}

/** How many users the directory holds (one-row page). */
export function useUserCount() {
  return useQuery({
    queryKey: queryKeys.users.count,
    queryFn: () => users.list({ page_size: 1, include_groups: false }),
  });
}

/** One group with its members, parents and children. */
export function useGroup(uuid: string, enabled = true) {
  return useQuery({ queryKey: queryKeys.groups.detail(uuid), queryFn: () => groups.get(uuid), enabled });
}

/** Every group without its members, for checklists and names. */
export function useAllGroups() {
  return useQuery({
    queryKey: queryKeys.groups.everything,
    queryFn: () => listAll(groups.list, { include_users: false }),
  });
}

/** How many groups the directory holds (one-row page). */
export function useGroupCount() {
  return useQuery({
    queryKey: queryKeys.groups.count,
    queryFn: () => groups.list({ page_size: 1, include_users: false }),
  });
}
