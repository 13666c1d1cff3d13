import { describe, expect, it } from 'vitest';
import { sortMappings } from './engine.js';
import {
  EmptyMappingResultError,
  InvalidMappingResultError,
  MappingSyntaxError,
  PropertyMappingError,
  UnknownGraphPropertyError,
} from './errors.js';
import { compileMappingSet, previewMappings } from './mapping-workers.js';
import { sampleUser } from './sample-contexts.js';
import type { MappingContext, MappingDefinition, MappingOutcome, MappingUser } from './types.js';

const provider = { pk: 1, name: 'Entra', tenant_id: 'tenant', client_id: 'client' };

function makeUser(overrides: Partial<MappingUser> = {}): MappingUser {
  return sampleUser({
    pk: 7,
    uid: 'f00dfeed',
    attributes: { department: 'Sales' },
    groups: [{ pk: 'a1', num_pk: 1, name: 'staff', attributes: {} }],
    all_group_names: ['staff', 'everyone'],
    ...overrides,
  });
}

function userContext(overrides: Partial<MappingUser> = {}): MappingContext {
  return { user: makeUser(overrides), provider, connection: null };
}

let nextId = 0;
function m(name: string, expression: string): MappingDefinition {
  nextId += 1;
  return { id: `id-${nextId}`, name, expression };
}

async function evaluateUser(mappings: MappingDefinition[], context = userContext()): Promise<MappingOutcome> {
  return previewMappings(mappings, 'user', context);
}

function expectOk(outcome: MappingOutcome): Record<string, unknown> {
  if (outcome.status !== 'ok')
    throw new Error(
      `expected ok, got ${outcome.status}: ${outcome.status === 'error' ? outcome.error.message : ''}`,
    );
  return outcome.body;
}

function expectError(outcome: MappingOutcome): Error & { code: string } {
  if (outcome.status !== 'error') throw new Error(`expected error, got ${outcome.status}`);
  return outcome.error;
}

describe('compileMappingSet: order and merge', () => {
  it('evaluates mappings in name order so the later name wins for scalars', async () => {
    const outcome = await evaluateUser([
      m('b second', '({ displayName: "from b" })'),
      m('a first', '({ displayName: "from a", jobTitle: "x" })'),
    ]);
    expect(expectOk(outcome)).toEqual({ displayName: 'from b', jobTitle: 'x' });
  });

  it('deep-merges objects and appends arrays across mappings', async () => {
    const outcome = await evaluateUser([
      m('1', '({ passwordProfile: { forceChangePasswordNextSignIn: true }, otherMails: ["a@x.com"] })'),
      m('2', '({ passwordProfile: { password: "Secret-123456789" }, otherMails: ["b@x.com"] })'),
    ]);
    expect(expectOk(outcome)).toEqual({
      passwordProfile: { forceChangePasswordNextSignIn: true, password: 'Secret-123456789' },
      otherMails: ['a@x.com', 'b@x.com'],
    });
  });

  it('accepts a function body with return, and an expression with a trailing semicolon', async () => {
    const body = 'const upper = user.name.toUpperCase();\nreturn { displayName: upper };';
    expect(expectOk(await evaluateUser([m('body', body)]))).toEqual({ displayName: 'JANE DOE' });
    expect(expectOk(await evaluateUser([m('expr', '({ displayName: user.username });\n')]))).toEqual({
      displayName: 'jdoe',
    });
    expect(
      expectOk(await evaluateUser([m('literal', '{ displayName: user.username, accountEnabled: true }')])),
    ).toEqual({
      displayName: 'jdoe',
      accountEnabled: true,
    });
  });

  it('lets null and undefined contribute nothing', async () => {
    const outcome = await evaluateUser([
      m('a', 'null'),
      m('b', 'return undefined'),
      m('c', '({ displayName: "x" })'),
      m('d', 'if (false) return {}'),
    ]);
    expect(expectOk(outcome)).toEqual({ displayName: 'x' });
  });

  it('sorts by name with code-unit order and breaks ties by id', async () => {
    const sorted = sortMappings([
      { id: '2', name: 'b', expression: '' },
      { id: '1', name: 'b', expression: '' },
      { id: '3', name: 'B', expression: '' },
      { id: '4', name: 'a', expression: '' },
    ]);
    expect(sorted.map((x) => x.id)).toEqual(['3', '4', '1', '2']);
  });

  it('passes provider and connection, and user/group by kind', async () => {
    const outcome = await previewMappings(
      [
        m(
          'ctx',
          '({ displayName: provider.name + ":" + connection.remote_id + ":" + (user === null) + ":" + group.name })',
        ),
      ],
      'group',
      {
        group: {
          pk: 'g',
          num_pk: 3,
          name: 'Admins',
          attributes: {},
          is_superuser: true,
          parents: [],
          member_count: 2,
        },
        provider,
        connection: { remote_id: 'remote-1', attributes: {} },
      },
    );
    expect(expectOk(outcome)).toEqual({ displayName: 'Entra:remote-1:true:Admins' });
  });
});

describe('compileMappingSet: SkipObject', () => {
  it.each([
    ['throw SkipObject', 'if (user.username === "jdoe") throw SkipObject;\nreturn { displayName: "x" }'],
    [
      'throw new SkipObject()',
      'if (user.username === "jdoe") throw new SkipObject("not synced");\nreturn { displayName: "x" }',
    ],
  ])('%s skips only that object, logged at debug level', async (_label, expression) => {
    const set = await compileMappingSet(
      [m('a base', '({ displayName: user.name })'), m('skipper', expression)],
      'user',
    );
    try {
      const skipped = await set.evaluate(userContext());
      expect(skipped.status).toBe('skip');
      if (skipped.status !== 'skip') return;
      expect(skipped.mapping).toBe('skipper');
      expect(skipped.logs).toContainEqual(expect.objectContaining({ mapping: 'skipper', level: 'debug' }));
      expect(skipped.logs.some((l) => l.level === 'error')).toBe(false);
      expect(expectOk(await set.evaluate(userContext({ username: 'other' })))).toEqual({ displayName: 'x' });
    } finally {
      set.dispose();
    }
  });
});

describe('compileMappingSet: errors', () => {
  it('names the mapping, the object, the line and column of a throw', async () => {
    const error = expectError(
      await evaluateUser([
        m('ok', '({displayName: "x"})'),
        m('broken', 'const a = 1;\n\nthrow new Error("boom");'),
      ]),
    );
    expect(error).toBeInstanceOf(PropertyMappingError);
    const e = error as PropertyMappingError;
    expect(e.code).toBe('property_mapping_error');
    expect(e.mappingName).toBe('broken');
    expect(e.line).toBe(3);
    expect(e.column).toBeGreaterThan(0);
    expect(e.object).toBe('user "jdoe" (pk 7)');
    expect(e.message).toContain('boom');
    expect(e.message).toContain('line 3');
  });

  it('reports runtime errors such as reading a property of null, with the line', async () => {
    const error = expectError(
      await evaluateUser([m('npe', 'const x = null;\nreturn { displayName: x.name };')]),
    ) as PropertyMappingError;
    expect(error.message).toContain('TypeError');
    expect(error.line).toBe(2);
  });

  it('reports thrown non-Error values', async () => {
    const error = expectError(await evaluateUser([m('str', 'throw "nope"')])) as PropertyMappingError;
    expect(error.reason).toContain('nope');
  });

  it('rejects syntax errors at compile time with the line', async () => {
    await expect(compileMappingSet([m('bad', 'const a = 1;\nconst = ;')], 'user')).rejects.toMatchObject({
      code: 'property_mapping_syntax_error',
      mappingName: 'bad',
      line: 2,
    });
    const preview = await evaluateUser([m('bad', 'return {')]);
    expect(expectError(preview)).toBeInstanceOf(MappingSyntaxError);
  });

  it('turns an empty merged result into EmptyMappingResultError', async () => {
    const error = expectError(await evaluateUser([m('a', 'null'), m('b', '({})')]));
    expect(error).toBeInstanceOf(EmptyMappingResultError);
    expect(error.code).toBe('empty_mapping_result');
    const none = expectError(await evaluateUser([]));
    expect(none).toBeInstanceOf(EmptyMappingResultError);
    expect((none as EmptyMappingResultError).mappingNames).toEqual([]);
  });

  it('rejects unknown Graph properties, naming mapping and property, with a suggestion', async () => {
    const error = expectError(
      await evaluateUser([m('good', '({displayName: "x"})'), m('legacy', '({ display_name: "x" })')]),
    );
    expect(error).toBeInstanceOf(UnknownGraphPropertyError);
    const e = error as UnknownGraphPropertyError;
    expect(e.code).toBe('unknown_graph_property');
    expect(e.mappingName).toBe('legacy');
    expect(e.property).toBe('display_name');
    expect(e.suggestion).toBe('displayName');
  });

  it('rejects read-only and relationship properties and group-only properties on users', async () => {
    for (const property of ['id', 'createdDateTime', 'members', 'securityEnabled']) {
      const error = expectError(await evaluateUser([m('x', `({ ${JSON.stringify(property)}: true })`)]));
      expect(error).toBeInstanceOf(UnknownGraphPropertyError);
    }
  });

  it('accepts directory extension properties', async () => {
    const body = expectOk(
      await evaluateUser([m('ext', '({ extension_0123456789abcdef0123456789abcdef_costCenter: "42" })')]),
    );
    expect(body).toEqual({ extension_0123456789abcdef0123456789abcdef_costCenter: '42' });
  });

  it('rejects results that are not objects', async () => {
    for (const expression of ['"a string"', '[1, 2]', '42', 'new Date(0)']) {
      const error = expectError(await evaluateUser([m('shape', expression)]));
      expect(error).toBeInstanceOf(InvalidMappingResultError);
    }
  });

  it('converts Dates to ISO strings and rejects non-finite numbers', async () => {
    expect(
      expectOk(await evaluateUser([m('d', '({ employeeHireDate: new Date(Date.UTC(2024, 0, 2)) })')])),
    ).toEqual({
      employeeHireDate: '2024-01-02T00:00:00.000Z',
    });
    expect(expectError(await evaluateUser([m('nan', '({ jobTitle: 0 / 0 })')]))).toBeInstanceOf(
      InvalidMappingResultError,
    );
  });
});

describe('compileMappingSet: context and helpers', () => {
  it('gives mappings frozen copies: writes fail and the host object is unchanged', async () => {
    const context = userContext();
    const before = structuredClone(context);
    for (const expression of [
      'user.name = "hacked"; return null',
      'user.groups.push({}); return null',
      'user.attributes.x = 1; return null',
      'provider.name = "x"; return null',
    ]) {
      const error = expectError(await evaluateUser([m('mutate', expression)], context));
      expect(error.message).toContain('TypeError');
    }
    expect(context).toEqual(before);
  });

  it('returns log lines from log() and logger.<level>()', async () => {
    const outcome = await evaluateUser([
      m(
        'logs',
        'log("hello", user.username, { n: 1 });\nlogger.warning("careful");\nlogger.debug("dbg");\nlogger.error("bad");\nreturn { displayName: "x" }',
      ),
    ]);
    expect(outcome.logs).toEqual([
      { mapping: 'logs', level: 'info', message: 'hello jdoe {"n":1}' },
      { mapping: 'logs', level: 'warning', message: 'careful' },
      { mapping: 'logs', level: 'debug', message: 'dbg' },
      { mapping: 'logs', level: 'error', message: 'bad' },
    ]);
  });

  it('bounds the number of log lines', async () => {
    const outcome = await evaluateUser([
      m('spam', 'for (let i = 0; i < 1000; i++) log("line", i);\nreturn { displayName: "x" }'),
    ]);
    expect(outcome.logs.length).toBe(101);
    expect(outcome.logs.at(-1)?.message).toContain('900 further log lines were dropped');
  });

  it('provides slugify, regexMatch, regexReplace, listFlatten and isGroupMember', async () => {
    const expression = `return {
      displayName: slugify("Ünïcode Group / Name!"),
      jobTitle: String(regexMatch(user.email, "@example\\\\.com$")) + "," + String(regexMatch(user.email, "^root")),
      department: regexReplace("a-b-c", "-", "_"),
      city: listFlatten(["first", "second"]) + "," + String(listFlatten([])) + "," + listFlatten("plain"),
      companyName: [isGroupMember(user, "everyone"), isGroupMember(user, { name: "staff" }), isGroupMember(user, "admins")].join(","),
    }`;
    expect(expectOk(await evaluateUser([m('helpers', expression)]))).toEqual({
      displayName: 'unicode-group-name',
      jobTitle: 'true,false',
      department: 'a_b_c',
      city: 'first,null,plain',
      companyName: 'true,true,false',
    });
  });

  it('keeps a compiled set reusable across many objects', async () => {
    const set = await compileMappingSet([m('n', '({ displayName: user.name + "!" })')], 'user');
    try {
      for (let i = 0; i < 200; i++) {
        expect(expectOk(await set.evaluate(userContext({ name: `u${i}` })))).toEqual({
          displayName: `u${i}!`,
        });
      }
    } finally {
      set.dispose();
    }
    await expect(set.evaluate(userContext())).rejects.toThrow(/disposed/);
  });
});

describe('compileMappingSet: provider changes and recovery', () => {
  it('sees the current provider on every evaluation, including after a timeout', async () => {
    const set = await compileMappingSet(
      [m('p', 'if (user.username === "loop") { while (true) {} }\nreturn { displayName: provider.name }')],
      'user',
      { timeoutMs: 50 },
    );
    try {
      const withProvider = (name: string, username = 'jdoe'): MappingContext => ({
        user: makeUser({ username }),
        provider: { ...provider, name },
        connection: null,
      });
      expect(expectOk(await set.evaluate(withProvider('first')))).toEqual({ displayName: 'first' });
      expect(expectOk(await set.evaluate(withProvider('first')))).toEqual({ displayName: 'first' });
      expect(expectOk(await set.evaluate(withProvider('second')))).toEqual({ displayName: 'second' });
      expect((await set.evaluate(withProvider('second', 'loop'))).status).toBe('error');
      expect(expectOk(await set.evaluate(withProvider('second')))).toEqual({ displayName: 'second' });
    } finally {
      set.dispose();
    }
  });
});

describe('compileMappingSet: how the user reaches the sandbox', () => {
  it('gives the same frozen user whether it has exactly the contract fields or extra ones', async () => {
    const probe = m(
      'probe',
      `const frozen = (v) => v === null || typeof v !== "object" || (Object.isFrozen(v) && Object.values(v).every(frozen));
return { displayName: JSON.stringify(user), accountEnabled: frozen(user) }`,
    );
    const set = await compileMappingSet([probe], 'user');
    try {
      const plainUser = makeUser();
      const withExtra = { ...makeUser(), extra: 'field' } as MappingUser;
      const a = expectOk(await set.evaluate({ user: plainUser, provider, connection: null }));
      const b = expectOk(await set.evaluate({ user: withExtra, provider, connection: null }));
      expect(a.accountEnabled).toBe(true);
      expect(b.accountEnabled).toBe(true);
      expect(JSON.parse(a.displayName as string)).toEqual(plainUser);
      expect(JSON.parse(b.displayName as string)).toEqual(withExtra);
      expect(Object.keys(JSON.parse(a.displayName as string))).toEqual(Object.keys(plainUser));
    } finally {
      set.dispose();
    }
  });

  it('gives a deeply frozen connection, user and provider whichever way the user travels', async () => {
    const probe = m(
      'probe',
      `const frozen = (v) => v === null || typeof v !== "object" || (Object.isFrozen(v) && Object.values(v).every(frozen));
return { displayName: JSON.stringify([connection, group]), accountEnabled: frozen(connection) && frozen(user) && frozen(provider) }`,
    );
    const connection = { remote_id: 'r-7', attributes: { displayName: 'Jane', otherMails: ['a@x.com'] } };
    const nestedProvider = { ...provider, settings: { domains: ['x.com'], flags: { a: true } } };
    const set = await compileMappingSet([probe], 'user');
    try {
      for (const user of [makeUser(), { ...makeUser(), extra: 1 } as MappingUser]) {
        const body = expectOk(await set.evaluate({ user, provider: nestedProvider, connection }));
        expect(body.accountEnabled).toBe(true);
        expect(JSON.parse(body.displayName as string)).toEqual([connection, null]);
      }
    } finally {
      set.dispose();
    }
  });
});

describe('compileMappingSet: group references shared across users', () => {
  const probe = m(
    'groups',
    `if (user.username === "loop") { while (true) {} }
const frozen = (v) => v === null || typeof v !== "object" || (Object.isFrozen(v) && Object.values(v).every(frozen));
return { displayName: JSON.stringify(user.groups), accountEnabled: frozen(user.groups) }`,
  );
  const group = (n: number, attributes: Record<string, unknown> = {}) => ({
    pk: `g${n}`,
    num_pk: n,
    name: `group ${n}`,
    attributes,
  });

  it('gives every user its own groups, frozen, across a rebuild and changed groups', async () => {
    const set = await compileMappingSet([probe], 'user', { timeoutMs: 100 });
    try {
      for (let i = 0; i < 60; i++) {
        const groups = [group(i % 7), group(i % 3, { tier: i % 2 }), group(100 + (i % 5))];
        if (i === 30)
          expect((await set.evaluate(userContext({ username: 'loop', groups }))).status).toBe('error');
        const body = expectOk(await set.evaluate(userContext({ groups })));
        expect(JSON.parse(body.displayName as string)).toEqual(groups);
        expect(body.accountEnabled).toBe(true);
      }
    } finally {
      set.dispose();
    }
  });

  it('keeps working when the shared table is full', async () => {
    // A 4 MiB sandbox keeps at most 128 KiB of shared references: 20 KiB each, about six fit.
    const set = await compileMappingSet([probe], 'user', { memoryLimitBytes: 4 * 1024 * 1024 });
    const big = (n: number) => group(n, { blob: String(n).repeat(20_000 / String(n).length) });
    try {
      for (let round = 0; round < 2; round++) {
        for (let n = 1; n <= 30; n++) {
          const groups = [big(n), group(0)];
          expect(
            JSON.parse(expectOk(await set.evaluate(userContext({ groups }))).displayName as string),
          ).toEqual(groups);
        }
      }
    } finally {
      set.dispose();
    }
  });
});

describe('compileMappingSet: result validation', () => {
  it('names the path of an invalid value nested in objects and arrays', async () => {
    const cases: Array<[string, string]> = [
      ['({ passwordProfile: { password: () => "x" } })', 'property passwordProfile.password is a function'],
      ['({ otherMails: ["a@x.com", true, Symbol("s")] })', 'property otherMails[2] is a symbol'],
      ['({ otherMails: ["a@x.com", [1, 0 / 0]] })', 'property otherMails[1][1] is NaN'],
      [
        '({ passwordProfile: JSON.parse(\'{"__proto__": 1}\') })',
        'not allowed (property passwordProfile.__proto__)',
      ],
    ];
    for (const [expression, fragment] of cases) {
      const error = expectError(await evaluateUser([m('bad', expression)]));
      expect(error).toBeInstanceOf(InvalidMappingResultError);
      expect(error.message).toContain(fragment);
    }
  });

  it('passes strings, booleans, numbers, null and nesting through unchanged, dropping undefined', async () => {
    const expression = `({
      displayName: "Jäne \\"quoted\\" \\u2028",
      accountEnabled: false,
      otherMails: ["a@x.com", "b@x.com"],
      passwordProfile: { forceChangePasswordNextSignIn: true, password: "p", skipped: undefined },
      employeeOrgData: { costCenter: null, division: "7" },
      ageGroup: undefined,
    })`;
    expect(expectOk(await evaluateUser([m('ok', expression)]))).toEqual({
      displayName: 'Jäne "quoted" \u2028',
      accountEnabled: false,
      otherMails: ['a@x.com', 'b@x.com'],
      passwordProfile: { forceChangePasswordNextSignIn: true, password: 'p' },
      employeeOrgData: { costCenter: null, division: '7' },
    });
  });
});
