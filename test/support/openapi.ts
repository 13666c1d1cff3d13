/**
 * Validates Conduit's answers against the OpenAPI document shipped with `@goauthentik/api`
 * (authentik's own contract). OpenAPI 3.0 schemas are not quite JSON Schema, so each component
 * schema is converted first:
 * - `nullable: true` becomes `anyOf: [<schema>, {type: 'null'}]` (also around `allOf: [$ref]`);
 * - `$ref: '#/components/schemas/X'` points into one registered document;
 * - in request mode, `readOnly` properties are dropped (a request never carries them), and in
 *   response mode `writeOnly` ones are (a response never carries them);
 * - `format: email` follows Django's validator, which also accepts `name@localhost`, and admits the
 *   blank string: authentik's own serializer (DRF `EmailField(allow_blank=True)`) answers `""` for
 *   users without an address although its schema says `format: email`; likewise `format: uri`
 *   admits `""` (an application without a launch URL).
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Middleware } from '@goauthentik/api';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

type JsonSchema = { [key: string]: unknown };
type Mode = 'request' | 'response';

const require = createRequire(import.meta.url);
const SCHEMA_PATH = join(dirname(require.resolve('@goauthentik/api/package.json')), 'schema.yml');

interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, JsonSchema> };
}

let documentCache: OpenApiDocument | undefined;

/** authentik's OpenAPI document, parsed once per test file. */
export function authentikDocument(): OpenApiDocument {
  documentCache ??= parse(readFileSync(SCHEMA_PATH, 'utf8')) as OpenApiDocument;
  return documentCache;
}

function convert(schema: unknown, mode: Mode, documentId: string): unknown {
  if (Array.isArray(schema)) return schema.map((s) => convert(s, mode, documentId));
  if (typeof schema !== 'object' || schema === null) return schema;
  const source = schema as JsonSchema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(source)) {
    if (
      key === 'nullable' ||
      key === 'discriminator' ||
      key === 'example' ||
      key === 'xml' ||
      key === 'externalDocs'
    )
      continue;
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace('#/components/schemas/', `${documentId}#/components/schemas/`);
    } else if (key === 'properties' && typeof value === 'object' && value !== null) {
      const props: JsonSchema = {};
      for (const [name, prop] of Object.entries(value as JsonSchema)) {
        const p = prop as JsonSchema;
        if (mode === 'request' && p.readOnly === true) continue;
        if (mode === 'response' && p.writeOnly === true) continue;
        props[name] = convert(prop, mode, documentId);
      }
      out.properties = props;
    } else {
      out[key] = convert(value, mode, documentId);
    }
  }
  if (Array.isArray(out.required) && typeof out.properties === 'object' && out.properties !== null) {
    const present = out.properties as JsonSchema;
    const original = (source.properties ?? {}) as JsonSchema;
    out.required = (out.required as string[]).filter((name) => name in present || !(name in original));
  }
  if (source.nullable === true) {
    // `enum` must admit null too, or the anyOf branch alone would not help.
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

function createAjv(mode: Mode): { ajv: Ajv; documentId: string } {
  const documentId = `authentik-${mode}`;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  const addFormats = addFormatsModule as unknown as (a: Ajv) => Ajv;
  addFormats(ajv);
  ajv.addFormat('email', /^(?:[^\s@]+@(?:localhost|[^\s@]+\.[^\s@]+))?$/i);
  const uri = ajv.formats.uri;
  if (typeof uri !== 'function') throw new Error('ajv-formats no longer defines `uri` as a function');
  ajv.addFormat('uri', (value: string) => value === '' || (uri as (v: string) => boolean)(value));
  for (const format of ['binary', 'byte', 'double', 'float', 'int32', 'int64', 'decimal'])
    ajv.addFormat(format, true);
  const doc = authentikDocument();
  const schemas: JsonSchema = {};
  for (const [name, schema] of Object.entries(doc.components.schemas))
    schemas[name] = convert(schema, mode, documentId);
  ajv.addSchema({ $id: documentId, components: { schemas } });
  return { ajv, documentId };
}

const validators = new Map<string, ValidateFunction>();
const ajvs = new Map<Mode, { ajv: Ajv; documentId: string }>();

function validatorFor(component: string, mode: Mode): ValidateFunction {
  const key = `${mode}:${component}`;
  const cached = validators.get(key);
  if (cached) return cached;
  let entry = ajvs.get(mode);
  if (!entry) {
    entry = createAjv(mode);
    ajvs.set(mode, entry);
  }
  if (!(component in authentikDocument().components.schemas))
    throw new Error(`authentik's schema has no component "${component}"`);
  const validate = entry.ajv.getSchema(`${entry.documentId}#/components/schemas/${component}`);
  if (!validate) throw new Error(`cannot compile component "${component}"`);
  validators.set(key, validate);
  return validate;
}

function describe(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** Problems of `data` as a response of the named component schema (empty when it conforms). */
export function responseProblems(component: string, data: unknown): string[] {
  const validate = validatorFor(component, 'response');
  return validate(data) ? [] : describe(validate.errors);
}

/** Problems of `data` as a request body of the named component schema (empty when it conforms). */
export function requestProblems(component: string, data: unknown): string[] {
  const validate = validatorFor(component, 'request');
  return validate(data) ? [] : describe(validate.errors);
}

/** The component schema of an operation's response, e.g. `('/core/users/', 'get', '200')` → `PaginatedUserList`. */
export function responseComponent(path: string, method: string, status: string): string | undefined {
  const operation = authentikDocument().paths[path]?.[method] as
    | { responses?: Record<string, { content?: { 'application/json'?: { schema?: { $ref?: string } } } }> }
    | undefined;
  return operation?.responses?.[status]?.content?.['application/json']?.schema?.$ref?.split('/').pop();
}

/** authentik's path templates as regular expressions, to find the operation of a response. */
export function operationMatcher(): (path: string) => string | undefined {
  const templates = Object.keys(authentikDocument().paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    // Static paths first: `/core/users/me/` must not match `/core/users/{id}/`.
    params: (template.match(/\{/g) ?? []).length,
  }));
  templates.sort((a, b) => a.params - b.params);
  return (path) => templates.find((t) => t.pattern.test(path))?.template;
}

/**
 * A `@goauthentik/api` middleware that validates every JSON answer against the component schema
 * authentik's document gives its operation and status: each problem goes to `onProblem`, each
 * component checked into `validated` (so a test can show the checks ran).
 */
export function validatingMiddleware(
  onProblem: (problem: string) => void,
  validated: Set<string>,
): Middleware {
  const match = operationMatcher();
  return {
    async post({ url, init, response }) {
      const path = new URL(url).pathname.replace(/^\/api\/v3/, '');
      const template = match(path);
      const method = (init.method ?? 'GET').toLowerCase();
      if (!template || !response.headers.get('content-type')?.includes('json')) return;
      const component = responseComponent(template, method, String(response.status));
      if (!component) return;
      validated.add(component);
      const body: unknown = await response.clone().json();
      for (const p of responseProblems(component, body))
        onProblem(`${method.toUpperCase()} ${path} → ${component}: ${p}`);
    },
  };
}
