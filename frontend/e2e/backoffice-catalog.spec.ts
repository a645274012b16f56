import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { expect, seedSession, test } from './fixtures';

const shots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results/screenshots');
mkdirSync(shots, { recursive: true });

const sales = 'sales@oms.example.com';
const fulfilment = 'fulfilment@oms.example.com';

/** A small real PNG (a colour gradient), made here rather than shipped as a file. */
function gradientPng(width = 64, height = 48): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      rows.set([Math.round((x / width) * 255), Math.round((y / height) * 255), 160], row + 1 + x * 3);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A name and SKU no other test (or run) uses. */
function unique(prefix: string) {
  const tag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`.toUpperCase();
  return { sku: `${prefix}-${tag}`, name: `${prefix === 'E2E' ? 'Harbour lantern' : 'Depot crate'} ${tag}` };
}

async function fillNewProduct(page: Page, p: { sku: string; name: string }) {
  const form = page.getByRole('form', { name: 'New product' });
  await form.getByRole('textbox', { name: /^SKU/ }).fill(p.sku.toLowerCase());
  await form.getByRole('textbox', { name: /^Name(?!,)/ }).fill(p.name);
  await form.getByRole('textbox', { name: /^Price/ }).fill('24.50');
  await form.getByRole('combobox', { name: 'Status' }).selectOption('active');
  await form.getByRole('combobox', { name: 'Audience' }).selectOption('b2c');
  await form.getByRole('combobox', { name: 'Category' }).selectOption({ index: 1 });
  await form.getByRole('tab', { name: 'Write' }).click();
  await form.getByRole('textbox', { name: 'Description' }).fill('A **storm-proof** lantern.\n\n- 200 lumen\n- 12 h on one charge');
  await form.getByRole('button', { name: 'Add row' }).click();
  await form.getByRole('combobox', { name: 'Group, row 1' }).fill('Light');
  await form.getByRole('textbox', { name: 'Name, row 1' }).fill('Brightness');
  await form.getByRole('textbox', { name: 'Value, row 1' }).fill('200');
  await form.getByRole('textbox', { name: 'Unit, row 1' }).fill('lm');
}

test.describe('back office catalog', () => {
  test('staff create a product with a picture in the back office, and a guest finds it in the shop', async ({
    page,
    browser,
    sessions,
    request,
  }) => {
    test.slow(); // an upload, image processing and a second browser
    await seedSession(page, await sessions(sales));
    const product = unique('E2E');

    await page.goto('/admin/products');
    await page.getByRole('link', { name: 'New product' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'New product' })).toBeVisible();

    // The browser checks first: nothing is sent while the form is incomplete.
    await page.getByRole('button', { name: 'Create product' }).click();
    await expect(page.getByText('Enter the SKU')).toBeVisible();
    await expect(page.getByRole('textbox', { name: /^SKU/ })).toBeFocused();

    await fillNewProduct(page, product);
    await expect(page.getByText('Shown as $24.50 before tax')).toBeVisible();
    await page.getByRole('button', { name: 'Create product' }).click();

    await expect(page.getByRole('heading', { level: 1, name: product.name })).toBeVisible();
    await expect(page.getByText(`${product.name} was created.`)).toBeVisible();
    await expect(page).toHaveURL(/\/admin\/products\/[0-9a-f-]{36}$/);

    // The picture: through the drop zone's file input, with a progress bar while it goes up.
    const media = page.getByRole('region', { name: 'Pictures, videos and datasheets' });
    await media.locator('input[type=file]').setInputFiles({ name: 'lantern.png', mimeType: 'image/png', buffer: gradientPng() });
    const list = media.getByRole('list', { name: 'Media' });
    const alt = list.getByRole('textbox', { name: 'Alt text of picture 1' });
    await expect(alt).toHaveValue(product.name);
    await expect(list.locator('img').first()).toHaveJSProperty('complete', true);
    await expect.poll(() => list.locator('img').first().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await alt.fill(`${product.name}, lit, on a harbour wall`);
    await list.getByRole('button', { name: 'Save alt text of picture 1' }).click();
    await expect(media.getByText('Alt text saved.')).toBeAttached();
    await page.screenshot({ path: path.join(shots, 'backoffice-product-created-1280.png'), fullPage: true });

    // A guest (no session) finds it in the shop: active, for consumers, with its picture.
    const guest = await browser.newContext();
    const shop = await guest.newPage();
    await shop.goto(`/shop/search?${new URLSearchParams({ q: product.name }).toString()}`);
    const card = shop.getByTestId('product-card').filter({ hasText: product.name });
    await expect(card).toBeVisible();
    await expect(card).toContainText('$24.50');
    const picture = card.locator('img').first();
    await expect(picture).toBeVisible();
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await guest.close();

    // And through the API, as a guest: the image with its thumbnails and the alt text.
    const found = await request.get(`/api/v1/products?${new URLSearchParams({ q: product.name }).toString()}`);
    expect(found.status()).toBe(200);
    const items = ((await found.json()) as { items: { sku: string; images: { alt: string; thumbnails: { small: string } }[] }[] }).items;
    const hit = items.find((i) => i.sku === product.sku);
    expect(hit?.images).toHaveLength(1);
    expect(hit?.images[0]?.alt).toBe(`${product.name}, lit, on a harbour wall`);
    // Re-encoded by the server (JPEG unless the picture has transparency), EXIF and all dropped.
    expect((await request.get(hit!.images[0]!.thumbnails.small)).headers()['content-type']).toMatch(/^image\/(jpeg|png)$/);
  });

  test('a draft is staff-only; the list filters by status in the URL; a stale save is caught', async ({ page, browser, sessions, request }) => {
    test.slow();
    const session = await sessions(sales);
    await seedSession(page, session);
    const product = unique('DRAFT');
    const created = await request.post('/api/v1/admin/products', {
      headers: { Authorization: `Bearer ${session.accessToken}` },
      data: { sku: product.sku, name: product.name, status: 'draft', audience: 'both', price: { amount: 990, currency: 'USD' } },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { id } = (await created.json()) as { id: string };

    await page.goto(`/admin/products?status=draft&q=${encodeURIComponent(product.name)}`);
    const table = page.getByRole('table', { name: 'Products' });
    await expect(table.getByRole('row').filter({ hasText: product.sku })).toContainText('Draft');
    await expect(page.getByRole('combobox', { name: 'Status' })).toHaveValue('draft');
    expect((await request.get(`/api/v1/products/${id}`)).status()).toBe(404); // guests never see drafts

    // Two editors open the same product; the second save is refused and keeps its edits.
    await table.getByRole('link', { name: product.name }).click();
    await expect(page.getByRole('heading', { level: 1, name: product.name })).toBeVisible();
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await seedSession(otherPage, session);
    await otherPage.goto(`/admin/products/${id}`);
    await otherPage.getByRole('textbox', { name: /^Name(?!,)/ }).fill(`${product.name} (renamed)`);
    await otherPage.getByRole('button', { name: 'Save product' }).click();
    await expect(otherPage.getByText(`${product.name} (renamed) was saved.`)).toBeVisible();
    await other.close();

    await page.getByRole('textbox', { name: /^Price/ }).fill('12.00');
    await page.getByRole('button', { name: 'Save product' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Someone else changed this product' });
    await expect(alert).toBeVisible();
    await expect(page.getByRole('textbox', { name: /^Price/ })).toHaveValue('12.00');
    await alert.getByRole('button', { name: 'Reload the product' }).click();
    await expect(page.getByRole('textbox', { name: /^Name(?!,)/ })).toHaveValue(`${product.name} (renamed)`);
    await expect(page.getByRole('textbox', { name: /^Price/ })).toHaveValue('9.90');
  });

  test('fulfilment adjusts stock with a reason and cannot edit the product', async ({ page, sessions }) => {
    await seedSession(page, await sessions(fulfilment));
    await page.goto('/admin/products');
    await page.getByRole('table', { name: 'Products' }).getByRole('link').first().click();
    await expect(page.getByRole('textbox', { name: /^Name(?!,)/ })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Save product' })).toHaveCount(0);
    const stock = page.getByRole('region', { name: 'Stock' });
    const onHand = Number(await stock.getByText('On hand').locator('xpath=following-sibling::*[1]').textContent());
    await stock.getByRole('button', { name: 'Adjust stock' }).click();
    const dialog = page.getByRole('dialog', { name: 'Adjust stock' });
    await dialog.getByRole('textbox', { name: /^Change/ }).fill('5');
    await dialog.getByRole('textbox', { name: /^Reason/ }).fill('Delivery from the e2e supplier');
    await dialog.getByRole('button', { name: 'Adjust stock' }).click();
    await expect(stock.getByText(`Stock increased by 5: ${onHand + 5} on hand now.`)).toBeVisible();
  });

  test('categories: the tree and a new child category', async ({ page, sessions }) => {
    await seedSession(page, await sessions(sales));
    await page.goto('/admin/categories');
    const tree = page.getByRole('tree', { name: 'Categories' });
    await expect(tree.getByRole('treeitem').first()).toBeVisible();
    const name = unique('CAT').name.replace('Depot crate', 'Lanterns');
    const form = page.getByRole('form', { name: 'New category' });
    await form.getByRole('textbox', { name: /^Name/ }).fill(name);
    await form.getByRole('combobox', { name: 'Parent' }).selectOption({ index: 1 });
    await form.getByRole('button', { name: 'Add category' }).click();
    await expect(page.getByText(`${name} was added.`)).toBeVisible();
    await expect(tree.locator('[role=treeitem][aria-selected=true]')).toContainText(name);
  });
});
