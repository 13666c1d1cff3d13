import { afterAll, describe, expect, it } from 'vitest';
import { MappingTimeoutError } from './errors.js';
import { compileMappingSet, stopMappingWorkers } from './mapping-workers.js';
import { sampleUserContext } from './sample-contexts.js';
import { SKIPPED_SINGLE_OBJECTS, TIMEOUTS_IN_A_ROW } from './timeout-streak.js';
import type { CompiledMappingSet, MappingContext, MappingOutcome } from './types.js';

function as(username: string): MappingContext {
  return sampleUserContext({ username, name: `name-${username}`, email: `${username}@example.com` });
}

/** Runs `fn` on the GUARDED mapping compiled with a 100 ms limit, then disposes of the set. */
async function withGuarded(fn: (set: CompiledMappingSet) => Promise<void>): Promise<void> {
  const set = await compileMappingSet([{ id: '1', name: 'guarded', expression: GUARDED }], 'user', {
    timeoutMs: 100,
  });
  try {
    await fn(set);
  } finally {
    set.dispose();
  }
}

function reasonOf(outcome: MappingOutcome): string {
  if (outcome.status !== 'error') throw new Error(`expected an error, got ${outcome.status}`);
  expect(outcome.error).toBeInstanceOf(MappingTimeoutError);
  return (outcome.error as MappingTimeoutError).reason;
}

function displayNameOf(outcome: MappingOutcome): unknown {
  if (outcome.status !== 'ok') throw new Error(`expected ok, got ${outcome.status}`);
  return outcome.body.displayName;
}

// A built-in that runs for seconds without QuickJS polling its interrupt handler.
const GUARDED = `
if (user.username === 'slow') {
  let s = 'x'.repeat(1 << 20);
  for (let i = 0; i < 40; i++) s = s.split('').reverse().join('');
}
if (user.username === 'loop') while (true) {}
return { displayName: user.name };`;

afterAll(() => stopMappingWorkers());

describe('mapping workers', () => {
  it('stops a built-in that runs past the time limit, and the set keeps working', async () => {
    await withGuarded(async (set) => {
      const started = performance.now();
      const outcome = await set.evaluate(as('slow'));
      // On the main thread this took about 5 s; the hard deadline is 150 ms.
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(reasonOf(outcome)).toMatch(/100 ms time limit and was stopped from outside the sandbox/);
      expect(outcome.status === 'error' && outcome.error.message).toContain('"guarded" (user "slow" (pk 1))');
      expect(displayNameOf(await set.evaluate(as('next')))).toBe('name-next');
    });
  });

  it('fails only the object its worker was stopped on, and evaluates the rest of the page', async () => {
    await withGuarded(async (set) => {
      const outcomes = await set.evaluateMany(['a', 'b', 'slow', 'c', 'd'].map(as));
      expect(outcomes).toHaveLength(5);
      expect(outcomes.map((o, i) => (i === 2 ? 'stopped' : displayNameOf(o)))).toEqual([
        'name-a',
        'name-b',
        'stopped',
        'name-c',
        'name-d',
      ]);
      expect(reasonOf(outcomes[2] as MappingOutcome)).toMatch(/stopped from outside the sandbox/);
    });
  });

  it(`fails the rest of a page fast once a mapping timed out ${TIMEOUTS_IN_A_ROW} times in a row`, async () => {
    const set = await compileMappingSet(
      [
        { id: '1', name: 'guarded', expression: GUARDED },
        { id: '2', name: 'other', expression: '({ jobTitle: "x" })' },
      ],
      'user',
      { timeoutMs: 100 },
    );
    try {
      const page = Array.from({ length: 12 }, () => as('loop'));
      const started = performance.now();
      const outcomes = await set.evaluateMany(page);
      const reasons = outcomes.map(reasonOf);
      expect(reasons.slice(0, 3)).toEqual(
        Array(3).fill('evaluation exceeded the 100 ms time limit (infinite loop?)'),
      );
      for (const outcome of outcomes.slice(3)) {
        expect(outcome.status === 'error' && outcome.error.message).toBe(
          'Property mapping "guarded" (user "loop" (pk 1)): timed out 3 times in a row; not evaluated for the rest of this page',
        );
      }
      // Twelve evaluations would take 1.2 s at least; three plus the fast failures far less.
      expect(performance.now() - started).toBeLessThan(1_100);

      // A timeout that is not in a row does not trip: a good object in between resets the count.
      const mixed = await set.evaluateMany(['loop', 'loop', 'ok', 'loop', 'loop', 'ok'].map(as));
      expect(mixed.map((o) => o.status)).toEqual(['error', 'error', 'ok', 'error', 'error', 'ok']);
      expect(mixed.filter((o) => o.status === 'error').map(reasonOf)).toEqual(
        Array(4).fill('evaluation exceeded the 100 ms time limit (infinite loop?)'),
      );
    } finally {
      set.dispose();
    }
  });

  it('lets single evaluations fail fast for a while after the same streak', async () => {
    await withGuarded(async (set) => {
      for (let i = 0; i < TIMEOUTS_IN_A_ROW; i++) {
        expect(reasonOf(await set.evaluate(as('loop')))).toMatch(/time limit/);
      }
      const started = performance.now();
      const skipped = await set.evaluate(as('ok'));
      expect(performance.now() - started).toBeLessThan(100);
      expect(reasonOf(skipped)).toBe(
        `timed out 3 times in a row; not evaluated for the next ${SKIPPED_SINGLE_OBJECTS} objects`,
      );
      for (let i = 1; i < SKIPPED_SINGLE_OBJECTS; i++) await set.evaluate(as('ok'));
      expect(displayNameOf(await set.evaluate(as('ok')))).toBe('name-ok');
    });
  });

  it('rejects evaluations after dispose, and keeps sets apart on shared workers', async () => {
    const sets = await Promise.all(
      ['one', 'two', 'three'].map((name) =>
        compileMappingSet(
          [{ id: name, name, expression: `({ displayName: "${name}:" + user.username })` }],
          'user',
        ),
      ),
    );
    const outcomes = await Promise.all(sets.map((set) => set.evaluateMany([as('a'), as('b')])));
    expect(outcomes.map((page) => page.map(displayNameOf))).toEqual([
      ['one:a', 'one:b'],
      ['two:a', 'two:b'],
      ['three:a', 'three:b'],
    ]);
    for (const set of sets) set.dispose();
    await expect((sets[0] as (typeof sets)[number]).evaluate(as('a'))).rejects.toThrow(/disposed/);
  });

  it('compiles a set again after the workers were stopped', async () => {
    const set = await compileMappingSet(
      [{ id: '1', name: 'plain', expression: '({ displayName: user.name })' }],
      'user',
    );
    try {
      await stopMappingWorkers();
      expect(displayNameOf(await set.evaluate(as('again')))).toBe('name-again');
    } finally {
      set.dispose();
    }
  });
});
