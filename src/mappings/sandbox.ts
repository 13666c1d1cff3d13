/**
 * The only module that touches QuickJS. Everything administrator-written runs here.
 *
 * Invariants:
 * - Mapping code runs only inside a QuickJS (WebAssembly) context. The context has no `require`,
 *   `import`, `process`, file system, network, timers or host objects. The single host function
 *   it can call is `randomPasswords(count, length)`, which reads two numbers and returns one
 *   string (only the prelude holds it; mappings see the `randomPassword` wrapper).
 * - Data crosses the boundary as JSON strings only: the context goes in with one `newString`, the
 *   result comes out with one `getString`. No host object handle is ever given to the sandbox, so
 *   a mapping cannot reach or mutate host objects or the host's prototypes.
 * - Every call into QuickJS runs under a deadline (interrupt handler) and the runtime's memory
 *   limit. Every deadline is also reported through `settings.onDeadline`: the interrupt handler is
 *   polled too rarely to bound every evaluation (recursion with `catch`, long built-ins), so the
 *   mapping worker publishes it and the main thread terminates the worker past it.
 * - The C stack limit is kept small (`MAX_STACK_BYTES`) so that QuickJS reports "stack overflow"
 *   itself before the WebAssembly call nesting can exhaust Node's own stack.
 * - After a timeout or an out-of-memory error the runtime is thrown away and rebuilt from the
 *   same sources, so the next evaluation starts from a clean, locked-down realm. A rebuild bumps
 *   `generation`: whatever the host taught the old realm (the cached provider, shared group
 *   references) is sent again.
 * - Each sandbox has its own WebAssembly instance whose linear memory has a hard maximum (base
 *   + memory limit). QuickJS's allocation accounting is blind under Emscripten, so this ceiling,
 *   not `setMemoryLimit`, is what stops memory bombs; a failed allocation surfaces as QuickJS's
 *   "out of memory" error inside the sandbox.
 * - Any exception that QuickJS's host API itself throws (which means the instance may be
 *   corrupt) marks the set broken; it is never used again and must be compiled anew.
 * - Every handle created is disposed; a runtime is disposed only after all its handles.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSSyncVariant,
  type QuickJSWASMModule,
} from 'quickjs-emscripten-core';
import { SANDBOX_PRELUDE } from './sandbox-prelude.js';
import {
  fileName,
  mappingParameters,
  PRELUDE_FILE_NAME,
  positionFromStack,
  type SandboxPosition,
  wrapAsBody,
  wrapAsExpression,
  wrapPrelude,
} from './sandbox-source.js';
import type { MappingPrelude } from './types.js';

export { positionFromStack, type SandboxPosition } from './sandbox-source.js';

/** QuickJS's own C-stack limit. Measured: 64 KiB lets deeply nested source overflow Node's stack first. */
const MAX_STACK_BYTES = 32 * 1024;
/** Compiling (and rebuilding) gets a longer budget than one evaluation. */
const MIN_COMPILE_BUDGET_MS = 2_000;
/** Expressions longer than this are refused before they reach the parser. */
export const MAX_EXPRESSION_CHARS = 256 * 1024;
/** Smallest memory limit accepted: the locked-down realm itself needs about 1 MiB. */
const MIN_MEMORY_BYTES = 4 * 1024 * 1024;

/** Resource limits, resolved. */
export interface SandboxSettings {
  timeoutMs: number;
  memoryLimitBytes: number;
  maxResultChars: number;
  /** Host implementation of `randomPassword(length)`; `length` 0 means "default". */
  randomPassword: (length: number) => string;
  /**
   * Told every deadline the sandbox sets (epoch ms; `Infinity` when none runs). QuickJS polls its
   * interrupt handler only every few thousand branches, and not at all inside long built-ins
   * (`Array.prototype.sort`, `String.prototype.split` on megabytes), so the mapping worker
   * publishes this for a watchdog on the main thread that terminates the worker past it.
   */
  onDeadline?: (deadline: number) => void;
  /** Helpers defined before the mappings, once per object (see `MappingPrelude`). */
  prelude?: MappingPrelude;
  /** What a mapping's result is called in its errors, e.g. "Graph properties". */
  resultNoun?: string;
}

/** A log line as the driver records it: [mapping index or -1, level, message]. */
export type SandboxLogLine = [number, 'debug' | 'info' | 'warning' | 'error', string];

/** What one evaluation produced, before the engine turns it into a `MappingOutcome`. */
export type SandboxRunResult =
  | { t: 'ok'; results: Array<Record<string, unknown> | null>; logs: SandboxLogLine[]; droppedLogs?: number }
  | { t: 'skip'; index: number; message: string; logs: SandboxLogLine[]; droppedLogs?: number }
  | {
      t: 'throw';
      index: number;
      name: string;
      message: string;
      position: SandboxPosition;
      logs: SandboxLogLine[];
      droppedLogs?: number;
    }
  | { t: 'invalid'; index: number; message: string; logs: SandboxLogLine[]; droppedLogs?: number }
  | { t: 'timeout'; index: number; position: SandboxPosition; logs: SandboxLogLine[]; droppedLogs?: number }
  | { t: 'memory'; index: number; position: SandboxPosition; logs: SandboxLogLine[]; droppedLogs?: number }
  | { t: 'crash'; message: string; logs: SandboxLogLine[]; droppedLogs?: number };

/** A mapping that failed to compile. */
export interface SandboxCompileFailure {
  index: number;
  message: string;
  position: SandboxPosition;
}

/** A compiled set of mapping sources, ready to run. */
export interface Sandbox {
  /**
   * Evaluate every mapping, in order. `contextJson` is the per-object context as
   * encode-context.ts writes it (user or group, and connection); `providerJson` encodes the
   * provider (re-sent only when it differs from the previous call).
   */
  run(contextJson: string, providerJson: string): SandboxRunResult;
  /**
   * Counts realms: it changes whenever the realm is rebuilt (after a timeout or memory error), so
   * anything the host has taught the realm (such as shared group references) must be sent again.
   */
  readonly generation: number;
  /** Free the QuickJS runtime. Idempotent. */
  dispose(): void;
}

interface DumpedError {
  name: string;
  message: string;
  stack: string;
}

/** Mapping results of one object as the driver serialises them (null: contributed nothing). */
type DriverResults = Array<Record<string, unknown> | null>;

/** What the driver returns for one object, parsed. */
type DriverResult =
  | { t: 'ok'; results: DriverResults; logs: SandboxLogLine[]; droppedLogs?: number }
  | { t: 'skip'; index: number; message: string; logs: SandboxLogLine[]; droppedLogs?: number }
  | { t: 'invalid'; index: number; message: string; logs: SandboxLogLine[]; droppedLogs?: number }
  | { t: 'throw'; index: number; error: DumpedError; logs: SandboxLogLine[]; droppedLogs?: number };

// ---- WebAssembly: one compiled module, one instance (and linear memory) per sandbox ----

/** Linear memory the QuickJS build starts with (code data, C stack, the realm itself). */
const BASE_MEMORY_BYTES = 16 * 1024 * 1024;
const WASM_PAGE_BYTES = 64 * 1024;

let compiledWasm: Promise<{ base: QuickJSSyncVariant; wasm: WebAssembly.Module }> | null = null;

function unwrapVariant(imported: unknown): QuickJSSyncVariant {
  let candidate: unknown = imported;
  // ESM gives { default: variant }; some loaders nest the CommonJS default once more.
  for (let i = 0; i < 3; i++) {
    if (
      candidate !== null &&
      typeof candidate === 'object' &&
      (candidate as { type?: unknown }).type === 'sync'
    ) {
      return candidate as QuickJSSyncVariant;
    }
    candidate =
      candidate !== null && typeof candidate === 'object'
        ? (candidate as { default?: unknown }).default
        : undefined;
  }
  throw new Error('@jitl/quickjs-wasmfile-release-sync did not provide a sync QuickJS variant');
}

/** A QuickJS module compiled elsewhere (the main thread), so each new worker skips compiling it. */
let providedWasm: WebAssembly.Module | null = null;

/** Compile the QuickJS WebAssembly module (once per process; workers receive it compiled). */
export async function compileQuickJSWasm(): Promise<WebAssembly.Module> {
  const path = createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-release-sync/wasm');
  return WebAssembly.compile(await readFile(path));
}

/** Use an already compiled QuickJS module (see {@link compileQuickJSWasm}) for new sandboxes. */
export function provideQuickJSWasm(wasm: WebAssembly.Module): void {
  providedWasm = wasm;
}

async function loadWasm(): Promise<{ base: QuickJSSyncVariant; wasm: WebAssembly.Module }> {
  const base = unwrapVariant(await import('@jitl/quickjs-wasmfile-release-sync'));
  const wasm = providedWasm ?? (await compileQuickJSWasm());
  return { base, wasm };
}

/**
 * A QuickJS module with its own linear memory whose maximum is the base plus the set's memory
 * limit. QuickJS's own allocation accounting does not work under Emscripten (it cannot see
 * allocation sizes), so this hard ceiling is what makes memory bombs fail with "out of memory".
 */
async function newIsolatedModule(memoryLimitBytes: number): Promise<QuickJSWASMModule> {
  if (!compiledWasm) {
    compiledWasm = loadWasm();
    compiledWasm.catch(() => {
      compiledWasm = null;
    });
  }
  const { base, wasm } = await compiledWasm;
  const initial = BASE_MEMORY_BYTES / WASM_PAGE_BYTES;
  const maximum = initial + Math.ceil(memoryLimitBytes / WASM_PAGE_BYTES);
  const wasmMemory = new WebAssembly.Memory({ initial, maximum });
  return newQuickJSWASMModuleFromVariant(newVariant(base, { wasmModule: wasm, wasmMemory }));
}

function isOutOfMemory(error: { name: string; message: string }): boolean {
  return error.name === 'InternalError' && /out of memory/i.test(error.message);
}

// ---- one QuickJS runtime holding the compiled set ----

interface Realm {
  runtime: QuickJSRuntime;
  context: QuickJSContext;
  handles: QuickJSHandle[];
  run: QuickJSHandle;
  takeLogs: QuickJSHandle;
  state: QuickJSHandle;
}

type BuildResult = { realm: Realm } | { failure: SandboxCompileFailure };

/**
 * Compile `sources` (in evaluation order) into a sandbox. Resolves to a failure, not a throw, when
 * an expression is not valid JavaScript.
 */
export async function createSandbox(
  sources: readonly string[],
  settings: SandboxSettings,
): Promise<{ sandbox: Sandbox } | { failure: SandboxCompileFailure }> {
  for (let i = 0; i < sources.length; i++) {
    if ((sources[i] as string).length > MAX_EXPRESSION_CHARS) {
      return {
        failure: {
          index: i,
          message: `the expression is longer than ${MAX_EXPRESSION_CHARS} characters`,
          position: {},
        },
      };
    }
  }
  const memoryLimit = Math.max(MIN_MEMORY_BYTES, settings.memoryLimitBytes);
  const mod = await newIsolatedModule(memoryLimit);
  let deadline = Number.POSITIVE_INFINITY;
  // Every change is reported, so a watchdog outside this thread can enforce it when QuickJS's own
  // interrupt handler is not polled in time (see `SandboxSettings.onDeadline`).
  const setDeadline = (value: number): void => {
    deadline = value;
    settings.onDeadline?.(value);
  };
  // Per mapping, the wrapping that compiled (expression first, then function body).
  const wrapped: Array<string | null> = sources.map(() => null);
  const parameters = mappingParameters(settings.prelude);

  const readError = (context: QuickJSContext, handle: QuickJSHandle): DumpedError => {
    try {
      const dumped: unknown = context.dump(handle);
      if (dumped !== null && typeof dumped === 'object') {
        const d = dumped as Record<string, unknown>;
        return {
          name: typeof d.name === 'string' ? d.name : 'Error',
          message: typeof d.message === 'string' ? d.message : String(dumped),
          stack: typeof d.stack === 'string' ? d.stack : '',
        };
      }
      return { name: 'Error', message: String(dumped), stack: '' };
    } catch {
      // Reading the error needs memory; failing here almost always means the heap is exhausted.
      return { name: 'InternalError', message: 'out of memory', stack: '' };
    }
  };

  const disposeRealm = (realm: Realm): void => {
    for (const handle of realm.handles) if (handle.alive) handle.dispose();
    realm.context.dispose();
    realm.runtime.dispose();
  };

  const build = (): BuildResult => {
    const runtime = mod.newRuntime();
    runtime.setMemoryLimit(memoryLimit);
    runtime.setMaxStackSize(MAX_STACK_BYTES);
    runtime.setInterruptHandler(() => Date.now() > deadline);
    const context = runtime.newContext();
    const handles: QuickJSHandle[] = [];
    const abandon = (): void => {
      for (const handle of handles) if (handle.alive) handle.dispose();
      context.dispose();
      runtime.dispose();
    };
    setDeadline(Date.now() + Math.max(MIN_COMPILE_BUDGET_MS, settings.timeoutMs * 10));
    try {
      const boot = context.evalCode(SANDBOX_PRELUDE, 'conduit-sandbox-prelude', {
        type: 'global',
        strict: true,
      });
      if (boot.error) {
        const err = readError(context, boot.error);
        boot.error.dispose();
        throw new Error(`sandbox prelude failed: ${err.name}: ${err.message}`);
      }
      handles.push(boot.value);
      // randomPasswords(count, length): `count` passwords (1–64) joined by "\n".
      const hostRandomPassword = context.newFunction('randomPasswords', (countHandle, lengthHandle) => {
        const number = (h: QuickJSHandle | undefined): number =>
          h !== undefined && context.typeof(h) === 'number' ? context.getNumber(h) : 0;
        const count = Math.min(64, Math.max(1, Math.trunc(number(countHandle)) || 1));
        const length = number(lengthHandle);
        const passwords: string[] = [];
        for (let i = 0; i < count; i++) passwords.push(settings.randomPassword(length));
        return context.newString(passwords.join('\n'));
      });
      handles.push(hostRandomPassword);
      const maxChars = context.newNumber(settings.maxResultChars);
      handles.push(maxChars);
      const started = context.callFunction(boot.value, context.undefined, hostRandomPassword, maxChars);
      if (started.error) {
        const err = readError(context, started.error);
        started.error.dispose();
        throw new Error(`sandbox lockdown failed: ${err.name}: ${err.message}`);
      }
      const driver = started.value;
      handles.push(driver);
      const run = context.getProp(driver, 'run');
      const install = context.getProp(driver, 'install');
      const takeLogs = context.getProp(driver, 'takeLogs');
      const state = context.getProp(driver, 'state');
      handles.push(run, install, takeLogs, state);

      // The set prelude, Conduit's own code: a failure here is a bug, not the administrator's.
      let preludeFn: QuickJSHandle = context.null;
      if (settings.prelude) {
        const result = context.evalCode(wrapPrelude(settings.prelude), PRELUDE_FILE_NAME, {
          type: 'global',
          strict: true,
        });
        if (result.error) {
          const err = readError(context, result.error);
          result.error.dispose();
          throw new Error(`the mapping set prelude does not compile: ${err.name}: ${err.message}`);
        }
        preludeFn = result.value;
        handles.push(preludeFn);
      }
      const noun = context.newString(settings.resultNoun ?? 'Graph properties');
      handles.push(noun);

      const compiled: QuickJSHandle[] = [];
      for (let i = 0; i < sources.length; i++) {
        const source = sources[i] as string;
        const candidates =
          wrapped[i] !== null
            ? [wrapped[i] as string]
            : [wrapAsExpression(source, parameters), wrapAsBody(source, parameters, !!settings.prelude)];
        let fn: QuickJSHandle | null = null;
        let lastError: DumpedError | null = null;
        for (const candidate of candidates) {
          const result = context.evalCode(candidate, fileName(i), { type: 'global', strict: true });
          if (result.error) {
            lastError = readError(context, result.error);
            result.error.dispose();
            if (lastError.message === 'interrupted' || isOutOfMemory(lastError)) break;
            continue;
          }
          if (context.typeof(result.value) !== 'function') {
            result.value.dispose();
            lastError = {
              name: 'SyntaxError',
              message: 'the expression closes its own function; remove the unbalanced "}"',
              stack: '',
            };
            continue;
          }
          wrapped[i] = candidate;
          fn = result.value;
          break;
        }
        if (!fn) {
          const err = lastError ?? { name: 'SyntaxError', message: 'invalid expression', stack: '' };
          const message =
            err.message === 'interrupted'
              ? 'compiling the expression took too long'
              : `${err.name}: ${err.message}`;
          for (const h of compiled) h.dispose();
          abandon();
          return { failure: { index: i, message, position: positionFromStack(err.stack, i) } };
        }
        compiled.push(fn);
      }
      const installed = context.callFunction(install, context.undefined, preludeFn, noun, ...compiled);
      for (const h of compiled) h.dispose();
      if (installed.error) {
        const err = readError(context, installed.error);
        installed.error.dispose();
        throw new Error(`sandbox install failed: ${err.name}: ${err.message}`);
      }
      installed.value.dispose();
      setDeadline(Number.POSITIVE_INFINITY);
      return { realm: { runtime, context, handles, run, takeLogs, state } };
    } catch (error) {
      setDeadline(Number.POSITIVE_INFINITY);
      try {
        abandon();
      } catch {
        // The instance is discarded with this sandbox anyway.
      }
      throw error;
    }
  };

  const first = build();
  if ('failure' in first) return { failure: first.failure };
  let realm: Realm | null = first.realm;
  let broken: string | null = null;
  let disposed = false;
  let lastProviderJson: string | null = null;
  let generation = 0;

  const readIndex = (r: Realm): number => {
    try {
      const current = r.context.getProp(r.state, 'current');
      const value = r.context.typeof(current) === 'number' ? r.context.getNumber(current) : -1;
      current.dispose();
      return value;
    } catch {
      return -1;
    }
  };

  const readLogs = (r: Realm): { logs: SandboxLogLine[]; droppedLogs?: number } => {
    setDeadline(Date.now() + Math.max(50, settings.timeoutMs));
    try {
      const res = r.context.callFunction(r.takeLogs, r.context.undefined);
      if (res.error) {
        res.error.dispose();
        return { logs: [] };
      }
      const text = r.context.getString(res.value);
      res.value.dispose();
      return JSON.parse(text) as { logs: SandboxLogLine[]; droppedLogs?: number };
    } catch {
      return { logs: [] };
    } finally {
      setDeadline(Number.POSITIVE_INFINITY);
    }
  };

  const rebuild = (): void => {
    const old = realm;
    realm = null;
    lastProviderJson = null; // the new realm has no cached provider
    generation++; // nor shared group references
    if (old) {
      try {
        disposeRealm(old);
      } catch {
        broken = 'the sandbox could not be reset after a failure; compile the mapping set again';
        return;
      }
    }
    const next = build();
    if ('failure' in next) {
      broken = `mapping ${next.failure.index} no longer compiles: ${next.failure.message}`;
      return;
    }
    realm = next.realm;
  };

  const crash = (message: string): SandboxRunResult => ({ t: 'crash', message, logs: [] });

  const run = (contextJson: string, providerJson: string): SandboxRunResult => {
    if (disposed) throw new Error('This compiled mapping set has been disposed');
    if (broken !== null || realm === null) return crash(broken ?? 'the sandbox is not available');
    const r = realm;
    try {
      setDeadline(Date.now() + settings.timeoutMs);
      const arg = r.context.newString(contextJson);
      const sendProvider = providerJson !== lastProviderJson;
      const providerArg = sendProvider ? r.context.newString(providerJson) : r.context.undefined;
      // Forget the cached provider until the call succeeds (a rebuild also forgets it).
      lastProviderJson = null;
      const result = r.context.callFunction(r.run, r.context.undefined, arg, providerArg);
      arg.dispose();
      if (sendProvider) providerArg.dispose();
      if (result.error) {
        // Only uncatchable conditions reach here: the deadline, or memory exhausted inside the driver.
        const err = readError(r.context, result.error);
        result.error.dispose();
        setDeadline(Number.POSITIVE_INFINITY);
        const index = readIndex(r);
        const logs = readLogs(r);
        const position = index >= 0 ? positionFromStack(err.stack, index) : {};
        rebuild();
        if (err.message === 'interrupted') return { t: 'timeout', index, position, ...logs };
        if (isOutOfMemory(err)) return { t: 'memory', index, position, ...logs };
        return { t: 'throw', index, name: err.name, message: err.message, position, ...logs };
      }
      const text = r.context.getString(result.value);
      result.value.dispose();
      lastProviderJson = providerJson;
      if (r.runtime.hasPendingJob()) {
        // Promise callbacks a mapping queued: run them under the same deadline; they cannot
        // affect the result, and draining keeps them from piling up across evaluations.
        const jobs = r.runtime.executePendingJobs();
        if (jobs.error) {
          jobs.error.dispose();
          setDeadline(Number.POSITIVE_INFINITY);
          rebuild();
        }
      }
      setDeadline(Number.POSITIVE_INFINITY);
      // A bare array is the common "ok, nothing logged" outcome (see the driver's run).
      const raw: DriverResult =
        text.charCodeAt(0) === 0x5b
          ? { t: 'ok', results: JSON.parse(text) as DriverResults, logs: [] }
          : (JSON.parse(text) as DriverResult);
      if (raw.t !== 'throw') return raw;
      const { error, ...rest } = raw;
      const position = positionFromStack(error.stack, raw.index);
      if (isOutOfMemory(error)) {
        rebuild();
        return {
          t: 'memory',
          index: rest.index,
          position,
          logs: rest.logs,
          ...(rest.droppedLogs ? { droppedLogs: rest.droppedLogs } : {}),
        };
      }
      return { ...rest, name: error.name, message: error.message, position };
    } catch (error) {
      setDeadline(Number.POSITIVE_INFINITY);
      // The host API itself failed: the WebAssembly instance may be corrupt. Never touch it again.
      broken = `the sandbox failed (${error instanceof Error ? error.message : String(error)}); compile the mapping set again`;
      realm = null;
      return crash(broken);
    }
  };

  const dispose = (): void => {
    if (disposed) return;
    disposed = true;
    const r = realm;
    realm = null;
    if (r && broken === null) {
      try {
        disposeRealm(r);
      } catch {
        // Ignored: the WebAssembly instance (and its memory) is dropped with this sandbox.
      }
    }
  };

  return {
    sandbox: {
      run,
      dispose,
      get generation() {
        return generation;
      },
    },
  };
}
