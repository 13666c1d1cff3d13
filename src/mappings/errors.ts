/**
 * Errors of the property-mapping engine. Each has a stable `code` and says what a person needs to
 * fix it: the mapping, the object being synced, and the line/column in the expression when known.
 */
import { directoryFieldNames } from './directory-fields.js';
import type { MappingObjectKind } from './types.js';

/** Where a mapping failure happened; all fields optional because not every failure has them. */
export interface PropertyMappingErrorDetails {
  /** Name of the failing mapping. */
  mappingName: string;
  /** Human description of the object being mapped, e.g. `user "jdoe" (pk 7)`. */
  object?: string;
  /** 1-based line in the mapping's expression. */
  line?: number;
  /** 1-based column in the mapping's expression. */
  column?: number;
  /** Underlying cause (name and message of the value thrown inside the sandbox). */
  cause?: unknown;
}

function locate(details: PropertyMappingErrorDetails): string {
  let where = `Property mapping "${details.mappingName}"`;
  if (details.object) where += ` (${details.object})`;
  if (details.line !== undefined) {
    where += ` at line ${details.line}`;
    if (details.column !== undefined) where += `, column ${details.column}`;
  }
  return where;
}

/** A mapping threw, returned something unusable, or could not be compiled. */
export class PropertyMappingError extends Error {
  /** Stable machine-readable code. Subclasses refine it. */
  readonly code: string = 'property_mapping_error';
  /** Name of the failing mapping. */
  readonly mappingName: string;
  /** Description of the object being mapped, when known. */
  readonly object: string | undefined;
  /** 1-based line in the expression, when known. */
  readonly line: number | undefined;
  /** 1-based column in the expression, when known. */
  readonly column: number | undefined;
  /** The reason alone, without the location prefix (handy for UI previews). */
  readonly reason: string;

  constructor(reason: string, details: PropertyMappingErrorDetails) {
    super(
      `${locate(details)}: ${reason}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.name = new.target.name;
    this.reason = reason;
    this.mappingName = details.mappingName;
    this.object = details.object;
    this.line = details.line;
    this.column = details.column;
  }
}

/** The expression is not valid JavaScript. Raised when the set is compiled. */
export class MappingSyntaxError extends PropertyMappingError {
  override readonly code = 'property_mapping_syntax_error';
}

/** The mapping returned something that is not plain JSON-like data (function, cycle, too large…). */
export class InvalidMappingResultError extends PropertyMappingError {
  override readonly code = 'invalid_mapping_result';
}

/** The evaluation ran past its time budget (`SandboxLimits.timeoutMs`). */
export class MappingTimeoutError extends PropertyMappingError {
  override readonly code = 'property_mapping_timeout';
}

/** The evaluation exceeded the sandbox memory limit (`SandboxLimits.memoryLimitBytes`). */
export class MappingMemoryError extends PropertyMappingError {
  override readonly code = 'property_mapping_memory_limit';
}

/** The sandbox itself failed (should not happen); the set must be compiled again. */
export class MappingSandboxError extends PropertyMappingError {
  override readonly code = 'property_mapping_sandbox_failure';
}

/**
 * The merged result of a mapping set is empty: nothing could be sent to Graph. With no mappings
 * selected it is a provider-level configuration error; when the mappings return null for one
 * object, that object's error.
 */
export class EmptyMappingResultError extends Error {
  /** Stable machine-readable code. */
  readonly code = 'empty_mapping_result';
  /** Which set produced nothing. */
  readonly kind: MappingObjectKind;
  /** Names of the mappings that were evaluated (empty when none are configured). */
  readonly mappingNames: readonly string[];
  /** Description of the object being mapped, when known. */
  readonly object: string | undefined;

  constructor(kind: MappingObjectKind, mappingNames: readonly string[], object?: string) {
    const which =
      mappingNames.length === 0
        ? `No ${kind} property mappings are configured`
        : `The ${kind} property mappings (${mappingNames.map((n) => `"${n}"`).join(', ')}) produced an empty result`;
    super(
      `${which}${object ? ` for ${object}` : ''}: nothing can be sent to Microsoft Graph. Select the default ${kind} mapping or return at least one property.`,
    );
    this.name = 'EmptyMappingResultError';
    this.kind = kind;
    this.mappingNames = mappingNames;
    this.object = object;
  }
}

/** A mapping returned a key that is not a writable Microsoft Graph property of the resource. */
export class UnknownGraphPropertyError extends Error {
  /** Stable machine-readable code. */
  readonly code = 'unknown_graph_property';
  /** Name of the mapping that returned the property. */
  readonly mappingName: string;
  /** The offending key. */
  readonly property: string;
  /** Resource the key was checked against. */
  readonly kind: MappingObjectKind;
  /** A close writable property name, when one exists (e.g. `displayName` for `display_name`). */
  readonly suggestion: string | undefined;

  constructor(mappingName: string, property: string, kind: MappingObjectKind, suggestion?: string) {
    super(
      `Property mapping "${mappingName}" returned "${property}", which is not a writable Microsoft Graph ${kind} property${suggestion ? ` (did you mean "${suggestion}"?)` : ''}. Mappings must use Graph camelCase property names.`,
    );
    this.name = 'UnknownGraphPropertyError';
    this.mappingName = mappingName;
    this.property = property;
    this.kind = kind;
    this.suggestion = suggestion;
  }
}

/** A `directory` set's mapping returned a key that a directory user or group does not have. */
export class UnknownDirectoryFieldError extends Error {
  /** Stable machine-readable code. */
  readonly code = 'unknown_directory_field';
  /** Name of the mapping that returned the field. */
  readonly mappingName: string;
  /** The offending key. */
  readonly field: string;
  /** Object the key was checked against. */
  readonly kind: MappingObjectKind;
  /** Description of the object being mapped, when known. */
  readonly object: string | undefined;

  constructor(mappingName: string, field: string, kind: MappingObjectKind, object?: string) {
    super(
      `Property mapping "${mappingName}"${object ? ` (${object})` : ''} returned "${field}", which a directory ${kind} does not have; return ${directoryFieldNames(kind).join(', ')} (put anything else under attributes).`,
    );
    this.name = 'UnknownDirectoryFieldError';
    this.mappingName = mappingName;
    this.field = field;
    this.kind = kind;
    this.object = object;
  }
}
