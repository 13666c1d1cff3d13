import { describe, expect, it } from 'vitest';
import { parseTimedelta } from './timedelta.js';

describe('parseTimedelta', () => {
  it('reads authentik’s time-delta text', () => {
    expect(parseTimedelta('minutes=30')).toBe(30 * 60_000);
    expect(parseTimedelta('hours=1;minutes=30')).toBe(90 * 60_000);
    expect(parseTimedelta(' days = 1 ; seconds=0.5 ;')).toBe(86_400_000 + 500);
  });

  it('refuses what Python’s timedelta would not take', () => {
    for (const bad of ['', 'minutes', 'minutes=', 'fortnights=2', 'minutes=-5', 'minutes=30,hours=1'])
      expect(parseTimedelta(bad)).toBeNull();
  });
});
