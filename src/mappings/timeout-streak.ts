/**
 * Stops a page early when one mapping keeps timing out: each timeout costs the whole time limit,
 * so a `while (true) {}` mapping would otherwise spend 100 ms on every object of every page. After
 * {@link TIMEOUTS_IN_A_ROW} timeouts of the same mapping in a row, the objects after it fail fast
 * with an error naming the mapping: the rest of the page for `evaluateMany`, the next
 * {@link SKIPPED_SINGLE_OBJECTS} objects for single evaluations (which have no page).
 * Pure: the worker and the main thread (which sees hard-deadline kills) share these rules.
 */
import { MappingTimeoutError } from './errors.js';
import type { MappingOutcome } from './types.js';
import type { TimeoutStreak } from './worker-protocol.js';

/** Timeouts of one mapping in a row that trip the streak. */
export const TIMEOUTS_IN_A_ROW = 3;
/** Single evaluations that fail fast once tripped, before the mapping is tried again. */
export const SKIPPED_SINGLE_OBJECTS = 100;

/** No timeouts seen. */
export function freshStreak(): TimeoutStreak {
  return { mapping: null, count: 0, skipLeft: 0 };
}

/** Whether the next object fails fast. */
export function isTripped(streak: TimeoutStreak): boolean {
  return streak.mapping !== null && streak.skipLeft > 0;
}

/** The fail-fast outcome of an object met while the streak is tripped. */
export function skippedOutcome(streak: TimeoutStreak, object: string, page: boolean): MappingOutcome {
  const rest = page ? 'the rest of this page' : `the next ${SKIPPED_SINGLE_OBJECTS} objects`;
  const reason = `timed out ${streak.count} times in a row; not evaluated for ${rest}`;
  return {
    status: 'error',
    error: new MappingTimeoutError(reason, { mappingName: streak.mapping ?? '', object }),
    logs: [],
  };
}

/** The streak after an object failed fast. */
export function afterSkip(streak: TimeoutStreak): TimeoutStreak {
  const skipLeft = streak.skipLeft - 1;
  // Once the skipped objects are used up the mapping gets a fresh chance.
  return skipLeft > 0 ? { ...streak, skipLeft } : freshStreak();
}

/** The streak after an object was evaluated (or its worker stopped for running too long). */
export function afterEvaluation(
  streak: TimeoutStreak,
  outcome: MappingOutcome,
  page: boolean,
): TimeoutStreak {
  if (outcome.status !== 'error' || !(outcome.error instanceof MappingTimeoutError)) return freshStreak();
  const mapping = outcome.error.mappingName;
  const count = streak.mapping === mapping ? streak.count + 1 : 1;
  const skipLeft =
    count >= TIMEOUTS_IN_A_ROW ? (page ? Number.POSITIVE_INFINITY : SKIPPED_SINGLE_OBJECTS) : 0;
  return { mapping, count, skipLeft };
}
