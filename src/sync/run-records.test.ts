import { describe, expect, it } from 'vitest';
import { emptyCounts, estimateRunProgress, estimateRunWrites } from './run-records.js';

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

describe('estimateRunWrites', () => {
  const startedAt = '2026-01-01T10:00:00.000Z';
  const counts = { ...emptyCounts(), created: 180, updated: 20, members_added: 41, members_removed: 2 };

  it('counts writes from the run: creates, updates, members in chunks of 20, removals one each', () => {
    const now = new Date('2026-01-01T10:00:20.000Z');
    const estimate = estimateRunWrites({ total: 1000, done: 200, startedAt, counts }, 19, now);
    // 180 + 20 + ⌈41/20⌉ + 2 = 205 writes in 20 s; 800 objects to go at 205/200 writes each = 820.
    expect(estimate).toEqual({
      writesDone: 205,
      writesRemaining: 820,
      writesPerSecond: 10.25,
      pacedWritesPerSecond: 19,
      writesFinishAt: new Date(now.getTime() + (820 / 19) * 1000).toISOString(),
    });
  });

  it('gives no projection before any object is done, and no finish without a pace', () => {
    const now = new Date('2026-01-01T10:00:20.000Z');
    expect(
      estimateRunWrites({ total: 10, done: 0, startedAt, counts: emptyCounts() }, 19, now),
    ).toMatchObject({
      writesDone: 0,
      writesRemaining: null,
      writesPerSecond: null,
      writesFinishAt: null,
    });
    expect(
      estimateRunWrites({ total: 1000, done: 200, startedAt, counts }, null, now).writesFinishAt,
    ).toBeNull();
  });
});
