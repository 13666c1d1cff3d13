/**
 * OData query building for Graph: string literals, `$filter` clauses and query strings.
 *
 * Invariant: every value placed in a `$filter` goes through `odataString`, which doubles `'`
 * (https://learn.microsoft.com/en-us/graph/query-parameters#escaping-single-quotes); query strings are percent-encoded with `$` kept readable.
 */

/** An OData string literal: `O'Brien` → `'O''Brien'`. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `property eq 'value'` with the value escaped. */
export function eqFilter(property: string, value: string): string {
  return `${property} eq ${odataString(value)}`;
}

/** Builds `?$select=…&$top=…` from defined parameters, in the given order. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    parts.push(`${key}=${encodeURIComponent(String(value)).replace(/%24/g, '$').replace(/%2C/g, ',')}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** A `$select` value, always including `id`. */
export function selectList(select: readonly string[] | undefined): string | undefined {
  if (!select || select.length === 0) return undefined;
  return [...new Set(['id', ...select])].join(',');
}

/** Encodes an id or UPN for use as one path segment (`/users/{idOrUpn}`). */
export function pathSegment(value: string): string {
  return encodeURIComponent(value);
}
