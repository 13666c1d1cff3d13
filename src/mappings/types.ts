/**
 * Terminology
 * - mapping definition: one administrator-written JavaScript expression (or function body) that
 *   returns part of a Microsoft Graph request body.
 * - mapping set: a provider's user mappings, or its group mappings, evaluated together.
 * - context: the plain data a mapping sees (`user` or `group`, `provider`, `connection`).
 * - outcome: the merged Graph body, a skip, or an error, with the lines the mappings logged.
 *
 * Everything here is plain data: this module knows nothing of HTTP or the database.
 */
import type {
  EmptyMappingResultError,
  PropertyMappingError,
  UnknownDirectoryFieldError,
  UnknownGraphPropertyError,
} from './errors.js';

/** One property mapping as stored by the directory. */
export interface MappingDefinition {
  /** Stable id (the mapping's `pm_uuid`); used only to break ties between equal names. */
  id: string;
  /** Display name; mappings of a set are evaluated in ascending name order. */
  name: string;
  /** JavaScript: an expression, or a function body that `return`s an object (or null). */
  expression: string;
  /** Key of a managed (built-in) mapping, or null for administrator-written ones. */
  managed?: string | null;
}

/** Which object a mapping set sees and produces: a user or a group. */
export type MappingObjectKind = 'user' | 'group';

/**
 * What a set's results are checked against, chosen when it is compiled:
 * - `graph` (the default): writable Microsoft Graph properties of the kind (graph-properties.ts);
 *   an empty merged result is an error, since nothing could be sent to Graph.
 * - `directory`: the fields of a Conduit directory user (`username`, `name`, `email`,
 *   `is_active`, `path`, `attributes`, `type`) or group (`name`, `attributes`, `is_superuser`),
 *   as a source's mappings return them (directory-fields.ts); an empty result sets nothing.
 */
export type MappingResultKind = 'graph' | 'directory';

/**
 * Helper source defined in the sandbox before a set's mappings (e.g. an LDAP source's `attr`),
 * run once per object, not on any mapping's lines: the line numbers of errors stay the
 * expression's own.
 */
export interface MappingPrelude {
  /**
   * A strict-mode function body that sees `user`, `group`, `provider`, `connection` and declares
   * (`const`, `let` or `function`) every name of `names`. Written by Conduit, never by an
   * administrator; it runs inside the sandbox like the mappings.
   */
  source: string;
  /** The names every mapping of the set sees as variables: JavaScript identifiers. */
  names: readonly string[];
}

/** Options of a mapping set, fixed when it is compiled. */
export interface MappingSetOptions {
  /** What results are checked against; default `graph`. */
  resultKind?: MappingResultKind;
  /** Helpers defined before the mappings run (see {@link MappingPrelude}). */
  prelude?: MappingPrelude;
}

/** A group as seen from a user (direct membership) or as a parent of another group. */
export interface MappingGroupRef {
  /** Group uuid. */
  pk: string;
  /** Numeric id of the group. */
  num_pk: number;
  /** Group name. */
  name: string;
  /** Free-form attributes of the group. */
  attributes: Record<string, unknown>;
}

/** The user being synced, as a mapping sees it. */
export interface MappingUser {
  /** Numeric id. */
  pk: number;
  /** Stable opaque identifier, used as `onPremisesImmutableId` by the default mapping. */
  uid: string;
  /** Login name. */
  username: string;
  /** Display name. */
  name: string;
  /** Email address (the default mapping's `userPrincipalName`). */
  email: string;
  /** Whether the account is active. */
  is_active: boolean;
  /** Account type. */
  type: 'internal' | 'external' | 'service_account' | 'internal_service_account';
  /** Directory path of the user. */
  path: string;
  /** Free-form attributes of the user. */
  attributes: Record<string, unknown>;
  /** ISO 8601 timestamp of the last login, or null. */
  last_login: string | null;
  /** Groups the user is a direct member of. */
  groups: MappingGroupRef[];
  /** Names of direct and ancestor groups; `isGroupMember` looks here. */
  all_group_names: string[];
}

/** The group being synced, as a mapping sees it. */
export interface MappingGroup extends MappingGroupRef {
  /** Whether members of this group are superusers. */
  is_superuser: boolean;
  /** Direct parent groups. */
  parents: MappingGroupRef[];
  /** Number of direct members. */
  member_count: number;
}

/** Non-secret fields of the provider whose mappings run. Never pass the client secret. */
export interface MappingProvider {
  /** Numeric id. */
  pk: number;
  /** Provider name. */
  name: string;
  /** Entra tenant id. */
  tenant_id: string;
  /** Application (client) id. */
  client_id: string;
  /** Other non-secret fields. */
  [k: string]: unknown;
}

/** The existing link between a local object and its Graph object. */
export interface MappingConnection {
  /** Graph object id. */
  remote_id: string;
  /** The Graph body last pushed (or read) for this object. */
  attributes: Record<string, unknown>;
}

/** Input of one evaluation. Values are copied into the sandbox; mappings cannot change them. */
export interface MappingContext {
  /** The user being synced (user mappings), otherwise null. */
  user?: MappingUser | null;
  /** The group being synced (group mappings), otherwise null. */
  group?: MappingGroup | null;
  /** The provider whose mappings run. */
  provider: MappingProvider;
  /** The link to the remote object, or null when the object is about to be created. */
  connection: MappingConnection | null;
}

/** Resource limits of the sandbox. */
export interface SandboxLimits {
  /** Wall-clock budget of one evaluation of the whole set, in ms. Default 100. */
  timeoutMs?: number;
  /** Memory limit of the set's QuickJS runtime, in bytes. Default 32 MiB. */
  memoryLimitBytes?: number;
  /** Largest accepted result of one evaluation (serialised, in characters). Default 1 MiB. */
  maxResultBytes?: number;
}

/** One line logged by a mapping through `log(...)` or `logger.<level>(...)`. */
export interface MappingLogLine {
  /** Name of the mapping that logged the line (empty for lines logged by the engine). */
  mapping: string;
  /** Severity. */
  level: 'debug' | 'info' | 'warning' | 'error';
  /** The message, with non-string arguments rendered as JSON. */
  message: string;
}

/** Errors an evaluation can end with. */
export type MappingEvaluationError =
  | PropertyMappingError
  | EmptyMappingResultError
  | UnknownGraphPropertyError
  | UnknownDirectoryFieldError;

/** Result of evaluating a mapping set for one object. */
export type MappingOutcome =
  | { status: 'ok'; body: Record<string, unknown>; logs: MappingLogLine[] }
  | { status: 'skip'; mapping: string; logs: MappingLogLine[] }
  | { status: 'error'; error: MappingEvaluationError; logs: MappingLogLine[] };

/**
 * A mapping set compiled once (per sync run) and evaluated many times. It lives in a mapping
 * worker thread (docs/property-mappings.md, "Where mappings run"), so evaluating never blocks
 * Conduit's event loop; every call is one message to that worker.
 */
export interface CompiledMappingSet {
  /**
   * Evaluate the set for one object. Never rejects for mapping faults: see `status`. Consecutive
   * single evaluations share one timeout streak: after a mapping timed out three times in a row,
   * the next objects fail fast for a while instead of each spending the time limit.
   */
  evaluate(context: MappingContext): Promise<MappingOutcome>;
  /**
   * Evaluate the set for a page of objects in one message to the worker (the cheap way to map
   * many objects). Outcomes are in the order of `contexts`. When one mapping times out three
   * times in a row, the rest of the page fails fast with an error naming it.
   */
  evaluateMany(contexts: readonly MappingContext[]): Promise<MappingOutcome[]>;
  /** Free the sandbox. Further `evaluate` calls reject. */
  dispose(): void;
}
