import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { apiSession, customers, demoPassword, expect, seedSession, test } from './fixtures';

/*
 * Catalogs, customer groups and the products CSV import in the back office,
 * as a Sales staff member, against the real omsd (demo data).
 */

const sales = 'sales@oms.example.com';
/** session.spec.ts resets Northwind's password to this one; whichever ran first, one of the two works. */
const northwindResetPassword = 'marble pigeon sunrise';

const shots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results/screenshots');
mkdirSync(shots, { recursive: true });

async function shoot(page: Page, name: string) {
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.waitForTimeout(200); // media queries re-render (cards ↔ tables)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(shots, `${name}-${width}-light.png`), fullPage: true });
  }
}

async function expectNoBlockingAxeViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`) }));
  expect(blocking, `${what}: ${JSON.stringify(blocking, null, 2)}`).toEqual([]);
}

async function bearer(request: APIRequestContext, login: string, passwords: string[]): Promise<string> {
  for (const password of passwords) {
    const response = await request.post('/api/v1/auth/login', { data: { login, password } });
    if (response.status() === 200) return ((await response.json()) as { access_token: string }).access_token;
  }
  throw new Error(`could not log in as ${login}`);
}

async function asSales(page: Page, request: APIRequestContext) {
  await seedSession(page, await apiSession(request, sales));
}

test.describe('back-office catalogs', () => {
  test('sales makes a customer group and a business catalog for it; the business customer sees the catalog', async ({ page, request }) => {
    test.setTimeout(90_000);
    const suffix = Date.now().toString(36);
    const groupName = `E2E trade ${suffix}`;
    const catalogName = `E2E spring catalog ${suffix}`;
    await asSales(page, request);
    await page.emulateMedia({ colorScheme: 'light' });

    // A customer group with Northwind (C000002) in it.
    await page.goto('/admin');
    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Customer groups' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Customer groups' })).toBeVisible();
    await page.getByRole('button', { name: 'New customer group' }).click();
    const dialog = page.getByRole('dialog', { name: 'New customer group' });
    await dialog.getByRole('textbox', { name: /^Name/ }).fill(groupName);
    await expect(dialog.getByRole('textbox', { name: /^Code/ })).toHaveValue(`e2e-trade-${suffix}`);
    await dialog.getByRole('button', { name: 'Create group' }).click();
    await expect(page.getByRole('heading', { level: 1, name: groupName })).toBeVisible();
    await page.getByRole('textbox', { name: /Login ID or email/ }).fill('C999999');
    await page.getByRole('button', { name: 'Add to group' }).click();
    await expect(page.getByText('No customer has this Login ID or email.')).toBeVisible();
    await page.getByRole('textbox', { name: /Login ID or email/ }).fill('C000002');
    await page.getByRole('button', { name: 'Add to group' }).click();
    await expect(page.getByRole('status').filter({ hasText: '(C000002) is in the group.' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Members' }).getByRole('row').filter({ hasText: 'C000002' })).toBeVisible();
    await expectNoBlockingAxeViolations(page, 'customer group page');
    await shoot(page, 'customer-group');

    // A catalog for businesses in that group, with two products in a chosen order, one at its own price.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Catalogs' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Catalogs' })).toBeVisible();
    await page.getByRole('link', { name: 'New catalog' }).click();
    await page.getByRole('textbox', { name: /^Name/ }).fill(catalogName);
    await expect(page.getByRole('textbox', { name: /^Slug/ })).toHaveValue(`e2e-spring-catalog-${suffix}`);
    await expect(page.getByRole('radio', { name: /^Businesses/ })).toBeChecked();
    await page.getByRole('combobox', { name: /^Customer groups/ }).click();
    await page.getByRole('option', { name: new RegExp(groupName) }).click();
    await page.keyboard.press('Escape');

    const search = page.getByRole('searchbox', { name: /Find products to add/ });
    await search.fill('cordless drill');
    await page.getByRole('button', { name: 'Add Cordless drill 18V' }).click();
    await search.fill('impact driver');
    await page.getByRole('button', { name: 'Add Impact driver 18V' }).click();
    const items = page.getByRole('list', { name: 'Products in this catalog' }).getByRole('listitem');
    await expect(items).toHaveCount(2);
    await page.getByRole('button', { name: 'Move Impact driver 18V up' }).click();
    await expect(items.first()).toContainText('Impact driver 18V');
    await expect(page.getByRole('button', { name: 'Move Impact driver 18V down' })).toBeFocused();
    await page.getByRole('textbox', { name: 'Catalog price for Cordless drill 18V' }).fill('79.50');
    await expectNoBlockingAxeViolations(page, 'catalog editor');
    await page.getByRole('button', { name: 'Create catalog' }).click();

    await expect(page.getByRole('heading', { level: 1, name: catalogName })).toBeVisible();
    await expect(page.getByText(`${catalogName} was created.`)).toBeVisible();
    await expect(page.getByText('Live', { exact: true })).toBeVisible();
    await expect(items.first()).toContainText('Impact driver 18V');
    await expect(page.getByRole('textbox', { name: 'Catalog price for Cordless drill 18V' })).toHaveValue('79.50');
    await shoot(page, 'catalog-editor');

    // The list shows it live, for businesses, with two products.
    await page.getByRole('link', { name: 'Catalogs', exact: true }).first().click();
    const row = page.getByRole('table', { name: 'Catalogs' }).getByRole('row').filter({ hasText: catalogName });
    await expect(row).toContainText('Businesses');
    await expect(row).toContainText('Live');
    await expect(row.getByRole('cell').last()).toHaveText('2');

    // Northwind (in the group, a business) sees the catalog; a guest does not.
    const token = await bearer(request, customers.northwind, [demoPassword, northwindResetPassword]);
    const mine = await request.get('/api/v1/catalogs', { headers: { Authorization: `Bearer ${token}` } });
    expect(mine.status()).toBe(200);
    const listed = ((await mine.json()) as { items: { name: string; slug: string; products: number }[] }).items;
    expect(listed).toContainEqual(expect.objectContaining({ name: catalogName, slug: `e2e-spring-catalog-${suffix}`, products: 2 }));
    const guest = await request.get('/api/v1/catalogs');
    expect(((await guest.json()) as { items: { name: string }[] }).items.map((c) => c.name)).not.toContain(catalogName);
  });

  test('a CSV with one bad row imports nothing and says which cell; a good one imports', async ({ page, request }) => {
    test.setTimeout(60_000);
    const suffix = Date.now().toString(36).toUpperCase();
    const sku = (n: number) => `E2E-${suffix}-${n}`;
    const header = 'sku,name,status,audience,price,currency';
    const good = [header, `${sku(1)},E2E import hammer ${suffix},active,both,12.99,USD`, `${sku(2)},E2E import saw ${suffix},draft,b2b,49.50,USD`];
    const bad = [...good.slice(0, 2), `${sku(2)},E2E import saw ${suffix},draft,b2b,forty,USD`];
    const staffToken = (await apiSession(request, sales)).accessToken;
    const findSku = async (s: string) => {
      const res = await request.get(`/api/v1/products?${new URLSearchParams([['q', s], ['status', 'active'], ['status', 'draft']])}`, {
        headers: { Authorization: `Bearer ${staffToken}` },
      });
      expect(res.status()).toBe(200);
      return ((await res.json()) as { items: { sku: string }[] }).items.filter((p) => p.sku === s);
    };

    await asSales(page, request);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/admin');
    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Import / export' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Import / export products' })).toBeVisible();

    // The export downloads products.csv.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download products.csv' }).click();
    expect((await download).suggestedFilename()).toBe('products.csv');

    const chooser = page.getByLabel('Choose a CSV file');
    await chooser.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(`${bad.join('\n')}\n`) });
    await page.getByRole('button', { name: 'Import' }).click();
    await expect(page.getByRole('alert').filter({ hasText: '1 problem in the file: nothing was imported' })).toBeVisible();
    const errorRows = page.getByRole('table', { name: 'Problems in the file' }).getByRole('row');
    await expect(errorRows).toHaveCount(2);
    await expect(errorRows.nth(1).getByRole('cell')).toHaveText(['3', 'price', /./]);
    expect(await findSku(sku(1))).toEqual([]);
    await expectNoBlockingAxeViolations(page, 'import with errors');
    await shoot(page, 'products-import-errors');

    await chooser.setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(`${good.join('\n')}\n`) });
    await page.getByRole('button', { name: 'Check file' }).click();
    await expect(page.getByText('2 rows checked: 2 new products, 0 updates.', { exact: false })).toBeVisible();
    expect(await findSku(sku(1))).toEqual([]);
    await page.getByRole('button', { name: 'Import' }).click();
    await expect(page.getByText('2 rows imported: 2 new products, 0 updates.')).toBeVisible();
    expect(await findSku(sku(1))).toHaveLength(1);
    expect(await findSku(sku(2))).toHaveLength(1);
  });
});
