/**
 * Every main page, checked with axe-core (no serious or critical violations) at 1280×800, then
 * the same pages at 390×844 without horizontal scrolling of the document. Screenshots of each
 * page go to artifacts/screenshots/.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EntraProvider, Group, Paginated, PropertyMapping } from '../../web/src/api/types.js';
import {
  type E2E,
  eventually,
  login,
  screenshot,
  screenshotOnFailure,
  seriousAxeViolations,
  startE2E,
  syncedProvider,
} from './support.js';

let e2e: E2E;
let pages: Array<{ name: string; path: string; ready: string }> = [];

beforeAll(async () => {
  e2e = await startE2E();
  const provider = await syncedProvider<EntraProvider>(e2e);
  const group = (await e2e.api<Paginated<Group>>('GET', '/api/v3/core/groups/?name=Engineering'))
    .results[0] as Group;
  const mapping = (
    await e2e.api<Paginated<PropertyMapping>>('GET', '/api/v3/propertymappings/provider/microsoft_entra/')
  ).results[0] as PropertyMapping;
  pages = [
    { name: 'dashboard', path: '/', ready: 'Provider sync health' },
    { name: 'applications', path: '/applications', ready: 'Entra ID' },
    { name: 'providers', path: '/providers', ready: 'Contoso' },
    { name: 'provider-create', path: '/providers/create', ready: 'Select a provider type' },
    { name: 'provider-overview', path: `/providers/${provider.pk}`, ready: 'Last successful sync' },
    {
      name: 'provider-users',
      path: `/providers/${provider.pk}?tab=users`,
      ready: 'alex.wilber (Alex Wilber)',
    },
    { name: 'provider-groups', path: `/providers/${provider.pk}?tab=groups`, ready: 'Engineering' },
    { name: 'provider-runs', path: `/providers/${provider.pk}?tab=runs`, ready: 'full' },
    { name: 'property-mappings', path: '/property-mappings', ready: mapping.name },
    { name: 'property-mapping-editor', path: `/property-mappings/${mapping.pk}`, ready: 'Preview against' },
    { name: 'users', path: '/users', ready: 'alex.wilber' },
    { name: 'user-detail', path: '/users/2', ready: 'Sync state per provider' },
    { name: 'groups', path: '/groups', ready: 'Engineering' },
    { name: 'group-detail', path: `/groups/${group.pk}`, ready: 'Sync state per provider' },
    { name: 'tokens', path: '/tokens', ready: 'conduit-bootstrap-token' },
    { name: 'events', path: '/events', ready: 'Model created' },
    { name: 'jobs', path: '/jobs', ready: 'No dead jobs: the queue is healthy' },
    { name: 'help', path: '/help/create-entra-provider', ready: 'Create an Entra ID provider' },
  ];
  await login(e2e.page, e2e.url);
}, 120_000);

afterEach(async ({ task }) => screenshotOnFailure(e2e, task));
afterAll(async () => e2e?.close());

async function open(path: string, ready: string) {
  await e2e.page.goto(`${e2e.url}${path}`);
  await e2e.page.getByText(ready, { exact: false }).filter({ visible: true }).first().waitFor();
  // Let late queries (status cards, previews) settle before checking.
  await e2e.page.waitForLoadState('networkidle').catch(() => undefined);
}

describe('accessibility and layout', () => {
  it('has no serious or critical axe violations on any main page (1280×800)', {
    timeout: 180_000,
  }, async () => {
    const failures: string[] = [];
    for (const p of pages) {
      await open(p.path, p.ready);
      await screenshot(e2e.page, `page-${p.name}`);
      const violations = await seriousAxeViolations(e2e.page);
      for (const v of violations)
        failures.push(
          `${p.name}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        );
    }
    // The login page too.
    const anonymous = await e2e.browser.newContext({ baseURL: e2e.url });
    const loginPage = await anonymous.newPage();
    await loginPage.goto(`${e2e.url}/`);
    await loginPage.getByRole('button', { name: 'Log in' }).waitFor();
    for (const v of await seriousAxeViolations(loginPage))
      failures.push(`login: ${v.id} (${v.impact}) ${v.help}`);
    await anonymous.close();
    expect(failures).toEqual([]);
  });

  it('has no serious or critical axe violations in the forms and dialogs', { timeout: 180_000 }, async () => {
    const { page } = e2e;
    const provider = pages.find((p) => p.name === 'provider-overview') as { path: string; ready: string };
    const forms = [
      { name: 'provider-edit', path: provider.path, ready: provider.ready, open: 'Edit' },
      {
        name: 'provider-create-settings',
        path: '/providers/create',
        ready: 'Select a provider type',
        open: 'Next',
      },
      { name: 'user-create', path: '/users', ready: 'alex.wilber', open: 'Create' },
      {
        name: 'service-account-create',
        path: '/users',
        ready: 'alex.wilber',
        open: 'Create Service account',
      },
      { name: 'group-create', path: '/groups', ready: 'Engineering', open: 'Create' },
      { name: 'application-create', path: '/applications', ready: 'Entra ID', open: 'Create' },
      { name: 'token-create', path: '/tokens', ready: 'conduit-bootstrap-token', open: 'Create' },
    ];
    const failures: string[] = [];
    for (const f of forms) {
      await open(f.path, f.ready);
      if (f.name === 'provider-create-settings')
        await page.getByRole('radio', { name: 'Microsoft Entra Provider' }).check();
      await page.getByRole('button', { name: f.open, exact: true }).first().click();
      await page
        .locator(f.name === 'provider-create-settings' ? 'form' : '[role="dialog"]')
        .first()
        .waitFor();
      await screenshot(page, `form-${f.name}`);
      for (const v of await seriousAxeViolations(page))
        failures.push(
          `${f.name}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        );
    }
    expect(failures).toEqual([]);
  });

  it('lays every main page out at 390×844 without horizontal scrolling', { timeout: 180_000 }, async () => {
    const { page } = e2e;
    await page.setViewportSize({ width: 390, height: 844 });
    const overflowing: string[] = [];
    for (const p of pages) {
      await open(p.path, p.ready);
      const width = await page.evaluate(() =>
        Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
      );
      if (width > 392) overflowing.push(`${p.name}: ${width}px`);
      if (['dashboard', 'provider-overview', 'provider-create', 'property-mapping-editor'].includes(p.name))
        await screenshot(page, `mobile-${p.name}`);
    }
    // The navigation is reachable from the masthead toggle.
    await page.getByRole('button', { name: 'Main navigation' }).click();
    await page
      .getByRole('navigation', { name: 'Admin navigation' })
      .getByRole('link', { name: 'Providers' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Providers' }).waitFor();
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(overflowing).toEqual([]);
  });

  it('works with the keyboard alone: log in, open a menu entry, reach the form fields', {
    timeout: 60_000,
  }, async () => {
    const ctx = await e2e.browser.newContext({ baseURL: e2e.url });
    const page = await ctx.newPage();
    await page.goto(`${e2e.url}/`);
    await page.getByLabel('Username').focus();
    await page.keyboard.type('admin');
    await page.keyboard.press('Tab');
    const { ADMIN_PASSWORD } = await import('./support.js');
    await page.keyboard.type(ADMIN_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Admin navigation' }).waitFor();
    const providers = page
      .getByRole('navigation', { name: 'Admin navigation' })
      .getByRole('link', { name: 'Providers' });
    for (let i = 0; i < 30 && !(await providers.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Providers' }).waitFor();
    await ctx.close();
  });

  it('serves the administrator documentation from the help links, with its screenshots', {
    timeout: 60_000,
  }, async () => {
    const { page } = e2e;
    await page.goto(`${e2e.url}/providers/create`);
    await page.getByRole('link', { name: 'Documentation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Create an Entra ID provider' }).waitFor();
    const images = page.locator('.cd-doc img');
    expect(await images.count()).toBeGreaterThanOrEqual(5);
    // The screenshots load lazily, as a reader scrolls to them.
    for (const image of await images.all()) await image.scrollIntoViewIfNeeded();
    await eventually(
      () =>
        images.evaluateAll((imgs) =>
          imgs.every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0),
        ),
      {
        message: 'the documentation screenshots to load',
      },
    );
    await page.getByRole('link', { name: 'Provider property mappings documentation' }).click();
    const heading = page.getByRole('heading', { name: 'Skip objects during synchronization' });
    await heading.waitFor();
    expect(page.url()).toContain('/help/property-mappings#skip-objects-during-synchronization');
    await page.getByText('throw new SkipObject();').first().waitFor();
    const raw = await fetch(`${e2e.url}/docs/admin/troubleshooting.md`);
    expect(raw.status).toBe(200);
  });
});
