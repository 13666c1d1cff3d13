/**
 * `/api/v3/propertymappings/source/ldap/` (authentik's `LDAPSourcePropertyMapping`, keyed by
 * `pm_uuid`), and Conduit's preview: a mapping set, or one unsaved expression, evaluated against a
 * live entry of a source. Managed mappings are read-only (405), as the Entra ones are: Conduit
 * brings them up to date at start, so an edit would be silently undone.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { v4 as uuidv4 } from 'uuid';
import { z } from 'zod';
import { recordEvent } from '../directory/changes.js';
import { DirectoryNotFoundError } from '../directory/errors.js';
import { MAX_EXPRESSION_CHARS, PropertyMappingError } from '../mappings/index.js';
import { joinDn } from '../sources/ldap/dn.js';
import { entryAttributes } from '../sources/ldap/entries.js';
import { LdapConnectionError, openLdapSession } from '../sources/ldap/ldap-client.js';
import { compileSourceMappings, type SourceMappingDefinition } from '../sources/ldap/source-mappings.js';
import { getLdapSource, LDAP_MAPPING_TYPE, readBindPassword } from '../sources/ldap/source-records.js';
import { isUniqueViolation, nowIso } from '../store/dialect.js';
import { listStoredMappings, type StoredMapping } from '../sync/mapping-records.js';
import { actorOf, requireSuperuser } from './auth.js';
import type { ApiContext } from './context.js';
import { listQuery, noContent, requiredText, text } from './core-fields.js';
import { ApiError } from './http-errors.js';
import { paginated } from './pagination.js';
import { mappingResponse } from './property-mappings.js';
import { listEnvelope } from './sources-ldap.lists.js';

const BASE = '/api/v3/propertymappings/source/ldap';
const tags = ['propertymappings'];

/** An LDAP source mapping has the shape of every other property mapping. */
export const ldapMappingResponse = mappingResponse;

const mappingBody = z.object({
  name: requiredText(255),
  expression: requiredText(MAX_EXPRESSION_CHARS),
  managed: z.null().optional(),
});

const serialize = (m: StoredMapping): z.infer<typeof ldapMappingResponse> => ({
  pk: m.pk,
  managed: m.managed,
  name: m.name,
  expression: m.expression,
  component: 'ak-property-mapping-source-ldap-form',
  verbose_name: 'LDAP Source Property Mapping',
  verbose_name_plural: 'LDAP Source Property Mappings',
  meta_model_name: 'authentik_sources_ldap.ldapsourcepropertymapping',
});

export const previewBody = z.object({
  /** The source whose server is read. */
  source: requiredText(50),
  kind: z.enum(['user', 'group']),
  /** The entry to map; default: the first entry the source's filter finds. */
  dn: text(2048).optional(),
  /** An unsaved expression, evaluated alone; default: the source's mapping set. */
  expression: requiredText(MAX_EXPRESSION_CHARS).optional(),
});

export const previewResponse = z.object({
  dn: z.string(),
  attributes: z.record(z.string(), z.array(z.string())),
  status: z.enum(['ok', 'skip', 'error']),
  result: z.record(z.string(), z.unknown()).nullable(),
  error: z
    .object({ message: z.string(), mapping: z.string().nullable(), line: z.number().nullable() })
    .nullable(),
  logs: z.array(z.object({ mapping: z.string(), level: z.string(), message: z.string() })),
});

/** The expression's syntax error as a field error, before it is stored. */
async function checkSyntax(name: string, expression: string): Promise<void> {
  try {
    const compiled = await compileSourceMappings([{ id: 'check', name, expression }], 'user', {
      pk: 0,
      name: 'check',
      slug: 'check',
      base_dn: '',
    });
    compiled.dispose();
  } catch (error) {
    if (error instanceof PropertyMappingError) throw ApiError.validation({ expression: [error.message] });
    throw error;
  }
}

export async function ldapMappingRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;
  const guard = { onRequest: requireSuperuser(db) };
  const pkParams = z.object({ pm_uuid: z.uuid() });
  const load = async (uuid: string) => {
    const [m] = await listStoredMappings(db, { uuids: [uuid], type: LDAP_MAPPING_TYPE });
    if (!m) throw ApiError.notFound();
    return m;
  };
  const nameTaken = (error: unknown, name: string): never => {
    if (!isUniqueViolation(error)) throw error;
    throw ApiError.validation({ name: [`Property mapping with this name "${name}" already exists.`] });
  };
  const refuseManaged = (m: StoredMapping, verb: 'changed' | 'deleted') => {
    if (!m.managed) return;
    throw new ApiError(405, {
      detail: `"${m.name}" is a managed mapping: Conduit keeps it up to date, so it cannot be ${verb}. Create your own mapping (copy its expression) and ${
        verb === 'changed' ? 'edit that' : 'remove this one from the source instead'
      }.`,
      managed: m.managed,
    });
  };
  const audit = (action: string, m: { pk: string; name: string }, request: Parameters<typeof actorOf>[0]) =>
    recordEvent(db, {
      action,
      actor: actorOf(request),
      context: {
        model: {
          app: 'conduit.sources.ldap',
          model_name: 'ldapsourcepropertymapping',
          pk: m.pk,
          name: m.name,
        },
      },
    });

  r.get(
    `${BASE}/`,
    {
      ...guard,
      schema: {
        tags,
        querystring: z.object({
          ...listQuery,
          managed: z.union([z.string(), z.array(z.string())]).optional(),
          managed__isnull: z.enum(['true', 'false']).optional(),
          name: text(255).optional(),
        }),
        response: { 200: paginated(ldapMappingResponse) },
      },
    },
    async (request) => {
      const q = request.query;
      let all = await listStoredMappings(db, { type: LDAP_MAPPING_TYPE });
      const managed =
        q.managed === undefined ? undefined : Array.isArray(q.managed) ? q.managed : [q.managed];
      if (managed) all = all.filter((m) => m.managed !== null && managed.includes(m.managed));
      if (q.managed__isnull !== undefined)
        all = all.filter((m) => (m.managed === null) === (q.managed__isnull === 'true'));
      if (q.name !== undefined) all = all.filter((m) => m.name === q.name);
      const search = q.search?.toLowerCase();
      if (search)
        all = all.filter(
          (m) => m.name.toLowerCase().includes(search) || m.expression.toLowerCase().includes(search),
        );
      if (q.ordering === 'managed') all.sort((a, b) => (a.managed ?? '~').localeCompare(b.managed ?? '~'));
      return listEnvelope(all, q, serialize);
    },
  );

  r.post(
    `${BASE}/`,
    { ...guard, schema: { tags, body: mappingBody, response: { 201: ldapMappingResponse } } },
    async (request, reply) => {
      await checkSyntax(request.body.name, request.body.expression);
      const now = nowIso();
      const uuid = uuidv4();
      try {
        await db
          .insertInto('property_mappings')
          .values({
            uuid,
            name: request.body.name,
            type: LDAP_MAPPING_TYPE,
            expression: request.body.expression,
            managed: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
      } catch (error) {
        nameTaken(error, request.body.name);
      }
      const created = await load(uuid);
      await audit('model_created', created, request);
      return reply.status(201).send(serialize(created));
    },
  );

  r.get(
    `${BASE}/:pm_uuid/`,
    { ...guard, schema: { tags, params: pkParams, response: { 200: ldapMappingResponse } } },
    async (request) => serialize(await load(request.params.pm_uuid)),
  );

  for (const method of ['put', 'patch'] as const) {
    r[method](
      `${BASE}/:pm_uuid/`,
      {
        ...guard,
        schema: {
          tags,
          params: pkParams,
          body: method === 'put' ? mappingBody : mappingBody.partial(),
          response: { 200: ldapMappingResponse },
        },
      },
      async (request) => {
        const before = await load(request.params.pm_uuid);
        refuseManaged(before, 'changed');
        const name = request.body.name ?? before.name;
        const expression = request.body.expression ?? before.expression;
        if (request.body.expression !== undefined) await checkSyntax(name, expression);
        try {
          await db
            .updateTable('property_mappings')
            .set({ name, expression, updated_at: nowIso() })
            .where('uuid', '=', before.pk)
            .execute();
        } catch (error) {
          nameTaken(error, name);
        }
        const updated = await load(before.pk);
        await audit('model_updated', updated, request);
        return serialize(updated);
      },
    );
  }

  r.delete(
    `${BASE}/:pm_uuid/`,
    { ...guard, schema: { tags, params: pkParams, response: { 204: noContent } } },
    async (request, reply) => {
      const before = await load(request.params.pm_uuid);
      refuseManaged(before, 'deleted');
      await db.deleteFrom('property_mappings').where('uuid', '=', before.pk).execute();
      await audit('model_deleted', before, request);
      return reply.status(204).send(null);
    },
  );

  r.post(
    `${BASE}/preview/`,
    { ...guard, schema: { tags: ['conduit'], body: previewBody, response: { 200: previewResponse } } },
    async (request) => {
      const body = request.body;
      let source: Awaited<ReturnType<typeof getLdapSource>>;
      try {
        source = await getLdapSource(db, body.source);
      } catch (error) {
        if (error instanceof DirectoryNotFoundError)
          throw ApiError.validation({ source: [`No LDAP source has the slug "${body.source}".`] });
        throw error;
      }
      const s = source.settings;
      const definitions: SourceMappingDefinition[] = body.expression
        ? [{ id: 'preview', name: 'preview', expression: body.expression }]
        : (
            await listStoredMappings(db, {
              uuids: body.kind === 'user' ? source.userMappings : source.groupMappings,
            })
          ).map((m) => ({
            id: m.pk,
            name: m.name,
            expression: m.expression,
          }));
      let session: Awaited<ReturnType<typeof openLdapSession>>;
      try {
        session = await openLdapSession(s, await readBindPassword(db, ctx.secrets, source), {
          timeoutMs: 10_000,
        });
      } catch (error) {
        if (error instanceof LdapConnectionError) throw ApiError.validation({ source: [error.message] });
        throw error;
      }
      try {
        const entry = body.dn
          ? await session.readEntry(body.dn, ['*', s.object_uniqueness_field])
          : (
              await session.sample(
                joinDn(body.kind === 'user' ? s.additional_user_dn : s.additional_group_dn, s.base_dn),
                body.kind === 'user' ? s.user_object_filter : s.group_object_filter,
                1,
                ['*', s.object_uniqueness_field],
              )
            )[0];
        if (!entry)
          throw ApiError.validation({
            dn: [body.dn ? `The server has no entry "${body.dn}".` : 'The source’s filter finds no entry.'],
          });
        const attributes = entryAttributes(entry);
        let compiled: Awaited<ReturnType<typeof compileSourceMappings>>;
        try {
          compiled = await compileSourceMappings(definitions, body.kind, {
            pk: source.id,
            name: source.name,
            slug: source.slug,
            base_dn: s.base_dn,
          });
        } catch (error) {
          if (error instanceof PropertyMappingError)
            throw ApiError.validation({ expression: [error.message] });
          throw error;
        }
        try {
          const [outcome] = await compiled.map([{ dn: entry.dn, attributes }]);
          if (!outcome) throw new Error('the mapping set returned no outcome');
          return {
            dn: entry.dn,
            attributes,
            status: outcome.status,
            result: outcome.status === 'ok' ? outcome.fields : null,
            error:
              outcome.status === 'error'
                ? { message: outcome.message, mapping: outcome.mapping, line: outcome.line }
                : null,
            logs: outcome.logs,
          };
        } finally {
          compiled.dispose();
        }
      } finally {
        await session.close();
      }
    },
  );
}
