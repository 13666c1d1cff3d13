/**
 * Distinguished names as RFC 4514 writes them (https://www.rfc-editor.org/rfc/rfc4514): parsing
 * for validation, and one normal form so DNs read from different attributes compare equal
 * (`member` values, `memberOf` values, entry DNs). Attribute types compare case-insensitively and
 * the values of the attributes a DN is built from (cn, ou, dc, uid) do too in every common schema.
 */

/** One relative distinguished name component: `type=value`. */
export interface DnComponent {
  type: string;
  value: string;
}

const ATTRIBUTE_TYPE = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)*)$/;

/** Split on unescaped `sep`, keeping escapes in the parts. */
function splitUnescaped(text: string, separators: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\\' && i + 1 < text.length) {
      current += ch + (text[i + 1] as string);
      i++;
      continue;
    }
    if (separators.includes(ch)) {
      parts.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts;
}

/**
 * The components of `dn`, or a message saying what is wrong with it. An empty string is the root
 * DN (no components).
 */
export function parseDn(dn: string): DnComponent[] | string {
  if (dn.trim() === '') return [];
  const components: DnComponent[] = [];
  for (const rdn of splitUnescaped(dn, ',;')) {
    for (const ava of splitUnescaped(rdn, '+')) {
      const eq = ava.indexOf('=');
      if (eq < 0) return `"${ava.trim()}" is not of the form attribute=value (e.g. "ou=people").`;
      const type = ava.slice(0, eq).trim();
      const value = ava.slice(eq + 1).trim();
      if (!ATTRIBUTE_TYPE.test(type)) return `"${type}" is not an attribute type (e.g. cn, ou, dc).`;
      if (value === '') return `"${type}=" has no value.`;
      if (/(^|[^\\])\\$/.test(value)) return `"${type}=${value}" ends with an unfinished escape.`;
      components.push({ type, value });
    }
  }
  return components;
}

/** Whether `dn` is a non-empty, well-formed DN. */
export function isDn(dn: string): boolean {
  const parsed = parseDn(dn);
  return typeof parsed !== 'string' && parsed.length > 0;
}

/** Lower-cased, with the spaces around separators removed: DNs naming one entry compare equal. */
export function normaliseDn(dn: string): string {
  const parsed = parseDn(dn);
  if (typeof parsed === 'string') return dn.trim().toLowerCase();
  return splitUnescaped(dn, ',;')
    .map((rdn) =>
      splitUnescaped(rdn, '+')
        .map((ava) => {
          const eq = ava.indexOf('=');
          return `${ava.slice(0, eq).trim()}=${ava.slice(eq + 1).trim()}`;
        })
        .join('+'),
    )
    .join(',')
    .toLowerCase();
}

/** The values of the components of `dn` of type `type` (e.g. the `cn`s of a memberOf value). */
export function dnValues(dn: string, type: string): string[] {
  const parsed = parseDn(dn);
  if (typeof parsed === 'string') return [];
  const wanted = type.toLowerCase();
  return parsed.filter((c) => c.type.toLowerCase() === wanted).map((c) => c.value);
}

/** `child` joined under `base` (`additional_user_dn` under `base_dn`), skipping empty parts. */
export function joinDn(child: string, base: string): string {
  return [child.trim(), base.trim()].filter(Boolean).join(',');
}
