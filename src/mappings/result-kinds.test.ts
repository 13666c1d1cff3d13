/**
 * Result kinds and set preludes: a `directory` set checks its results against the fields of a
 * directory user or group instead of the Graph property list, and a prelude defines helpers
 * before the mappings without moving their line numbers. The `graph` kind stays the default.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  EmptyMappingResultError,
  InvalidMappingResultError,
  type PropertyMappingError,
  UnknownDirectoryFieldError,
  UnknownGraphPropertyError,
} from './errors.js';
import { compileMappingSet, previewMappings, stopMappingWorkers } from './mapping-workers.js';
import type {
  MappingContext,
  MappingDefinition,
  MappingObjectKind,
  MappingOutcome,
  MappingPrelude,
  MappingSetOptions,
} from './types.js';

afterAll(async () => stopMappingWorkers());

const provider = { pk: 1, name: 'AD', tenant_id: '', client_id: '', slug: 'ad' };
// A source's context: not a MappingUser, the entry as the sandbox sees it.
const entry = { pk: 1, username: 'CN=Ada', name: 'CN=Ada', dn: 'CN=Ada', ldap: { cn: ['Ada'], mail: [] } };
const userContext = { user: entry, group: null, provider, connection: null } as unknown as MappingContext;
const groupContext = { user: null, group: entry, provider, connection: null } as unknown as MappingContext;

const prelude: MappingPrelude = {
  source:
    'const e = user !== null ? user : group;\nconst ldap = e.ldap;\nfunction attr(name) { return (ldap[name] || [])[0]; }\nfunction boom(why) { throw new Error("boom: " + why); }',
  names: ['ldap', 'attr', 'boom'],
};
const directory: MappingSetOptions = { resultKind: 'directory', prelude };

const m = (name: string, expression: string): MappingDefinition => ({ id: name, name, expression });

function run(
  mappings: MappingDefinition[],
  options: MappingSetOptions | undefined = directory,
  kind: MappingObjectKind = 'user',
): Promise<MappingOutcome> {
  return previewMappings(mappings, kind, kind === 'user' ? userContext : groupContext, undefined, options);
}

function errorOf(outcome: MappingOutcome): Error {
  if (outcome.status !== 'error') throw new Error(`expected an error, got ${JSON.stringify(outcome)}`);
  return outcome.error;
}

describe('directory result kind', () => {
  it('accepts every field of a directory user, merged in name order, null meaning not set', async () => {
    const outcome = await run([
      m('a', '({ username: "ada", name: attr("cn"), email: null, is_active: false, path: "people" })'),
      m('b', '({ type: "external", attributes: { nested: { list: [1, "two"] } } })'),
    ]);
    expect(outcome).toMatchObject({
      status: 'ok',
      body: {
        username: 'ada',
        name: 'Ada',
        email: null,
        is_active: false,
        path: 'people',
        type: 'external',
        attributes: { nested: { list: [1, 'two'] } },
      },
    });
  });

  it('refuses a field a directory user does not have, naming the field and the mapping', async () => {
    const error = errorOf(
      await run([m('good', '({ username: "ada" })'), m('graphish', '({ displayName: "Ada" })')]),
    );
    expect(error).toBeInstanceOf(UnknownDirectoryFieldError);
    expect(error).toMatchObject({ mappingName: 'graphish', field: 'displayName', kind: 'user' });
    expect(error.message).toMatch(
      /^Property mapping "graphish" \(user "CN=Ada" \(pk 1\)\) returned "displayName", which a directory user does not have; return username, name, email, is_active, path, attributes, type/,
    );
  });

  it('refuses a wrongly typed field with its path', async () => {
    const flag = errorOf(await run([m('flag', '({ is_active: "TRUE" })')]));
    expect(flag).toBeInstanceOf(InvalidMappingResultError);
    expect(flag).toMatchObject({ mappingName: 'flag' });
    expect((flag as PropertyMappingError).reason).toBe(
      "property is_active is a string, but a directory user's is_active is a boolean (or null)",
    );
    const many = errorOf(await run([m('many', '({ name: ldap.cn })')]));
    expect((many as PropertyMappingError).reason).toMatch(
      /^property name is an array, but .* a string .*return one of them/,
    );
    const attributes = errorOf(await run([m('attrs', '({ attributes: ["x"] })')]));
    expect((attributes as PropertyMappingError).reason).toMatch(
      /^property attributes is an array, but .* an object/,
    );
  });

  it('checks group mappings against the fields of a directory group', async () => {
    expect(
      await run([m('g', '({ name: "staff", is_superuser: true, attributes: {} })')], directory, 'group'),
    ).toEqual({
      status: 'ok',
      body: { name: 'staff', is_superuser: true, attributes: {} },
      logs: [],
    });
    const error = errorOf(await run([m('g', '({ username: "staff" })')], directory, 'group'));
    expect(error).toMatchObject({ field: 'username', kind: 'group', mappingName: 'g' });
    expect(error.message).toMatch(/a directory group does not have; return name, attributes, is_superuser/);
  });

  it('keeps SkipObject, and null results set nothing instead of failing', async () => {
    expect(
      await run([m('skip', 'if (!attr("uid")) throw new SkipObject("no uid");\nreturn { username: "x" };')]),
    ).toMatchObject({
      status: 'skip',
      mapping: 'skip',
    });
    expect(await run([m('none', 'null'), m('also none', 'return null;')])).toEqual({
      status: 'ok',
      body: {},
      logs: [],
    });
    expect(await run([], directory)).toEqual({ status: 'ok', body: {}, logs: [] });
  });

  it('says what a directory mapping must return when it returns something else', async () => {
    const error = errorOf(await run([m('text', '"ada"')]));
    expect(error).toBeInstanceOf(InvalidMappingResultError);
    expect(error.message).toMatch(
      /must return an object of directory user fields, or null; it returned a string/,
    );
  });
});

describe('graph result kind (the default)', () => {
  it('still checks Graph properties and refuses an empty result, when no result kind is given too', async () => {
    for (const options of [{}, { resultKind: 'graph' } as const]) {
      expect(errorOf(await run([m('dir', '({ is_active: true })')], options))).toBeInstanceOf(
        UnknownGraphPropertyError,
      );
      expect(errorOf(await run([m('none', 'null')], options))).toBeInstanceOf(EmptyMappingResultError);
      expect(await run([m('ok', '({ displayName: "Ada" })')], options)).toMatchObject({
        status: 'ok',
        body: { displayName: 'Ada' },
      });
    }
  });

  it('refuses an unknown result kind', async () => {
    await expect(
      compileMappingSet([m('x', 'null')], 'user', undefined, { resultKind: 'ldap' as 'graph' }),
    ).rejects.toThrow(/Unknown mapping result kind: ldap/);
  });
});

describe('set prelude', () => {
  it('reports the line of a thrown error in the expression itself, also when a helper throws', async () => {
    const body = errorOf(
      await run([m('body', 'const x = attr("cn");\n\nthrow new Error("no manager for " + x);')]),
    );
    expect(body).toMatchObject({ mappingName: 'body', line: 3 });
    expect(body.message).toMatch(/no manager for Ada/);
    const helper = errorOf(await run([m('helper', 'const x = 1;\nreturn { name: boom("line two") };')]));
    expect(helper).toMatchObject({ mappingName: 'helper', line: 2 });
    expect(helper.message).toMatch(/boom: line two/);
    const expression = errorOf(await run([m('expression', '({\n  name:\n    boom("three"),\n})')]));
    expect(expression).toMatchObject({ mappingName: 'expression', line: 3 });
  });

  it('lets a function body declare a prelude name again, and keeps one mapping from changing a helper', async () => {
    expect(
      await run([m('a', 'const ldap = { cn: ["Other"] };\nreturn { name: ldap.cn[0] };')]),
    ).toMatchObject({
      status: 'ok',
      body: { name: 'Other' },
    });
    const outcome = await run([
      m('a', 'try { attr.tag = "changed"; } catch (e) { log(e.name); }\nreturn null;'),
      m('b', '({ name: String(attr.tag) })'),
    ]);
    expect(outcome).toMatchObject({ status: 'ok', body: { name: 'undefined' } });
    expect(outcome.logs).toEqual([{ mapping: 'a', level: 'info', message: 'TypeError' }]);
  });

  it('refuses names that are not identifiers or shadow the context', async () => {
    for (const names of [['not-a-name'], ['user'], ['attr', 'attr']]) {
      await expect(
        compileMappingSet([m('x', 'null')], 'user', undefined, {
          prelude: { source: 'const attr = 1;', names },
        }),
      ).rejects.toThrow(/prelude's name/);
    }
  });
});
