import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { SESSION_STORAGE_KEY } from '../src/auth/storageKey';
import { customers, demoPassword, expect, logInWithForm, seedSession, test } from './fixtures';

/*
 * The customer's side of ordering against the real omsd (demo data): cart,
 * checkout with an Idempotency-Key, the Reference Number, My orders, the order
 * page, cancelling. As the demo business (Northwind: trade prices, a PO number,
 * pack sizes), so it never shares a cart with the back-office spec, which
 * orders as Casey.
 */

/** session.spec.ts resets Northwind's password to this one; whichever ran first, one of the two works. */
const northwindResetPassword = 'marble pigeon sunrise';

const shots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results/screenshots');
mkdirSync(shots, { recursive: true });

interface SeededSession {
  accessToken: string;
  expiresAt: number;
  me: unknown;
}

/** Northwind's session through the API (either password), as the SPA stores it. */
async function northwind(request: APIRequestContext): Promise<SeededSession> {
  for (const password of [demoPassword, northwindResetPassword]) {
    const login = await request.post('/api/v1/auth/login', { data: { login: customers.northwind, password } });
    if (login.status() !== 200) continue;
    const token = (await login.json()) as { access_token: string; expires_in: number };
    const me = await request.get('/api/v1/me', { headers: { Authorization: `Bearer ${token.access_token}` } });
    expect(me.status()).toBe(200);
    return { accessToken: token.access_token, expiresAt: Date.now() + token.expires_in * 1000, me: await me.json() };
  }
  throw new Error('could not log in as Northwind');
}

/** The page must run without script errors or console errors. */
function watchForErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A refused API call (the 409 this test provokes) is logged by the browser as a failed resource.
    if (message.type() === 'error' && !/status of 409/.test(message.text())) problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  return problems;
}

async function expectNoBlockingAxeViolations(page: Page, what: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    const blocking = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`) }));
    expect(blocking, `${what} (${scheme}): ${JSON.stringify(blocking, null, 2)}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Phone and desktop pictures to look at; nothing may scroll sideways. */
async function shoot(page: Page, name: string) {
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(250); // media queries re-render (cards ↔ tables)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(shots, `ordering-${name}-${width}-light.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test.describe('customer orders', () => {
  test('a business customer adds two products, checks out, sees the Reference Number, finds the order and cancels it', async ({ page, request }) => {
    test.setTimeout(240_000); // the whole flow, with axe checks on the way: 2 min on a busy 2-core machine
    const problems = watchForErrors(page);
    const session = await northwind(request);
    const auth = { Authorization: `Bearer ${session.accessToken}` };
    // Only this test orders as Northwind; start from an empty cart all the same.
    expect((await request.delete('/api/v1/cart', { headers: auth })).status()).toBe(204);
    await seedSession(page, session);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 900 });

    // 1. A product from its page, with the quantity stepper.
    await page.goto('/shop/p/claw-hammer-16oz');
    await expect(page.getByRole('heading', { level: 1, name: 'Claw hammer 16oz' })).toBeVisible();
    const quantity = page.getByRole('textbox', { name: 'Quantity' });
    await expect(quantity).toHaveValue('1');
    await page.getByRole('button', { name: 'More Claw hammer 16oz' }).click();
    await expect(quantity).toHaveValue('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page.getByRole('status').filter({ hasText: '2 in your cart.' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Cart, 1 item' })).toBeVisible();
    await shoot(page, 'product');

    // 2. A trade pack from the search results: its card adds the minimum, in whole packs.
    await page.getByRole('searchbox', { name: 'Search products' }).fill('tape measure');
    await page.getByRole('searchbox', { name: 'Search products' }).press('Enter');
    const card = page.getByTestId('product-card').filter({ hasText: 'Tape measure 8m (trade pack)' });
    await card.getByRole('button', { name: 'Add 10 to cart: Tape measure 8m (trade pack)' }).click();
    await expect(card.getByText('In your cart')).toBeVisible();
    await shoot(page, 'search');

    // 3. The cart: both lines, trade prices explained, pack-size stepping.
    await page.getByRole('link', { name: 'Cart, 2 items' }).click();
    await expect(page).toHaveURL('/cart');
    const lines = page.getByRole('list', { name: 'Products in your cart' });
    await expect(lines.getByTestId('cart-line')).toHaveCount(2);
    const tape = lines.getByRole('listitem', { name: 'Tape measure 8m (trade pack)' });
    await expect(tape).toContainText('Packs of 5');
    await tape.getByRole('button', { name: 'More Tape measure 8m (trade pack)' }).click();
    await expect(tape.getByRole('textbox', { name: 'Quantity of Tape measure 8m (trade pack)' })).toHaveValue('15');
    const box = tape.getByRole('textbox', { name: 'Quantity of Tape measure 8m (trade pack)' });
    await box.fill('12');
    await box.press('Enter');
    await expect(tape.getByText('Sold in packs of 5: order 10 or 15')).toBeVisible();
    await box.fill('10');
    await box.press('Enter');
    await expect(tape.getByText('Sold in packs of 5: order 10 or 15')).toBeHidden();
    await expect(page.getByRole('table', { name: 'Cart totals' })).toBeVisible();
    await expectNoBlockingAxeViolations(page, 'cart');
    await shoot(page, 'cart');

    // 4. Checkout: the address book, express, a PO number; the order goes with an Idempotency-Key.
    await page.getByRole('link', { name: 'Checkout' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible();
    await expect(page.getByTestId('address-option').first()).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByRole('textbox', { name: 'Payment terms' })).toHaveValue(/Net 30/);
    await page.getByRole('radio', { name: /^Express/ }).click();
    await page.getByRole('textbox', { name: /PO number/ }).fill('PO-E2E-1');
    await page.getByRole('textbox', { name: /Notes/ }).fill('Deliver to the loading bay');
    await expectNoBlockingAxeViolations(page, 'checkout');
    await shoot(page, 'checkout');

    const posted = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/orders');
    await page.getByRole('button', { name: 'Place order' }).click();
    const key = (await posted).headers()['idempotency-key'];
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    // 5. The Reference Number, large, with what happens next.
    const placed = page.getByTestId('placed-reference');
    await expect(placed).toHaveText(/^ORD-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const reference = ((await placed.textContent()) ?? '').trim();
    await expect(page).toHaveURL(`/orders/${reference}/placed`);
    await expect(page.getByRole('region', { name: 'What happens next' })).toBeVisible();
    await expectNoBlockingAxeViolations(page, 'order placed');
    await shoot(page, 'order-placed');
    // The ordered products left the cart.
    await expect(page.getByRole('link', { name: 'Cart, 0 items' })).toBeVisible();

    // The same items again at once look like a repeat: the shop says so before placing it.
    const hammer = await request.put('/api/v1/cart/items/HAN-009', { headers: auth, data: { quantity: 2 } });
    expect(hammer.status(), await hammer.text()).toBe(200);
    expect((await request.put('/api/v1/cart/items/HAN-012', { headers: auth, data: { quantity: 10 } })).status()).toBe(200);
    await page.goto('/checkout');
    await page.getByRole('radio', { name: /^Express/ }).click();
    await page.getByRole('button', { name: 'Place order' }).click();
    const repeat = page.getByTestId('duplicate-warning');
    await expect(repeat).toContainText(`You placed ${reference} a moment ago`);
    await expect(repeat.getByRole('link', { name: `View ${reference}` })).toBeVisible();
    expect((await request.delete('/api/v1/cart', { headers: auth })).status()).toBe(204);

    // 6. My orders: found by its reference.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My orders' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'My orders' })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Reference' }).fill(reference.slice(0, 9).toLowerCase());
    await expect(page).toHaveURL(new RegExp(`/orders\\?q=${reference.slice(0, 9).toLowerCase()}`));
    const row = page.getByRole('table', { name: 'Orders' }).getByRole('row').filter({ hasText: reference });
    await expect(row).toContainText('Placed');
    await expectNoBlockingAxeViolations(page, 'my orders');
    await shoot(page, 'orders');

    // 7. The order page: items, PO number, timeline, the confirmation PDF; then cancel it.
    await page.setViewportSize({ width: 1280, height: 900 });
    await row.getByRole('link', { name: reference }).click();
    await expect(page).toHaveURL(`/orders/${reference}`);
    await expect(page.getByTestId('order-reference')).toHaveText(reference);
    await expect(page.getByRole('table', { name: 'Items' })).toContainText('Tape measure 8m (trade pack)');
    await expect(page.getByRole('region', { name: 'Delivery' })).toContainText('PO-E2E-1');
    await expect(page.getByRole('region', { name: 'Delivery' })).toContainText('Express');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Order confirmation (PDF)' }).click();
    expect((await download).suggestedFilename()).toBe(`${reference}-confirmation.pdf`);
    await expectNoBlockingAxeViolations(page, 'order page');
    await shoot(page, 'order');

    await page.getByRole('group', { name: 'Order actions' }).getByRole('button', { name: 'Cancel order' }).click();
    const dialog = page.getByRole('dialog', { name: `Cancel order ${reference}?` });
    await dialog.getByRole('textbox', { name: /Why are you cancelling/ }).fill('Ordered by mistake');
    await expectNoBlockingAxeViolations(page, 'cancel dialog');
    await dialog.getByRole('button', { name: 'Cancel the order' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('status-badge').first()).toHaveText('Cancelled');
    await expect(page.getByRole('region', { name: 'History' })).toContainText('Ordered by mistake');
    await expect(page.getByRole('group', { name: 'Order actions' }).getByRole('button', { name: 'Cancel order' })).toHaveCount(0);

    // The server agrees.
    const after = await request.get(`/api/v1/orders/${reference}`, { headers: auth });
    expect(((await after.json()) as { status: string }).status).toBe('cancelled');
    expect(problems).toEqual([]);
  });

  test('a guest is asked to log in to order, and comes back to the product', async ({ page }) => {
    await page.goto('/shop/p/claw-hammer-16oz');
    await expect(page.getByRole('button', { name: 'Add to cart' })).toHaveCount(0);
    await page.getByRole('link', { name: 'Log in to order' }).click();
    await expect(page).toHaveURL('/login?next=%2Fshop%2Fp%2Fclaw-hammer-16oz');
    await logInWithForm(page, customers.casey);
    await expect(page).toHaveURL('/shop/p/claw-hammer-16oz');
    await expect(page.getByRole('button', { name: 'Add to cart' })).toBeVisible();
    await expect(page.getByRole('link', { name: /^Cart/ })).toBeVisible();
  });

  test('the email link to an order asks a logged-out customer to log in first', async ({ page }) => {
    await page.goto('/orders/ORD-0000-0000');
    await expect(page).toHaveURL('/login?next=%2Forders%2FORD-0000-0000');
    expect(await page.evaluate((key) => window.sessionStorage.getItem(key), SESSION_STORAGE_KEY)).toBeNull();
  });
});
