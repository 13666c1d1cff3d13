/**
 * CSV import of users (docs/admin/csv-import.md): a JSON body carries the file's text, the column
 * mapping and the key column.
 *
 * - `POST /api/v3/conduit/users/import/columns/` — the file's columns, row count and a suggested mapping;
 * - `POST /api/v3/conduit/users/import/preview/` — what the import would do to each row, writing nothing;
 * - `POST /api/v3/conduit/users/import/apply/` — perform it; with the preview's `digest`, a plan that
 *   changed since the preview is refused (409) instead of applied.
 *
 * Conduit-only (authentik has no CSV import); superuser-only like every admin route. A file or
 * mapping that cannot be used answers 400 naming the field (`csv`, `mapping.<column>`, `key`);
 * a bad row is that row's error in a 200.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { suggestColumnMapping } from '../sources/csv/column-mapping.js';
import {
  CSV_DELIMITERS,
  csvSizeProblem,
  MAX_CSV_BYTES,
  MAX_CSV_COLUMNS,
  MAX_CSV_ROWS,
  parseCsvFile,
} from '../sources/csv/csv-file.js';
import { applyCsvImport, CsvImportPlanChangedError } from '../sources/csv/import-apply.js';
import { planCsvImport } from '../sources/csv/import-plan.js';
import { actorOf, requireSuperuser } from './auth.js';
import type { ApiContext } from './context.js';
import { requiredText, text } from './core-fields.js';
import { ApiError } from './http-errors.js';

/** JSON escaping can double a file's size (every quote and line break): room for that, and the mapping. */
const IMPORT_BODY_LIMIT = 2 * MAX_CSV_BYTES + 256 * 1024;

const csvField = text(2 * MAX_CSV_BYTES)
  .superRefine((value, ctx) => {
    const problem = csvSizeProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe(`The file's text (UTF-8, at most ${MAX_CSV_BYTES / 1024 / 1024} MiB and ${MAX_CSV_ROWS} rows).`);

const delimiterField = z
  .enum(CSV_DELIMITERS)
  .default(',')
  .describe('The field separator: comma (default), semicolon, tab or vertical bar.');

const columnsRequest = z.object({ csv: csvField, delimiter: delimiterField });

const previewRequest = z.object({
  csv: csvField,
  delimiter: delimiterField,
  mapping: z
    .record(text(1000), text(1000))
    .refine(
      (m) => Object.keys(m).length <= MAX_CSV_COLUMNS,
      `At most ${MAX_CSV_COLUMNS} columns can be mapped.`,
    )
    .describe(
      'Column name (as in the header) → username, name, email, is_active, type, path, groups or attributes.<dotted.key>; "" ignores the column.',
    ),
  key: requiredText(1000).describe(
    'What identifies a user across imports: username, email or attributes.<key>.',
  ),
  group_separator: requiredText(10).default(';').describe('What separates group names in the groups column.'),
});

const applyRequest = previewRequest.extend({
  digest: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'Give the digest of a preview (64 hexadecimal characters).')
    .optional()
    .describe('The preview’s digest: the import is refused (409) when it would now do something else.'),
});

const changeSchema = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });

const rowFields = {
  row: z.number().int().describe('The line of the file the row starts on (the header is line 1).'),
  key: z.string(),
  username: z.string(),
  user_pk: z.number().int().nullable(),
  changes: z.array(changeSchema),
  errors: z.array(z.string()),
};

const columnsResponse = z.object({
  columns: z.array(z.string()),
  rows: z.number().int(),
  /** The first data row's cells by column, to show beside the mapping ('' when the file has no rows). */
  sample: z.record(z.string(), z.string()),
  suggested_mapping: z.record(z.string(), z.string()),
  suggested_key: z.string(),
});

const previewResponse = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.object({ ...rowFields, action: z.enum(['create', 'update', 'unchanged', 'error']) })),
  counts: z.object({ create: z.number(), update: z.number(), unchanged: z.number(), error: z.number() }),
  digest: z.string(),
});

const applyResponse = z.object({
  rows: z.array(
    z.object({
      ...rowFields,
      outcome: z.enum(['created', 'updated', 'unchanged', 'error', 'rolled_back']),
      warnings: z.array(z.string()),
    }),
  ),
  counts: z.object({
    created: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    error: z.number(),
    rolled_back: z.number(),
  }),
});

const conflictResponse = z.object({ detail: z.string(), code: z.string() });

export async function csvImportRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;
  const onRequest = requireSuperuser(db);
  const tags = ['conduit'];

  r.post(
    '/api/v3/conduit/users/import/columns/',
    {
      onRequest,
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: { tags, body: columnsRequest, response: { 200: columnsResponse } },
    },
    async (request) => {
      const file = parseCsvFile(request.body.csv, request.body.delimiter);
      const suggested = suggestColumnMapping(file.columns);
      const targets = Object.values(suggested);
      const suggestedKey = ['username', 'email'].find((k) => targets.includes(k)) ?? '';
      return {
        columns: file.columns,
        rows: file.records.length,
        sample: Object.fromEntries(file.columns.map((c, i) => [c, file.records[0]?.cells[i] ?? ''])),
        suggested_mapping: suggested,
        suggested_key: suggestedKey,
      };
    },
  );

  r.post(
    '/api/v3/conduit/users/import/preview/',
    {
      onRequest,
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: { tags, body: previewRequest, response: { 200: previewResponse } },
    },
    async (request) => (await planCsvImport(db, request.body, actorOf(request))).plan,
  );

  r.post(
    '/api/v3/conduit/users/import/apply/',
    {
      onRequest,
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: { tags, body: applyRequest, response: { 200: applyResponse, 409: conflictResponse } },
    },
    async (request) => {
      const { digest, ...importRequest } = request.body;
      try {
        const result = await applyCsvImport(db, importRequest, actorOf(request), { expectedDigest: digest });
        if (result.counts.created + result.counts.updated > 0) ctx.services.notifyChange?.();
        return result;
      } catch (error) {
        if (error instanceof CsvImportPlanChangedError) {
          throw new ApiError(409, { detail: error.message, code: error.code });
        }
        throw error;
      }
    },
  );
}
