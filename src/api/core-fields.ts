/**
 * Field schemas shared by the authentik-compatible routes. Every string that reaches the database
 * goes through `text()`: PostgreSQL refuses NUL characters in text and jsonb, so they are rejected
 * here with a 400 (the message DRF uses) instead of surfacing as a database error.
 *
 * Unknown body fields are ignored, as DRF does (see docs/adr/0002-api-unknown-fields.md): zod's
 * default `z.object` strips them, so no route schema uses `.strict()`.
 */
import { z } from 'zod';
import { pageQuery } from './pagination.js';

const NUL_MESSAGE = 'Null characters are not allowed.';
const SURROGATE_MESSAGE = 'Text must be valid Unicode (no unpaired surrogates).';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * How deeply a stored JSON value (`attributes`) may nest. Property mappings and the UI read a few
 * levels; the bound keeps every later recursive walk (serialisation, the sandbox's copy) far from
 * the stack limit, which a 50,000-level body would otherwise overflow with a 500.
 */
export const MAX_JSON_DEPTH = 64;
const DEPTH_MESSAGE = `JSON may be nested at most ${MAX_JSON_DEPTH} levels deep.`;
const MAX_ATTRIBUTES_JSON = 512 * 1024;
const SIZE_MESSAGE = 'Attributes may be at most 512 KiB of JSON.';

/** Whether a string can be stored: no NUL (PostgreSQL refuses it), no unpaired surrogate. */
function storableString(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/**
 * The first reason a JSON value cannot be stored, or null. Walks with an explicit stack, not
 * recursion, so a hostile depth is reported as a field error instead of overflowing the call stack.
 */
export function jsonValueProblem(root: unknown, maxDepth = MAX_JSON_DEPTH): string | null {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: root, depth: 1 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number };
    if (typeof value === 'string') {
      if (!storableString(value)) return `${NUL_MESSAGE} ${SURROGATE_MESSAGE}`;
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth > maxDepth) return DEPTH_MESSAGE;
    if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, depth: depth + 1 });
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      if (!storableString(key)) return `${NUL_MESSAGE} ${SURROGATE_MESSAGE}`;
      stack.push({ value: item, depth: depth + 1 });
    }
  }
  return null;
}

/** A string without NUL characters or unpaired surrogates, at most `max` characters long. */
export function text(max = 65_535) {
  return z
    .string()
    .max(max)
    .refine((s) => !s.includes('\u0000'), NUL_MESSAGE)
    .refine((s) => !LONE_SURROGATE.test(s), SURROGATE_MESSAGE);
}

/** A non-empty string without NUL characters. */
export function requiredText(max = 65_535) {
  return text(max).refine((s) => s.length > 0, 'This field may not be blank.');
}

/** PostgreSQL's `integer` range: ids outside it cannot exist, and must not reach the database. */
export const int32 = z.number().int().min(-2_147_483_648).max(2_147_483_647);

/** An integer primary key in a path or query string. */
export const pkParam = z.coerce.number().int().min(0).max(2_147_483_647);

/**
 * A JSON object (`attributes`): no NUL characters or unpaired surrogates anywhere in it, at most
 * `MAX_JSON_DEPTH` levels deep and 512 KiB of JSON. One check, so the size is measured only once
 * the depth is known to be safe for `JSON.stringify`.
 */
export const attributesField = z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
  const problem =
    jsonValueProblem(value) ?? (JSON.stringify(value).length > MAX_ATTRIBUTES_JSON ? SIZE_MESSAGE : null);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** An RFC 3339 date-time with offset, normalised to ISO-8601 UTC. */
export const dateTimeField = z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString());

/** A UUID (any version), lower-cased as stored. */
export const uuidField = z.uuid().transform((v) => v.toLowerCase());

/**
 * A repeatable query parameter (`?type=a&type=b`, authentik's `explode: true` arrays): one value
 * arrives as a string, several as an array.
 */
export function queryList<T extends z.ZodType>(item: T) {
  return z.union([item, z.array(item)]).transform((v): Array<z.output<T>> => (Array.isArray(v) ? v : [v]));
}

/** A JSON object in a response. */
export const jsonObject = z.record(z.string(), z.unknown());

/** authentik's `UsedBy` (objects that reference the queried one). */
export const usedBySchema = z.object({
  app: z.string(),
  model_name: z.string(),
  pk: z.string(),
  name: z.string(),
  action: z.enum(['cascade', 'cascade_many', 'set_null', 'set_default', 'left_dangling']),
});

/** authentik's `TypeCreate` (a kind of object that can be created). */
export const typeCreateSchema = z.object({
  name: z.string(),
  description: z.string(),
  component: z.string(),
  model_name: z.string(),
  icon_url: z.string().optional(),
  requires_enterprise: z.boolean(),
  deprecated: z.boolean(),
});

/** The answer of every `204 No Content` route. */
export const noContent = z.null().describe('No content');

/** authentik's list parameters (`page`, `page_size`, `ordering`, `search`), with storable text. */
export const listQuery = {
  ...pageQuery,
  ordering: text(200).optional(),
  search: text(500).optional(),
};

/** Conduit has no roles: role fields are accepted for compatibility but must stay empty. */
export const noRolesField = z.array(z.uuid()).max(0, 'Conduit has no roles; leave this list empty.');

/**
 * An email address, or blank (authentik allows users without one). Like Django's validator it also
 * accepts `name@localhost`, which the bootstrap admin has.
 */
export const emailField = text(254).refine(
  (v) => v === '' || z.email().safeParse(v).success || /^[^\s@]+@localhost$/i.test(v),
  'Enter a valid email address.',
);
