/**
 * How much memory a Conduit process keeps while it syncs.
 *
 * A full sync makes a great deal of short-lived garbage (rows, mapping contexts, request bodies),
 * and some of it lives long enough (a page's objects wait on Graph) to reach V8's old generation.
 * After each full collection V8 lets the old generation grow to up to four times what survived
 * before it collects again, so a process whose live heap is 50–130 MB held 400+ MB at 100,000 users.
 * Capping that growth makes V8 collect sooner: the process stays near its live size and never dies
 * of it (unlike `--max-old-space-size`, which ends the process with "heap out of memory" when the
 * live heap outgrows the cap). See docs/adr/0005-heap-growth.md for the measurements.
 *
 * Invariant: this only sets V8's `--heap-growing-percent`, which V8 reads each time it computes the
 * next collection's limit, so setting it after start-up takes effect at the next collection and
 * changes nothing else. It is applied once, first thing, by every `conduit` role.
 */
import { setFlagsFromString } from 'node:v8';

/** Conduit's default: the old generation may grow by half of what survived the last full collection. */
export const DEFAULT_HEAP_GROWTH_PERCENT = 50;

/**
 * Lets V8's old generation grow by at most `percent` % of what survived the last full collection
 * before it collects again. 0 leaves V8's own policy (a factor of up to 4).
 */
export function limitHeapGrowth(percent: number): void {
  if (!Number.isInteger(percent) || percent < 0) throw new RangeError('percent must be a whole number ≥ 0');
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
