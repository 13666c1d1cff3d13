/**
 * Entry of a mapping worker thread: holds compiled mapping sets (each in its own QuickJS sandbox)
 * and evaluates pages of objects for the main thread. Started only by mapping-workers.ts.
 *
 * Invariants:
 * - The main thread sends one request at a time and waits for its reply, so requests never
 *   overlap here and the shared buffer always describes the request in flight.
 * - Before anything runs under a sandbox deadline, its budget (time to the deadline plus grace)
 *   is published in the shared buffer as a new phase, and a phase with budget 0 follows when the
 *   deadline ends. The main thread terminates this worker once a phase outlasts its budget, so
 *   nothing here may rely on running to completion: all state is rebuilt from the main thread's
 *   requests.
 * - The index of the object being evaluated is published too, so that after a termination the
 *   main thread knows which object ran too long and re-sends the others.
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  compileMappingSetInThread,
  describeMappedObject,
  effectiveTimeoutMs,
  type InThreadMappingSet,
} from './engine.js';
import { PropertyMappingError } from './errors.js';
import { provideQuickJSWasm } from './sandbox.js';
import { afterEvaluation, afterSkip, isTripped, skippedOutcome } from './timeout-streak.js';
import type { MappingObjectKind } from './types.js';
import {
  hardDeadlineGraceMs,
  type SetSpec,
  SHARED_BUDGET_SLOT,
  SHARED_OBJECT_SLOT,
  SHARED_PHASE_SLOT,
  toWireError,
  toWireOutcome,
  type WireOutcome,
  type WorkerReply,
  type WorkerRequest,
} from './worker-protocol.js';

interface HeldSet {
  set: InThreadMappingSet;
  kind: MappingObjectKind;
}

const port = parentPort;
if (!port) throw new Error('mapping-worker.ts runs only as a worker thread');
const { shared, wasm } = workerData as { shared: SharedArrayBuffer; wasm: WebAssembly.Module | null };
if (wasm) provideQuickJSWasm(wasm);
const objectView = new Int32Array(shared);
const sets = new Map<number, HeldSet>();

async function compile(setId: number, spec: SetSpec): Promise<HeldSet> {
  const grace = hardDeadlineGraceMs(effectiveTimeoutMs(spec.limits));
  const publish = (deadline: number): void => {
    const budget = Number.isFinite(deadline) ? Math.max(1, Math.ceil(deadline - Date.now()) + grace) : 0;
    Atomics.store(objectView, SHARED_BUDGET_SLOT, budget);
    Atomics.add(objectView, SHARED_PHASE_SLOT, 1);
  };
  const set = await compileMappingSetInThread(
    spec.definitions,
    spec.kind,
    spec.limits,
    publish,
    spec.options,
  );
  const held = { set, kind: spec.kind };
  sets.get(setId)?.set.dispose();
  sets.set(setId, held);
  return held;
}

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  Atomics.store(objectView, SHARED_OBJECT_SLOT, -1);
  switch (request.op) {
    case 'compile':
      try {
        await compile(request.setId, request.spec);
        return { op: 'compiled' };
      } catch (error) {
        if (error instanceof PropertyMappingError) return { op: 'compiled', error: toWireError(error) };
        throw error;
      }
    case 'dispose':
      sets.get(request.setId)?.set.dispose();
      sets.delete(request.setId);
      return { op: 'disposed' };
    case 'evaluate': {
      let held = sets.get(request.setId);
      if (!held && request.compile) held = await compile(request.setId, request.compile);
      if (!held)
        return { op: 'failed', message: `mapping set ${request.setId} is not compiled in this worker` };
      let streak = request.streak;
      const outcomes: WireOutcome[] = [];
      for (let i = 0; i < request.contexts.length; i++) {
        Atomics.store(objectView, SHARED_OBJECT_SLOT, i);
        const context = request.contexts[i] as (typeof request.contexts)[number];
        if (isTripped(streak)) {
          const object = describeMappedObject(held.kind, context);
          outcomes.push(toWireOutcome(skippedOutcome(streak, object, request.page)));
          streak = afterSkip(streak);
          continue;
        }
        const outcome = held.set.evaluate(context);
        streak = afterEvaluation(streak, outcome, request.page);
        outcomes.push(toWireOutcome(outcome));
      }
      return { op: 'evaluated', outcomes, streak };
    }
  }
}

port.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (reply) => port.postMessage(reply),
    (error: unknown) =>
      port.postMessage({
        op: 'failed',
        message: error instanceof Error ? error.message : String(error),
      } satisfies WorkerReply),
  );
});
