/**
 * Messages between the main thread (mapping-workers.ts) and a mapping worker (mapping-worker.ts).
 * Everything crosses as structured-clone data; error classes do not survive a clone, so outcomes
 * travel with their errors described as plain data and are rebuilt on arrival.
 *
 * Terminology
 * - set id: the main thread's number for one compiled mapping set; the worker keys its sandboxes
 *   by it.
 * - streak: how many times in a row one mapping timed out, carried by each request so that the
 *   main thread (which also sees hard-deadline kills) and the worker count the same thing.
 */
import * as errors from './errors.js';
import type {
  MappingContext,
  MappingDefinition,
  MappingEvaluationError,
  MappingLogLine,
  MappingObjectKind,
  MappingOutcome,
  MappingSetOptions,
  SandboxLimits,
} from './types.js';

/** What a worker needs to compile a set. */
export interface SetSpec {
  definitions: MappingDefinition[];
  kind: MappingObjectKind;
  limits: SandboxLimits | undefined;
  options?: MappingSetOptions;
}

/** Consecutive timeouts of one mapping, and how many more objects fail fast once it tripped. */
export interface TimeoutStreak {
  /** Mapping that timed out last, or null. */
  mapping: string | null;
  /** How many evaluations in a row it timed out. */
  count: number;
  /** Objects still to fail fast without evaluating (`Infinity`: the rest of the page). */
  skipLeft: number;
}

/** Main thread → worker. */
export type WorkerRequest =
  | { op: 'compile'; setId: number; spec: SetSpec }
  | {
      op: 'evaluate';
      setId: number;
      /** Present when this worker does not hold the set yet (it replaced one that was stopped). */
      compile?: SetSpec;
      contexts: MappingContext[];
      /** A page (evaluateMany): a tripped mapping fails the rest of it. */
      page: boolean;
      streak: TimeoutStreak;
    }
  | { op: 'dispose'; setId: number };

/** A mapping error as plain data. */
export type WireError =
  | {
      type: 'property';
      cls: 'base' | 'syntax' | 'invalid' | 'timeout' | 'memory' | 'sandbox';
      reason: string;
      mappingName: string;
      object?: string;
      line?: number;
      column?: number;
    }
  | { type: 'empty'; kind: MappingObjectKind; mappingNames: string[]; object?: string }
  | {
      type: 'unknown_property';
      mappingName: string;
      property: string;
      kind: MappingObjectKind;
      suggestion?: string;
    }
  | { type: 'unknown_field'; mappingName: string; field: string; kind: MappingObjectKind; object?: string };

/** An outcome as plain data. */
export type WireOutcome =
  | { status: 'ok'; body: Record<string, unknown>; logs: MappingLogLine[] }
  | { status: 'skip'; mapping: string; logs: MappingLogLine[] }
  | { status: 'error'; error: WireError; logs: MappingLogLine[] };

/** Worker → main thread: the answer to the request in flight (one at a time per worker). */
export type WorkerReply =
  | { op: 'compiled'; error?: WireError }
  | { op: 'evaluated'; outcomes: WireOutcome[]; streak: TimeoutStreak }
  | { op: 'disposed' }
  | { op: 'failed'; message: string };

/**
 * Layout of the Int32 buffer a worker shares with the main thread. The worker writes the budget
 * of what it starts under a deadline (ms, deadline plus grace; 0 when nothing runs), then bumps
 * the phase; the main thread times each phase it sees by its own clock. Durations, not epoch
 * times, so that 32-bit integers suffice (BigInt stores cost ~10 µs per evaluation).
 */
export const SHARED_PHASE_SLOT = 0;
/** Budget in ms of the current phase (0: idle). */
export const SHARED_BUDGET_SLOT = 1;
/** Index of the object being evaluated (-1: none yet). */
export const SHARED_OBJECT_SLOT = 2;
/** Bytes of the shared buffer. */
export const SHARED_BYTES = 16;

/** The property-error classes by their wire name; `base` first (every other one extends it). */
const PROPERTY_ERROR_CLASSES = {
  base: errors.PropertyMappingError,
  syntax: errors.MappingSyntaxError,
  invalid: errors.InvalidMappingResultError,
  timeout: errors.MappingTimeoutError,
  memory: errors.MappingMemoryError,
  sandbox: errors.MappingSandboxError,
} as const;
type PropertyErrorClass = keyof typeof PROPERTY_ERROR_CLASSES;
type PropertyErrorConstructor = (typeof PROPERTY_ERROR_CLASSES)[PropertyErrorClass];

/** Describe a mapping error as plain data. */
export function toWireError(error: MappingEvaluationError): WireError {
  if (error instanceof errors.EmptyMappingResultError) {
    return {
      type: 'empty',
      kind: error.kind,
      mappingNames: [...error.mappingNames],
      ...(error.object === undefined ? {} : { object: error.object }),
    };
  }
  if (error instanceof errors.UnknownGraphPropertyError) {
    return {
      type: 'unknown_property',
      mappingName: error.mappingName,
      property: error.property,
      kind: error.kind,
      ...(error.suggestion === undefined ? {} : { suggestion: error.suggestion }),
    };
  }
  if (error instanceof errors.UnknownDirectoryFieldError) {
    return {
      type: 'unknown_field',
      mappingName: error.mappingName,
      field: error.field,
      kind: error.kind,
      ...(error.object === undefined ? {} : { object: error.object }),
    };
  }
  // The most specific class first: every other one extends PropertyMappingError ('base').
  const [cls] = (
    Object.entries(PROPERTY_ERROR_CLASSES) as Array<[PropertyErrorClass, PropertyErrorConstructor]>
  )
    .reverse()
    .find(([, ErrorClass]) => error instanceof ErrorClass) ?? ['base'];
  return {
    type: 'property',
    cls,
    reason: error.reason,
    mappingName: error.mappingName,
    ...(error.object === undefined ? {} : { object: error.object }),
    ...(error.line === undefined ? {} : { line: error.line }),
    ...(error.column === undefined ? {} : { column: error.column }),
  };
}

/** Rebuild the error class a worker described. */
export function fromWireError(wire: WireError): MappingEvaluationError {
  switch (wire.type) {
    case 'empty':
      return new errors.EmptyMappingResultError(wire.kind, wire.mappingNames, wire.object);
    case 'unknown_property':
      return new errors.UnknownGraphPropertyError(
        wire.mappingName,
        wire.property,
        wire.kind,
        wire.suggestion,
      );
    case 'unknown_field':
      return new errors.UnknownDirectoryFieldError(wire.mappingName, wire.field, wire.kind, wire.object);
    case 'property': {
      const ErrorClass = PROPERTY_ERROR_CLASSES[wire.cls];
      const { reason, cls: _cls, type: _type, ...details } = wire;
      return new ErrorClass(reason, details);
    }
  }
}

/** Describe an outcome as plain data. */
export function toWireOutcome(outcome: MappingOutcome): WireOutcome {
  return outcome.status === 'error' ? { ...outcome, error: toWireError(outcome.error) } : outcome;
}

/** Rebuild an outcome a worker described. */
export function fromWireOutcome(wire: WireOutcome): MappingOutcome {
  return wire.status === 'error' ? { ...wire, error: fromWireError(wire.error) } : wire;
}

/** Least time past a deadline before the main thread stops the worker running it. */
export const MIN_HARD_DEADLINE_GRACE_MS = 50;

/**
 * How long past a sandbox deadline the main thread waits before it stops the worker: QuickJS's
 * interrupt handler normally ends an evaluation within a few ms of its deadline, so a quarter of
 * the limit (at least {@link MIN_HARD_DEADLINE_GRACE_MS}) only ever catches code that escaped it.
 */
export function hardDeadlineGraceMs(timeoutMs: number): number {
  return Math.max(MIN_HARD_DEADLINE_GRACE_MS, Math.ceil(timeoutMs / 4));
}
