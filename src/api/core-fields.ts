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

/** Whether every string (and key) in a JSON value is storable: no NUL, no unpaired surrogate. */
function storableJson(value: unknown): boolean {
  if (typeof value === 'string') return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.every(storableJson);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).every(([k, v]) => storableJson(k) && storableJson(v));
  }
  return true;
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

/** A JSON object (`attributes`), with no NUL characters anywhere in it. */
export const attributesField = z
  .record(z.string(), z.unknown())
  .refine(storableJson, `${NUL_MESSAGE} ${SURROGATE_MESSAGE}`)
  .refine(
    (value) => JSON.stringify(value).length <= 512 * 1024,
    'Attributes may be at most 512 KiB of JSON.',
  );

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
