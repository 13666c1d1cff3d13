/**
 * Sample mapping inputs: a provider, a user and a user's context with every field a mapping can
 * read, for tests and benchmarks that need one without caring about most of its values.
 */
import type { MappingContext, MappingProvider, MappingUser } from './types.js';

/** A provider as mappings see it. */
export const SAMPLE_PROVIDER: MappingProvider = { pk: 1, name: 'Entra', tenant_id: 't', client_id: 'c' };

/** Jane Doe (pk 1, `jdoe`), active, internal, in no group; `overrides` replace any field. */
export function sampleUser(overrides: Partial<MappingUser> = {}): MappingUser {
  return {
    pk: 1,
    uid: 'uid-1',
    username: 'jdoe',
    name: 'Jane Doe',
    email: 'jane@example.com',
    is_active: true,
    type: 'internal',
    path: 'users',
    attributes: {},
    last_login: null,
    groups: [],
    all_group_names: [],
    ...overrides,
  };
}

/** A user mapping's context: `sampleUser(overrides)`, the provider given (default `SAMPLE_PROVIDER`), no connection. */
export function sampleUserContext(
  overrides: Partial<MappingUser> = {},
  provider: MappingProvider = SAMPLE_PROVIDER,
): MappingContext {
  return { user: sampleUser(overrides), provider, connection: null };
}
