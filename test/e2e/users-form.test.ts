/**
 * Directory > Users: a new user whose password is refused (too common) is created once; fixing the
 * password and submitting again sets it on that user instead of failing with "already exists"; the
 * list offers the CSV import.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Paginated, User } from '../../web/src/api/types.js';
import { type E2E, login, navigateTo, screenshotOnFailure, startE2E } from './support.js';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
  await login(e2e.page, e2e.url);
}, 120_000);

afterEach(async ({ task }) => screenshotOnFailure(e2e, task));
afterAll(async () => e2e?.close());

describe('the user form', () => {
  it('shows a refused password on the field and keeps the created user', { timeout: 60_000 }, async () => {
    const { page } = e2e;
    await navigateTo(page, 'Directory', 'Users');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#user-username').fill('weak.password.person');
    await dialog.locator('#user-name').fill('Weak Password');
    await dialog.locator('#user-password').fill('password123');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await dialog.getByText('This password is too common.').waitFor();

    await dialog.locator('#user-password').fill('a-much-better-pass-42');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL(/\/users\/\d+$/);

    const found = await e2e.api<Paginated<User>>('GET', '/api/v3/core/users/?username=weak.password.person');
    expect(found.results).toHaveLength(1);
    expect(found.results[0]?.name).toBe('Weak Password');
  });

  it('links the users list to the CSV import', { timeout: 30_000 }, async () => {
    const { page } = e2e;
    await navigateTo(page, 'Directory', 'Users');
    const link = page.getByRole('link', { name: 'Import from CSV' });
    expect(await link.getAttribute('href')).toBe('/users/import');
    await link.click();
    await page.waitForURL(/\/users\/import$/);
  });
});
