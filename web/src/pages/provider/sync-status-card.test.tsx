// @vitest-environment happy-dom
/** A running full sync's progress as the provider page shows it: objects, pace, writes and finish. */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../api/types.js';
import { StatusBody } from './sync-status-card.js';

const running = (progress: Partial<NonNullable<SyncStatus['progress']>>): SyncStatus =>
  ({
    is_running: true,
    assigned: true,
    progress: {
      done: 40,
      total: 100,
      phase: 'users',
      remaining: 60,
      objects_per_second: 4,
      writes_done: 0,
      writes_remaining: null,
      writes_per_second: null,
      paced_writes_per_second: null,
      estimated_finish_at: '2026-12-03T10:00:30.000Z',
      ...progress,
    },
    current_run: null,
    last_run: null,
    configuration_error: null,
  }) as unknown as SyncStatus;

describe('a running full sync on the provider page', () => {
  afterEach(cleanup);

  it('shows the writes made, the writes to come and the paced and measured write rates', () => {
    render(
      <StatusBody
        status={running({
          writes_done: 40,
          writes_remaining: 60,
          writes_per_second: 4,
          paced_writes_per_second: 19,
        })}
      />,
    );
    expect(screen.getByTestId('sync-writes').textContent).toBe(
      '40 Graph writes made, about 60 to go (paced to 19 writes/s, running at 4/s)',
    );
    expect(screen.getByTestId('sync-eta').textContent).toMatch(
      /^60 left at 4 objects\/s — estimated finish /,
    );
  });

  it('says nothing of writes before the first one', () => {
    render(<StatusBody status={running({})} />);
    expect(screen.queryByTestId('sync-writes')).toBeNull();
    expect(screen.getByText('40 of 100 objects', { exact: false })).toBeTruthy();
  });
});
