import { describe, expect, it } from 'vitest';
import { deepMergeMappingResults } from './merge.js';

describe('deepMergeMappingResults', () => {
  it('merges objects recursively, appends arrays, overwrites scalars (later wins)', () => {
    const merged = deepMergeMappingResults(
      { a: 1, nested: { x: 1, list: [1] }, list: ['a'], replaced: { deep: true } },
      null,
      { a: 2, nested: { y: 2, list: [2] }, list: ['b'], replaced: 'scalar' },
      undefined,
    );
    expect(merged).toEqual({
      a: 2,
      nested: { x: 1, y: 2, list: [1, 2] },
      list: ['a', 'b'],
      replaced: 'scalar',
    });
  });

  it('does not modify its inputs', () => {
    const first = { nested: { x: 1 }, list: [1] };
    const second = { nested: { y: 2 }, list: [2] };
    deepMergeMappingResults(first, second);
    expect(first).toEqual({ nested: { x: 1 }, list: [1] });
    expect(second).toEqual({ nested: { y: 2 }, list: [2] });
  });

  it('treats "__proto__" keys from JSON as data, never touching prototypes', () => {
    const hostile = JSON.parse(
      '{"__proto__": {"polluted": true}, "nested": {"__proto__": {"polluted": true}}}',
    ) as Record<string, unknown>;
    const merged = deepMergeMappingResults({ nested: {} }, hostile);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(merged.nested)).toBe(Object.prototype);
    expect(Object.hasOwn(merged, '__proto__')).toBe(true);
  });
});
