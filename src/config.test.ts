import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { DEFAULT_HEAP_GROWTH_PERCENT } from './process-memory.js';

const base = () => ({ CONDUIT_DATA_DIR: mkdtempSync(join(tmpdir(), 'conduit-config-')) });

describe('loadConfig: CONDUIT_HEAP_GROWTH_PERCENT', () => {
  it('defaults to Conduit’s heap growth limit and accepts 0 (V8 decides)', () => {
    expect(loadConfig(base()).heapGrowthPercent).toBe(DEFAULT_HEAP_GROWTH_PERCENT);
    expect(loadConfig({ ...base(), CONDUIT_HEAP_GROWTH_PERCENT: '0' }).heapGrowthPercent).toBe(0);
    expect(loadConfig({ ...base(), CONDUIT_HEAP_GROWTH_PERCENT: '120' }).heapGrowthPercent).toBe(120);
  });

  it.each(['lots', '12.5', '-1', '301'])('rejects %s with a message naming the variable', (value) => {
    const load = () => loadConfig({ ...base(), CONDUIT_HEAP_GROWTH_PERCENT: value });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow('CONDUIT_HEAP_GROWTH_PERCENT: must be a whole number from 0 (V8 decides) to 300');
  });
});
