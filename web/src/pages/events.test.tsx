// @vitest-environment happy-dom
/** The Logs page shows how many identical events one entry stands for. */
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventEntry } from '../api/types.js';
import { RepeatCount } from './events.js';

/** An entry as an older server answers it: without `repeat_count`. */
const event: Omit<EventEntry, 'repeat_count'> = {
  pk: '0190',
  user: { username: 'system' },
  action: 'login_failed',
  app: 'conduit.directory',
  context: { username: 'admin' },
  client_ip: '203.0.113.7',
  created: '2026-01-01T10:00:00.000Z',
  expires: '2027-01-01T10:00:00.000Z',
  brand: {},
  last_seen: null,
};

afterEach(() => cleanup());

describe('RepeatCount', () => {
  it('shows ×N with the time of the last repeat for a counted entry', () => {
    const { container } = render(
      <RepeatCount event={{ ...event, repeat_count: 37, last_seen: '2026-01-01T10:09:00.000Z' }} />,
    );
    expect(container.textContent).toBe('×37');
    expect(container.querySelector('[title]')?.getAttribute('title')).toMatch(
      /^37 identical events, last at /,
    );
  });

  it('shows nothing for a single event, or when the API has no count', () => {
    expect(
      render(<RepeatCount event={{ ...event, repeat_count: 1, last_seen: null }} />).container.textContent,
    ).toBe('');
    expect(render(<RepeatCount event={event as EventEntry} />).container.textContent).toBe('');
  });
});
