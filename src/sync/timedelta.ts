/**
 * authentik's time-delta text (`minutes=30`, `hours=1;minutes=30`): the keyword arguments of
 * Python's `timedelta`, separated by semicolons. Used for a provider's page timeout.
 */

const UNIT_MS: Record<string, number> = {
  weeks: 7 * 24 * 3_600_000,
  days: 24 * 3_600_000,
  hours: 3_600_000,
  minutes: 60_000,
  seconds: 1000,
  milliseconds: 1,
  microseconds: 0.001,
};

/** Milliseconds, or null when the text is not a time delta (unknown unit, bad number, empty). */
export function parseTimedelta(text: string): number | null {
  const parts = text
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (parts.length === 0) return null;
  let total = 0;
  for (const part of parts) {
    const match = /^(\w+)\s*=\s*(\d+(?:\.\d+)?)$/.exec(part);
    const unit = match ? UNIT_MS[match[1] as string] : undefined;
    if (!match || unit === undefined) return null;
    total += Number(match[2]) * unit;
  }
  return total;
}
