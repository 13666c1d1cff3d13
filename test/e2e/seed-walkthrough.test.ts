/**
 * The seed page (`create-entra-provider.md`), followed word for word in the admin UI against the
 * demo's built-in Entra ID tenant: the provider through Applications > Providers > Create, then
 * the application with the provider as its backchannel provider. Afterwards the tenant itself
 * (the Graph emulator's state) must hold the directory's users and groups.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Group, Paginated, User } from '../../web/src/api/types.js';
import {
  type E2E,
  eventually,
  label,
  login,
  navigateTo,
  publishScreenshot,
  screenshot,
  screenshotOnFailure,
  startE2E,
} from './support.js';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});

afterEach(async ({ task }) => screenshotOnFailure(e2e, task));

afterAll(async () => {
  await e2e?.close();
});

describe('the seed instructions, in the admin UI', () => {
  it('creates the provider and the application, and the directory appears in the Entra tenant', {
    timeout: 120_000,
  }, async () => {
    const { page, url, app } = e2e;
    const emulator = app.emulator;
    if (!emulator) throw new Error('the demo must run the built-in emulator');

    // 1. Log in as an administrator and open the Admin interface.
    await page.goto(`${url}/`);
    await screenshot(page, '01-login');
    await login(page, url);

    // 2. Navigate to Applications > Providers and click Create.
    await navigateTo(page, 'Applications', 'Providers');
    await page.getByRole('button', { name: 'Create', exact: true }).click();

    // 3. Select Microsoft Entra Provider as the provider type, then click Next.
    await page.getByRole('radio', { name: 'Microsoft Entra Provider' }).check();
    publishScreenshot(await screenshot(page, '02-provider-type'), 'provider-type');
    await page.getByRole('button', { name: 'Next', exact: true }).click();

    // 4. On the Create Microsoft Entra Provider page, set the configurations.
    await page.getByRole('heading', { level: 1, name: 'Create Microsoft Entra Provider' }).waitFor();
    await page.getByLabel(label('Name')).fill('Entra ID provider');

    const protocol = page.getByRole('group', { name: 'Protocol settings' });
    await protocol.getByLabel(label('Client ID')).fill(emulator.clientId);
    await protocol.getByLabel(label('Client Secret')).fill(emulator.clientSecret);
    await protocol.getByLabel(label('Tenant ID')).fill(emulator.tenantId);
    const userDeletion = protocol.getByRole('radiogroup', { name: 'User deletion action' });
    for (const option of ['Delete', 'Suspend', 'Do Nothing'])
      await userDeletion.getByRole('radio', { name: option }).waitFor();
    await userDeletion.getByRole('radio', { name: 'Delete' }).check();
    const groupDeletion = protocol.getByRole('radiogroup', { name: 'Group deletion action' });
    await groupDeletion.getByRole('radio', { name: 'Delete' }).check();

    const filtering = page.getByRole('group', { name: 'User filtering' });
    const excludeServiceAccounts = filtering.getByRole('switch', { name: 'Exclude service accounts' });
    expect(await excludeServiceAccounts.isChecked()).toBe(true);
    await filtering.getByLabel(label('Group')).waitFor();

    const mapping = page.getByRole('group', { name: 'Attribute mapping' });
    const userMappings = mapping.getByRole('group', { name: 'User Property Mappings', exact: true });
    const groupMappings = mapping.getByRole('group', { name: 'Group Property Mappings', exact: true });
    expect(
      await userMappings
        .getByRole('checkbox', { name: /default Microsoft Entra Mapping: User/i })
        .isChecked(),
    ).toBe(true);
    expect(
      await groupMappings
        .getByRole('checkbox', { name: /default Microsoft Entra Mapping: Group/i })
        .isChecked(),
    ).toBe(true);
    const info = mapping.getByText('Skipping certain users or groups');
    await info.waitFor();
    expect(
      await mapping
        .getByRole('link', { name: 'Provider property mappings documentation' })
        .getAttribute('href'),
    ).toBe('/help/property-mappings#skip-objects-during-synchronization');
    publishScreenshot(await screenshot(page, '03-create-entra-provider'), 'create-entra-provider');

    // 5. Click Finish.
    await page.getByRole('button', { name: 'Finish', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /Entra ID provider/ }).waitFor();
    await page
      .getByText('Warning: Provider is not assigned to an application as backchannel provider.')
      .waitFor();
    publishScreenshot(await screenshot(page, '04-provider-not-assigned'), 'provider-not-assigned');

    // Create an Entra ID application: Applications > Applications, click Create.
    await navigateTo(page, 'Applications', 'Applications');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(label('Name')).fill('Entra ID');
    await dialog.getByLabel(label('Slug')).fill('entra-id');
    expect(await dialog.getByLabel(label('Provider')).inputValue()).toBe('');
    await dialog
      .getByRole('group', { name: 'Backchannel Providers', exact: true })
      .getByRole('checkbox', { name: 'Entra ID provider' })
      .check();
    await dialog.getByText('This field is required for Entra ID').waitFor();
    await dialog.getByRole('group', { name: 'UI settings' }).waitFor();
    publishScreenshot(
      await screenshot(page, '05-create-application', { fullPage: false }),
      'create-application',
    );

    // 3. Click Create.
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('grid', { name: 'Applications' }).getByText('Entra ID', { exact: true }).waitFor();

    // The directory's users and groups now exist in the tenant.
    const users = await e2e.api<Paginated<User>>('GET', '/api/v3/core/users/?page_size=100');
    const groups = await e2e.api<Paginated<Group>>('GET', '/api/v3/core/groups/?page_size=100');
    const expectedUpns = users.results
      .filter((u) => !u.type.includes('service_account') && u.email.endsWith(`@${emulator.domain}`))
      .map((u) => u.email)
      .sort();
    const expectedGroups = groups.results.map((g) => g.name).sort();
    expect(expectedUpns.length).toBeGreaterThanOrEqual(6);
    const tenant = await eventually(
      () => {
        const [state] = emulator.control.getState(emulator.tenantId);
        if (!state) return null;
        const upns = state.users
          .map((u) => String((u as { userPrincipalName?: string }).userPrincipalName))
          .sort();
        const names = state.groups.map((g) => String((g as { displayName?: string }).displayName)).sort();
        return expectedUpns.every((u) => upns.includes(u)) && expectedGroups.every((g) => names.includes(g))
          ? state
          : null;
      },
      { timeoutMs: 60_000, intervalMs: 500, message: 'the directory to appear in the Entra tenant' },
    );
    // Service accounts stay out ("Exclude service accounts" is on by default).
    const tenantUpns = tenant.users.map((u) =>
      String((u as { userPrincipalName?: string }).userPrincipalName),
    );
    for (const u of users.results.filter((x) => x.type === 'service_account'))
      expect(tenantUpns).not.toContain(u.email);
    // Memberships follow: the demo's Engineering group has its members in Entra ID.
    const engineering = tenant.groups.find(
      (g) => (g as { displayName?: string }).displayName === 'Engineering',
    ) as { members: string[] } | undefined;
    const localEngineering = groups.results.find((g) => g.name === 'Engineering');
    await eventually(
      () => {
        const [state] = emulator.control.getState(emulator.tenantId);
        const g = state?.groups.find((x) => (x as { displayName?: string }).displayName === 'Engineering') as
          | { members: string[] }
          | undefined;
        return g && g.members.length === localEngineering?.users.length;
      },
      { timeoutMs: 30_000, message: 'Engineering members in Entra ID' },
    );
    expect(engineering).toBeDefined();

    // The provider page shows the finished sync.
    await navigateTo(page, 'Applications', 'Providers');
    await page.getByRole('link', { name: 'Entra ID provider' }).click();
    await page.getByRole('heading', { level: 1, name: /Entra ID provider/ }).waitFor();
    await eventually(async () => (await page.getByText('Last successful sync').count()) > 0, {
      message: 'the sync status card',
    });
    expect(await page.getByText('Warning: Provider is not assigned').count()).toBe(0);
    // The demo's first sync is clean: every in-scope object, the admin included, reached the tenant.
    expect(tenantUpns).toContain(`admin@${emulator.domain}`);
    const provider = (await e2e.api<Paginated<{ pk: number }>>('GET', '/api/v3/providers/microsoft_entra/'))
      .results[0] as { pk: number };
    const errors = await e2e.api<Paginated<{ message: string }>>(
      'GET',
      `/api/v3/providers/microsoft_entra/${provider.pk}/sync/results/?status=error`,
    );
    expect(errors.results.map((r) => r.message)).toEqual([]);
    publishScreenshot(await screenshot(page, '06-provider-overview'), 'provider-overview');
    await page.getByRole('tab', { name: 'Provisioned Users' }).click();
    await page.getByRole('link', { name: /alex\.wilber/ }).waitFor();
    publishScreenshot(await screenshot(page, '07-provisioned-users'), 'provisioned-users');
    await navigateTo(page, 'Applications', 'Applications');
    await page.getByRole('grid', { name: 'Applications' }).getByText('Entra ID', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Provider sync health' }).waitFor();
    await page.getByRole('link', { name: 'Entra ID provider' }).waitFor();
    publishScreenshot(await screenshot(page, '08-dashboard'), 'dashboard');
  });
});
