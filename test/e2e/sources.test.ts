/**
 * Directory › Federation and Social login in Chromium, against a real slapd (test/support/ldap-server.ts):
 * a source created through the API with a wrong bind password is listed, and its page shows the
 * bind error; the form keeps the stored password when the field is left empty and takes a new one;
 * **Sync now** brings the entry in, and the user's page names its source. A bad value in the create
 * form is shown on its field. Each page and dialog has no serious or critical axe violations.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Paginated, User } from '../../web/src/api/types.js';
import { personLdif, startLdapServer, type TestLdapServer } from '../support/ldap-server.js';
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
let ldap: TestLdapServer;

beforeAll(async () => {
  ldap = await startLdapServer();
  await ldap.add(personLdif('ada.ldap', { cn: 'Ada Lovelace', mail: 'ada.ldap@example.com' }));
  e2e = await startE2E();
  await login(e2e.page, e2e.url);
}, 120_000);

afterEach(async ({ task }) => screenshotOnFailure(e2e, task));
afterAll(async () => {
  await e2e?.close();
  await ldap?.stop();
});

/** Axe on the settled page (seriousAxeViolations awaits finite transitions first). */
async function expectNoSeriousViolations(step: string) {
  const violations = await seriousAxeViolations(e2e.page);
  expect(violations, `${step}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

async function managedMappings(keys: string[]): Promise<string[]> {
  const list = await e2e.api<Paginated<{ pk: string; managed: string | null }>>(
    'GET',
    '/api/v3/propertymappings/source/ldap/?page_size=100',
  );
  return keys.map((key) => {
    const found = list.results.find((m) => m.managed === `conduit/sources/ldap/${key}`);
    if (!found) throw new Error(`managed LDAP mapping ${key} missing`);
    return found.pk;
  });
}

describe('LDAP source pages', () => {
  it('lists a source created through the API and shows its bind error', { timeout: 90_000 }, async () => {
    const { page } = e2e;
    await e2e.api('POST', '/api/v3/sources/ldap/', {
      name: 'Example LDAP',
      slug: 'example-ldap',
      server_uri: ldap.ldapUrl,
      base_dn: ldap.baseDn,
      bind_cn: ldap.adminDn,
      bind_password: 'not-the-password',
      user_object_filter: '(objectClass=inetOrgPerson)',
      group_object_filter: '(objectClass=groupOfNames)',
      object_uniqueness_field: 'entryUUID',
      sync_interval_minutes: 0,
      user_property_mappings: await managedMappings(['default-name', 'default-mail', 'openldap-uid']),
      group_property_mappings: await managedMappings(['group-cn']),
    });

    await navigateTo(page, 'Directory', 'Federation and Social login');
    const row = page.getByRole('row', { name: /Example LDAP/ });
    await row.getByText('example-ldap').waitFor();
    await row.getByText('Never').waitFor();
    await expectNoSeriousViolations('sources list');

    await row.getByRole('link', { name: 'Example LDAP' }).click();
    await page.getByRole('heading', { level: 1, name: 'Example LDAP' }).waitFor();
    await page.getByText('Conduit cannot read this directory.').waitFor();
    await page.getByText(/Bind: .*invalid credentials/i).waitFor();
    await page.getByText('This source has not synced yet.').waitFor();
    await expectNoSeriousViolations('source page with a bind error');
    await screenshot(page, 'ldap-source-bind-error');
    await page.setViewportSize({ width: 390, height: 844 });
    const width = await page.evaluate(() =>
      Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
    );
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(width, 'the source page at 390×844').toBeLessThanOrEqual(392);
  });

  it('keeps or replaces the bind password from the form, then syncs now', { timeout: 120_000 }, async () => {
    const { page } = e2e;
    await page.goto(`${e2e.url}/sources/ldap/example-ldap`);
    await page.getByRole('heading', { level: 1, name: 'Example LDAP' }).waitFor();

    // Saving with the password left empty keeps the stored (wrong) one.
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('A password is stored. Leave empty to keep it.').waitFor();
    await expectNoSeriousViolations('edit dialog');
    await dialog.getByLabel(label('Bind CN')).fill(ldap.adminDn);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Check again' }).click();
    await page.getByText(/Bind: .*invalid credentials/i).waitFor();

    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await dialog.getByLabel(label('Bind password')).fill(ldap.adminPassword);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Check again' }).click();
    await page.getByText('Conduit can bind and read the base DN.').waitFor();
    await page.getByText(`Bound as "${ldap.adminDn}".`).waitFor();

    await page.getByRole('button', { name: 'Sync now' }).click();
    const counts = page.getByRole('grid', { name: 'Objects in the latest run' });
    await counts.waitFor({ timeout: 60_000 });
    await page.getByText('No object failed.').waitFor({ timeout: 60_000 });
    await counts.getByRole('row', { name: /Users\s+1\s+0/ }).waitFor({ timeout: 60_000 });
    await expectNoSeriousViolations('source page after a sync');

    const found = await e2e.api<Paginated<User>>('GET', '/api/v3/core/users/?username=ada.ldap');
    expect(found.results[0]).toMatchObject({ name: 'Ada Lovelace', email: 'ada.ldap@example.com' });
    await page.goto(`${e2e.url}/users/${found.results[0]?.pk}`);
    await page.getByRole('link', { name: 'Example LDAP' }).waitFor();
    await page.getByText('Source:').waitFor();
  });

  it('shows the API’s field errors on the create form', { timeout: 60_000 }, async () => {
    const { page } = e2e;
    await navigateTo(page, 'Directory', 'Federation and Social login');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Create Source' });
    await dialog.getByLabel(label('Name')).fill('Broken');
    await dialog.getByLabel(label('Slug')).fill('broken');
    await dialog.getByLabel(label('Server URI')).fill('http://ldap.example.com');
    await dialog.getByLabel(label('Base DN')).fill('dc=example,dc=com');
    await dialog.getByLabel('Directory type').selectOption('openldap');
    expect(await dialog.getByLabel(label('User object filter')).inputValue()).toBe(
      '(objectClass=inetOrgPerson)',
    );
    // The preset's managed mappings are chosen with it.
    const userMappings = dialog.getByRole('group', { name: 'User property mappings' });
    expect(
      await userMappings.getByRole('checkbox', { name: 'LDAP OpenLDAP: Username (uid)' }).isChecked(),
    ).toBe(true);
    await expectNoSeriousViolations('create dialog');
    await screenshot(page, 'ldap-source-create');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    const serverError = dialog.locator('#ldap-server-uri-help');
    await serverError.getByText(/ldap:\/\//).waitFor();
    expect(await dialog.getByLabel(label('Server URI')).getAttribute('aria-invalid')).toBe('true');
    await expectNoSeriousViolations('create dialog with errors');
  });
});
