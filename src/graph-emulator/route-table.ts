/**
 * The building blocks of the Graph v1.0 route table: what a handler gets and returns, the
 * permissions each route accepts (any of), and the helpers the resource route files share. Each
 * route names its base resource-unit cost
 * (https://learn.microsoft.com/graph/throttling-limits#identity-and-access-service-limits) and
 * whether it writes.
 */
import type { GraphCaller } from './access-tokens.js';
import type { DirectoryContext } from './directory-objects.js';
import { AuthorizationRequestDeniedError, BadRequestError, MethodNotAllowedError } from './errors.js';
import type { GraphRequest } from './graph-types.js';

/** Everything a handler gets. */
export interface OperationContext extends DirectoryContext {
  request: GraphRequest;
  caller: GraphCaller;
  params: string[];
}

/** What a handler returns. */
export interface HandlerResult {
  status: number;
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

/** A resolved route. */
export interface Route {
  name: string;
  roles: readonly string[];
  baseResourceUnits: number;
  write: boolean;
  handler: (op: OperationContext) => HandlerResult;
}

/** A route with the ids taken from its path. */
export interface ResolvedRoute {
  route: Route;
  params: string[];
}

/** Picks the route for the request's method from a path's routes (405 when none), with the path's ids. */
export type Pick = (table: Record<string, Route>, params?: string[]) => ResolvedRoute;

export const USER_READ = [
  'User.Read.All',
  'User.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];
export const USER_WRITE = ['User.ReadWrite.All', 'Directory.ReadWrite.All'];
export const USER_RESTORE = ['User.DeleteRestore.All', 'Directory.ReadWrite.All'];
export const GROUP_READ = [
  'Group.Read.All',
  'Group.ReadWrite.All',
  'GroupMember.Read.All',
  'GroupMember.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];
export const GROUP_CREATE = ['Group.Create', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'];
export const GROUP_WRITE = ['Group.ReadWrite.All', 'Directory.ReadWrite.All'];
export const MEMBER_WRITE = ['GroupMember.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'];
export const ORG_READ = [
  'Organization.Read.All',
  'Organization.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];
export const ANY_READ = [...new Set([...USER_READ, ...GROUP_READ])];
export const NONE: readonly string[] = [];

/** Throws 403 unless the caller holds one of `roles`. */
export function requireRoles(caller: GraphCaller, roles: readonly string[]): void {
  if (roles.length === 0) return;
  if (!roles.some((r) => caller.roles.has(r))) throw new AuthorizationRequestDeniedError();
}

/** One route of the table. */
export function route(
  name: string,
  roles: readonly string[],
  baseResourceUnits: number,
  write: boolean,
  handler: Route['handler'],
): Route {
  return { name, roles, baseResourceUnits, write, handler };
}

/** The 204 answer of a write that returns nothing. */
export const noContent = (): HandlerResult => ({ status: 204 });

/** Graph's 400 for a path segment it does not know. */
export function unknownSegment(segment: string): BadRequestError {
  return new BadRequestError(`Resource not found for the segment '${segment}'.`);
}

/** The `Pick` for one request method. */
export function pickFor(method: string): Pick {
  return (table, params = []) => {
    const r = table[method];
    if (!r) throw new MethodNotAllowedError();
    return { route: r, params };
  };
}
