/**
 * Compiles a provider's (or a source's) user or group mappings into a sandbox once, then
 * evaluates them per object: name order, deep merge, validation against the set's result kind
 * (Graph properties, or directory fields), and errors that name the mapping, the object and the line. Pure: inputs and outputs are plain objects. This runs inside a
 * mapping worker; the rest of Conduit reaches it through mapping-workers.ts.
 */
import { checkDirectoryResult } from './directory-fields.js';
import { encodeContext, newSharedGroupRefs, toJson } from './encode-context.js';
import {
  EmptyMappingResultError,
  InvalidMappingResultError,
  MappingMemoryError,
  MappingSandboxError,
  MappingSyntaxError,
  MappingTimeoutError,
  PropertyMappingError,
  UnknownDirectoryFieldError,
  UnknownGraphPropertyError,
} from './errors.js';
import { isWritableGraphProperty, suggestGraphProperty } from './graph-properties.js';
import { deepMergeMappingResults } from './merge.js';
import { generatePassword } from './password.js';
import {
  createSandbox,
  type SandboxLogLine,
  type SandboxRunResult,
  type SandboxSettings,
} from './sandbox.js';
import type {
  MappingContext,
  MappingDefinition,
  MappingLogLine,
  MappingObjectKind,
  MappingOutcome,
  MappingResultKind,
  MappingSetOptions,
  SandboxLimits,
} from './types.js';

/** Defaults applied to {@link SandboxLimits}. */
export const DEFAULT_SANDBOX_LIMITS: Readonly<Required<SandboxLimits>> = Object.freeze({
  timeoutMs: 100,
  memoryLimitBytes: 32 * 1024 * 1024,
  maxResultBytes: 1024 * 1024,
});

/** Name used in errors that happen outside any single mapping (e.g. reading the context). */
export const NO_MAPPING = '(mapping set)';

function resolveSettings(limits: SandboxLimits | undefined): SandboxSettings {
  const pick = (value: number | undefined, fallback: number): number =>
    value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
  return {
    timeoutMs: pick(limits?.timeoutMs, DEFAULT_SANDBOX_LIMITS.timeoutMs),
    memoryLimitBytes: pick(limits?.memoryLimitBytes, DEFAULT_SANDBOX_LIMITS.memoryLimitBytes),
    maxResultChars: pick(limits?.maxResultBytes, DEFAULT_SANDBOX_LIMITS.maxResultBytes),
    randomPassword: (length) => generatePassword(length > 0 ? length : undefined),
  };
}

/** The time limit of one evaluation that `limits` gives (the default when unset or invalid). */
export function effectiveTimeoutMs(limits: SandboxLimits | undefined): number {
  return resolveSettings(limits).timeoutMs;
}

/** Mappings in evaluation order: ascending name (code-unit order), ties broken by id. */
export function sortMappings(mappings: readonly MappingDefinition[]): MappingDefinition[] {
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...mappings].sort((a, b) => cmp(a.name, b.name) || cmp(a.id, b.id));
}

/** How errors name the object being mapped, e.g. `user "jdoe" (pk 7)`. */
export function describeMappedObject(kind: MappingObjectKind, context: MappingContext): string {
  if (kind === 'user' && context.user) return `user "${context.user.username}" (pk ${context.user.pk})`;
  if (kind === 'group' && context.group) return `group "${context.group.name}" (pk ${context.group.pk})`;
  return `${kind} (none given)`;
}

function convertLogs(
  raw: { logs: SandboxLogLine[]; droppedLogs?: number },
  names: readonly string[],
): MappingLogLine[] {
  const lines: MappingLogLine[] = raw.logs.map(([index, level, message]) => ({
    mapping: names[index] ?? '',
    level,
    message,
  }));
  if (raw.droppedLogs) {
    lines.push({
      mapping: '',
      level: 'warning',
      message: `${raw.droppedLogs} further log lines were dropped (limit 100 per evaluation)`,
    });
  }
  return lines;
}

/** The first result of a `graph` set with a key that is not a writable Graph property, as an error. */
function graphResultError(
  results: ReadonlyArray<Record<string, unknown> | null>,
  nameOf: (index: number) => string,
  kind: MappingObjectKind,
): UnknownGraphPropertyError | null {
  for (let i = 0; i < results.length; i++) {
    const result = results[i];
    if (!result) continue;
    for (const property of Object.keys(result)) {
      if (!isWritableGraphProperty(kind, property)) {
        return new UnknownGraphPropertyError(nameOf(i), property, kind, suggestGraphProperty(kind, property));
      }
    }
  }
  return null;
}

/** The first result of a `directory` set with an unknown or mistyped field, as an error. */
function directoryResultError(
  results: ReadonlyArray<Record<string, unknown> | null>,
  nameOf: (index: number) => string,
  kind: MappingObjectKind,
  object: string,
): UnknownDirectoryFieldError | InvalidMappingResultError | null {
  for (let i = 0; i < results.length; i++) {
    const result = results[i];
    if (!result) continue;
    const problem = checkDirectoryResult(kind, result);
    if (!problem) continue;
    return problem.unknown
      ? new UnknownDirectoryFieldError(nameOf(i), problem.field, kind, object)
      : new InvalidMappingResultError(problem.reason, { mappingName: nameOf(i), object });
  }
  return null;
}

function toOutcome(
  raw: SandboxRunResult,
  names: readonly string[],
  kind: MappingObjectKind,
  resultKind: MappingResultKind,
  object: string,
  settings: SandboxSettings,
): MappingOutcome {
  const logs = convertLogs(raw, names);
  const nameOf = (index: number): string => names[index] ?? NO_MAPPING;
  switch (raw.t) {
    case 'ok': {
      const error =
        resultKind === 'graph'
          ? graphResultError(raw.results, nameOf, kind)
          : directoryResultError(raw.results, nameOf, kind, object);
      if (error) return { status: 'error', error, logs };
      // Results are fresh JSON from the sandbox, owned by nobody else: a single one is the body.
      const present = raw.results.filter((r): r is Record<string, unknown> => r !== null);
      const body =
        present.length === 1 ? (present[0] as Record<string, unknown>) : deepMergeMappingResults(...present);
      // Nothing to send to Graph is an error; a directory object with nothing set keeps its defaults.
      if (resultKind === 'graph' && Object.keys(body).length === 0) {
        return { status: 'error', error: new EmptyMappingResultError(kind, names, object), logs };
      }
      return { status: 'ok', body, logs };
    }
    case 'skip': {
      const why = raw.message && raw.message !== 'SkipObject' ? `: ${raw.message}` : '';
      logs.push({
        mapping: nameOf(raw.index),
        level: 'debug',
        message: `${object} skipped by SkipObject${why}`,
      });
      return { status: 'skip', mapping: nameOf(raw.index), logs };
    }
    case 'throw': {
      const reason =
        raw.message === 'stack overflow'
          ? `${raw.name}: stack overflow (recursion or nesting too deep)`
          : `${raw.name}: ${raw.message}`;
      const error = new PropertyMappingError(reason, {
        mappingName: nameOf(raw.index),
        object,
        ...raw.position,
      });
      return { status: 'error', error, logs };
    }
    case 'invalid':
      return {
        status: 'error',
        error: new InvalidMappingResultError(raw.message, { mappingName: nameOf(raw.index), object }),
        logs,
      };
    case 'timeout':
      return {
        status: 'error',
        error: new MappingTimeoutError(
          `evaluation exceeded the ${settings.timeoutMs} ms time limit (infinite loop?)`,
          {
            mappingName: nameOf(raw.index),
            object,
            ...raw.position,
          },
        ),
        logs,
      };
    case 'memory':
      return {
        status: 'error',
        error: new MappingMemoryError(
          `evaluation exceeded the ${Math.round(settings.memoryLimitBytes / 1024 / 1024)} MiB memory limit`,
          {
            mappingName: nameOf(raw.index),
            object,
            ...raw.position,
          },
        ),
        logs,
      };
    case 'crash':
      return {
        status: 'error',
        error: new MappingSandboxError(raw.message, { mappingName: NO_MAPPING, object }),
        logs,
      };
  }
}

/** A compiled set evaluated synchronously on the calling thread: what a mapping worker holds. */
export interface InThreadMappingSet {
  /** Evaluate the set for one object. Never throws for mapping faults: see `status`. */
  evaluate(context: MappingContext): MappingOutcome;
  /** Free the sandbox. Further `evaluate` calls throw. */
  dispose(): void;
}

/**
 * Compile a mapping set into a sandbox on the calling thread. Only the mapping worker calls this
 * (see mapping-workers.ts): evaluating here blocks the thread for up to the time limit, and
 * longer when a built-in runs past it. Mappings are evaluated in ascending name order. Rejects
 * with {@link MappingSyntaxError} when an expression is not valid JavaScript.
 */
export async function compileMappingSetInThread(
  mappings: MappingDefinition[],
  kind: MappingObjectKind,
  limits?: SandboxLimits,
  onDeadline?: (deadline: number) => void,
  options?: MappingSetOptions,
): Promise<InThreadMappingSet> {
  if (kind !== 'user' && kind !== 'group') throw new TypeError(`Unknown mapping kind: ${String(kind)}`);
  const resultKind = checkResultKind(options?.resultKind);
  const ordered = sortMappings(mappings);
  const names = ordered.map((m) => m.name);
  const settings: SandboxSettings = {
    ...resolveSettings(limits),
    ...(onDeadline ? { onDeadline } : {}),
    ...(options?.prelude ? { prelude: options.prelude } : {}),
    resultNoun: resultKind === 'graph' ? 'Graph properties' : `directory ${kind} fields`,
  };

  if (ordered.length === 0) {
    let disposed = false;
    return {
      evaluate(context) {
        if (disposed) throw new Error('This compiled mapping set has been disposed');
        if (resultKind === 'directory') return { status: 'ok', body: {}, logs: [] };
        return {
          status: 'error',
          error: new EmptyMappingResultError(kind, [], describeMappedObject(kind, context)),
          logs: [],
        };
      },
      dispose() {
        disposed = true;
      },
    };
  }

  const created = await createSandbox(
    ordered.map((m) => m.expression),
    settings,
  );
  if ('failure' in created) {
    const { index, message, position } = created.failure;
    throw new MappingSyntaxError(message, { mappingName: names[index] ?? NO_MAPPING, ...position });
  }
  const { sandbox } = created;
  // Shared group references may hold 1/32 of the sandbox memory limit in JSON (1 MiB by default).
  const sharedGroups = newSharedGroupRefs(Math.floor(settings.memoryLimitBytes / 32));
  return {
    evaluate(context) {
      const object = describeMappedObject(kind, context);
      let json: [string, string];
      try {
        json = [encodeContext(context, sharedGroups, sandbox.generation), toJson(context.provider ?? null)];
      } catch (cause) {
        return contextCopyFailure(cause, object);
      }
      return toOutcome(sandbox.run(json[0], json[1]), names, kind, resultKind, object, settings);
    },
    dispose() {
      sandbox.dispose();
    },
  };
}

/** The result kind of a set's options (default `graph`); throws on anything else. */
export function checkResultKind(resultKind: MappingResultKind | undefined): MappingResultKind {
  if (resultKind === undefined || resultKind === 'graph' || resultKind === 'directory')
    return resultKind ?? 'graph';
  throw new TypeError(`Unknown mapping result kind: ${String(resultKind)} (use "graph" or "directory")`);
}

/** The outcome of an object whose context cannot be copied (to the worker or into the sandbox). */
export function contextCopyFailure(cause: unknown, object: string): MappingOutcome {
  const reason = `the context could not be copied into the sandbox (${cause instanceof Error ? cause.message : String(cause)})`;
  return {
    status: 'error',
    error: new PropertyMappingError(reason, { mappingName: NO_MAPPING, object }),
    logs: [],
  };
}
