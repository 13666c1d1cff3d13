/**
 * Deep merge of mapping results, as authentik's "always merger" (compatibility): objects merge recursively,
 * arrays append, anything else is overwritten by the later result. Inputs are plain JSON data
 * (parsed from the sandbox), so keys such as `__proto__` are own data keys: they are written with
 * `defineProperty` so that no merge can reach a prototype.
 */

type PlainObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is PlainObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function setOwn(target: PlainObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (isPlainObject(value)) {
    const out: PlainObject = {};
    for (const key of Object.keys(value)) setOwn(out, key, clone(value[key]));
    return out;
  }
  return value;
}

function mergeInto(target: PlainObject, source: PlainObject): void {
  for (const key of Object.keys(source)) {
    const incoming = source[key];
    const existing = Object.hasOwn(target, key) ? target[key] : undefined;
    if (isPlainObject(existing) && isPlainObject(incoming)) {
      mergeInto(existing, incoming);
    } else if (Array.isArray(existing) && Array.isArray(incoming)) {
      setOwn(target, key, [...existing, ...(clone(incoming) as unknown[])]);
    } else {
      setOwn(target, key, clone(incoming));
    }
  }
}

/**
 * Merge mapping results in order (later wins for scalars). `null`/`undefined` results contribute
 * nothing. Inputs are not modified.
 */
export function deepMergeMappingResults(
  ...results: ReadonlyArray<Readonly<Record<string, unknown>> | null | undefined>
): Record<string, unknown> {
  const merged: PlainObject = {};
  for (const result of results) if (result) mergeInto(merged, result as PlainObject);
  return merged;
}
