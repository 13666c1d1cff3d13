/**
 * Property mappings: administrator-written JavaScript that turns a directory user or group into
 * a Microsoft Graph request body (or, for a source, an entry into directory fields), evaluated
 * in a QuickJS sandbox. See docs/property-mappings.md.
 */

export {
  DEFAULT_GROUP_MAPPING_EXPRESSION,
  DEFAULT_USER_MAPPING_EXPRESSION,
  MANAGED_GROUP_MAPPING_KEY,
  MANAGED_USER_MAPPING_KEY,
  type ManagedMapping,
  managedMappings,
} from './defaults.js';
export {
  DIRECTORY_GROUP_FIELDS,
  DIRECTORY_USER_FIELDS,
  type DirectoryFieldType,
  directoryFieldNames,
} from './directory-fields.js';
export { DEFAULT_SANDBOX_LIMITS, describeMappedObject, sortMappings } from './engine.js';
export * from './errors.js';
export {
  GRAPH_GROUP_PROPERTIES,
  GRAPH_USER_PROPERTIES,
  isWritableGraphProperty,
  suggestGraphProperty,
} from './graph-properties.js';
export {
  compileMappingSet,
  configureMappingWorkers,
  type MappingWorkerOptions,
  previewMappings,
  stopMappingWorkers,
} from './mapping-workers.js';
export { deepMergeMappingResults } from './merge.js';
export { generatePassword } from './password.js';
export { MAX_EXPRESSION_CHARS } from './sandbox.js';
export { SKIPPED_SINGLE_OBJECTS, TIMEOUTS_IN_A_ROW } from './timeout-streak.js';
export type {
  CompiledMappingSet,
  MappingConnection,
  MappingContext,
  MappingDefinition,
  MappingEvaluationError,
  MappingGroup,
  MappingGroupRef,
  MappingLogLine,
  MappingObjectKind,
  MappingOutcome,
  MappingPrelude,
  MappingProvider,
  MappingResultKind,
  MappingSetOptions,
  MappingUser,
  SandboxLimits,
} from './types.js';
