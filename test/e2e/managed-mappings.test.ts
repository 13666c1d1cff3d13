/**
 * Customization > Property Mappings: a managed default opens read-only (no Save, no Delete, the
 * expression cannot be typed into) with a Duplicate button whose copy is an ordinary, editable
 * mapping.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Paginated, PropertyMapping } from '../../web/src/api/types.js';
import {
  type E2E,
  login,
  navigateTo,
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

describe('managed property mappings', () => {
  it('open read-only, and Duplicate makes an editable copy', { timeout: 60_000 }, async () => {
    const { page } = e2e;
    const list = await e2e.api<Paginated<PropertyMapping>>(
      'GET',
      '/api/v3/propertymappings/provider/microsoft_entra/?managed__isnull=false',
    );
    const managed = list.results.find((m) => m.managed?.endsWith('/user'));
    if (!managed) throw new Error('no managed user mapping');

    await navigateTo(page, 'Customization', 'Property Mappings');
    await page.getByRole('link', { name: managed.name, exact: true }).click();
    await page.getByText('This is a managed default mapping: it is read-only').waitFor();
    const expression = page.locator('#mapping-expression');
    expect(await expression.getAttribute('readonly')).not.toBeNull();
    expect(await page.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Delete', exact: true }).count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Duplicate', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.endsWith(`/${managed.pk}`));
    const copyPk = new URL(page.url()).pathname.split('/').pop() as string;
    await page.getByRole('button', { name: 'Save', exact: true }).waitFor();
    expect(await page.locator('#mapping-name').inputValue()).toBe(`${managed.name} (copy)`);
    expect(await page.locator('#mapping-expression').getAttribute('readonly')).toBeNull();
    await page.locator('#mapping-expression').fill('return { jobTitle: "Edited copy" };');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').waitFor();

    const copy = await e2e.api<PropertyMapping>(
      'GET',
      `/api/v3/propertymappings/provider/microsoft_entra/${copyPk}/`,
    );
    expect(copy).toMatchObject({ managed: null, expression: 'return { jobTitle: "Edited copy" };' });
    const original = await e2e.api<PropertyMapping>(
      'GET',
      `/api/v3/propertymappings/provider/microsoft_entra/${managed.pk}/`,
    );
    expect(original.expression).toBe(managed.expression);
  });
});
