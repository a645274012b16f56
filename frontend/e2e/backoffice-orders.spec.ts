import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { apiSession, customers, expect, seedSession, test } from './fixtures';

/*
 * An order from the shop to the customer's door, against the real omsd (demo
 * data): Casey puts two products in the cart and checks out in the SPA (the
 * Reference Number is shown); Sales confirms the order in the back office;
 * Fulfilment starts processing and enters a shipment with a tracking number;
 * Casey then sees "Shipped" and the tracking number on the order page.
 * Axe checks and screenshots (375 px and 1280 px) of the queue and the order.
 */

const sales = 'sales@oms.example.com';
const fulfilment = 'fulfilment@oms.example.com';
// Products for everyone, in stock, with no minimum quantity. Only this spec changes Casey's cart
// (shop-orders.spec.ts orders as Northwind), so the checkout sees exactly these two.
const products = [
  { slug: 'claw-hammer-16oz', name: 'Claw hammer 16oz' },
  { slug: 'spirit-level-120cm', name: 'Spirit level 120cm' },
];

const shots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results/screenshots');
mkdirSync(shots, { recursive: true });

async function shoot(page: Page, name: string) {
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(250); // media queries re-render (cards ↔ tables)
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

/** A page in its own browser context, logged in as `login` (session seeded, as after a login). */
async function pageAs(browser: Browser, baseURL: string, login: string): Promise<{ page: Page; token: string }> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const session = await apiSession(context.request, login);
  await seedSession(page, session);
  await page.emulateMedia({ colorScheme: 'light' });
  return { page, token: session.accessToken };
}

test.describe('back-office orders', () => {
  test('a customer checks out; staff confirm, process and ship it; the customer sees the tracking number', async ({ browser, baseURL }) => {
    test.setTimeout(180_000);
    const trackingNumber = `1ZE2E${Date.now().toString(36).toUpperCase()}`;

    // The customer: an empty cart, then two products from their pages.
    const { page: shop, token: casey } = await pageAs(browser, baseURL!, customers.casey);
    const cleared = await shop.request.delete('/api/v1/cart', { headers: { Authorization: `Bearer ${casey}` } });
    expect([200, 204], await cleared.text()).toContain(cleared.status());
    for (const product of products) {
      await shop.goto(`/shop/p/${product.slug}`);
      await expect(shop.getByRole('heading', { level: 1, name: product.name })).toBeVisible();
      await shop.getByRole('button', { name: 'Add to cart' }).click();
      await expect(shop.getByRole('status').filter({ hasText: 'in your cart' })).toBeVisible();
    }
    await shop.goto('/cart');
    const cart = shop.getByRole('list', { name: 'Products in your cart' });
    for (const product of products) await expect(cart.getByText(product.name).first()).toBeVisible();
    await shop.getByRole('link', { name: 'Checkout' }).click();
    await expect(shop.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible();
    await shop.getByRole('button', { name: 'Place order' }).click();
    await expect(shop.getByRole('heading', { level: 1, name: 'Thank you, your order is placed' })).toBeVisible({ timeout: 20_000 });
    await expect(shop.getByText('Reference Number', { exact: true })).toBeVisible();
    const reference = ((await shop.getByTestId('placed-reference').textContent()) ?? '').trim();
    expect(reference).toMatch(/^ORD-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    // Sales: the order waits in "To confirm"; confirm it on its page.
    const { page: office } = await pageAs(browser, baseURL!, sales);
    await office.goto('/admin');
    await office.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Orders' }).click();
    await expect(office.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible();
    await office.getByRole('link', { name: 'To confirm' }).click();
    await expect(office).toHaveURL(/\/admin\/orders\?view=to_confirm$/);
    const row = office.getByRole('table', { name: 'Orders' }).locator(`tr[data-reference="${reference}"]`);
    await expect(row).toBeVisible();
    await expect(row).toContainText('Casey Consumer');
    await expect(row).toContainText('Placed');
    await expect(row).toContainText('Web shop');
    await expectNoBlockingAxeViolations(office, 'order queue');
    await shoot(office, 'orders-queue');
    await office.setViewportSize({ width: 1280, height: 900 });

    await row.getByRole('link', { name: reference }).click();
    await expect(office.getByRole('heading', { level: 1, name: reference })).toBeVisible();
    const items = office.getByRole('table', { name: 'Items' });
    for (const product of products) await expect(items.getByText(product.name)).toBeVisible();
    const status = office.getByRole('region', { name: 'Status' });
    // Sales may confirm or cancel, nothing else.
    await expect(status.getByRole('button')).toHaveText(['Confirm', 'Cancel order']);
    await status.getByRole('textbox', { name: /Note/ }).fill('Confirmed by phone with the customer');
    await status.getByRole('button', { name: 'Confirm' }).click();
    await expect(status.getByRole('status')).toHaveText('The order is now confirmed.');
    await expect(office.getByRole('region', { name: 'Timeline' })).toContainText('Confirmed by phone with the customer');

    // Fulfilment: start processing, then ship everything with a tracking number.
    const { page: warehouse } = await pageAs(browser, baseURL!, fulfilment);
    await warehouse.goto(`/admin/orders/${reference}`);
    const next = warehouse.getByRole('region', { name: 'Status' });
    await expect(next.getByRole('button')).toHaveText(['Start processing']);
    await next.getByRole('button', { name: 'Start processing' }).click();
    await expect(next.getByRole('status')).toHaveText('The order is now processing.');
    const form = warehouse.getByRole('form', { name: 'New shipment' });
    await expect(form).toBeVisible();
    await expect(form.getByRole('textbox', { name: /^Units of / })).toHaveCount(2);
    await form.getByRole('button', { name: 'Record shipment' }).click();
    await expect(form.getByText('Enter the tracking number')).toBeVisible();
    await expectNoBlockingAxeViolations(warehouse, 'order detail with the shipment form (errors shown)');
    await shoot(warehouse, 'order-detail-processing');
    await warehouse.setViewportSize({ width: 1280, height: 900 });

    await form.getByRole('textbox', { name: /^Carrier/ }).fill('UPS');
    await form.getByRole('textbox', { name: /^Tracking number/ }).fill(trackingNumber);
    await form.getByRole('textbox', { name: /^Tracking link/ }).fill(`https://www.ups.com/track?tracknum=${trackingNumber}`);
    await form.getByRole('button', { name: 'Record shipment' }).click();
    const shipments = warehouse.getByRole('list', { name: 'Shipments' });
    await expect(shipments.getByTestId('tracking-number')).toHaveText(trackingNumber);
    await expect(warehouse.getByRole('heading', { level: 1, name: reference })).toBeVisible();
    await expect(warehouse.locator('[data-value="shipped"]').first()).toBeVisible();
    await expect(warehouse.getByRole('form', { name: 'New shipment' })).toHaveCount(0);
    await expectNoBlockingAxeViolations(warehouse, 'order detail, shipped');
    await shoot(warehouse, 'order-detail-shipped');

    // The customer sees the order shipped, with the tracking number.
    await shop.goto(`/orders/${reference}`);
    await expect(shop.getByTestId('order-reference')).toHaveText(reference);
    await expect(shop.getByTestId('status-badge').first()).toHaveText('Shipped');
    await expect(shop.getByTestId('tracking-number')).toHaveText(trackingNumber);

    // Sales enters the same order again by phone: the server calls it a possible duplicate of the
    // customer's own, and it is placed only when Sales says so.
    await office.goto('/admin/orders');
    await office.getByRole('link', { name: 'New order' }).click();
    const entry = office.getByRole('form', { name: 'New order' });
    await expect(entry).toBeVisible();
    await entry.getByRole('button', { name: 'Place order' }).click();
    await expect(entry.getByText('Choose how the order came in')).toBeVisible();
    await expectNoBlockingAxeViolations(office, 'new order with errors');
    await shoot(office, 'order-new');
    await office.setViewportSize({ width: 1280, height: 900 });
    await entry.getByRole('textbox', { name: /^Customer/ }).fill(customers.casey);
    await entry.getByRole('radio', { name: 'Phone' }).check();
    const placedItems = await (await office.request.get(`/api/v1/orders/${reference}`, { headers: { Authorization: `Bearer ${casey}` } })).json();
    const skus = (placedItems as { items: { sku: string; quantity: number }[] }).items;
    await entry.getByRole('textbox', { name: 'SKU, line 1' }).fill(skus[0]!.sku.toLowerCase());
    await entry.getByRole('button', { name: 'Add a line' }).click();
    await entry.getByRole('textbox', { name: 'SKU, line 2' }).fill(skus[1]!.sku);
    await entry.getByRole('button', { name: 'Place order' }).click();
    const repeat = office.getByRole('alert').filter({ hasText: 'This looks like a repeat order' });
    await expect(repeat).toBeVisible();
    await expect(repeat.getByRole('link', { name: reference, exact: true })).toBeVisible();
    await repeat.getByRole('button', { name: 'Place it anyway' }).click();
    await expect(office.getByRole('status').filter({ hasText: 'was placed for Casey Consumer' })).toBeVisible();
    const entered = (await office.getByRole('heading', { level: 1 }).textContent())?.trim() ?? '';
    expect(entered).toMatch(/^ORD-/);
    expect(entered).not.toBe(reference);
    await expect(office.getByRole('region', { name: 'Details' })).toContainText('Phone');

    // The queue and the shipped order in the dark scheme too.
    await warehouse.emulateMedia({ colorScheme: 'dark' });
    await warehouse.goto('/admin/orders?view=all');
    await expect(warehouse.getByRole('table', { name: 'Orders' }).locator(`tr[data-reference="${reference}"]`)).toBeVisible();
    await expectNoBlockingAxeViolations(warehouse, 'order queue (dark)');
    await warehouse.goto(`/admin/orders/${reference}`);
    await expect(warehouse.getByRole('list', { name: 'Shipments' })).toBeVisible();
    await expectNoBlockingAxeViolations(warehouse, 'order detail (dark)');

    for (const p of [shop, office, warehouse]) await p.context().close();
  });
});
