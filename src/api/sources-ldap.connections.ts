/**
 * `/api/v3/sources/user_connections/ldap/` and `/api/v3/sources/group_connections/ldap/` as in
 * authentik's schema: which LDAP source made a directory user or group, and by which value of its
 * uniqueness field (`identifier`). Read-only here: connections are made and removed by the sync.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { groupsByUuids } from '../directory/groups.js';
import { likePattern } from '../directory/paging.js';
import { toUser } from '../directory/users.js';
import { type LdapSource, listLdapSources } from '../sources/ldap/source-records.js';
import { readTime } from '../store/dialect.js';
import { requireSuperuser } from './auth.js';
import type { ApiContext } from './context.js';
import { listQuery, pkParam, text } from './core-fields.js';
import { partialGroupSchema, partialUserSchema, toPartialGroup, toPartialUser } from './core-shapes.js';
import { ApiError } from './http-errors.js';
import { paginated, toEnvelope } from './pagination.js';

/** authentik's `Source` (the fields a connection shows of its source). */
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
  user_obj: partialUserSchema,
});
export const groupConnectionResponse = z.object({
  ...connectionBase,
  group: z.string(),
  group_obj: partialGroupSchema,
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

interface ConnectionRow {
  id: number;
  source_id: number;
  local_id: number;
  identifier: string;
  dn: string;
  created_at: unknown;
  updated_at: unknown;
}

interface ConnectionFilter {
  id?: number;
  localId?: number;
  groupUuid?: string;
  sourceId?: number;
  search?: string;
}

export async function ldapConnectionRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;
  const guard = { onRequest: requireSuperuser(db) };

  /** Connections of one kind, searchable by the user's username or the group's name and the identifier. */
  const connections = async (kind: 'user' | 'group', f: ConnectionFilter): Promise<ConnectionRow[]> => {
    const pattern = f.search ? likePattern(f.search.toLowerCase()) : null;
    if (kind === 'user') {
      let q = db
        .selectFrom('source_user_connections as c')
        .innerJoin('users as o', 'o.id', 'c.user_id')
        .select([
          'c.id',
          'c.source_id',
          'c.user_id as local_id',
          'c.identifier',
          'c.dn',
          'c.created_at',
          'c.updated_at',
        ]);
      if (f.id !== undefined) q = q.where('c.id', '=', f.id);
      if (f.localId !== undefined) q = q.where('c.user_id', '=', f.localId);
      if (f.sourceId !== undefined) q = q.where('c.source_id', '=', f.sourceId);
      if (pattern)
        q = q.where(
          sql<boolean>`(lower(o.username) like ${pattern} escape '\\' or lower(c.identifier) like ${pattern} escape '\\')`,
        );
      return q.orderBy('c.id').execute();
    }
    let q = db
      .selectFrom('source_group_connections as c')
      .innerJoin('groups as o', 'o.id', 'c.group_id')
      .select([
        'c.id',
        'c.source_id',
        'c.group_id as local_id',
        'c.identifier',
        'c.dn',
        'c.created_at',
        'c.updated_at',
      ]);
    if (f.id !== undefined) q = q.where('c.id', '=', f.id);
    if (f.groupUuid !== undefined) q = q.where('o.group_uuid', '=', f.groupUuid);
    if (f.sourceId !== undefined) q = q.where('c.source_id', '=', f.sourceId);
    if (pattern)
      q = q.where(
        sql<boolean>`(lower(o.name) like ${pattern} escape '\\' or lower(c.identifier) like ${pattern} escape '\\')`,
      );
    return q.orderBy('c.id').execute();
  };

  const sourcesById = async () => new Map((await listLdapSources(db)).map((s) => [s.id, s]));
  const base = (row: ConnectionRow, source: LdapSource) => ({
    pk: row.id,
    source: source.uuid,
    source_obj: serializeSourceObj(source),
    identifier: row.identifier,
    created: readTime(row.created_at),
    last_updated: readTime(row.updated_at),
    dn: row.dn,
  });

  /** Serialise a page of user connections, reading their users in one query. */
  const presentUsers = async (rows: ConnectionRow[]) => {
    const sources = await sourcesById();
    const ids = rows.map((row) => row.local_id);
    const users =
      ids.length > 0 ? await db.selectFrom('users').selectAll().where('id', 'in', ids).execute() : [];
    const byId = new Map(users.map((u) => [u.id, toUser(u)]));
    return rows.map((row) => {
      const user = byId.get(row.local_id);
      if (!user) throw new Error(`user ${row.local_id} of connection ${row.id} is gone`);
      return {
        ...base(row, sources.get(row.source_id) as LdapSource),
        user: user.pk,
        user_obj: toPartialUser(user),
      };
    });
  };

  /** Serialise a page of group connections, reading their groups in one query. */
  const presentGroups = async (rows: ConnectionRow[]) => {
    const sources = await sourcesById();
    const ids = rows.map((row) => row.local_id);
    const uuids =
      ids.length > 0
        ? await db.selectFrom('groups').select('group_uuid').where('id', 'in', ids).execute()
        : [];
    const groups = new Map(
      (
        await groupsByUuids(
          db,
          uuids.map((g) => g.group_uuid),
        )
      ).map((g) => [g.num_pk, g]),
    );
    return rows.map((row) => {
      const group = groups.get(row.local_id);
      if (!group) throw new Error(`group ${row.local_id} of connection ${row.id} is gone`);
      return {
        ...base(row, sources.get(row.source_id) as LdapSource),
        group: group.group_uuid,
        group_obj: toPartialGroup(group),
      };
    });
  };

  const sourceIdOf = async (slug: string | undefined) =>
    slug === undefined ? undefined : ((await listLdapSources(db)).find((s) => s.slug === slug)?.id ?? -1);
  /** The filter a list's shared parameters give: its source (by slug) and its search. */
  const filterOf = async (q: { source__slug?: string; search?: string }): Promise<ConnectionFilter> => {
    const filter: ConnectionFilter = { sourceId: await sourceIdOf(q.source__slug) };
    if (q.search) filter.search = q.search;
    return filter;
  };

  /** The requested page of `rows`, serialised by `present` (which reads only that page's objects). */
  const pageOf = async <T>(
    rows: ConnectionRow[],
    q: { page: number; page_size: number },
    present: (page: ConnectionRow[]) => Promise<T[]>,
  ) => {
    const start = (q.page - 1) * q.page_size;
    const shown = await present(rows.slice(start, start + q.page_size));
    return toEnvelope({ results: shown, count: rows.length, page: q.page, page_size: q.page_size }, (x) => x);
  };

  /** One connection of `kind` by its pk, serialised by `present`; 404 when there is none. */
  const oneConnection = async <T>(
    kind: 'user' | 'group',
    id: number,
    present: (rows: ConnectionRow[]) => Promise<T[]>,
  ): Promise<T> => {
    const [row] = await connections(kind, { id });
    if (!row) throw ApiError.notFound();
    return (await present([row]))[0] as T;
  };

  const listFilter = { ...listQuery, source__slug: text(50).optional() };
  const idParams = z.object({ id: pkParam });

  r.get(
    '/api/v3/sources/user_connections/ldap/',
    {
      ...guard,
      schema: {
        tags: ['sources'],
        querystring: z.object({ ...listFilter, user: pkParam.optional() }),
        response: { 200: paginated(userConnectionResponse) },
      },
    },
    async (request) => {
      const q = request.query;
      const filter = await filterOf(q);
      if (q.user !== undefined) filter.localId = q.user;
      return pageOf(await connections('user', filter), q, presentUsers);
    },
  );

  r.get(
    '/api/v3/sources/user_connections/ldap/:id/',
    { ...guard, schema: { tags: ['sources'], params: idParams, response: { 200: userConnectionResponse } } },
    async (request) => {
      return oneConnection('user', request.params.id, presentUsers);
    },
  );

  r.get(
    '/api/v3/sources/group_connections/ldap/',
    {
      ...guard,
      schema: {
        tags: ['sources'],
        querystring: z.object({ ...listFilter, group: z.uuid().optional() }),
        response: { 200: paginated(groupConnectionResponse) },
      },
    },
    async (request) => {
      const q = request.query;
      const filter = await filterOf(q);
      if (q.group !== undefined) filter.groupUuid = q.group;
      return pageOf(await connections('group', filter), q, presentGroups);
    },
  );

  r.get(
    '/api/v3/sources/group_connections/ldap/:id/',
    { ...guard, schema: { tags: ['sources'], params: idParams, response: { 200: groupConnectionResponse } } },
    async (request) => {
      return oneConnection('group', request.params.id, presentGroups);
    },
  );
}
