/**
 * Mapping evaluation must never block Conduit's event loop (issue 12, item 5): a runaway mapping
 * in a dry run or a burst of previews used to stall `/-/health/ready/` for seconds, because the
 * sandbox ran on the main thread. A timer ticking every 10 ms stands in for the health check: the
 * longest gap between its ticks is how long the event loop was blocked.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  compileMappingSet,
  type MappingContext,
  type MappingOutcome,
  MappingTimeoutError,
  previewMappings,
  stopMappingWorkers,
} from '../src/mappings/index.js';
import { sampleUserContext } from '../src/mappings/sample-contexts.js';

/** The time limit of the mappings under test: one evaluation on the main thread blocks it this long. */
const LIMIT_MS = 400;
/** The longest the event loop may stall: generous for a loaded 2-core machine, below one limit. */
const MAX_STALL_MS = 350;

function userContext(username: string): MappingContext {
  return sampleUserContext({ username, name: `Name of ${username}`, email: `${username}@example.com` });
}

/** Run `work` while measuring the longest gap between 10 ms timer ticks. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 10);
  try {
    const result = await work();
    stallMs = Math.max(stallMs, performance.now() - last);
    return { result, stallMs };
  } finally {
    clearInterval(timer);
  }
}

function expectTimeout(outcome: MappingOutcome): MappingTimeoutError {
  if (outcome.status !== 'error') throw new Error(`expected a timeout, got ${outcome.status}`);
  expect(outcome.error).toBeInstanceOf(MappingTimeoutError);
  return outcome.error as MappingTimeoutError;
}

/** Each caught stack overflow recurses twice more: the pattern that overran the limit most. */
const RECURSION_WITH_CATCH =
  'function f() { try { f(); } catch (e) { f(); f(); } }\nf();\nreturn { displayName: "x" };';

afterAll(() => stopMappingWorkers());

describe('mapping evaluation and the event loop', () => {
  it('stays responsive while a while(true){} mapping set evaluates 20 objects', async () => {
    const set = await compileMappingSet([{ id: '1', name: 'spin', expression: 'while (true) {}' }], 'user', {
      timeoutMs: LIMIT_MS,
    });
    try {
      const { result, stallMs } = await longestStall(() =>
        Promise.all(Array.from({ length: 20 }, (_, i) => set.evaluate(userContext(`user${i}`)))),
      );
      expect(result).toHaveLength(20);
      for (const outcome of result) expectTimeout(outcome);
      expect(stallMs).toBeLessThan(MAX_STALL_MS);
    } finally {
      set.dispose();
    }
  });

  it('stays responsive during 16 parallel previews of a recursion-with-catch mapping', async () => {
    const { result, stallMs } = await longestStall(() =>
      Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          previewMappings(
            [{ id: String(i), name: `recurse ${i}`, expression: RECURSION_WITH_CATCH }],
            'user',
            userContext(`user${i}`),
            { timeoutMs: LIMIT_MS },
          ),
        ),
      ),
    );
    result.forEach((outcome, i) => {
      expect(expectTimeout(outcome).mappingName).toBe(`recurse ${i}`);
    });
    expect(stallMs).toBeLessThan(MAX_STALL_MS);
  }, 60_000);

  it('ends a recursion-with-catch evaluation within the limit plus a margin', async () => {
    // QuickJS polls its interrupt handler only every ~10,000 branches, and each caught stack
    // overflow builds a full backtrace: on its own the sandbox overran this limit by 2–3×.
    const set = await compileMappingSet(
      [{ id: '1', name: 'recurse', expression: RECURSION_WITH_CATCH }],
      'user',
      { timeoutMs: LIMIT_MS },
    );
    try {
      const started = performance.now();
      expectTimeout(await set.evaluate(userContext('jdoe')));
      // The hard deadline is the limit plus a quarter; the rest is slack for a busy machine.
      expect(performance.now() - started).toBeLessThan(LIMIT_MS * 1.25 + 150);
    } finally {
      set.dispose();
    }
  });
});
