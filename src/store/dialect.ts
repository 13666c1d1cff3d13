/**
 * Every difference between SQLite and PostgreSQL that Conduit's queries meet, in one file:
 * booleans (SQLite 0/1), JSON (SQLite text, PostgreSQL jsonb returned parsed) and timestamps
 * (SQLite ISO text, PostgreSQL timestamptz returned as `Date`). Queries write with the plain
 * JS values (`true`, `writeJson(x)`, ISO strings) and read through `readBool`/`readJson`/`readTime`.
 */
import type { ColumnDataType } from 'kysely';
import {
  type KyselyPlugin,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  type ValueNode,
} from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/** Column types for the migrations, per dialect. */
export function columnTypes(dialect: DialectName): {
  bool: ColumnDataType;
  json: ColumnDataType;
  timestamp: ColumnDataType;
} {
  return dialect === 'sqlite'
    ? { bool: 'integer', json: 'text', timestamp: 'text' }
    : { bool: 'boolean', json: 'jsonb', timestamp: 'timestamptz' };
}

export function readBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't';
}

export function readJson<T = unknown>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as T;
    } catch {
      return fallback;
    }
  }
  return value as T;
}

export function writeJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

export function readTime(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  throw new TypeError(`not a timestamp: ${String(value)}`);
}

export function readNullableTime(value: unknown): string | null {
  return value === null || value === undefined ? null : readTime(value);
}

export function nowIso(): string {
  return new Date().toISOString();
}

class BooleanToIntegerTransformer extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    const value = typeof node.value === 'boolean' ? (node.value ? 1 : 0) : node.value;
    return super.transformValue({ ...node, value });
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return super.transformPrimitiveValueList({
      ...node,
      values: node.values.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v)),
    });
  }
}

/** better-sqlite3 refuses to bind JS booleans: this plugin writes them as 1/0. */
export class SqliteBooleanPlugin implements KyselyPlugin {
  readonly #transformer = new BooleanToIntegerTransformer();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** True when `error` is a unique-constraint violation in either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; message?: unknown };
  return (
    e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
