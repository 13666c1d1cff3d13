import { describe, expect, it } from 'vitest';
import { estimateRunProgress } from './run-records.js';

describe('estimateRunProgress', () => {
  const startedAt = '2026-01-01T10:00:00.000Z';

  it('projects the finish from the pace so far: 300 of 1,000 in 60 s ends 140 s later', () => {
    const now = new Date('2026-01-01T10:01:00.000Z');
    expect(estimateRunProgress({ total: 1000, done: 300, startedAt }, now)).toEqual({
      done: 300,
      remaining: 700,
      objectsPerSecond: 5,
      estimatedFinishAt: '2026-01-01T10:03:20.000Z',
    });
  });

  it('gives no estimate before anything is done', () => {
    const now = new Date('2026-01-01T10:01:00.000Z');
    expect(estimateRunProgress({ total: 1000, done: 0, startedAt }, now)).toMatchObject({
      remaining: 1000,
      objectsPerSecond: null,
      estimatedFinishAt: null,
    });
  });
});
