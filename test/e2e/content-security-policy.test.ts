/**
 * The built UI under the Content-Security-Policy Conduit sends (src/api/server.ts): every main page
 * renders with no script, style, image or connection refused, and a remote image planted in the
 * page is refused, as the policy means it to be.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, login, startE2E } from './support.js';

let e2e: E2E;
/** Every `securitypolicyviolation` the pages report, as "directive blocked-uri". */
const violations: string[] = [];

beforeAll(async () => {
  e2e = await startE2E();
  await e2e.page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
  await e2e.page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
      report(`${event.effectiveDirective} ${event.blockedURI}`);
    });
  });
  await login(e2e.page, e2e.url);
}, 120_000);

afterAll(async () => e2e?.close());

describe('Content-Security-Policy', () => {
  it('lets every main page of the built UI render without a violation', { timeout: 120_000 }, async () => {
    const pages: Array<[string, string]> = [
      ['/', 'Provider sync health'],
      ['/applications', 'Applications'],
      ['/providers', 'Providers'],
      ['/property-mappings', 'Property mappings'],
      ['/users', 'Users'],
      ['/groups', 'Groups'],
      ['/tokens', 'Tokens'],
      ['/events', 'Model created'],
      ['/help/create-entra-provider', 'Create an Entra ID provider'],
    ];
    for (const [path, ready] of pages) {
      await e2e.page.goto(`${e2e.url}${path}`);
      await e2e.page.getByText(ready, { exact: false }).filter({ visible: true }).first().waitFor();
      await e2e.page.waitForLoadState('networkidle').catch(() => undefined);
    }
    expect(violations).toEqual([]);
  });

  it('refuses a remote image and an inline script', async () => {
    violations.length = 0;
    await e2e.page.evaluate(() => {
      const image = document.createElement('img');
      image.src = 'https://images.example.com/beacon.png';
      document.body.append(image);
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
    });
    await expect.poll(() => violations.length).toBeGreaterThanOrEqual(2);
    expect(violations).toContain('img-src https://images.example.com/beacon.png');
    expect(violations.some((v) => v.startsWith('script-src'))).toBe(true);
    expect(
      await e2e.page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan),
    ).toBeUndefined();
  });
});
