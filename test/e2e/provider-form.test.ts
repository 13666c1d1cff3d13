/**
 * The Microsoft Entra provider form: every field set in the UI reaches the API under its own name
 * and comes back into the edit form (authentik's form lost "Page size" to a misnamed binding), the
 * secret is never shown back, API field errors appear at their fields, and a provider without an
 * application says so.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EntraProvider, Group, Paginated, PropertyMapping } from '../../web/src/api/types.js';
import { makeCertificate } from '../support/certificates.js';
import {
  type E2E,
  label,
  login,
  navigateTo,
  screenshot,
  screenshotOnFailure,
  seriousAxeViolations,
  setSwitch,
  startE2E,
} from './support.js';

let e2e: E2E;
let customMapping: PropertyMapping;
let managedUser: PropertyMapping;
let managedGroup: PropertyMapping;
let sales: Group;

beforeAll(async () => {
  e2e = await startE2E();
  customMapping = await e2e.api<PropertyMapping>(
    'POST',
    '/api/v3/propertymappings/provider/microsoft_entra/',
    {
      name: 'Custom job title',
      expression: 'return { jobTitle: user.attributes.title ?? null };',
    },
  );
  const all = await e2e.api<Paginated<PropertyMapping>>(
    'GET',
    '/api/v3/propertymappings/provider/microsoft_entra/?page_size=100',
  );
  managedUser = all.results.find((m) => m.managed?.endsWith('/user')) as PropertyMapping;
  managedGroup = all.results.find((m) => m.managed?.endsWith('/group')) as PropertyMapping;
  sales = (await e2e.api<Paginated<Group>>('GET', '/api/v3/core/groups/?name=Sales')).results[0] as Group;
  await login(e2e.page, e2e.url);
});

afterEach(async ({ task }) => screenshotOnFailure(e2e, task));
afterAll(async () => e2e?.close());

async function openCreateForm() {
  const { page } = e2e;
  await navigateTo(page, 'Applications', 'Providers');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.getByRole('radio', { name: 'Microsoft Entra Provider' }).check();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Create Microsoft Entra Provider' }).waitFor();
}

async function providerNamed(name: string): Promise<EntraProvider & Record<string, unknown>> {
  const list = await e2e.api<Paginated<EntraProvider>>(
    'GET',
    `/api/v3/providers/microsoft_entra/?name=${encodeURIComponent(name)}`,
  );
  const found = list.results[0];
  if (!found) throw new Error(`no provider named ${name}`);
  return found as EntraProvider & Record<string, unknown>;
}

async function chooseGroup(name: string) {
  const { page } = e2e;
  const input = page.getByRole('combobox', { name: 'Group', exact: true });
  await input.fill(name);
  await page.getByRole('option', { name, exact: true }).click();
}

describe('provider form', () => {
  it('round-trips every field: create, read back, edit, read back', { timeout: 90_000 }, async () => {
    const { page } = e2e;
    await openCreateForm();
    await page.getByLabel(label('Name')).fill('Round trip');
    await page.getByLabel(label('Client ID')).fill('client-rt');
    await page.getByLabel(label('Client Secret')).fill('secret-rt-value');
    await page.getByLabel(label('Tenant ID')).fill('tenant-rt');
    await page
      .getByRole('radiogroup', { name: 'User deletion action' })
      .getByRole('radio', { name: 'Suspend' })
      .check();
    await page
      .getByRole('radiogroup', { name: 'Group deletion action' })
      .getByRole('radio', { name: 'Do Nothing' })
      .check();
    expect(
      await page
        .getByRole('radiogroup', { name: 'Group deletion action' })
        .getByRole('radio', { name: 'Suspend' })
        .isDisabled(),
    ).toBe(true);
    await setSwitch(page, 'Exclude service accounts', false);
    await chooseGroup('Sales');
    const userMappings = page.getByRole('group', { name: 'User Property Mappings', exact: true });
    const groupMappings = page.getByRole('group', { name: 'Group Property Mappings', exact: true });
    await userMappings.getByRole('checkbox', { name: 'Custom job title' }).check();
    await groupMappings.getByRole('checkbox', { name: managedGroup.name }).uncheck();
    await page.getByRole('button', { name: 'Advanced settings' }).click();
    await setSwitch(page, 'Enable dry-run mode', true);
    await page.getByLabel(label('Page size')).fill('25');
    await page.getByLabel(label('Page timeout')).fill('hours=1;minutes=15');
    await setSwitch(page, 'Enable automatic discovery of remote resources.', false);
    await page.getByLabel(label('Full sync interval (minutes)')).fill('60');
    await page.getByLabel(label('Users leaving scope')).selectOption('suspend');
    await page.getByLabel(label('Deletion threshold')).fill('5');
    await page.getByLabel(label('National cloud')).selectOption('usgov');
    await page.getByRole('button', { name: 'Finish' }).click();
    await page.getByRole('heading', { level: 1, name: /Round trip/ }).waitFor();

    const created = await providerNamed('Round trip');
    expect(created).toMatchObject({
      name: 'Round trip',
      client_id: 'client-rt',
      tenant_id: 'tenant-rt',
      user_delete_action: 'suspend',
      group_delete_action: 'do_nothing',
      exclude_users_service_account: false,
      filter_group: sales.pk,
      sync_page_size: 25,
      sync_page_timeout: 'hours=1;minutes=15',
      discovery_enabled: false,
      dry_run: true,
      sync_interval_minutes: 60,
      out_of_scope_action: 'suspend',
      deletion_threshold: 5,
      cloud: 'usgov',
      login_url: null,
      graph_url: null,
      has_client_secret: true,
    });
    expect([...created.property_mappings].sort()).toEqual([managedUser.pk, customMapping.pk].sort());
    expect(created.property_mappings_group).toEqual([]);
    expect(created).not.toHaveProperty('client_secret');

    // Edit: the form shows the stored values; the secret field is empty ("unchanged").
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Update Microsoft Entra Provider' }).waitFor();
    expect(await dialog.getByLabel(label('Client Secret')).inputValue()).toBe('');
    expect(await dialog.getByLabel(label('Client Secret')).getAttribute('placeholder')).toBe('Unchanged');
    expect(await page.content()).not.toContain('secret-rt-value');
    expect(await dialog.getByLabel(label('Name')).inputValue()).toBe('Round trip');
    expect(await dialog.getByRole('radio', { name: 'Suspend' }).first().isChecked()).toBe(true);
    expect(await dialog.getByRole('switch', { name: 'Exclude service accounts' }).isChecked()).toBe(false);
    expect(await dialog.getByRole('combobox', { name: 'Group', exact: true }).inputValue()).toBe('Sales');
    await dialog.getByRole('button', { name: 'Advanced settings' }).click();
    expect(await dialog.getByLabel(label('Page size')).inputValue()).toBe('25');
    expect(await dialog.getByLabel(label('Page timeout')).inputValue()).toBe('hours=1;minutes=15');
    expect(await dialog.getByLabel(label('National cloud')).inputValue()).toBe('usgov');
    await screenshot(page, 'provider-edit');

    await dialog.getByLabel(label('Name')).fill('Round trip 2');
    await dialog.getByLabel(label('Client ID')).fill('client-rt-2');
    await dialog.getByLabel(label('Tenant ID')).fill('tenant-rt-2');
    await dialog
      .getByRole('radiogroup', { name: 'User deletion action' })
      .getByRole('radio', { name: 'Do Nothing' })
      .check();
    await dialog
      .getByRole('radiogroup', { name: 'Group deletion action' })
      .getByRole('radio', { name: 'Delete' })
      .check();
    await setSwitch(dialog, 'Exclude service accounts', true);
    await dialog.getByRole('button', { name: 'Clear Group' }).click();
    await dialog
      .getByRole('group', { name: 'User Property Mappings', exact: true })
      .getByRole('checkbox', { name: 'Custom job title' })
      .uncheck();
    await dialog
      .getByRole('group', { name: 'Group Property Mappings', exact: true })
      .getByRole('checkbox', { name: managedGroup.name })
      .check();
    await dialog
      .getByRole('group', { name: 'Group Property Mappings', exact: true })
      .getByRole('checkbox', { name: 'Custom job title' })
      .check();
    await setSwitch(dialog, 'Enable dry-run mode', false);
    await dialog.getByLabel(label('Page size')).fill('50');
    await dialog.getByLabel(label('Page timeout')).fill('minutes=45');
    await setSwitch(dialog, 'Enable automatic discovery of remote resources.', true);
    expect(await dialog.getByLabel(label('Users leaving scope')).inputValue()).toBe('suspend');
    expect(await dialog.getByLabel(label('Deletion threshold')).inputValue()).toBe('5');
    await dialog.getByLabel(label('Full sync interval (minutes)')).fill('120');
    await dialog.getByLabel(label('Users leaving scope')).selectOption('delete');
    await dialog.getByLabel(label('Deletion threshold')).fill('0');
    await dialog.getByLabel(label('National cloud')).selectOption('custom');
    await dialog.getByLabel(label('Login URL')).fill('https://login.example.test');
    await dialog.getByLabel(label('Graph URL')).fill('https://graph.example.test/v1.0');
    // New endpoints: the stored secret is not sent there unless it is typed again.
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.getByText('Client Secret is required.').waitFor();
    await dialog.getByLabel(label('Client Secret')).fill('secret-for-the-new-endpoints');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: /Round trip 2/ }).waitFor();

    const edited = await providerNamed('Round trip 2');
    expect(edited).toMatchObject({
      pk: created.pk,
      client_id: 'client-rt-2',
      tenant_id: 'tenant-rt-2',
      user_delete_action: 'do_nothing',
      group_delete_action: 'delete',
      exclude_users_service_account: true,
      filter_group: null,
      sync_page_size: 50,
      sync_page_timeout: 'minutes=45',
      discovery_enabled: true,
      dry_run: false,
      sync_interval_minutes: 120,
      out_of_scope_action: 'delete',
      deletion_threshold: 0,
      cloud: 'custom',
      login_url: 'https://login.example.test',
      graph_url: 'https://graph.example.test/v1.0',
      has_client_secret: true,
    });
    expect(edited.property_mappings).toEqual([managedUser.pk]);
    expect([...edited.property_mappings_group].sort()).toEqual([managedGroup.pk, customMapping.pk].sort());
  });

  it('shows the API field errors at their fields, and required fields before sending', {
    timeout: 60_000,
  }, async () => {
    const { page } = e2e;
    await openCreateForm();
    await page.getByRole('button', { name: 'Finish' }).click();
    await page.getByText('Name is required.').waitFor();
    await page.getByText('Client Secret is required.').waitFor();

    await page.getByLabel(label('Name')).fill('Invalid settings');
    await page.getByLabel(label('Client ID')).fill('c');
    await page.getByLabel(label('Client Secret')).fill('s');
    await page.getByLabel(label('Tenant ID')).fill('t');
    await page.getByRole('button', { name: 'Advanced settings' }).click();
    await page.getByLabel(label('Page timeout')).fill('30 minutes');
    await page.getByLabel(label('National cloud')).selectOption('custom');
    await page.getByLabel(label('Graph URL')).fill('http://graph.insecure.test/v1.0');
    await page.getByRole('button', { name: 'Finish' }).click();
    const timeoutGroup = page.locator('.pf-v6-c-form__group', {
      has: page.getByLabel(label('Page timeout')),
    });
    await timeoutGroup.getByRole('alert').filter({ hasText: 'time-delta syntax' }).waitFor();
    const graphGroup = page.locator('.pf-v6-c-form__group', { has: page.getByLabel(label('Graph URL')) });
    await graphGroup.getByRole('alert').getByText(/https/).waitFor();
    expect(await page.getByLabel(label('Page timeout')).getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'provider-validation-errors');
    const list = await e2e.api<Paginated<EntraProvider>>(
      'GET',
      '/api/v3/providers/microsoft_entra/?name=Invalid%20settings',
    );
    expect(list.pagination.count).toBe(0);
  });

  it('signs in with a certificate: chosen in the form, checked at its field, never shown back', {
    timeout: 90_000,
  }, async () => {
    const { page } = e2e;
    const emulator = e2e.app.emulator;
    if (!emulator) throw new Error('demo emulator missing');
    const cert = makeCertificate({ commonName: 'conduit-e2e' });
    const expired = makeCertificate({
      notBefore: new Date(Date.now() - 30 * 86_400_000),
      notAfter: new Date(Date.now() - 86_400_000),
    });
    emulator.control.addCertificate(emulator.tenantId, emulator.clientId, cert.certPem);

    await openCreateForm();
    await page.getByLabel(label('Name')).fill('Certificate sign-in');
    await page.getByLabel(label('Client ID')).fill(emulator.clientId);
    await page.getByLabel(label('Tenant ID')).fill(emulator.tenantId);
    await page
      .getByRole('radiogroup', { name: 'Credential' })
      .getByRole('radio', { name: 'Certificate' })
      .check();
    const pemField = page.getByLabel(label('Certificate and private key (PEM)'));
    const credentialViolations = (await seriousAxeViolations(page)).filter((v) =>
      v.nodes.some((n) => /client_certificate|credential_type/.test(n.html)),
    );
    expect(credentialViolations).toEqual([]);
    await page.getByRole('button', { name: 'Finish' }).click();
    await page.getByText('Paste the private key and the certificate (PEM).').waitFor();

    // The server's checks appear at the field.
    await pemField.fill(expired.pem);
    await page.getByRole('button', { name: 'Finish' }).click();
    const pemGroup = page.locator('.pf-v6-c-form__group', { has: pemField });
    await pemGroup.getByRole('alert').filter({ hasText: 'expired on' }).waitFor();

    // Key and certificate from two files are put together.
    await pemField.fill('');
    const files = page.locator('#client_certificate-file');
    await files.setInputFiles({ name: 'key.pem', mimeType: 'text/plain', buffer: Buffer.from(cert.keyPem) });
    // A file is read asynchronously: wait for the first before choosing the second, as a person would.
    await page.waitForFunction(() =>
      (document.querySelector('#client_certificate') as HTMLTextAreaElement | null)?.value.includes(
        'PRIVATE KEY',
      ),
    );
    await files.setInputFiles({
      name: 'cert.pem',
      mimeType: 'text/plain',
      buffer: Buffer.from(cert.certPem),
    });
    await page.waitForFunction(() =>
      (document.querySelector('#client_certificate') as HTMLTextAreaElement | null)?.value.includes(
        'END CERTIFICATE',
      ),
    );
    const lf = (t: string) => t.replace(/\r\n/g, '\n');
    expect(lf(await pemField.inputValue())).toBe(lf(`${cert.keyPem.trim()}\n${cert.certPem.trim()}`));
    await page.getByRole('button', { name: 'Finish' }).click();
    await page.getByRole('heading', { level: 1, name: /Certificate sign-in/ }).waitFor();

    const created = await providerNamed('Certificate sign-in');
    expect(created).toMatchObject({
      credential_type: 'client_certificate',
      has_client_secret: false,
      client_certificate_subject: 'CN=conduit-e2e',
    });
    await page.getByText(created.client_certificate_thumbprint as string).waitFor();
    const report = await e2e.api<{ ok: boolean }>(
      'POST',
      `/api/v3/providers/microsoft_entra/${created.pk}/test_connection/`,
    );
    expect(report.ok).toBe(true);

    // Edit: the certificate is described, never shown; saving without a new one keeps it.
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Current certificate: CN=conduit-e2e').waitFor();
    expect(
      await dialog
        .getByRole('radiogroup', { name: 'Credential' })
        .getByRole('radio', { name: 'Certificate' })
        .isChecked(),
    ).toBe(true);
    expect(await dialog.getByLabel(label('Certificate and private key (PEM)')).inputValue()).toBe('');
    expect(await page.content()).not.toContain(cert.keyPem.split('\n')[1] as string);
    await screenshot(page, 'provider-edit-certificate');
    await dialog.getByLabel(label('Name')).fill('Certificate sign-in 2');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await providerNamed('Certificate sign-in 2')).toMatchObject({
      credential_type: 'client_certificate',
      client_certificate_thumbprint: created.client_certificate_thumbprint,
    });
  });

  it('warns that a provider without an application does not sync', { timeout: 60_000 }, async () => {
    const { page } = e2e;
    const p = await providerNamed('Round trip 2');
    await page.goto(`${e2e.url}/providers/${p.pk}`);
    await page
      .getByText('Warning: Provider is not assigned to an application as backchannel provider.')
      .waitFor();
    expect(await page.getByRole('button', { name: 'Run full sync now' }).isDisabled()).toBe(true);
    await page.getByRole('tab', { name: 'Dry-run plan' }).click();
    await page.getByRole('button', { name: 'Compute plan' }).click();
    await page
      .getByText('Provider is not assigned to an application as backchannel provider: it does not sync.')
      .waitFor();
  });
});
