/**
 * Every query key the UI uses, in one place. Keys nest by resource (`['providers', 'entra', 7]`), so
 * invalidating a prefix (`queryKeys.providers.all`) refreshes everything cached below it.
 */
import type { ListParams } from '../types.js';

export const queryKeys = {
  session: ['session'] as const,
  docs: (page: string) => ['doc', page] as const,
  /** A `SearchSelect`'s choices for the text typed (`list` names what it searches). */
  searchSelect: (list: string, text: string) => ['search-select', list, text] as const,
  users: {
    all: ['users'] as const,
    list: ['users'] as const,
    count: ['users', 'count'] as const,
    detail: (id: number) => ['users', id] as const,
  },
  groups: {
    all: ['groups'] as const,
    list: ['groups', 'list'] as const,
    count: ['groups', 'count'] as const,
    everything: ['groups', 'all'] as const,
    detail: (uuid: string) => ['groups', uuid] as const,
  },
  applications: { all: ['applications'] as const },
  tokens: { all: ['tokens'] as const },
  events: { all: ['events'] as const, actions: ['event-actions'] as const },
  jobs: { all: ['jobs'] as const, status: ['jobs', 'status'] as const, dead: ['jobs', 'dead'] as const },
  mappings: {
    all: ['mappings'] as const,
    everything: ['mappings', 'all'] as const,
    detail: (uuid: string) => ['mappings', uuid] as const,
    preview: (body: unknown) => ['mapping-preview', body] as const,
  },
  providers: {
    all: ['providers'] as const,
    /** Every provider of any type (the application form's selects). */
    anyType: (q: ListParams = {}) =>
      (q.backchannel ? ['providers', 'all', 'backchannel'] : ['providers', 'all']) as readonly unknown[],
    types: ['provider-types'] as const,
    defaults: ['provider-defaults'] as const,
    entraList: ['providers', 'entra'] as const,
    entraEverything: ['providers', 'entra', 'all'] as const,
    dashboard: ['providers', 'entra', 'dashboard'] as const,
    detail: (id: number) => ['providers', 'entra', id] as const,
    heldDeletions: (id: number) => ['providers', 'entra', id, 'held-deletions'] as const,
  },
  /** Sync status lives outside `providers`: assigning an application drops it separately. */
  syncStatus: { all: ['sync-status'] as const, detail: (id: number) => ['sync-status', id] as const },
  links: {
    all: ['links'] as const,
    list: (kind: 'users' | 'groups', providerId: number) => ['links', kind, providerId] as const,
    ofObject: (kind: 'user' | 'group', providerId: number, objectRef: string) =>
      ['links', kind, providerId, objectRef] as const,
  },
  results: {
    all: ['results'] as const,
    ofObject: (providerId: number, kind: 'user' | 'group', localId: number) =>
      ['results', providerId, kind, localId] as const,
  },
  runs: {
    list: (providerId: number) => ['runs', providerId] as const,
    detail: (providerId: number, runId: string) => ['run', providerId, runId] as const,
  },
};
