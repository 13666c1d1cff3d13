/**
 * Events > Background jobs: a healthy queue says so; a job that failed every attempt (the
 * provider's sign-in endpoint unreachable) is shown with what it was about and its error in full;
 * once the cause is fixed, Retry runs it and the change reaches Entra ID.
 */
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeadJob, EntraProvider, JobQueueStatus, Paginated, User } from '../../web/src/api/types.js';
import {
  type E2E,
  eventually,
  login,
  navigateTo,
  screenshot,
  screenshotOnFailure,
  seriousAxeViolations,
  startE2E,
  syncedProvider,
} from './support.js';

let e2e: E2E;
let provider: EntraProvider;

/** A loopback port nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  e2e = await startE2E();
  provider = await syncedProvider<EntraProvider>(e2e, { exclude_users_service_account: true });
  await login(e2e.page, e2e.url);
}, 120_000);

afterEach(async ({ task }) => screenshotOnFailure(e2e, task));
afterAll(async () => e2e?.close());

/** Jobs back off exponentially between attempts: bring every waiting attempt forward to now. */
async function runWaitingAttemptsNow(): Promise<void> {
  await e2e.app.store.db
    .updateTable('jobs')
    .set({ run_at: new Date(0).toISOString() })
    .where('locked_at', 'is', null)
    .whereRef('attempts', '<', 'max_attempts')
    .execute();
  e2e.app.queue?.wake();
}

describe('background jobs page', () => {
  it('says the queue is healthy when no job is dead', { timeout: 60_000 }, async () => {
    const { page } = e2e;
    await navigateTo(page, 'Events', 'Background jobs');
    await page.getByRole('heading', { name: 'No dead jobs: the queue is healthy' }).waitFor();
    await page.getByText('Embedded queue').waitFor();
    expect(await page.getByTestId('jobs-dead').textContent()).toBe('0');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'jobs-healthy');
    await page.goto(`${e2e.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByText('The job queue is healthy.').waitFor();
    expect(await page.getByTestId('dashboard-dead-jobs').textContent()).toBe('0');
  });

  it('shows a dead job with its error, and Retry runs it once the cause is fixed', {
    timeout: 120_000,
  }, async () => {
    const { page } = e2e;
    const emulator = e2e.app.emulator;
    if (!emulator) throw new Error('demo emulator missing');
    const unreachable = `https://127.0.0.1:${await closedPort()}`;
    await e2e.api('PATCH', `/api/v3/providers/microsoft_entra/${provider.pk}/`, {
      cloud: 'custom',
      login_url: unreachable,
      graph_url: emulator.graphUrl,
      // A changed endpoint needs the credential again (it is only sent where it was entered for).
      client_secret: emulator.clientSecret,
    });
    const megan = (await e2e.api<Paginated<User>>('GET', '/api/v3/core/users/?username=megan.bowen'))
      .results[0] as User;
    await e2e.api('PATCH', `/api/v3/core/users/${megan.pk}/`, { name: 'Megan Bowen-Dead' });

    const dead = await eventually(
      async () => {
        await runWaitingAttemptsNow();
        const jobs = await e2e.api<DeadJob[]>('GET', '/api/v3/conduit/jobs/dead/');
        return jobs.find((j) => j.task === 'sync.user' && j.object?.pk === megan.pk);
      },
      { timeoutMs: 90_000, intervalMs: 200, message: 'the user job to fail every attempt' },
    );
    expect(dead.last_error).toContain(unreachable);
    expect(dead.last_error).toContain('ECONNREFUSED');

    // The dashboard counts it and leads to the jobs page.
    await page.goto(`${e2e.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByText('Failed every attempt: fix the cause, then retry them.').waitFor();
    expect(Number(await page.getByTestId('dashboard-dead-jobs').textContent())).toBeGreaterThanOrEqual(1);
    await page.getByTestId('dashboard-dead-jobs').click();
    await page.getByRole('heading', { level: 1, name: 'Background jobs' }).waitFor();

    // The page refreshes on its own: the job appears with what it was about and the error in full.
    const row = page
      .getByTestId('dead-job')
      .filter({ hasText: 'Sync user “megan.bowen” to provider “Contoso”' });
    await row.waitFor();
    expect(await row.getByTestId('dead-job-error').textContent()).toBe(dead.last_error);
    await row.getByText('could not reach Microsoft’s sign-in or Graph endpoint').waitFor();
    await row.getByRole('link', { name: 'Contoso' }).waitFor();
    await row.getByRole('link', { name: 'Open user megan.bowen' }).waitFor();
    expect(await row.locator('td[data-label="Attempts"]').textContent()).toBe(String(dead.attempts));
    expect(Number(await page.getByTestId('jobs-dead').textContent())).toBeGreaterThanOrEqual(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'jobs-dead');
    // A long error wraps instead of widening a phone's screen.
    await page.setViewportSize({ width: 390, height: 844 });
    const width = await page.evaluate(() =>
      Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
    );
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(width).toBeLessThanOrEqual(392);

    // Fix the cause (the sign-in URL), then retry from the page.
    await e2e.api('PATCH', `/api/v3/providers/microsoft_entra/${provider.pk}/`, {
      login_url: emulator.loginUrl,
      client_secret: emulator.clientSecret,
    });
    await row.getByRole('button', { name: `Retry job ${dead.id}` }).click();
    await page.getByText(`Job ${dead.id} was scheduled to run again`).waitFor();
    await row.waitFor({ state: 'detached' });
    await eventually(
      () =>
        emulator.control
          .getState(emulator.tenantId)[0]
          ?.users.some((u) => (u as { displayName?: string }).displayName === 'Megan Bowen-Dead'),
      { timeoutMs: 30_000, message: 'the retried job to rename the user in Entra ID' },
    );
    expect(
      (await e2e.api<DeadJob[]>('GET', '/api/v3/conduit/jobs/dead/')).some((j) => j.id === dead.id),
    ).toBe(false);
    await screenshot(page, 'jobs-retried');
    const status = await e2e.api<JobQueueStatus>('GET', '/api/v3/conduit/jobs/');
    expect(status.kind).toBe('sqlite');
  });
});
