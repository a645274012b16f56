import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { apiSession, expect, seedSession, test } from './fixtures';

/*
 * Pricing in the back office, as a Sales staff member, against the real omsd
 * (demo data): a coupon is created in the UI, shows in the list, and the
 * public quote applies it.
 */

const sales = 'sales@oms.example.com';
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
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`) }));
  expect(blocking, `${what}: ${JSON.stringify(blocking, null, 2)}`).toEqual([]);
}

test.describe('back-office pricing', () => {
  test('sales creates a coupon, sees it in the list, and a quote applies it', async ({ page, request }) => {
    test.setTimeout(90_000);
    const code = `E2E${Date.now().toString(36).toUpperCase()}`;
    await seedSession(page, await apiSession(request, sales));
    await page.emulateMedia({ colorScheme: 'light' });

    await page.goto('/admin');
    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Pricing' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Price lists' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Price lists' }).locator('tr[data-code="TRADE"]')).toBeVisible();
    await shoot(page, 'pricing-price-lists');
    await page.getByRole('link', { name: 'Trade', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Trade' })).toBeVisible();
    await expect(page.getByRole('table').first()).toBeVisible();
    await expectNoBlockingAxeViolations(page, 'price list editor');
    await shoot(page, 'pricing-price-list');

    await page.getByRole('tab', { name: 'Offers and coupons' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Offers and coupons' })).toBeVisible();
    await page.getByRole('link', { name: 'New offer' }).click();
    await page.getByRole('textbox', { name: /^Name/ }).fill(`E2E coupon ${code}`);
    await page.getByRole('textbox', { name: /^Coupon code/ }).fill(code.toLowerCase());
    await page.getByRole('textbox', { name: /^Discount/ }).fill('10');
    await page.getByRole('textbox', { name: /^Uses in total/ }).fill('50');
    await expectNoBlockingAxeViolations(page, 'new offer');
    await shoot(page, 'pricing-offer-new');
    await page.getByRole('button', { name: 'Create offer' }).click();
    await expect(page.getByRole('status').filter({ hasText: `E2E coupon ${code} was created.` })).toBeVisible();

    await page.getByRole('link', { name: 'Offers and coupons' }).first().click();
    const row = page.getByRole('table', { name: 'Offers' }).getByRole('row').filter({ hasText: code });
    await expect(row).toBeVisible();
    await expect(row.getByText('Live')).toBeVisible();
    await expect(row.getByText('0 / 50')).toBeVisible();
    await shoot(page, 'pricing-offers');

    // A guest's quote with the coupon (any lowercase spelling) takes 10% off the order.
    const products = (await (await request.get('/api/v1/products?page_size=1')).json()) as { items: { id: string }[] };
    const item = { product_id: products.items[0]!.id, quantity: 2 };
    const quote = await request.post('/api/v1/quote', { data: { items: [item], coupon_code: code.toLowerCase() } });
    expect(quote.status(), await quote.text()).toBe(200);
    const body = (await quote.json()) as { applied_offers: { code?: string | null }[]; totals: { subtotal: number; discount: number } };
    expect(body.applied_offers.map((o) => o.code)).toContain(code);
    expect(body.totals.discount).toBeGreaterThan(0);

    await page.getByRole('tab', { name: 'Tax rates' }).click();
    await expect(page.getByText('Only admins can change tax rates.')).toBeVisible();
    await expectNoBlockingAxeViolations(page, 'tax rates');
  });
});
