import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_GROUP_MAPPING_EXPRESSION,
  DEFAULT_USER_MAPPING_EXPRESSION,
  MANAGED_GROUP_MAPPING_KEY,
  MANAGED_USER_MAPPING_KEY,
  managedMappings,
} from './defaults.js';
import { PropertyMappingError } from './errors.js';
import { compileMappingSet } from './mapping-workers.js';
import { SAMPLE_PROVIDER as provider, sampleUser } from './sample-contexts.js';
import type { CompiledMappingSet, MappingGroup, MappingOutcome, MappingUser } from './types.js';

const NICKNAME = /^[\x21-\x7e]{1,64}$/;
const FORBIDDEN = /[@()\\[\]";:<>,\s]/;

function user(overrides: Partial<MappingUser> = {}): MappingUser {
  return sampleUser({
    pk: 42,
    uid: '3f1c0a9e7b',
    username: 'jane.doe',
    email: 'jane.doe@example.com',
    ...overrides,
  });
}

function group(overrides: Partial<MappingGroup> = {}): MappingGroup {
  return {
    pk: '6c7e',
    num_pk: 9,
    name: 'Sales Team',
    attributes: {},
    is_superuser: false,
    parents: [],
    member_count: 3,
    ...overrides,
  };
}

function body(outcome: MappingOutcome): Record<string, unknown> {
  if (outcome.status !== 'ok')
    throw new Error(
      `expected ok, got ${outcome.status}: ${outcome.status === 'error' ? outcome.error.message : ''}`,
    );
  return outcome.body;
}

let userSet: CompiledMappingSet;
let groupSet: CompiledMappingSet;
beforeAll(async () => {
  userSet = await compileMappingSet(
    [{ id: 'u', name: 'default user', expression: DEFAULT_USER_MAPPING_EXPRESSION }],
    'user',
  );
  groupSet = await compileMappingSet(
    [{ id: 'g', name: 'default group', expression: DEFAULT_GROUP_MAPPING_EXPRESSION }],
    'group',
  );
});
afterAll(() => {
  userSet.dispose();
  groupSet.dispose();
});

describe('managedMappings', () => {
  it('lists one user and one group mapping under the Conduit keys', async () => {
    expect(managedMappings.map((x) => [x.managed, x.kind])).toEqual([
      [MANAGED_USER_MAPPING_KEY, 'user'],
      [MANAGED_GROUP_MAPPING_KEY, 'group'],
    ]);
    expect(MANAGED_USER_MAPPING_KEY).toBe('conduit/providers/microsoft_entra/user');
    expect(Object.isFrozen(managedMappings)).toBe(true);
  });
});

describe('default user mapping', () => {
  it('maps name, state, nickname, UPN and immutable id, plus a password profile on create', async () => {
    const result = body(await userSet.evaluate({ user: user(), provider, connection: null }));
    expect(result).toEqual({
      displayName: 'Jane Doe',
      accountEnabled: true,
      mailNickname: 'jane.doe',
      userPrincipalName: 'jane.doe@example.com',
      onPremisesImmutableId: '3f1c0a9e7b',
      passwordProfile: { password: expect.any(String), forceChangePasswordNextSignIn: true },
    });
  });

  it('sends no password on update, and follows is_active', async () => {
    const result = body(
      await userSet.evaluate({
        user: user({ is_active: false }),
        provider,
        connection: { remote_id: 'r', attributes: {} },
      }),
    );
    expect(result).not.toHaveProperty('passwordProfile');
    expect(result.accountEnabled).toBe(false);
    expect(typeof result.onPremisesImmutableId).toBe('string');
  });

  it('generates a different password meeting Entra policy for each created user', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const result = body(await userSet.evaluate({ user: user({ pk: i }), provider, connection: null }));
      const password = (result.passwordProfile as { password: string }).password;
      expect(password.length).toBeGreaterThanOrEqual(16);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[0-9]/);
      expect(password).toMatch(/[^A-Za-z0-9]/);
      seen.add(password);
    }
    expect(seen.size).toBe(50);
  });

  it('never derives the password from user data', async () => {
    const password = (
      body(
        await userSet.evaluate({
          user: user({ attributes: { password: 'pbkdf2_sha256$hash' } }),
          provider,
          connection: null,
        }),
      ).passwordProfile as { password: string }
    ).password;
    expect(password).not.toContain('pbkdf2');
  });

  it('turns awkward usernames into valid mail nicknames', async () => {
    const cases: Array<[string, string]> = [
      ['jane@example.com', 'jane_example.com'],
      ['Jöhn Dœ', 'John_D'], // ö loses its accent; œ has no ASCII form and the trailing _ is trimmed
      ['(admin) [ops]', 'admin_ops'],
      ['..dots..', 'dots'],
      ['a'.repeat(100), 'a'.repeat(64)],
    ];
    for (const [username, expected] of cases) {
      const nickname = body(
        await userSet.evaluate({ user: user({ username }), provider, connection: null }),
      ).mailNickname;
      expect(nickname).toBe(expected);
    }
  });

  it('falls back to a stable nickname when nothing valid remains', async () => {
    const nickname = body(
      await userSet.evaluate({ user: user({ username: '日本語' }), provider, connection: null }),
    ).mailNickname;
    expect(nickname).toBe('user-42');
  });

  it('always yields a valid Graph mailNickname (property test)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 120 }), async (username) => {
        const nickname = body(
          await userSet.evaluate({ user: user({ username }), provider, connection: null }),
        ).mailNickname as string;
        expect(nickname).toMatch(NICKNAME);
        expect(nickname).not.toMatch(FORBIDDEN);
      }),
      { numRuns: 300 },
    );
  });

  it('uses the username when the display name is empty', async () => {
    expect(
      body(await userSet.evaluate({ user: user({ name: '' }), provider, connection: null })).displayName,
    ).toBe('jane.doe');
  });

  it('fails for that user, naming the mapping, when there is no email (no UPN)', async () => {
    const outcome = await userSet.evaluate({ user: user({ email: '' }), provider, connection: null });
    expect(outcome.status).toBe('error');
    if (outcome.status !== 'error') return;
    expect(outcome.error).toBeInstanceOf(PropertyMappingError);
    expect(outcome.error.message).toContain('default user');
    expect(outcome.error.message).toContain('no email address');
  });
});

describe('default group mapping', () => {
  it('maps a security group with a slug nickname', async () => {
    expect(body(await groupSet.evaluate({ group: group(), provider, connection: null }))).toEqual({
      displayName: 'Sales Team',
      mailEnabled: false,
      securityEnabled: true,
      mailNickname: 'sales-team',
    });
  });

  it('falls back to a stable nickname when the slug is empty', async () => {
    expect(
      body(await groupSet.evaluate({ group: group({ name: '!!!' }), provider, connection: null }))
        .mailNickname,
    ).toBe('group-9');
  });

  it('always yields a valid Graph mailNickname (property test)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 120 }), async (name) => {
        const nickname = body(await groupSet.evaluate({ group: group({ name }), provider, connection: null }))
          .mailNickname as string;
        expect(nickname).toMatch(NICKNAME);
        expect(nickname).not.toMatch(FORBIDDEN);
      }),
      { numRuns: 300 },
    );
  });
});
