import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { limitHeapGrowth } from './process-memory.js';

const moduleUrl = new URL('./process-memory.ts', import.meta.url).href;

/**
 * Runs a workload shaped like a full sync in a fresh process: a live set that stays, and objects
 * that live long enough to be promoted before they become garbage. Returns the peak heap size.
 */
async function peakHeapMb(percent: number): Promise<number> {
  const script = `
    const { limitHeapGrowth } = await import(${JSON.stringify(moduleUrl)});
    limitHeapGrowth(${percent});
    const live = [];
    for (let i = 0; i < 200_000; i++) live.push({ id: i, name: 'user' + i + '@example.com' });
    const window = new Array(300_000);
    let peak = 0;
    for (let i = 0; i < 6_000_000; i++) {
      window[i % window.length] = { i, text: 'y' + i, list: [i] };
      if (i % 20_000 === 0) peak = Math.max(peak, process.memoryUsage().heapTotal);
    }
    console.log(JSON.stringify({ peak: peak / 1048576, live: live.length }));
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += String(chunk);
  });
  const [code] = await once(child, 'exit');
  expect(code).toBe(0);
  return (JSON.parse(out) as { peak: number }).peak;
}

describe('limitHeapGrowth', () => {
  it('keeps the heap near its live size where V8 alone lets it grow several times over', async () => {
    const [unlimited, limited] = await Promise.all([peakHeapMb(0), peakHeapMb(25)]);
    // V8's own policy: ~300 MB for this workload; limited to 25 %: ~130 MB.
    expect(limited).toBeLessThan(unlimited * 0.7);
  }, 60_000);

  it('rejects a negative or fractional percentage', () => {
    expect(() => limitHeapGrowth(-1)).toThrow(RangeError);
    expect(() => limitHeapGrowth(12.5)).toThrow(RangeError);
  });
});
