/**
 * The application form, then what an administrator does once a provider syncs: a single-object
 * **Sync** with its messages, the dry-run plan (before → after), and a property mapping's live
 * preview (merged body, SkipObject, the error with its line).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Application, EntraProvider, Paginated, SyncStatus, User } from '../../web/src/api/types.js';
import {
  type E2E,
  eventually,
  label,
  login,
  navigateTo,
  publishScreenshot,
  screenshot,
  screenshotOnFailure,
  seriousAxeViolations,
  startE2E,
} from './support.js';

let e2e: E2E;
let provider: EntraProvider;

beforeAll(async () => {
  e2e = await startE2E();
  const emulator = e2e.app.emulator;
  if (!emulator) throw new Error('demo emulator missing');
  provider = await e2e.api<EntraProvider>('POST', '/api/v3/providers/microsoft_entra/', {
    name: 'Contoso',
    client_id: emulator.clientId,
    client_secret: emulator.clientSecret,
    tenant_id: emulator.tenantId,
    exclude_users_service_account: true,
  });
  await e2e.api('POST', '/api/v3/core/applications/', { name: 'Taken', slug: 'taken' });
  await login(e2e.page, e2e.url);
});

afterEach(async ({ task }) => screenshotOnFailure(e2e, task));
afterAll(async () => e2e?.close());

const userNamed = async (username: string) =>
  (await e2e.api<Paginated<User>>('GET', `/api/v3/core/users/?username=${username}`)).results[0] as User;

describe('application form', () => {
  it('derives the slug, validates it, leaves Provider empty and assigns the backchannel provider', {
    timeout: 60_000,
  }, async () => {
    const { page } = e2e;
    await navigateTo(page, 'Applications', 'Applications');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(label('Name')).fill('My Entra App');
    expect(await dialog.getByLabel(label('Slug')).inputValue()).toBe('my-entra-app');

    // Invalid characters are refused before sending; the server's own checks show at the field too.
    await dialog.getByLabel(label('Slug')).fill('not a slug!');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await dialog.getByText('Use only letters, numbers, underscores or hyphens.').waitFor();
    await dialog.getByLabel(label('Slug')).fill('taken');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    const slugGroup = dialog.locator('.pf-v6-c-form__group', { has: page.getByLabel(label('Slug')) });
    await slugGroup.getByRole('alert').waitFor();
    await screenshot(page, 'application-validation');

    // Editing the name no longer rewrites a slug the administrator typed.
    await dialog.getByLabel(label('Slug')).fill('my-entra');
    await dialog.getByLabel(label('Name')).fill('My Entra application');
    expect(await dialog.getByLabel(label('Slug')).inputValue()).toBe('my-entra');
    expect(await dialog.getByLabel(label('Provider')).inputValue()).toBe('');
    await dialog
      .getByRole('group', { name: 'Backchannel Providers', exact: true })
      .getByRole('checkbox', { name: 'Contoso' })
      .check();
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    const app = await e2e.api<Application>('GET', '/api/v3/core/applications/my-entra/');
    expect(app).toMatchObject({
      name: 'My Entra application',
      slug: 'my-entra',
      provider: null,
      backchannel_providers: [provider.pk],
      meta_launch_url: '',
      meta_publisher: '',
      meta_description: '',
      open_in_new_tab: false,
    });
    const p = await e2e.api<EntraProvider>('GET', `/api/v3/providers/microsoft_entra/${provider.pk}/`);
    expect(p.assigned_backchannel_application_slug).toBe('my-entra');
    // Assigning the provider starts a full sync.
    await eventually(
      async () =>
        (await e2e.api<SyncStatus>('GET', `/api/v3/providers/microsoft_entra/${provider.pk}/sync/status/`))
          .last_successful_sync,
      {
        timeoutMs: 60_000,
        message: 'the first full sync',
      },
    );
  });
});

describe('provider page', () => {
  it('syncs one object and shows its messages', { timeout: 60_000 }, async () => {
    const { page } = e2e;
    // A contractor whose address is not in a verified domain of the tenant: a per-object error with its reason.
    await e2e.api('POST', '/api/v3/core/users/', {
      username: 'pat.contractor',
      name: 'Pat Contractor',
      email: 'pat@fabrikam.example',
    });
    await eventually(
      async () =>
        (
          await e2e.api<{ results: Array<{ detail: { object?: string } }> }>(
            'GET',
            `/api/v3/providers/microsoft_entra/${provider.pk}/sync/results/?status=error`,
          )
        ).results.some((r) => r.detail.object === 'pat.contractor'),
      { timeoutMs: 30_000, message: 'the contractor’s sync error' },
    );
    await page.goto(`${e2e.url}/providers/${provider.pk}`);
    await page.getByRole('tab', { name: 'Provisioned Users' }).click();
    await page.getByRole('button', { name: 'Sync pat.contractor', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: /Sync User: pat\.contractor/ });
    await dialog.getByTestId('sync-message').filter({ hasText: 'Invalid email domain' }).first().waitFor();
    publishScreenshot(await screenshot(page, 'sync-object-messages', { fullPage: false }), 'sync-object');
    await dialog.getByRole('button', { name: 'Done' }).click();

    // Any user can be synced from here, linked or not; a changed one is updated at once.
    await e2e.api('PATCH', `/api/v3/core/users/${(await userNamed('megan.bowen')).pk}/`, {
      name: 'Megan Bowen-Smith',
    });
    await page.getByRole('combobox', { name: 'User to sync' }).fill('megan');
    await page.getByRole('option', { name: /megan\.bowen/ }).click();
    await page.getByRole('button', { name: 'Sync', exact: true }).click();
    const second = page.getByRole('dialog', { name: /Sync User: megan\.bowen/ });
    await second
      .getByText(/No messages|Already in sync|update|unchanged/i)
      .first()
      .waitFor();
    await second.getByRole('button', { name: 'Done' }).click();
    const emulator = e2e.app.emulator;
    await eventually(
      () =>
        emulator?.control
          .getState(emulator.tenantId)[0]
          ?.users.some((u) => (u as { displayName?: string }).displayName === 'Megan Bowen-Smith'),
      {
        message: 'the rename in Entra ID',
      },
    );

    // Run history lists the runs with their counts.
    await page.getByRole('tab', { name: 'Sync runs' }).click();
    await page.getByRole('grid', { name: 'Sync runs' }).getByText('full', { exact: true }).first().waitFor();
    await screenshot(page, 'sync-runs');
  });

  it('shows the dry-run plan: per object, per property, before → after', { timeout: 60_000 }, async () => {
    const { page } = e2e;
    const emulator = e2e.app.emulator;
    if (!emulator) throw new Error('demo emulator missing');
    await e2e.api('PATCH', `/api/v3/providers/microsoft_entra/${provider.pk}/`, { dry_run: true });
    const lee = await userNamed('lee.gu');
    await e2e.api('PATCH', `/api/v3/core/users/${lee.pk}/`, { name: 'Lee Gu-Planned' });
    await e2e.api('POST', '/api/v3/core/users/', {
      username: 'plan.person',
      name: 'Plan Person',
      email: `plan.person@${emulator.domain}`,
    });

    await page.goto(`${e2e.url}/providers/${provider.pk}?tab=plan`);
    await page.getByRole('button', { name: 'Compute plan' }).click();
    const update = page.getByTestId('plan-entry').filter({ hasText: 'lee.gu' }).filter({ hasText: 'update' });
    await update.waitFor({ timeout: 30_000 });
    const row = update.getByRole('row', { name: /displayName/ });
    expect(await row.textContent()).toMatch(/Lee Gu[\s\S]*Lee Gu-Planned/);
    await page
      .getByTestId('plan-entry')
      .filter({ hasText: 'plan.person' })
      .filter({ hasText: 'create' })
      .waitFor();
    publishScreenshot(await screenshot(page, 'dry-run-plan'), 'dry-run-plan');
    // Nothing was written: Entra ID still has the old name and no plan.person.
    const [state] = emulator.control.getState(emulator.tenantId);
    const names = state?.users.map((u) => (u as { displayName?: string }).displayName) ?? [];
    expect(names).toContain('Lee Gu');
    expect(names).not.toContain('Lee Gu-Planned');
    expect(names).not.toContain('Plan Person');
    await e2e.api('PATCH', `/api/v3/providers/microsoft_entra/${provider.pk}/`, { dry_run: false });
  });

  it('holds deletions past the threshold and sends them once the administrator confirms', {
    timeout: 90_000,
  }, async () => {
    const { page } = e2e;
    const emulator = e2e.app.emulator;
    if (!emulator) throw new Error('demo emulator missing');
    const upns = () =>
      (emulator.control.getState(emulator.tenantId)[0]?.users ?? []).map(
        (u) => (u as { userPrincipalName?: string }).userPrincipalName,
      );
    await e2e.api('PATCH', `/api/v3/providers/microsoft_entra/${provider.pk}/`, { deletion_threshold: 1 });
    const people: User[] = [];
    for (const name of ['leaver.one', 'leaver.two']) {
      people.push(
        await e2e.api<User>('POST', '/api/v3/core/users/', {
          username: name,
          name,
          email: `${name}@${emulator.domain}`,
        }),
      );
    }
    await eventually(() => people.every((u) => upns().includes(u.email)), {
      timeoutMs: 30_000,
      message: 'the two users in Entra ID',
    });
    for (const u of people) await e2e.api('DELETE', `/api/v3/core/users/${u.pk}/`);

    // One deletion is sent, the other is held and shown on the provider page.
    await page.goto(`${e2e.url}/providers/${provider.pk}`);
    const alert = page.getByTestId('held-deletions');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toContain('1 deletion is held: more than 1 within 10 minutes');
    expect(upns().filter((u) => u?.startsWith('leaver.'))).toHaveLength(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'held-deletions');
    // The dashboard says so too, and leads here.
    await page.goto(`${e2e.url}/`);
    await page.getByTestId('dashboard-held-deletions').click();
    await alert.waitFor();

    await alert.getByRole('button', { name: 'Delete them in Entra ID' }).click();
    await page.getByText('1 deletion was sent to Entra ID.').waitFor();
    await eventually(() => !upns().some((u) => u?.startsWith('leaver.')), {
      timeoutMs: 30_000,
      message: 'the confirmed deletion to reach Entra ID',
    });
    await e2e.api('PATCH', `/api/v3/providers/microsoft_entra/${provider.pk}/`, { deletion_threshold: 20 });
  });
});

describe('property mapping editor', () => {
  it('previews the merged body, SkipObject and an error with its line, then saves', {
    timeout: 60_000,
  }, async () => {
    const { page } = e2e;
    await navigateTo(page, 'Customization', 'Property Mappings');
    await page.getByText('Managed', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Create Property Mapping' }).waitFor();
    await page.getByLabel(label('Name')).fill('Skip Nestor');
    const editor = page.getByLabel(label('Expression'));
    await editor.fill(
      'if (user.username === "nestor.wilke") throw new SkipObject();\nreturn { jobTitle: "Engineer " + user.username };\n',
    );
    await page.getByRole('combobox', { name: 'Preview user' }).fill('nestor');
    await page.getByRole('option', { name: /nestor\.wilke/ }).click();
    const preview = page.getByTestId('mapping-preview');
    await preview.getByText('SkipObject: this object would not be synced').waitFor();

    await page.getByRole('button', { name: 'Clear Preview user' }).click();
    await page.getByRole('combobox', { name: 'Preview user' }).fill('adele');
    await page.getByRole('option', { name: /adele\.vance/ }).click();
    await preview.getByText('"jobTitle": "Engineer adele.vance"').waitFor();

    // With the provider's own mappings merged in, the whole Graph body shows.
    await page.getByLabel(label('Provider')).selectOption({ label: 'Contoso' });
    await page.getByRole('checkbox', { name: /Merge with Contoso's other user mappings/ }).check();
    await preview.getByText('"userPrincipalName"').waitFor();
    await preview.getByText('"jobTitle": "Engineer adele.vance"').waitFor();
    publishScreenshot(await screenshot(page, 'mapping-preview'), 'mapping-preview');

    await editor.fill('const x = 1;\nreturn { displayName: user.missing.name };\n');
    await preview.getByText('The mapping failed').waitFor();
    await preview.getByText(/Mapping “Skip Nestor” at line 2/).waitFor();
    await screenshot(page, 'mapping-preview-error');

    await editor.fill('if (user.username === "nestor.wilke") throw new SkipObject();\nreturn null;\n');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /Property Mapping: Skip Nestor/ }).waitFor();
    await navigateTo(page, 'Customization', 'Property Mappings');
    await page.getByRole('link', { name: 'Skip Nestor' }).waitFor();
  });
});
