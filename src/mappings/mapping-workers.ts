/**
 * Where mappings run: a small pool of worker threads (mapping-worker.ts), each holding the
 * QuickJS sandboxes of the mapping sets placed on it. A sync or a preview only waits for a
 * message; Conduit's event loop (health checks, the API) never runs administrator code.
 * See docs/property-mappings.md, "Where mappings run".
 *
 * Invariants:
 * - A compiled set lives on one worker (its slot) for its whole life; when that worker is
 *   replaced, the set is compiled again on the replacement with its next request, from the
 *   definitions kept here.
 * - Each worker has at most one request in flight; the others wait in its slot's queue. So the
 *   shared buffer (phase budget, object index) always describes the request in flight, and a
 *   request that is stopped has a single, known victim.
 * - A worker whose phase outlasts its published budget (the hard deadline) is terminated, never
 *   waited for: its object fails with `MappingTimeoutError`, and the other objects of the request
 *   are sent again, first in the queue, to the replacement worker.
 * - Workers are unreferenced while idle, so they never keep the process alive on their own.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  checkResultKind,
  contextCopyFailure,
  describeMappedObject,
  effectiveTimeoutMs,
  NO_MAPPING,
  sortMappings,
} from './engine.js';
import { MappingSandboxError, MappingTimeoutError, PropertyMappingError } from './errors.js';
import { compileQuickJSWasm } from './sandbox.js';
import { afterEvaluation, freshStreak } from './timeout-streak.js';
import type {
  CompiledMappingSet,
  MappingContext,
  MappingDefinition,
  MappingObjectKind,
  MappingOutcome,
  MappingSetOptions,
  SandboxLimits,
} from './types.js';
import {
  fromWireError,
  fromWireOutcome,
  type SetSpec,
  SHARED_BUDGET_SLOT,
  SHARED_BYTES,
  SHARED_OBJECT_SLOT,
  SHARED_PHASE_SLOT,
  type TimeoutStreak,
  type WorkerReply,
  type WorkerRequest,
} from './worker-protocol.js';

/** How often a busy worker's hard deadline is checked. */
const WATCHDOG_TICK_MS = 10;

/** Options of the worker pool. */
export interface MappingWorkerOptions {
  /** Number of worker threads. Default: `CONDUIT_MAPPING_WORKERS`, else min(2, CPU cores). */
  size?: number;
}

interface Job {
  /** The request, built when the job is sent (the set may need compiling on a new worker). */
  request(slot: Slot): WorkerRequest;
  /** The worker answered. */
  settle(reply: WorkerReply): void;
  /** The request could not be cloned for the worker. */
  unsendable(error: unknown): void;
  /**
   * The worker was stopped while running this job: `hung` when it ran past its hard deadline,
   * with the index of the object it was evaluating (-1 before the first).
   */
  abort(reason: string, hung: boolean, objectIndex: number): void;
}

interface Slot {
  worker: Worker | null;
  /** Counts the workers this slot has started; a set compiled under another epoch is gone. */
  epoch: number;
  progress: Int32Array | null;
  queue: Job[];
  running: Job | null;
  watchdog: NodeJS.Timeout | null;
  /** Live sets placed on this slot. */
  sets: number;
}

function defaultSize(): number {
  const configured = Number(process.env.CONDUIT_MAPPING_WORKERS);
  if (Number.isInteger(configured) && configured > 0) return configured;
  return Math.max(1, Math.min(2, availableParallelism()));
}

let poolSize = 0;
const slots: Slot[] = [];

/**
 * Set the number of mapping workers. Takes effect for sets compiled afterwards; workers beyond
 * the new size finish their sets and receive no new ones.
 */
export function configureMappingWorkers(options: MappingWorkerOptions): void {
  if (options.size !== undefined) {
    if (!Number.isInteger(options.size) || options.size < 1)
      throw new RangeError('The number of mapping workers must be a positive integer');
    poolSize = options.size;
  }
}

/** The QuickJS module, compiled once here and handed to every worker (saves ~0.3 s per start). */
let quickJSWasm: WebAssembly.Module | null = null;
let quickJSWasmSettled = false;
let quickJSWasmLoading: Promise<void> | null = null;

function loadQuickJSWasm(): Promise<void> {
  quickJSWasmLoading ??= compileQuickJSWasm().then(
    (wasm) => {
      quickJSWasm = wasm;
      quickJSWasmSettled = true;
    },
    () => {
      quickJSWasmSettled = true; // each worker then compiles it itself (and reports a real failure)
    },
  );
  return quickJSWasmLoading;
}

/**
 * Start a worker. From the TypeScript sources (tsx in development, vitest) the entry is a `.ts`
 * file that Node cannot load alone, so a small `.mjs` entry registers tsx first; from `dist/` it
 * is the compiled `.js` beside this module.
 */
function spawnWorker(): { worker: Worker; shared: SharedArrayBuffer } {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(
    fromSource ? './mapping-worker-from-source.mjs' : './mapping-worker.js',
    import.meta.url,
  );
  const shared = new SharedArrayBuffer(SHARED_BYTES);
  const worker = new Worker(entry, { workerData: { shared, wasm: quickJSWasm } });
  worker.unref();
  return { worker, shared };
}

/**
 * Workers started ahead (as many as the pool has), once a worker has had to be stopped: more
 * stops are likely (a mapping that keeps running away), and a replacement that is already
 * booting saves most of a worker's start (about a second from the TypeScript sources).
 */
const spares: Array<{ worker: Worker; shared: SharedArrayBuffer }> = [];
let keepSpares = false;

function takeSpare(): { worker: Worker; shared: SharedArrayBuffer } {
  const taken = spares.shift() ?? spawnWorker();
  taken.worker.removeAllListeners();
  while (keepSpares && spares.length < poolSize) {
    const spare = spawnWorker();
    spare.worker.on('error', () => {
      const index = spares.indexOf(spare);
      if (index >= 0) spares.splice(index, 1);
    });
    spares.push(spare);
  }
  return taken;
}

function stopWatchdog(slot: Slot): void {
  if (slot.watchdog) clearInterval(slot.watchdog);
  slot.watchdog = null;
}

/** Forget the slot's worker (terminating it) and fail or re-send what it was running. */
function stopWorker(slot: Slot, reason: string, hung: boolean): void {
  const worker = slot.worker;
  if (!worker) return;
  const objectIndex = slot.progress ? Atomics.load(slot.progress, SHARED_OBJECT_SLOT) : -1;
  slot.worker = null;
  slot.progress = null;
  stopWatchdog(slot);
  worker.removeAllListeners();
  worker.on('error', () => undefined);
  void worker.terminate();
  const job = slot.running;
  slot.running = null;
  job?.abort(reason, hung, objectIndex);
  dispatch(slot);
}

function startWorker(slot: Slot): Worker {
  const { worker, shared } = takeSpare();
  slot.worker = worker;
  slot.epoch++;
  slot.progress = new Int32Array(shared);
  worker.on('message', (reply: WorkerReply) => {
    if (slot.worker !== worker) return;
    stopWatchdog(slot);
    const job = slot.running;
    slot.running = null;
    worker.unref();
    job?.settle(reply);
    dispatch(slot);
  });
  worker.on('error', (error) => {
    if (slot.worker === worker) stopWorker(slot, `the mapping worker failed: ${error.message}`, false);
  });
  worker.on('exit', (code) => {
    if (slot.worker === worker) stopWorker(slot, `the mapping worker exited with code ${code}`, false);
  });
  return worker;
}

function dispatch(slot: Slot): void {
  if (!slot.worker && !quickJSWasmSettled && slot.queue.length > 0) {
    void loadQuickJSWasm().then(() => dispatch(slot));
    return;
  }
  while (!slot.running && slot.queue.length > 0) {
    const job = slot.queue.shift() as Job;
    const worker = slot.worker ?? startWorker(slot);
    // Nothing of the previous request may be read as this one's progress.
    Atomics.store(slot.progress as Int32Array, SHARED_BUDGET_SLOT, 0);
    Atomics.store(slot.progress as Int32Array, SHARED_OBJECT_SLOT, -1);
    try {
      worker.postMessage(job.request(slot));
    } catch (error) {
      job.unsendable(error);
      continue;
    }
    slot.running = job;
    worker.ref();
    const progress = slot.progress as Int32Array;
    let phase = Atomics.load(progress, SHARED_PHASE_SLOT);
    let phaseSeenAt = Date.now();
    slot.watchdog = setInterval(() => {
      const now = Date.now();
      const current = Atomics.load(progress, SHARED_PHASE_SLOT);
      if (current !== phase) {
        phase = current;
        phaseSeenAt = now;
        return;
      }
      const budget = Atomics.load(progress, SHARED_BUDGET_SLOT);
      if (budget > 0 && now - phaseSeenAt > budget) {
        keepSpares = true;
        stopWorker(slot, 'the evaluation ran past its hard deadline', true);
      }
    }, WATCHDOG_TICK_MS);
    slot.watchdog.unref();
  }
}

function enqueue(slot: Slot, job: Job, first = false): void {
  if (first) slot.queue.unshift(job);
  else slot.queue.push(job);
  dispatch(slot);
}

/** The slot with the least work waiting, then the fewest sets; new slots up to the pool size. */
function chooseSlot(): Slot {
  if (poolSize === 0) poolSize = defaultSize();
  while (slots.length < poolSize) {
    slots.push({
      worker: null,
      epoch: 0,
      progress: null,
      queue: [],
      running: null,
      watchdog: null,
      sets: 0,
    });
  }
  const load = (s: Slot): number => s.queue.length + (s.running ? 1 : 0);
  let best = slots[0] as Slot;
  for (const slot of slots.slice(0, poolSize)) {
    if (load(slot) < load(best) || (load(slot) === load(best) && slot.sets < best.sets)) best = slot;
  }
  return best;
}

let nextSetId = 1;

interface RemoteSet {
  id: number;
  slot: Slot;
  spec: SetSpec;
  /** Epoch of the slot's worker that holds the compiled set; -1 when none does. */
  compiledIn: number;
  names: string[];
  timeoutMs: number;
  /** Timeout streak of single evaluations (pages start their own). */
  streak: TimeoutStreak;
  disposed: boolean;
}

/** The outcome of the object a worker was stopped on. */
function stoppedOutcome(
  set: RemoteSet,
  context: MappingContext,
  reason: string,
  hung: boolean,
): MappingOutcome {
  const object = describeMappedObject(set.spec.kind, context);
  // The worker cannot say which mapping was running; with one mapping there is no doubt.
  const mappingName = set.names.length === 1 ? (set.names[0] as string) : NO_MAPPING;
  const error = hung
    ? new MappingTimeoutError(
        `evaluation exceeded the ${set.timeoutMs} ms time limit and was stopped from outside the sandbox (recursion with catch, an infinite loop, or a long built-in call?)`,
        { mappingName, object },
      )
    : new MappingSandboxError(`${reason}; the mapping set is compiled again for the next object`, {
        mappingName,
        object,
      });
  return { status: 'error', error, logs: [] };
}

interface Evaluated {
  outcomes: MappingOutcome[];
  streak: TimeoutStreak;
}

/**
 * Evaluate `contexts` on the set's worker. When the worker is stopped mid-way, the object it was
 * on fails and the others are evaluated again (first in the queue) on its replacement.
 */
function evaluateOnWorker(
  set: RemoteSet,
  contexts: MappingContext[],
  page: boolean,
  startStreak: TimeoutStreak | null,
  first = false,
): Promise<Evaluated> {
  return new Promise<Evaluated>((resolve, reject) => {
    let epoch = -1;
    let streak = freshStreak();
    /** Evaluate all but `index` again, and put `outcome` in its place. */
    const retryWithout = (index: number, outcome: MappingOutcome, nextStreak: TimeoutStreak): void => {
      const rest = contexts.filter((_, i) => i !== index);
      if (rest.length === 0) {
        resolve({ outcomes: [outcome], streak: nextStreak });
        return;
      }
      evaluateOnWorker(set, rest, page, nextStreak, true).then((done) => {
        done.outcomes.splice(index, 0, outcome);
        resolve(done);
      }, reject);
    };
    enqueue(
      set.slot,
      {
        request(slot) {
          epoch = slot.epoch;
          streak = startStreak ?? set.streak;
          return {
            op: 'evaluate',
            setId: set.id,
            ...(set.compiledIn === epoch ? {} : { compile: set.spec }),
            contexts,
            page,
            streak,
          };
        },
        settle(reply) {
          if (reply.op !== 'evaluated') {
            const message = reply.op === 'failed' ? reply.message : `unexpected reply ${reply.op}`;
            resolve({
              outcomes: contexts.map((c) =>
                stoppedOutcome(set, c, `the mapping worker failed (${message})`, false),
              ),
              streak,
            });
            return;
          }
          set.compiledIn = epoch;
          resolve({ outcomes: reply.outcomes.map(fromWireOutcome), streak: reply.streak });
        },
        unsendable(error) {
          // Find the contexts that cannot be cloned; they fail, the others go again.
          const index = contexts.findIndex((c) => {
            try {
              structuredClone(c);
              return false;
            } catch {
              return true;
            }
          });
          if (index < 0) {
            reject(error);
            return;
          }
          const object = describeMappedObject(set.spec.kind, contexts[index] as MappingContext);
          retryWithout(index, contextCopyFailure(error, object), startStreak ?? set.streak);
        },
        abort(reason, hung, objectIndex) {
          if (objectIndex < 0 || objectIndex >= contexts.length) {
            // Stopped before evaluating anything (compiling): nothing to blame one object for.
            resolve({ outcomes: contexts.map((c) => stoppedOutcome(set, c, reason, false)), streak });
            return;
          }
          const outcome = stoppedOutcome(set, contexts[objectIndex] as MappingContext, reason, hung);
          retryWithout(objectIndex, outcome, afterEvaluation(streak, outcome, page));
        },
      },
      first,
    );
  });
}

/**
 * Compile a provider's (or a source's) user or group mapping set once (per sync run) on a
 * mapping worker and evaluate it many times. Mappings are evaluated in ascending name order;
 * `options` choose what results are checked against and a prelude of helpers. Rejects with
 * `MappingSyntaxError` when an expression is not valid JavaScript. Call `dispose()` when done.
 */
export function compileMappingSet(
  mappings: MappingDefinition[],
  kind: MappingObjectKind,
  limits?: SandboxLimits,
  options?: MappingSetOptions,
): Promise<CompiledMappingSet> {
  if (kind !== 'user' && kind !== 'group')
    return Promise.reject(new TypeError(`Unknown mapping kind: ${String(kind)}`));
  try {
    checkResultKind(options?.resultKind);
  } catch (error) {
    return Promise.reject(error);
  }
  const definitions = sortMappings(mappings).map(({ id, name, expression }) => ({ id, name, expression }));
  const slot = chooseSlot();
  slot.sets++;
  const set: RemoteSet = {
    id: nextSetId++,
    slot,
    spec: {
      definitions,
      kind,
      limits: limits ? { ...limits } : undefined,
      ...(options ? { options: { ...options } } : {}),
    },
    compiledIn: -1,
    names: definitions.map((d) => d.name),
    timeoutMs: effectiveTimeoutMs(limits),
    streak: freshStreak(),
    disposed: false,
  };
  const compiled: CompiledMappingSet = {
    async evaluate(context) {
      if (set.disposed) throw new Error('This compiled mapping set has been disposed');
      const done = await evaluateOnWorker(set, [context], false, null);
      set.streak = done.streak;
      return done.outcomes[0] as MappingOutcome;
    },
    async evaluateMany(contexts) {
      if (set.disposed) throw new Error('This compiled mapping set has been disposed');
      if (contexts.length === 0) return [];
      return (await evaluateOnWorker(set, [...contexts], true, freshStreak())).outcomes;
    },
    dispose() {
      if (set.disposed) return;
      set.disposed = true;
      slot.sets--;
      const noop = (): void => undefined;
      enqueue(slot, {
        request: () => ({ op: 'dispose', setId: set.id }),
        settle: noop,
        unsendable: noop,
        abort: noop,
      });
    },
  };
  return new Promise<CompiledMappingSet>((resolve, reject) => {
    let epoch = -1;
    const fail = (error: unknown): void => {
      slot.sets--;
      set.disposed = true;
      reject(error);
    };
    enqueue(slot, {
      request(s) {
        epoch = s.epoch;
        return { op: 'compile', setId: set.id, spec: set.spec };
      },
      settle(reply) {
        if (reply.op === 'compiled' && !reply.error) {
          set.compiledIn = epoch;
          resolve(compiled);
        } else if (reply.op === 'compiled' && reply.error) {
          fail(fromWireError(reply.error));
        } else {
          fail(
            new Error(
              `The mapping worker could not compile the set: ${reply.op === 'failed' ? reply.message : reply.op}`,
            ),
          );
        }
      },
      unsendable: fail,
      abort(reason, hung) {
        fail(
          new MappingSandboxError(
            hung
              ? 'compiling the mapping set took too long'
              : `the mapping worker stopped while compiling (${reason})`,
            { mappingName: NO_MAPPING },
          ),
        );
      },
    });
  });
}

/**
 * Evaluate unsaved expressions (or a provider's whole set) against one object, for previews and
 * the `test/` endpoint. Same semantics as a sync; syntax errors come back as an error outcome.
 */
export async function previewMappings(
  mappings: MappingDefinition[],
  kind: MappingObjectKind,
  context: MappingContext,
  limits?: SandboxLimits,
  options?: MappingSetOptions,
): Promise<MappingOutcome> {
  let compiled: CompiledMappingSet;
  try {
    compiled = await compileMappingSet(mappings, kind, limits, options);
  } catch (error) {
    if (error instanceof PropertyMappingError) return { status: 'error', error, logs: [] };
    throw error;
  }
  try {
    return await compiled.evaluate(context);
  } finally {
    compiled.dispose();
  }
}

/**
 * Terminate every mapping worker (tests, shutdown). Requests waiting or in flight fail with
 * `MappingSandboxError`; sets stay usable and are compiled again on new workers when next used.
 */
export async function stopMappingWorkers(): Promise<void> {
  const stopping: Promise<number>[] = [];
  for (const slot of slots) {
    const waiting = slot.queue.splice(0);
    for (const job of waiting) job.abort('the mapping workers were stopped', false, -1);
    const worker = slot.worker;
    if (!worker) continue;
    slot.worker = null;
    stopWatchdog(slot);
    worker.removeAllListeners();
    const job = slot.running;
    slot.running = null;
    job?.abort('the mapping workers were stopped', false, -1);
    stopping.push(worker.terminate());
  }
  keepSpares = false;
  for (const spare of spares.splice(0)) {
    spare.worker.removeAllListeners();
    stopping.push(spare.worker.terminate());
  }
  await Promise.all(stopping);
}
