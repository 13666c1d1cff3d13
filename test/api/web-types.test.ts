/**
 * The web client's generated API types (`web/generated/openapi.ts`) are what
 * `scripts/generate-web-types.ts` writes from the served OpenAPI document today, byte for byte: a
 * route schema changed without regenerating fails here, so the web types cannot drift.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateWebTypes, WEB_TYPES_PATH } from '../../scripts/generate-web-types.js';

describe('generated web types', () => {
  it('regenerating gives the committed file byte for byte', { timeout: 120_000 }, async () => {
    const generated = await generateWebTypes();
    const committed = readFileSync(WEB_TYPES_PATH, 'utf8');
    // A mismatch: run `npx tsx scripts/generate-web-types.ts` and commit web/generated/openapi.ts.
    expect(committed === generated, 'the committed web types are not what the API serves now').toBe(true);
    expect(generated).toContain("'/api/v3/providers/microsoft_entra/{id}/sync/status/'");
  });
});
