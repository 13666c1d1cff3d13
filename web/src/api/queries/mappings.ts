/** Hooks for property mappings and their preview. */
import { useQuery } from '@tanstack/react-query';
import { listAll, mappings } from '../endpoints.js';
import type { MappingPreviewRequest } from '../types.js';
import { queryKeys } from './keys.js';

/** All Entra property mappings (a short list), for the provider form's checklists. */
export function useAllMappings() {
  return useQuery({ queryKey: queryKeys.mappings.everything, queryFn: () => listAll(mappings.list) });
}

/** One property mapping (nothing is fetched without a uuid: the editor is creating one). */
export function useMapping(uuid: string | undefined) {
  return useQuery({
    queryKey: queryKeys.mappings.detail(uuid ?? ''),
    queryFn: () => mappings.get(uuid as string),
    enabled: !!uuid,
  });
}

/** The Graph body an expression produces for one object; the previous answer stays while typing. */
export function useMappingPreview(body: MappingPreviewRequest | null) {
  return useQuery({
    queryKey: queryKeys.mappings.preview(body),
    queryFn: () => mappings.preview(body as MappingPreviewRequest),
    enabled: body !== null && (body.expression ?? '').trim() !== '',
    placeholderData: (prev) => prev,
    retry: false,
    staleTime: 0,
  });
}
