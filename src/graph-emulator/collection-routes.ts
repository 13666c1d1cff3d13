/**
 * The routes `/users` and `/groups` have in common: list and create on the collection, `$count`,
 * `delta`, and get, update and delete of one object. The resource route files add their
 * navigation properties (memberOf, members, owners).
 */
import { runDelta } from './delta.js';
import type { GroupRecord, UserRecord } from './model.js';
import { parseSelect } from './query.js';
import { countResource, entity, entityContext, listResource } from './resource-views.js';
import { noContent, type OperationContext, type Pick, type ResolvedRoute, route } from './route-table.js';
import { graphBase } from './runtime.js';
import type { ResourceSchema } from './schemas.js';

/** What differs between `/users` and `/groups`. */
export interface CollectionSpec<T extends UserRecord | GroupRecord> {
  entitySet: 'users' | 'groups';
  schema: ResourceSchema;
  /** Roles accepted by the reads. */
  read: readonly string[];
  /** Roles accepted by create. */
  create: readonly string[];
  /** Roles accepted by update and delete. */
  write: readonly string[];
  /** Base resource units of the list request. */
  listCost: number;
  createObject(op: OperationContext, body: unknown): T;
  requireObject(op: OperationContext, id: string): T;
  updateObject(op: OperationContext, record: T, body: unknown): void;
  deleteObject(op: OperationContext, record: T): void;
}

/** Resolves `/{set}`, `/{set}/$count`, `/{set}/delta` and `/{set}/{id}`; undefined for deeper paths. */
export function resolveCollection<T extends UserRecord | GroupRecord>(
  spec: CollectionSpec<T>,
  segments: string[],
  pick: Pick,
): ResolvedRoute | undefined {
  const { entitySet: set, schema } = spec;
  const n = segments.length;
  if (n === 1) {
    return pick({
      GET: route(`${set}.list`, spec.read, spec.listCost, false, (op) => listResource(op, schema)),
      POST: route(`${set}.create`, spec.create, 1, true, (op) => {
        const record = spec.createObject(op, op.request.body);
        return {
          status: 201,
          body: entity(op, record, `${set}/$entity`, undefined),
          headers: { Location: `${graphBase(op.runtime)}/${set}/${record.id}` },
        };
      }),
    });
  }
  if (n !== 2) return undefined;
  const id = segments[1] as string;
  if (id === '$count')
    return pick({ GET: route(`${set}.count`, spec.read, 1, false, (op) => countResource(op, schema)) });
  if (id === 'delta' || id === 'delta()') {
    return pick({
      GET: route(`${set}.delta`, spec.read, 1, false, (op) => ({
        status: 200,
        body: runDelta(op, set, op.request.query, op.request.path),
      })),
    });
  }
  return pick(
    {
      GET: route(`${set}.get`, spec.read, 1, false, (op) => {
        const record = spec.requireObject(op, op.params[0] as string);
        const select = parseSelect(op.request.query, schema);
        return { status: 200, body: entity(op, record, entityContext(set, select), select) };
      }),
      PATCH: route(`${set}.update`, spec.write, 1, true, (op) => {
        spec.updateObject(op, spec.requireObject(op, op.params[0] as string), op.request.body);
        return noContent();
      }),
      DELETE: route(`${set}.delete`, spec.write, 1, true, (op) => {
        spec.deleteObject(op, spec.requireObject(op, op.params[0] as string));
        return noContent();
      }),
    },
    [id],
  );
}
