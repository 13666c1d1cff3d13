/**
 * Directory › Users › Import from CSV in Chromium: upload a file, keep the mapping suggested from
 * its header, preview (2 creates, 1 update, 1 error row), apply, and find the users; previewing
 * the same file again shows nothing to apply, and applying it anyway changes nothing. The page
 * has no serious or critical axe violations at each step.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Paginated, User } from '../../web/src/api/types.js';
import {
  type E2E,
  label,
  login,
  navigateTo,
  screenshot,
  screenshotOnFailure,
  seriousAxeViolations,
  startE2E,
} from './support.js';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
  await login(e2e.page, e2e.url);
}, 120_000);

afterEach(async ({ task }) => screenshotOnFailure(e2e, task));
afterAll(async () => e2e?.close());

const CSV = [
  'Username,Name,Email,Department,Groups',
  'csv.alice,Alice Import,csv.alice@example.com,Sales,CSV Team',
  'csv.bob,Bob Import,csv.bob@example.com,Support,',
  'csv.carol,Carol Renamed,csv.carol@example.com,Engineering,CSV Team',
  'csv.dave,Dave Import,not-an-address,,',
].join('\n');

/** Axe on the settled page (seriousAxeViolations awaits finite transitions first). */
async function expectNoSeriousViolations(step: string) {
  const violations = await seriousAxeViolations(e2e.page);
  expect(violations, `${step}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

/** The page's width at a phone's viewport (390×844), the viewport restored after. */
async function pageWidthAt(width: number): Promise<number> {
  const { page } = e2e;
  const before = page.viewportSize();
  await page.setViewportSize({ width, height: 844 });
  const measured = await page.evaluate(() =>
    Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
  );
  if (before) await page.setViewportSize(before);
  return measured;
}

async function userNamed(username: string): Promise<User | undefined> {
  const found = await e2e.api<Paginated<User>>('GET', `/api/v3/core/users/?username=${username}`);
  return found.results[0];
}

describe('CSV import', () => {
  it('previews, applies, and applies again without changes', { timeout: 120_000 }, async () => {
    const { page } = e2e;
    await e2e.api('POST', '/api/v3/core/groups/', { name: 'CSV Team' });
    await e2e.api('POST', '/api/v3/core/users/', {
      username: 'csv.carol',
      name: 'Carol Before',
      email: 'csv.carol@example.com',
    });

    await navigateTo(page, 'Directory', 'Users');
    await page.getByRole('link', { name: 'Import from CSV' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import users from CSV' }).waitFor();
    await expectNoSeriousViolations('empty page');

    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    const mappingTable = page.getByRole('grid', { name: 'Column mapping' });
    await mappingTable.waitFor();
    await expect(page.getByRole('textbox', { name: 'Selected file' }).inputValue()).resolves.toBe(
      'people.csv',
    );
    // Suggested from the header: the known names to their fields, the rest as attributes.
    expect(await page.getByLabel('Field for column Username').inputValue()).toBe('username');
    expect(await page.getByLabel('Field for column Email').inputValue()).toBe('email');
    expect(await page.getByLabel('Field for column Groups').inputValue()).toBe('groups');
    expect(await page.getByLabel('Field for column Department').inputValue()).toBe('attribute');
    expect(await page.getByLabel('Attribute key for column Department').inputValue()).toBe('department');
    expect(await page.getByLabel(label('Key')).inputValue()).toBe('username');

    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    const preview = page.getByRole('grid', { name: 'Import preview' });
    await preview.waitFor();
    await page.getByText('2 to create').waitFor();
    await page.getByText('1 to update').waitFor();
    await page.getByText('0 unchanged').waitFor();
    await page.getByText('1 with errors').waitFor();
    await preview.getByText('"not-an-address" is not a valid email address.', { exact: false }).waitFor();
    await preview.getByText('Carol Before → Carol Renamed').waitFor();
    await expectNoSeriousViolations('preview');
    await screenshot(page, 'csv-import-preview');
    expect(await pageWidthAt(390)).toBeLessThanOrEqual(392);

    await page.getByRole('button', { name: 'Apply 3 changes' }).click();
    await page.getByText('Import applied: 2 created, 1 updated').waitFor();
    await page.getByRole('grid', { name: 'Import result' }).waitFor();
    await expectNoSeriousViolations('result');

    const alice = await userNamed('csv.alice');
    expect(alice).toMatchObject({ name: 'Alice Import', email: 'csv.alice@example.com' });
    expect(alice?.attributes).toEqual({ department: 'Sales' });
    expect(alice?.groups_obj?.map((g) => g.name)).toEqual(['CSV Team']);
    expect(await userNamed('csv.bob')).toMatchObject({ name: 'Bob Import' });
    const carol = await userNamed('csv.carol');
    expect(carol).toMatchObject({ name: 'Carol Renamed', attributes: { department: 'Engineering' } });
    expect(await userNamed('csv.dave')).toBeUndefined();

    // The same file again: nothing to create or update.
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await page.getByText('3 unchanged').waitFor();
    await page.getByText('0 to create').waitFor();
    await page.getByText('0 to update').waitFor();
    await expect(page.getByRole('button', { name: 'Nothing to apply' }).isDisabled()).resolves.toBe(true);
    const again = await e2e.api<{ counts: Record<string, number> }>(
      'POST',
      '/api/v3/conduit/users/import/apply/',
      {
        csv: CSV,
        mapping: {
          Username: 'username',
          Name: 'name',
          Email: 'email',
          Department: 'attributes.department',
          Groups: 'groups',
        },
        key: 'username',
      },
    );
    expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: 3, error: 1, rolled_back: 0 });
    expect((await userNamed('csv.carol'))?.last_updated).toBe(carol?.last_updated);
  });

  it('shows a bad mapping on the column it names', { timeout: 60_000 }, async () => {
    const { page } = e2e;
    await page.goto(`${e2e.url}/users/import`);
    await page.locator('input[type="file"]').setInputFiles({
      name: 'two.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Login,Mail\nx,x@example.com\n'),
    });
    await page.getByRole('grid', { name: 'Column mapping' }).waitFor();
    // Both columns to username: the preview refuses the second, on its own line.
    await page.getByLabel('Field for column Login').selectOption('username');
    await page.getByLabel('Field for column Mail').selectOption('username');
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await page.getByText('"username" is already filled from the column "Login": map it once.').waitFor();
    await expectNoSeriousViolations('mapping error');

    // The page's documentation link opens docs/admin/csv-import.md in the help viewer.
    await page.getByRole('link', { name: 'Documentation' }).click();
    await page.getByRole('heading', { name: 'Worked example' }).waitFor();
  });
});
