import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Browser, Locator, Page } from '@playwright/test';
import { apiSession, customers, expect, seedSession, staff, test } from './fixtures';

/*
 * Tracking against the real omsd (demo data). Casey has three orders, entered
 * for her by staff through the API (so no cart is shared with the other
 * specs): one placed, one confirmed, one shipped with a tracking link. She
 * tracks the three at once on /track (pasted as a list, with a reference that
 * does not exist), asks for a status SMS, and the admin finds that SMS in the
 * back-office message log with each reference and its status. Then the live
 * update: with her order page open, staff confirm the order through the API
 * and the page says "Confirmed" without a reload.
 *
 * The status text counts towards the SMS limit of Casey's number (5 in 10
 * minutes), as her order notices do: global-setup.ts switches her SMS order
 * updates off for the run, so the other specs' orders leave the limit alone.
 */

const shots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results/screenshots');
mkdirSync(shots, { recursive: true });

const caseyPhone = '+14155550123';

interface Api {
  request: APIRequestContext;
  admin: string;
  casey: string;
}

function auth(token: string) {
  return { Authorization: `Bearer ${token}` };
}

interface PlacedOrder {
  reference: string;
  version: number;
  status: string;
}

async function skuOf(api: Api, slug: string): Promise<string> {
  const response = await api.request.get(`/api/v1/products/${slug}`, { headers: auth(api.casey) });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { sku: string }).sku;
}

/** An order staff enter for Casey by phone (the back office's order entry, through the API). */
async function enterOrder(api: Api, sku: string, quantity: number): Promise<PlacedOrder> {
  const response = await api.request.post('/api/v1/admin/orders', {
    headers: { ...auth(api.admin), 'Idempotency-Key': randomUUID() },
    data: { channel: 'phone', customer: customers.casey, items: [{ sku, quantity }], confirm_duplicate: true },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as PlacedOrder;
}

async function move(api: Api, order: PlacedOrder, status: string): Promise<PlacedOrder> {
  const response = await api.request.post(`/api/v1/admin/orders/${order.reference}/status`, {
    headers: auth(api.admin),
    data: { status, version: order.version, note: `Moved to ${status} by the tracking test` },
  });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as PlacedOrder;
}

async function ship(api: Api, order: PlacedOrder): Promise<PlacedOrder> {
  const response = await api.request.post(`/api/v1/admin/orders/${order.reference}/shipments`, {
    headers: auth(api.admin),
    data: {
      carrier: 'UPS',
      tracking_number: '1Z999AA10123456784',
      tracking_url: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
      version: order.version,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as PlacedOrder;
}

/** The page must run without script errors or console errors. */
function watchForErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error on ${page.url()}: ${message.text()}`);
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
    await page.waitForTimeout(250);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(shots, `tracking-${name}-${width}-light.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** A page in its own browser context, logged in as `login`. */
async function pageAs(browser: Browser, baseURL: string, login: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await seedSession(page, await apiSession(context.request, login));
  await page.emulateMedia({ colorScheme: 'light' });
  return page;
}

/** Pastes text into the focused field, as Ctrl+V does (a paste event with the clipboard's text). */
async function paste(selector: Locator, text: string) {
  await selector.focus();
  await selector.evaluate((el, value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

test.describe('tracking', () => {
  test.describe.configure({ mode: 'serial' });

  let api: Api;
  let orders: { placed: PlacedOrder; confirmed: PlacedOrder; shipped: PlacedOrder };

  test.beforeAll(async ({ playwright, baseURL }) => {
    const request = await playwright.request.newContext({ baseURL });
    const admin = await apiSession(request, staff.admin);
    const casey = await apiSession(request, customers.casey);
    api = { request, admin: admin.accessToken, casey: casey.accessToken };
    const hammer = await skuOf(api, 'claw-hammer-16oz');
    const level = await skuOf(api, 'spirit-level-120cm');
    const placed = await enterOrder(api, hammer, 1);
    const confirmed = await move(api, await enterOrder(api, level, 1), 'confirmed');
    const processing = await move(api, await move(api, await enterOrder(api, hammer, 2), 'confirmed'), 'processing');
    const shipped = await ship(api, processing);
    expect(shipped.status).toBe('shipped');
    orders = { placed, confirmed, shipped };
  });

  test.afterAll(async () => {
    await api.request.dispose();
  });

  test('a customer tracks three orders at once, asks for an SMS, and staff find it in the message log', async ({ browser, baseURL }) => {
    test.setTimeout(120_000);
    const page = await pageAs(browser, baseURL!, customers.casey);
    const problems = watchForErrors(page);
    const refs = [orders.placed.reference, orders.confirmed.reference, orders.shipped.reference];

    // The header's "Track orders", then the three pasted as a list (any case), plus one that does not exist.
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Track orders' }).click();
    await expect(page).toHaveURL('/track');
    await expect(page.getByRole('heading', { level: 1, name: 'Track orders' })).toBeVisible();
    const input = page.getByRole('textbox', { name: /Order references/ });
    await paste(input, `${refs[0]!.toLowerCase()}\n${refs[1]}, ${refs[2]!.replace(/-/g, '')}\nORD-0000-0000\nnot-a-reference`);
    await expect(page.getByTestId('reference-chip')).toHaveText([refs[0]!, refs[1]!, refs[2]!, 'ORD-0000-0000', /not-a-reference/]);
    await page.getByRole('button', { name: 'Track', exact: true }).click();
    await expect(page.getByText('not-a-reference is not an order reference (ORD-XXXX-XXXX): correct or remove it')).toBeVisible();
    await page.getByRole('button', { name: 'Remove not-a-reference' }).click();

    const tracked = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/tracking');
    await page.getByRole('button', { name: 'Track', exact: true }).click();
    expect((await tracked).status()).toBe(200);
    await expect(page).toHaveURL(`/track?r=${[...refs, 'ORD-0000-0000'].join(',')}`);

    // The board: a card per order with its status, and the reference that was not found.
    const board = page.getByRole('list', { name: 'Tracked orders' });
    await expect(board.getByTestId('tracking-card')).toHaveCount(3);
    const card = (ref: string) => board.getByRole('article', { name: ref });
    await expect(card(refs[0]!).getByTestId('status-badge')).toHaveText('Placed');
    await expect(card(refs[1]!).getByTestId('status-badge')).toHaveText('Confirmed');
    await expect(card(refs[2]!).getByTestId('status-badge')).toHaveText('Shipped');
    await expect(card(refs[0]!).getByTestId('next')).toContainText('We will confirm your order shortly');
    await expect(card(refs[0]!).getByTestId('promise')).toContainText('Dispatch by');
    await expect(card(refs[2]!).getByRole('link', { name: /1Z999AA10123456784/ })).toHaveAttribute(
      'href',
      'https://www.ups.com/track?tracknum=1Z999AA10123456784',
    );
    await expect(page.getByTestId('not-found')).toContainText('ORD-0000-0000');
    await expect(page.getByTestId('result-summary')).toHaveText('3 orders found, 1 not found.');
    // Her open orders (at least these three) are on the board below.
    for (const ref of refs) {
      await expect(page.getByRole('list', { name: 'My open orders' }).getByRole('article', { name: ref })).toBeVisible();
    }
    await expectNoBlockingAxeViolations(page, '/track');
    await shoot(page, 'track');

    // One SMS with their statuses, to the verified phone.
    const sent = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/tracking/sms');
    await page.getByRole('button', { name: 'Text me their status' }).click();
    const smsResponse = await sent;
    expect(smsResponse.status(), await smsResponse.text()).toBe(202);
    const { message_id: messageId, to } = (await smsResponse.json()) as { message_id: string; to: string };
    await expect(page.getByTestId('sms-sent')).toContainText(`Sent to ${to}`);
    expect(to).toMatch(/0123$/);
    expect(to).not.toContain('555');

    // The admin finds it in the message log: to Casey's number, listing each reference with its status.
    const office = await pageAs(browser, baseURL!, staff.admin);
    await office.goto('/admin/messages');
    const filters = office.getByRole('search', { name: 'Filter messages' });
    await filters.getByLabel('Recipient').fill(caseyPhone);
    await expect(office).toHaveURL(/to=%2B14155550123/);
    const row = office.locator(`[data-message-id="${messageId}"]`);
    await expect(row).toContainText('tracking_summary');
    await row.getByRole('link').click();
    const body = office.getByRole('dialog').getByTestId('message-body');
    await expect(body).toContainText(`${refs[0]} placed`);
    await expect(body).toContainText(`${refs[1]} confirmed`);
    await expect(body).toContainText(`${refs[2]} shipped`);
    await expect(body).not.toContainText('ORD-0000-0000');

    // And on each order's page in the back office, under "Messages".
    await office.goto(`/admin/orders/${refs[1]}`);
    const messages = office.getByRole('list', { name: `Messages about ${refs[1]}` });
    await expect(messages.locator(`[data-message-id="${messageId}"]`)).toContainText(`${refs[1]} confirmed`);
    await shoot(office, 'backoffice-order-messages');
    await office.context().close();

    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('the order page shows a status staff set without a reload', async ({ browser, baseURL }) => {
    test.setTimeout(60_000);
    const page = await pageAs(browser, baseURL!, customers.casey);
    const problems = watchForErrors(page);
    const ref = orders.placed.reference;
    // The stream is open once the page asked for it.
    const streaming = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/v1/tracking/stream');
    await page.goto(`/orders/${ref}`);
    await expect(page.getByTestId('order-reference')).toHaveText(ref);
    await expect(page.getByTestId('status-badge').first()).toHaveText('Placed');
    const progress = page.getByRole('region', { name: 'Progress' });
    await expect(progress.getByTestId('order-next')).toContainText('We will confirm your order shortly');
    await expect(progress.getByRole('list', { name: `Progress of ${ref}` }).getByRole('listitem')).toHaveCount(5);
    await expect(page.getByRole('region', { name: 'Updates for this order' }).getByRole('combobox', { name: /SMS/ })).toHaveValue('default');
    expect((await streaming).headers()['accept']).toBe('text/event-stream');
    await page.waitForTimeout(500); // the stream's answer is on its way

    let reloads = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) reloads++;
    });
    const current = (await (await api.request.get(`/api/v1/admin/orders/${ref}`, { headers: auth(api.admin) })).json()) as PlacedOrder;
    await move(api, current, 'confirmed');

    await expect(page.getByTestId('status-badge').first()).toHaveText('Confirmed', { timeout: 10_000 });
    await expect(progress.getByTestId('order-next')).toContainText('Your order is confirmed');
    await expect(page.getByRole('region', { name: 'History' })).toContainText('Moved to confirmed by the tracking test');
    expect(reloads).toBe(0);
    await shoot(page, 'order');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('in My orders, the customer selects several orders and tracks them together', async ({ browser, baseURL }) => {
    test.setTimeout(60_000);
    const page = await pageAs(browser, baseURL!, customers.casey);
    const problems = watchForErrors(page);
    const refs = [orders.confirmed.reference, orders.shipped.reference];
    await page.goto('/orders');
    const bar = page.getByRole('group', { name: 'Selected orders' });
    await expect(bar.getByRole('button', { name: 'Track selected' })).toBeDisabled();
    for (const ref of refs) {
      await page.getByRole('checkbox', { name: `Select ${ref}` }).check();
    }
    await expect(bar).toContainText('2 selected');
    await expectNoBlockingAxeViolations(page, 'my orders with a selection');
    await shoot(page, 'orders-selected');
    await bar.getByRole('button', { name: 'Track selected' }).click();
    await expect(page).toHaveURL(`/track?r=${refs.join(',')}`);
    const board = page.getByRole('list', { name: 'Tracked orders' });
    await expect(board.getByTestId('tracking-card')).toHaveCount(2);
    await expect(board.getByRole('article', { name: refs[1]! }).getByTestId('status-badge')).toHaveText('Shipped');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test('a guest opens the SMS link and tracks with the email the orders were placed with', async ({ page }) => {
    test.setTimeout(60_000);
    const problems = watchForErrors(page);
    const refs = [orders.confirmed.reference, orders.shipped.reference];
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`/track?r=${refs.join(',')}`);
    await expect(page.getByTestId('reference-chip')).toHaveText(refs);
    // The references are there: only the contact is missing, and it has the focus.
    const email = page.getByRole('textbox', { name: 'Email address' });
    await expect(email).toBeFocused();

    // A contact that is not the customer's looks exactly like unknown orders.
    await email.fill('someone.else@example.com');
    await page.getByRole('button', { name: 'Track', exact: true }).click();
    await expect(page.getByTestId('result-summary')).toHaveText('No orders found, 2 not found.');

    await email.fill(customers.casey);
    await page.getByRole('button', { name: 'Track', exact: true }).click();
    const board = page.getByRole('list', { name: 'Tracked orders' });
    await expect(board.getByTestId('tracking-card')).toHaveCount(2);
    await expect(board.getByRole('article', { name: refs[0]! }).getByTestId('status-badge')).toHaveText('Confirmed');
    // Guests cannot open the order pages: the reference is not a link.
    await expect(board.getByRole('link', { name: refs[0]! })).toHaveCount(0);
    await expectNoBlockingAxeViolations(page, '/track as a guest');
    await shoot(page, 'track-guest');
    expect(problems).toEqual([]);
  });
});
