/**
 * `/api/v3/sources/user_connections/ldap/` and `/api/v3/sources/group_connections/ldap/` as in
 * authentik's schema: which LDAP source made a directory user or group, and by which value of its
 * uniqueness field (`identifier`). Read-only here: connections are made and removed by the sync.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userUid } from '../directory/users.js';
import { type LdapSource, listLdapSources } from '../sources/ldap/source-records.js';
import { readBool, readJson, readNullableTime, readTime } from '../store/dialect.js';
import { requireSuperuser } from './auth.js';
import type { ApiContext } from './context.js';
import { listQuery, pkParam, text } from './core-fields.js';
import { ApiError } from './http-errors.js';
import { paginated } from './pagination.js';
import { listEnvelope } from './sources-ldap.lists.js';

const sourceObj = z.object({
  pk: z.string(),
  name: z.string(),
  slug: z.string(),
  enabled: z.boolean(),
  component: z.string(),
  verbose_name: z.string(),
  verbose_name_plural: z.string(),
  meta_model_name: z.string(),
  managed: z.string().nullable(),
  icon_url: z.string().nullable(),
  icon_themed_urls: z.null(),
  user_path_template: z.string(),
});

const connectionBase = {
  pk: z.number(),
  source: z.string(),
  source_obj: sourceObj,
  identifier: z.string(),
  created: z.string(),
  last_updated: z.string(),
  /** Conduit: the entry's DN when it was last read. */
  dn: z.string(),
};

export const userConnectionResponse = z.object({
  ...connectionBase,
  user: z.number(),
  user_obj: z.object({
    pk: z.number(),
    username: z.string(),
    name: z.string(),
    is_active: z.boolean(),
    last_login: z.string().nullable(),
    email: z.string(),
    attributes: z.record(z.string(), z.unknown()),
    uid: z.string(),
  }),
});

export const groupConnectionResponse = z.object({
  ...connectionBase,
  group: z.string(),
  group_obj: z.object({
    pk: z.string(),
    num_pk: z.number(),
    name: z.string(),
    is_superuser: z.boolean(),
    attributes: z.record(z.string(), z.unknown()),
  }),
});

function serializeSourceObj(s: LdapSource): z.infer<typeof sourceObj> {
  return {
    pk: s.uuid,
    name: s.name,
    slug: s.slug,
    enabled: s.enabled,
    component: 'ak-source-ldap-form',
    verbose_name: 'LDAP Source',
    verbose_name_plural: 'LDAP Sources',
    meta_model_name: 'authentik_sources_ldap.ldapsource',
    managed: null,
    icon_url: null,
    icon_themed_urls: null,
    user_path_template: s.settings.user_path_template,
  };
}

export async function ldapConnectionRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;
  const guard = { onRequest: requireSuperuser(db) };
  const sourcesById = async () => new Map((await listLdapSources(db)).map((s) => [s.id, s]));

  const userRows = (filter: { id?: number; user?: number; sourceId?: number; search?: string }) => {
    let q = db
      .selectFrom('source_user_connections as c')
      .innerJoin('users as u', 'u.id', 'c.user_id')
      .select([
        'c.id',
        'c.source_id',
        'c.identifier',
        'c.dn',
        'c.created_at',
        'c.updated_at',
        'u.id as user_id',
        'u.uuid as user_uuid',
        'u.username',
        'u.name',
        'u.email',
        'u.is_active',
        'u.last_login',
        'u.attributes',
      ]);
    if (filter.id !== undefined) q = q.where('c.id', '=', filter.id);
    if (filter.user !== undefined) q = q.where('c.user_id', '=', filter.user);
    if (filter.sourceId !== undefined) q = q.where('c.source_id', '=', filter.sourceId);
    if (filter.search)
      q = q.where((eb) =>
        eb.or([
          eb('u.username', 'like', `%${filter.search}%`),
          eb('c.identifier', 'like', `%${filter.search}%`),
        ]),
      );
    return q.orderBy('c.id');
  };
  type UserRow = Awaited<ReturnType<ReturnType<typeof userRows>['execute']>>[number];
  const serializeUser = (sources: Map<number, LdapSource>) => (row: UserRow) => {
    const source = sources.get(row.source_id) as LdapSource;
    return {
      pk: row.id,
      user: row.user_id,
      source: source.uuid,
      source_obj: serializeSourceObj(source),
      identifier: row.identifier,
      created: readTime(row.created_at),
      last_updated: readTime(row.updated_at),
      dn: row.dn,
      user_obj: {
        pk: row.user_id,
        username: row.username,
        name: row.name,
        is_active: readBool(row.is_active),
        last_login: readNullableTime(row.last_login),
        email: row.email,
        attributes: readJson(row.attributes, {}),
        uid: userUid({ uuid: row.user_uuid }),
      },
    };
  };

  const groupRows = (filter: { id?: number; group?: string; sourceId?: number; search?: string }) => {
    let q = db
      .selectFrom('source_group_connections as c')
      .innerJoin('groups as g', 'g.id', 'c.group_id')
      .select([
        'c.id',
        'c.source_id',
        'c.identifier',
        'c.dn',
        'c.created_at',
        'c.updated_at',
        'g.id as group_id',
        'g.group_uuid',
        'g.name',
        'g.is_superuser',
        'g.attributes',
      ]);
    if (filter.id !== undefined) q = q.where('c.id', '=', filter.id);
    if (filter.group !== undefined) q = q.where('g.group_uuid', '=', filter.group);
    if (filter.sourceId !== undefined) q = q.where('c.source_id', '=', filter.sourceId);
    if (filter.search)
      q = q.where((eb) =>
        eb.or([eb('g.name', 'like', `%${filter.search}%`), eb('c.identifier', 'like', `%${filter.search}%`)]),
      );
    return q.orderBy('c.id');
  };
  type GroupRow = Awaited<ReturnType<ReturnType<typeof groupRows>['execute']>>[number];
  const serializeGroup = (sources: Map<number, LdapSource>) => (row: GroupRow) => {
    const source = sources.get(row.source_id) as LdapSource;
    return {
      pk: row.id,
      group: row.group_uuid,
      source: source.uuid,
      source_obj: serializeSourceObj(source),
      identifier: row.identifier,
      created: readTime(row.created_at),
      last_updated: readTime(row.updated_at),
      dn: row.dn,
      group_obj: {
        pk: row.group_uuid,
        num_pk: row.group_id,
        name: row.name,
        is_superuser: readBool(row.is_superuser),
        attributes: readJson(row.attributes, {}),
      },
    };
  };

  /** `source__slug` as a source id; an unknown slug matches nothing. */
  const sourceFilter = (sources: Map<number, LdapSource>, slug: string | undefined) => {
    if (slug === undefined) return undefined;
    return [...sources.values()].find((s) => s.slug === slug)?.id ?? -1;
  };

  /** The list and retrieve routes of one kind of connection. */
  function connectionRoutes<Row, Filter extends z.ZodRawShape>(kind: {
    path: string;
    filter: Filter;
    response: typeof userConnectionResponse | typeof groupConnectionResponse;
    rows: (filter: { id?: number; sourceId?: number; search?: string } & Record<string, unknown>) => {
      execute(): Promise<Row[]>;
      executeTakeFirst(): Promise<Row | undefined>;
    };
    serialize: (sources: Map<number, LdapSource>) => (row: Row) => object;
  }) {
    r.get(
      `${kind.path}/`,
      {
        ...guard,
        schema: {
          tags: ['sources'],
          querystring: z.object({ ...listQuery, ...kind.filter, source__slug: text(50).optional() }),
          response: { 200: paginated(kind.response) },
        },
      },
      async (request) => {
        const q = request.query as Record<string, unknown> & {
          page: number;
          page_size: number;
          search?: string;
        };
        const sources = await sourcesById();
        const filter: Record<string, unknown> = {
          sourceId: sourceFilter(sources, q.source__slug as string | undefined),
        };
        for (const key of Object.keys(kind.filter)) if (q[key] !== undefined) filter[key] = q[key];
        if (q.search) filter.search = q.search;
        // The response schema checks the serialised shape; the generic types cannot relate the two.
        return listEnvelope(await kind.rows(filter).execute(), q, kind.serialize(sources)) as never;
      },
    );
    r.get(
      `${kind.path}/:id/`,
      {
        ...guard,
        schema: { tags: ['sources'], params: z.object({ id: pkParam }), response: { 200: kind.response } },
      },
      async (request) => {
        const sources = await sourcesById();
        const row = await kind.rows({ id: request.params.id }).executeTakeFirst();
        if (!row) throw ApiError.notFound();
        return kind.serialize(sources)(row) as never;
      },
    );
  }

  connectionRoutes({
    path: '/api/v3/sources/user_connections/ldap',
    filter: { user: pkParam.optional() },
    response: userConnectionResponse,
    rows: (f) => userRows(f as Parameters<typeof userRows>[0]),
    serialize: serializeUser,
  });
  connectionRoutes({
    path: '/api/v3/sources/group_connections/ldap',
    filter: { group: z.uuid().optional() },
    response: groupConnectionResponse,
    rows: (f) => groupRows(f as Parameters<typeof groupRows>[0]),
    serialize: serializeGroup,
  });
}
