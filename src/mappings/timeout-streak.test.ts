import { describe, expect, it } from 'vitest';
import { MappingTimeoutError, PropertyMappingError } from './errors.js';
import {
  afterEvaluation,
  afterSkip,
  freshStreak,
  isTripped,
  SKIPPED_SINGLE_OBJECTS,
  skippedOutcome,
} from './timeout-streak.js';
import type { MappingOutcome } from './types.js';

const timeout = (mappingName: string): MappingOutcome => ({
  status: 'error',
  error: new MappingTimeoutError('evaluation exceeded the 100 ms time limit', { mappingName }),
  logs: [],
});
const ok: MappingOutcome = { status: 'ok', body: { displayName: 'x' }, logs: [] };

describe('timeout streak', () => {
  it('trips after three timeouts of the same mapping in a row, for the rest of a page', () => {
    let streak = freshStreak();
    for (let i = 0; i < 2; i++) streak = afterEvaluation(streak, timeout('a'), true);
    expect(isTripped(streak)).toBe(false);
    streak = afterEvaluation(streak, timeout('a'), true);
    expect(isTripped(streak)).toBe(true);
    for (let i = 0; i < 1_000; i++) streak = afterSkip(streak);
    expect(isTripped(streak)).toBe(true);
    const skipped = skippedOutcome(streak, 'user "jdoe" (pk 7)', true);
    expect(skipped.status === 'error' && skipped.error.message).toBe(
      'Property mapping "a" (user "jdoe" (pk 7)): timed out 3 times in a row; not evaluated for the rest of this page',
    );
  });

  it('does not trip on timeouts of different mappings, or with other outcomes in between', () => {
    let streak = freshStreak();
    for (const outcome of [timeout('a'), timeout('a'), timeout('b'), timeout('b'), ok, timeout('b')]) {
      streak = afterEvaluation(streak, outcome, true);
    }
    expect(isTripped(streak)).toBe(false);
    const thrown: MappingOutcome = {
      status: 'error',
      error: new PropertyMappingError('TypeError: x', { mappingName: 'b' }),
      logs: [],
    };
    streak = afterEvaluation(afterEvaluation(streak, timeout('b'), true), thrown, true);
    expect(streak).toEqual(freshStreak());
  });

  it('gives single evaluations a fresh chance after the skipped objects', () => {
    let streak = freshStreak();
    for (let i = 0; i < 3; i++) streak = afterEvaluation(streak, timeout('a'), false);
    for (let i = 0; i < SKIPPED_SINGLE_OBJECTS; i++) {
      expect(isTripped(streak)).toBe(true);
      streak = afterSkip(streak);
    }
    expect(streak).toEqual(freshStreak());
  });
});
