/**
 * The web client's generated API types (`web/src/api/generated/`) are what
 * `scripts/generate-web-types.ts` writes from the served OpenAPI document today, byte for byte: a
 * route schema changed without regenerating fails here, so the web types cannot drift.
 */
import { describe, expect, it } from 'vitest';
import { committedWebTypes, generateWebTypes } from '../../scripts/generate-web-types.js';

describe('generated web types', () => {
  it('regenerating gives the committed files byte for byte', { timeout: 120_000 }, async () => {
    const generated = await generateWebTypes();
    const committed = committedWebTypes();
    const fix = 'run `npx tsx scripts/generate-web-types.ts` and commit web/src/api/generated/';
    expect([...committed.keys()].sort(), fix).toEqual([...generated.keys()].sort());
    for (const [file, source] of generated) expect(committed.get(file), `${file}: ${fix}`).toBe(source);
    for (const [file, source] of generated) expect(source.split('\n').length, file).toBeLessThanOrEqual(600);
  });
});
