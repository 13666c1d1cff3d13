import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidMappingResultError,
  MappingMemoryError,
  MappingSyntaxError,
  MappingTimeoutError,
  PropertyMappingError,
} from './errors.js';
import { compileMappingSet, previewMappings } from './mapping-workers.js';
import { sampleUserContext } from './sample-contexts.js';
import type { CompiledMappingSet, MappingContext, MappingOutcome } from './types.js';

const context: MappingContext = sampleUserContext();

function preview(
  expression: string,
  limits?: Parameters<typeof previewMappings>[3],
): Promise<MappingOutcome> {
  return previewMappings([{ id: '1', name: 'probe', expression }], 'user', context, limits);
}

function bodyOf(outcome: MappingOutcome): Record<string, unknown> {
  if (outcome.status !== 'ok')
    throw new Error(
      `expected ok, got ${outcome.status}: ${outcome.status === 'error' ? outcome.error.message : ''}`,
    );
  return outcome.body;
}

function errorOf(outcome: MappingOutcome): Error {
  if (outcome.status !== 'error') throw new Error(`expected error, got ${outcome.status}`);
  return outcome.error;
}

describe('sandbox: no host access', () => {
  it('has no process, require, module, timers, console or fetch', async () => {
    const names = [
      'process',
      'require',
      'module',
      'exports',
      'setTimeout',
      'setInterval',
      'queueMicrotask',
      'console',
      'fetch',
      'Buffer',
      'WebAssembly',
      'std',
      'os',
    ];
    const expression = `({ displayName: [${names.map((n) => `typeof ${n}`).join(', ')}].join(",") })`;
    expect(bodyOf(await preview(expression))).toEqual({
      displayName: names.map(() => 'undefined').join(','),
    });
  });

  it('fails cleanly when a mapping calls require or process', async () => {
    for (const expression of ['require("fs")', 'process.exit(1)', 'process.env']) {
      const error = errorOf(await preview(expression));
      expect(error).toBeInstanceOf(PropertyMappingError);
      expect(error.message).toMatch(/ReferenceError: .* is not defined/);
    }
  });

  it('cannot reach the host through constructor chains', async () => {
    const error = errorOf(await preview("globalThis.constructor.constructor('return process')()"));
    expect(error.message).toMatch(/ReferenceError: '?process'? is not defined/);
    const viaFunction = bodyOf(
      await preview(`const F = (function () {}).constructor;
const g = F('return this')();
const viaArrow = (() => 0).constructor.constructor('return typeof process')();
const viaError = new Error().constructor.constructor('return typeof require')();
return { displayName: [typeof g.process, typeof g.require, viaArrow, viaError, g === globalThis].join(",") }`),
    );
    expect(viaFunction).toEqual({ displayName: 'undefined,undefined,undefined,undefined,true' });
  });

  it('cannot import modules', async () => {
    const error = errorOf(await preview('import("node:fs")'));
    expect(error).toBeInstanceOf(InvalidMappingResultError);
    expect(error.message).toContain('Promise');
    await expect(
      compileMappingSet(
        [{ id: '1', name: 'imp', expression: 'import fs from "node:fs";\nreturn {}' }],
        'user',
      ),
    ).rejects.toBeInstanceOf(MappingSyntaxError);
  });

  it('cannot pollute the host prototypes', async () => {
    const attempts = [
      'Object.prototype.polluted = true; return null',
      '({}).__proto__.polluted = true; return null',
      'Object.defineProperty(Object.prototype, "polluted", { value: true }); return null',
      'Array.prototype.push = function () {}; return null',
      'return JSON.parse(\'{"__proto__": {"polluted": true}}\')',
      'return { passwordProfile: JSON.parse(\'{"__proto__": {"polluted": true}}\') }',
      'return { displayName: "x", constructor: { prototype: { polluted: true } } }',
    ];
    const hostKeysBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    for (const expression of attempts) {
      const outcome = await preview(expression);
      expect(outcome.status).toBe('error');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(hostKeysBefore);
    expect(Array.prototype.push).toBe([].push);
  });

  it('cannot leave state behind for the next evaluation', async () => {
    const set = await compileMappingSet(
      [
        {
          id: '1',
          name: 'stateful',
          expression:
            'globalThis.counter = (globalThis.counter || 0) + 1;\nreturn { displayName: String(globalThis.counter) }',
        },
      ],
      'user',
    );
    try {
      for (let i = 0; i < 3; i++) {
        const outcome = await set.evaluate(context);
        expect(errorOf(outcome).message).toContain('TypeError');
      }
    } finally {
      set.dispose();
    }
    // Built-ins used by the helpers cannot be replaced either.
    const outcome = await preview('String.prototype.normalize = () => "pwned"; return null');
    expect(errorOf(outcome).message).toContain('TypeError');
  });

  it('still allows ordinary code that assigns name/toString on its own objects', async () => {
    const expression = `class MyError extends Error { constructor(m) { super(m); this.name = "MyError"; } }
const o = { a: 1 };
o.toString = () => "custom";
try { throw new MyError("x"); } catch (e) { return { displayName: e.name + ":" + String(o) }; }`;
    expect(bodyOf(await preview(expression))).toEqual({ displayName: 'MyError:custom' });
  });
});

describe('sandbox: limits', () => {
  it('ends while(true){} at the deadline', async () => {
    const started = performance.now();
    const error = errorOf(await preview('let i = 0;\nwhile (true) { i++; }', { timeoutMs: 100 }));
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(MappingTimeoutError);
    expect((error as MappingTimeoutError).code).toBe('property_mapping_timeout');
    expect(error.message).toContain('100 ms');
    expect(elapsed).toBeLessThan(3_000);
  });

  it('ends catastrophic regular expressions at the deadline', async () => {
    const error = errorOf(
      await preview('({ displayName: String(/(a+)+$/.test("a".repeat(40) + "b")) })', { timeoutMs: 100 }),
    );
    expect(error).toBeInstanceOf(MappingTimeoutError);
  });

  it('ends a loop that allocates gigabytes with a memory error', async () => {
    const started = performance.now();
    const error = errorOf(
      await preview(
        'const chunks = [];\nfor (let i = 0; i < 4096; i++) chunks.push(new Uint8Array(1024 * 1024).fill(i));\nreturn null',
        {
          timeoutMs: 20_000,
          memoryLimitBytes: 32 * 1024 * 1024,
        },
      ),
    );
    expect(error).toBeInstanceOf(MappingMemoryError);
    expect((error as MappingMemoryError).code).toBe('property_mapping_memory_limit');
    expect(error.message).toContain('32 MiB');
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it('ends string doubling and one huge allocation with an error', async () => {
    const doubling = errorOf(await preview('let s = "x";\nwhile (true) s = s + s;', { timeoutMs: 20_000 }));
    expect(doubling).toBeInstanceOf(PropertyMappingError);
    const huge = errorOf(await preview('new Uint8Array(2 ** 30).length', { timeoutMs: 20_000 }));
    expect(huge).toBeInstanceOf(PropertyMappingError);
  });

  it('reports deep recursion as a stack overflow without hurting the host', async () => {
    const error = errorOf(
      await preview('function f(n) { return f(n + 1) + 1; }\nreturn { displayName: String(f(0)) }'),
    );
    expect(error.message).toContain('stack overflow');
  });

  it('rejects deeply nested source without overflowing the host stack', async () => {
    const nested = `${'('.repeat(20_000)}1${')'.repeat(20_000)}`;
    await expect(
      compileMappingSet([{ id: '1', name: 'deep', expression: nested }], 'user'),
    ).rejects.toBeInstanceOf(MappingSyntaxError);
    const template = `${'`${'.repeat(5_000)}1${'}`'.repeat(5_000)}`;
    await expect(
      compileMappingSet([{ id: '1', name: 'deep', expression: template }], 'user'),
    ).rejects.toBeInstanceOf(MappingSyntaxError);
  });

  it('bounds huge return values', async () => {
    const error = errorOf(await preview('({ displayName: "x".repeat(2 * 1024 * 1024) })'));
    expect(error).toBeInstanceOf(InvalidMappingResultError);
    expect(error.message).toContain('larger than');
    const many = errorOf(
      await preview('({ otherMails: Array.from({ length: 300000 }, (_, i) => "m" + i) })', {
        timeoutMs: 5_000,
      }),
    );
    expect(many).toBeInstanceOf(InvalidMappingResultError);
  });

  it('rejects functions, symbols, class instances and cyclic objects in results', async () => {
    const cases: Array<[string, string]> = [
      ['({ displayName: () => "x" })', 'function'],
      ['(() => ({ displayName: "x" }))', 'function'],
      ['({ displayName: Symbol("s") })', 'symbol'],
      ['({ identities: [new Map()] })', 'not a plain object'],
      ['({ accountEnabled: 10n })', 'BigInt'],
      ['const o = { a: 1 };\no.self = o;\nreturn { employeeOrgData: o }', 'cyclic'],
      ['({ otherMails: [undefined] })', 'undefined'],
    ];
    for (const [expression, fragment] of cases) {
      const error = errorOf(await preview(expression));
      expect(error).toBeInstanceOf(PropertyMappingError);
      expect(error.message).toContain(fragment);
    }
  });
});

describe('sandbox: a compiled set keeps working after failures', () => {
  let set: CompiledMappingSet;
  const expression = `if (user.username === "loop") { while (true) {} }
if (user.username === "bomb") { const a = []; for (;;) a.push(new Uint8Array(1024 * 1024)); }
if (user.username === "throw") { throw new Error("bad user"); }
if (user.username === "recurse") { const f = (n) => f(n + 1) + 1; f(0); }
return { displayName: user.name };`;
  const as = (username: string): MappingContext => ({
    ...context,
    user: { ...(context.user as NonNullable<MappingContext['user']>), username, name: `name-${username}` },
  });

  beforeAll(async () => {
    set = await compileMappingSet([{ id: '1', name: 'guarded', expression }], 'user', {
      timeoutMs: 200,
      memoryLimitBytes: 16 * 1024 * 1024,
    });
  });
  afterAll(() => set.dispose());

  it.each(['loop', 'bomb', 'throw', 'recurse'])('recovers after "%s"', async (username) => {
    const failed = await set.evaluate(as(username));
    expect(failed.status).toBe('error');
    for (let i = 0; i < 3; i++) {
      expect(bodyOf(await set.evaluate(as(`ok${i}`)))).toEqual({ displayName: `name-ok${i}` });
    }
  });

  it('reports the line where a timeout struck', async () => {
    const failed = await set.evaluate(as('loop'));
    const error = errorOf(failed) as MappingTimeoutError;
    expect(error).toBeInstanceOf(MappingTimeoutError);
    expect(error.mappingName).toBe('guarded');
    expect(error.line).toBe(1);
  });
});

describe('sandbox: hostile context data', () => {
  it('reports absurdly nested attributes as an error and keeps working', async () => {
    const nest = (depth: number): Record<string, unknown> => {
      let deep: Record<string, unknown> = {};
      for (let i = 0; i < depth; i++) deep = { d: deep };
      return deep;
    };
    const set = await compileMappingSet(
      [{ id: '1', name: 'plain', expression: '({ displayName: user.name })' }],
      'user',
    );
    try {
      const user = context.user as NonNullable<MappingContext['user']>;
      // 1,000 levels: fine for the host, too deep for the sandbox's small stack.
      const inSandbox = errorOf(
        await set.evaluate({ ...context, user: { ...user, attributes: nest(1_000) } }),
      );
      expect(inSandbox.message).toContain('stack overflow');
      // 100,000 levels: already too deep to copy on the host side.
      const onHost = errorOf(
        await set.evaluate({ ...context, user: { ...user, attributes: nest(100_000) } }),
      );
      expect(onHost.message).toContain('could not be copied');
      expect(bodyOf(await set.evaluate(context))).toEqual({ displayName: 'Jane Doe' });
    } finally {
      set.dispose();
    }
  });
});
