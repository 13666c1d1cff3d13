/**
 * End-to-end harness for the admin UI: a real Conduit (demo mode, with its built-in Graph
 * emulator) started in-process on a free port, one headless Debian Chromium per test file, and
 * helpers for the API (bearer token), screenshots and axe-core checks.
 *
 * The UI must be built first (`vite build --config web/vite.config.ts`; `scripts/test.sh` does it).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { type ConduitApp, startConduit } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'artifacts', 'screenshots');
export const DOC_SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
export const ADMIN_PASSWORD = 'admin-password-e2e-1';
export const API_TOKEN = 'e2e-bootstrap-token-0123456789abcdef';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface E2E {
  app: ConduitApp;
  url: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Calls the API with the bootstrap token (for arranging and asserting, not for the UI). */
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function startE2E(options: { viewport?: { width: number; height: number } } = {}): Promise<E2E> {
  if (!existsSync(join(ROOT, 'web', 'dist', 'index.html'))) {
    throw new Error(
      'web/dist is missing: run `npx vite build --config web/vite.config.ts` first (scripts/test.sh does).',
    );
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'conduit-e2e-'));
  const app = await startConduit(
    loadConfig({
      ...process.env,
      CONDUIT_DEMO: 'true',
      CONDUIT_DATA_DIR: dataDir,
      CONDUIT_PORT: '0',
      CONDUIT_EMULATOR_PORT: '0',
      CONDUIT_BOOTSTRAP_PASSWORD: ADMIN_PASSWORD,
      CONDUIT_BOOTSTRAP_TOKEN: API_TOKEN,
      CONDUIT_LOG_LEVEL: 'warn',
      DATABASE_URL: undefined,
      CONDUIT_SECRET_KEYS: undefined,
      CONDUIT_PUBLIC_URL: undefined,
    }),
    { api: true, worker: true, scheduler: false },
  );
  const url = (app.url as string).replace(/\/$/, '');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    baseURL: url,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${API_TOKEN}`,
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path} → ${r.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    app,
    url,
    browser,
    context,
    page,
    api,
    async close() {
      await browser.close().catch(() => undefined);
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (errors.length > 0) console.warn(`page errors:\n${errors.join('\n')}`);
    },
  };
}

/** Sets a PatternFly switch (its input is visually hidden: click its label). */
export async function setSwitch(scope: Page | Locator, name: string, checked: boolean): Promise<void> {
  const sw = scope.getByRole('switch', { name, exact: true });
  if ((await sw.isChecked()) !== checked) await sw.locator('xpath=..').click();
  if ((await sw.isChecked()) !== checked) throw new Error(`switch ${name} did not change`);
}

/** Matches a form label by its exact words, ignoring the required-field asterisk. */
export function label(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s\u00a0*]*$`);
}

export async function login(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('navigation', { name: 'Admin navigation' }).waitFor();
}

/** Opens a menu entry the way the instructions say it: "**Section** > **Item**". */
export async function navigateTo(page: Page, section: string, item: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Admin navigation' });
  const toggle = nav.getByRole('button', { name: section, exact: true });
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  // The section's own list holds the item (Applications > Applications is not the toggle).
  await toggle.locator('xpath=..').getByRole('link', { name: item, exact: true }).click();
  // Each page is titled like its menu entry.
  await page.getByRole('heading', { level: 1, name: item, exact: true }).waitFor();
}

export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, `${name}.png`);
  const viewport = page.viewportSize();
  // PatternFly scrolls inside the page's main container, not the document: grow the viewport to
  // the content's height for a full-page picture, then restore it.
  const needed =
    options.fullPage === false || !viewport
      ? 0
      : await page.evaluate(() => {
          const candidates = [
            document.scrollingElement,
            ...document.querySelectorAll('.pf-v6-c-page__main-container, .pf-v6-c-page__main, main'),
          ];
          return Math.max(0, ...candidates.map((el) => (el ? el.scrollHeight - el.clientHeight : 0)));
        });
  if (viewport && needed > 0)
    await page.setViewportSize({
      width: viewport.width,
      height: Math.min(viewport.height + needed + 16, 6000),
    });
  await page.screenshot({ path: file, animations: 'disabled' });
  if (viewport && needed > 0) await page.setViewportSize(viewport);
  return file;
}

/** Copies an artifact screenshot into docs/screenshots when CONDUIT_UPDATE_DOC_SCREENSHOTS=1. */
export function publishScreenshot(file: string, name: string): void {
  if (process.env.CONDUIT_UPDATE_DOC_SCREENSHOTS !== '1') return;
  mkdirSync(DOC_SCREENSHOTS, { recursive: true });
  copyFileSync(file, join(DOC_SCREENSHOTS, `${name}.png`));
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; html: string }>;
}

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/**
 * Runs axe-core on the settled page and returns its serious and critical violations. Transitions
 * still running (a button leaving its loading state, whose colours are then in between) are
 * awaited first; a spinner turns forever, so only what ends is awaited.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Number.POSITIVE_INFINITY)
        .map((a) => a.finished.catch(() => a)),
    ),
  );
  // Evaluated by the browser's debugger protocol, which the UI's Content-Security-Policy (no inline
  // scripts) does not govern; an injected <script> tag would be refused, as it should be.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Polls until `check` returns a truthy value or the time is up. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  { timeoutMs = 30_000, intervalMs = 250, message = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${message}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Saves a screenshot of the page when a test fails (artifacts/screenshots/FAILED-<test>.png). */
export async function screenshotOnFailure(
  e2e: E2E | undefined,
  task: { name: string; result?: { state?: string } },
): Promise<void> {
  if (!e2e || task.result?.state !== 'fail') return;
  await screenshot(e2e.page, `FAILED-${task.name.replace(/[^\w-]+/g, '-').slice(0, 60)}`).catch(
    () => undefined,
  );
}

/**
 * An Entra provider on the demo's emulator tenant, assigned to an application, after its first
 * full sync (arranged through the API, for tests about other pages).
 */
export async function syncedProvider<P extends { pk: number }>(
  e2e: E2E,
  extra: Record<string, unknown> = {},
): Promise<P> {
  const emulator = e2e.app.emulator;
  if (!emulator) throw new Error('demo emulator missing');
  const provider = await e2e.api<P>('POST', '/api/v3/providers/microsoft_entra/', {
    name: 'Contoso',
    client_id: emulator.clientId,
    client_secret: emulator.clientSecret,
    tenant_id: emulator.tenantId,
    ...extra,
  });
  await e2e.api('POST', '/api/v3/core/applications/', {
    name: 'Entra ID',
    slug: 'entra-id',
    backchannel_providers: [provider.pk],
  });
  await eventually(
    async () =>
      (
        await e2e.api<{ last_successful_sync?: string }>(
          'GET',
          `/api/v3/providers/microsoft_entra/${provider.pk}/sync/status/`,
        )
      ).last_successful_sync,
    { timeoutMs: 60_000, message: 'the first full sync' },
  );
  return provider;
}
