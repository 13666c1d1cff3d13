/**
 * The help viewer shows only Conduit's own documentation: a crafted link that points the viewer at
 * an API response (failed-login events whose usernames carry planted Markdown) shows "Help page
 * not found" instead, and no page of the help ever loads anything from another host.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, login, screenshotOnFailure, startE2E } from './support.js';

let e2e: E2E;
const requests: string[] = [];

beforeAll(async () => {
  e2e = await startE2E();
  e2e.page.on('request', (request) => requests.push(request.url()));
  await login(e2e.page, e2e.url);
}, 120_000);

afterEach(async ({ task }) => screenshotOnFailure(e2e, task));
afterAll(async () => e2e?.close());

describe('help viewer', () => {
  it('refuses a page name that walks out of docs/admin, even with planted Markdown waiting', {
    timeout: 60_000,
  }, async () => {
    const planted = '# PLANTED HEADING ![pixel](https://attacker.example/pixel.png)';
    const res = await fetch(`${e2e.url}/api/v3/conduit/session/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: planted, password: 'wrong-password' }),
    });
    expect(res.status).toBe(400);
    const events = await e2e.api<{ results: Array<{ context: { username?: string } }> }>(
      'GET',
      '/api/v3/events/events/?action=login_failed',
    );
    expect(events.results.some((e) => e.context.username === planted)).toBe(true);

    const { page } = e2e;
    requests.length = 0;
    const crafted = encodeURIComponent('../../api/v3/events/events/?action=login_failed&x=');
    await page.goto(`${e2e.url}/help/${crafted}`);
    await page.getByRole('heading', { name: 'Help page not found' }).waitFor();
    expect(await page.getByText('PLANTED HEADING').count()).toBe(0);
    expect(requests.filter((url) => url.includes('/api/v3/events/'))).toEqual([]);
    expect(requests.filter((url) => !url.startsWith(e2e.url))).toEqual([]);
    // The not-found view offers the real pages.
    await page.getByRole('link', { name: 'Troubleshooting' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Troubleshooting' }).waitFor();
  });

  it('renders every real page with only same-origin images', { timeout: 60_000 }, async () => {
    const { page } = e2e;
    for (const name of [
      'index',
      'configure-entra',
      'create-entra-provider',
      'property-mappings',
      'troubleshooting',
    ]) {
      requests.length = 0;
      await page.goto(`${e2e.url}/help/${name}`);
      await page.locator('.cd-doc h1').first().waitFor();
      expect(await page.getByRole('heading', { name: 'Help page not found' }).count(), name).toBe(0);
      const sources = await page
        .locator('.cd-doc img')
        .evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).src));
      for (const src of sources) expect(src.startsWith(`${e2e.url}/docs/`), `${name}: ${src}`).toBe(true);
      expect(
        requests.filter((url) => !url.startsWith(e2e.url)),
        name,
      ).toEqual([]);
    }
  });
});
