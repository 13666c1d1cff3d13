/** Hooks for providers and their sync state: one cache entry per key in `keys.ts`. */
import { useQuery } from '@tanstack/react-query';
import { entra, listAll, providers } from '../endpoints.js';
import type { ListParams } from '../types.js';
import { queryKeys } from './keys.js';

/** One Microsoft Entra provider. */
export function useProvider(id: number) {
  return useQuery({
    queryKey: queryKeys.providers.detail(id),
    queryFn: () => entra.get(id),
    enabled: Number.isInteger(id),
  });
}

/** A provider's sync status: polled every second while a full sync runs, every 10 s otherwise. */
export function useProviderStatus(id: number) {
  return useQuery({
    queryKey: queryKeys.syncStatus.detail(id),
    queryFn: () => entra.status(id),
    refetchInterval: (q) => (q.state.data?.is_running ? 1000 : 10_000),
  });
}

/** A provider's held deletions; shared by its page and its dashboard card. */
export function useHeldDeletions(id: number, enabled = true) {
  return useQuery({
    queryKey: queryKeys.providers.heldDeletions(id),
    queryFn: () => entra.heldDeletions(id),
    refetchInterval: 15_000,
    enabled,
  });
}

/** Every Microsoft Entra provider (a short list), for selects and per-object sync state. */
export function useAllEntraProviders() {
  return useQuery({ queryKey: queryKeys.providers.entraEverything, queryFn: () => listAll(entra.list) });
}

/** The first page of Entra providers, for the dashboard. */
export function useDashboardProviders() {
  return useQuery({ queryKey: queryKeys.providers.dashboard, queryFn: () => entra.list({ page_size: 50 }) });
}

/** Every provider of any type; `{ backchannel: true }` for the backchannel ones only. */
export function useAllProviders(q: ListParams = {}) {
  return useQuery({ queryKey: queryKeys.providers.anyType(q), queryFn: () => listAll(providers.all, q) });
}

/** The provider types the create wizard offers. */
export function useProviderTypes() {
  return useQuery({ queryKey: queryKeys.providers.types, queryFn: providers.types });
}

/** The server's initial values for a new provider (settings, national cloud, the demo tenant). */
export function useProviderDefaults() {
  return useQuery({ queryKey: queryKeys.providers.defaults, queryFn: entra.defaults });
}

/** One run with its first 100 per-object results. */
export function useRun(providerId: number, runId: string) {
  return useQuery({
    queryKey: queryKeys.runs.detail(providerId, runId),
    queryFn: () => entra.run(providerId, runId, { page_size: 100 }),
  });
}

/** The link between one user or group and a provider, or null when it was never synced. */
export function useObjectLink(
  kind: 'user' | 'group',
  providerId: number,
  localId: number,
  objectRef: string,
) {
  return useQuery({
    queryKey: queryKeys.links.ofObject(kind, providerId, objectRef),
    queryFn: async () =>
      kind === 'user'
        ? ((await entra.userLinks({ provider__id: providerId, user__id: localId })).results[0] ?? null)
        : ((await entra.groupLinks({ provider__id: providerId, group__group_uuid: objectRef })).results[0] ??
          null),
  });
}

/** The latest sync result of one user or group in a provider. */
export function useLastObjectResult(kind: 'user' | 'group', providerId: number, localId: number) {
  return useQuery({
    queryKey: queryKeys.results.ofObject(providerId, kind, localId),
    queryFn: () => entra.results(providerId, { object_type: kind, object_id: localId, page_size: 1 }),
  });
}
