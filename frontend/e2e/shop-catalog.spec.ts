import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIRequestContext, Page } from '@playwright/test';
import { apiSession, expect, staff, test } from './fixtures';

/**
 * The storefront as a guest sees it, against the real omsd with demo data:
 * search, filters in the URL, a product page with photos, a video and
 * specifications, and the comparison.
 */

interface DemoProduct {
  slug: string;
  name: string;
  category?: { slug: string; name: string } | null;
  stock: { available: number };
  specs: { group?: string; name: string; value: string }[];
  images: { url: string; alt: string }[];
  videos: { kind: string; title: string }[];
}

async function demoProducts(request: APIRequestContext): Promise<DemoProduct[]> {
  const response = await request.get('/api/v1/products?page_size=100');
  expect(response.status()).toBe(200);
  return ((await response.json()) as { items: DemoProduct[] }).items;
}

/** The page must run without script errors or console errors (CSP, React warnings turned errors). */
function watchForErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A YouTube/Vimeo frame may log its own errors; only the shop's own count.
    if (message.type() === 'error' && !/youtube|vimeo/i.test(message.location().url)) {
      problems.push(`console error on ${page.url()}: ${message.text()}`);
    }
  });
  return problems;
}

test.describe('storefront catalog (guest)', () => {
  test('a guest searches as they type, filters, and the filters survive a reload', async ({ page }) => {
    const problems = watchForErrors(page);
    await page.goto('/shop');
    await expect(page.getByRole('heading', { level: 1, name: 'All products' })).toBeVisible();
    await expect(page.getByTestId('product-card').first()).toBeVisible();

    await page.getByRole('searchbox', { name: 'Search products' }).pressSequentially('18v', { delay: 60 });
    await expect(page).toHaveURL(/\/shop\?q=18v$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Results for “18v”' })).toBeVisible();
    const grid = page.getByTestId('product-grid');
    await expect(grid.getByRole('link', { name: 'Cordless drill 18V' })).toBeVisible();
    await expect(grid.getByRole('link', { name: 'Impact driver 18V' })).toBeVisible();
    await expect(grid.getByRole('link', { name: 'Watering can 10L' })).toHaveCount(0);

    const filters = page.getByRole('complementary', { name: 'Filters' });
    await filters.getByRole('link', { name: 'Power tools' }).click();
    await expect(page).toHaveURL(/category=power-tools/);
    await filters.getByRole('switch', { name: 'In stock only' }).click();
    await expect(page).toHaveURL(/in_stock=1/);
    await page.getByRole('combobox', { name: 'Sort by' }).selectOption('price_desc');
    await expect(page).toHaveURL('/shop?q=18v&category=power-tools&in_stock=1&sort=price_desc');
    // Highest price first: the impact driver ($109.99) before the drill ($89.99).
    await expect(grid.getByRole('link').first()).toHaveText('Impact driver 18V');

    await page.reload();
    await expect(page.getByRole('searchbox', { name: 'Search products' })).toHaveValue('18v');
    await expect(page.getByRole('switch', { name: 'In stock only' }).first()).toBeChecked();
    await expect(page.getByRole('combobox', { name: 'Sort by' })).toHaveValue('price_desc');
    await expect(page.getByRole('group', { name: 'Active filters' })).toContainText('Power tools');
    await expect(grid.getByRole('link').first()).toHaveText('Impact driver 18V');

    // Back undoes the last filter, not a keystroke.
    await page.goBack();
    await expect(page).toHaveURL('/shop?q=18v&category=power-tools&in_stock=1');

    await page.getByRole('searchbox', { name: 'Search products' }).fill('no-such-thing-xyz');
    await expect(page.getByText('Nothing matches “no-such-thing-xyz”')).toBeVisible();
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await expect(page).toHaveURL('/shop');
    await expect(page.getByTestId('product-card').first()).toBeVisible();

    expect(problems).toEqual([]);
  });

  test('a guest opens a product, sees its photos, a video and its specifications', async ({ page, request }) => {
    const problems = watchForErrors(page);
    // The list leaves specifications out: ask for the candidates one by one.
    let target: DemoProduct | undefined;
    for (const candidate of (await demoProducts(request)).filter((p) => p.images.length > 0 && p.videos.length > 0)) {
      const detail = (await (await request.get(`/api/v1/products/${candidate.slug}`)).json()) as DemoProduct;
      if (detail.specs.length > 0) {
        target = detail;
        break;
      }
    }
    expect(target, 'the demo data should have a product with photos, a video and specifications').toBeDefined();
    const product = target!;

    // Search from the home page's header, then narrow to its category.
    await page.goto('/');
    await page.getByRole('searchbox', { name: 'Search products' }).fill(product.name);
    await page.getByRole('searchbox', { name: 'Search products' }).press('Enter');
    await expect(page).toHaveURL(/\/shop\?q=/);
    if (product.category) {
      await page.getByRole('complementary', { name: 'Filters' }).getByRole('link', { name: product.category.name, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`category=${product.category.slug}`));
    }
    await page.getByTestId('product-grid').getByRole('link', { name: product.name, exact: true }).click();
    await expect(page).toHaveURL(`/shop/p/${product.slug}`);
    await expect(page.getByRole('heading', { level: 1, name: product.name })).toBeVisible();

    // Photos: the main one has loaded; it opens full size in a dialog.
    const photos = page.getByRole('region', { name: 'Photos' });
    const main = photos.getByRole('button', { name: /^Enlarge photo 1 of / });
    await expect(main).toBeVisible();
    await expect.poll(() => main.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await main.click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expect.poll(() => dialog.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    if (product.images.length > 1) {
      await page.keyboard.press('ArrowRight');
      await expect(dialog).toHaveAccessibleName(/photo 2 of /);
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // A video: the browser's player for an upload, a sandboxed frame for YouTube/Vimeo.
    const video = product.videos[0]!;
    if (video.kind === 'file') {
      await expect(page.locator('video[controls]').first()).toBeVisible();
    } else {
      const frame = page.locator(`iframe[title="${video.title}"]`);
      await expect(frame).toHaveAttribute('sandbox', 'allow-scripts allow-same-origin allow-presentation');
    }
    await expect(page.getByText(video.title, { exact: true }).first()).toBeVisible();

    // Specifications, grouped.
    const specs = page.getByRole('table', { name: 'Specifications' });
    await expect(specs).toBeVisible();
    const first = product.specs[0]!;
    await expect(specs.getByRole('rowheader', { name: first.name, exact: true }).first()).toBeVisible();
    await expect(page.getByRole('button', { name: /cart/i })).toHaveCount(0);

    expect(problems).toEqual([]);
  });

  test('a guest compares two products side by side', async ({ page }) => {
    const problems = watchForErrors(page);
    await page.goto('/shop?q=18v');
    await page.getByRole('checkbox', { name: 'Compare Cordless drill 18V' }).check();
    const bar = page.getByRole('region', { name: 'Products to compare' });
    await expect(bar).toContainText('Pick one more to compare');

    // The second one from its product page.
    await page.getByTestId('product-grid').getByRole('link', { name: 'Impact driver 18V' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Impact driver 18V' })).toBeVisible();
    await page.getByRole('button', { name: 'Add to compare' }).click();
    await expect(page.getByRole('button', { name: 'Remove from compare' })).toHaveAttribute('aria-pressed', 'true');
    await bar.getByRole('link', { name: 'Compare 2' }).click();

    await expect(page).toHaveURL('/shop/compare?ids=cordless-drill-18v,impact-driver-18v');
    const table = page.getByRole('table', { name: 'Products side by side' });
    await expect(table.getByRole('link', { name: 'Cordless drill 18V' })).toBeVisible();
    await expect(table.getByRole('link', { name: 'Impact driver 18V' })).toBeVisible();
    const priceRow = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Price/ }) });
    await expect(priceRow).toContainText('$89.99');
    await expect(priceRow).toContainText('$109.99');
    await expect(priceRow).toContainText('Differs');

    // The pick survives a reload and is shared through the URL.
    await page.goto('/shop/compare');
    await expect(page).toHaveURL('/shop/compare?ids=cordless-drill-18v,impact-driver-18v');
    await table.getByRole('button', { name: 'Remove Impact driver 18V from the comparison' }).click();
    await expect(page.getByText('Pick one more product')).toBeVisible();

    expect(problems).toEqual([]);
  });

  test('on a phone the filters open in a drawer and nothing scrolls sideways', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('/shop?q=18v');
    await expect(page.getByTestId('product-card').first()).toBeVisible();
    await expect(page.getByRole('complementary', { name: 'Filters' })).toBeHidden();
    await page.getByRole('button', { name: 'Filters' }).click();
    const drawer = page.getByRole('dialog', { name: 'Filters' });
    await drawer.getByRole('switch', { name: 'In stock only' }).click();
    await expect(page).toHaveURL(/in_stock=1/);
    await drawer.getByRole('button', { name: 'Show results' }).click();
    await expect(drawer).toBeHidden();
    await expect(page.getByRole('button', { name: 'Filters (1)' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });

  test('a business-only product is not found by a guest, not even by its address', async ({ page, request }) => {
    // Staff see every audience: find a b2b-only product, then try it as a guest.
    const admin = await apiSession(request, staff.admin);
    const response = await request.get('/api/v1/products?audience=b2b&page_size=5', {
      headers: { Authorization: `Bearer ${admin.accessToken}` },
    });
    expect(response.status()).toBe(200);
    const b2b = ((await response.json()) as { items: (DemoProduct & { audience: string })[] }).items.find((p) => p.audience === 'b2b');
    expect(b2b, 'the demo data should have a business-only product').toBeDefined();

    await page.goto(`/shop/p/${b2b!.slug}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Product not found' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Browse the shop' })).toHaveAttribute('href', '/shop');

    await page.goto(`/shop?q=${encodeURIComponent(b2b!.name)}`);
    await expect(page.getByTestId('result-summary')).not.toHaveText('Searching…');
    await expect(page.getByRole('link', { name: b2b!.name, exact: true })).toHaveCount(0);
  });
});

// Pictures to look at (not compared): test-results/screenshots/shop-<page>-<width>-<scheme>.png
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results/screenshots');
mkdirSync(dir, { recursive: true });

const shots: { name: string; path: string; ready: (page: Page) => Promise<void> }[] = [
  {
    name: 'shop-home',
    path: '/',
    ready: async (page) => {
      await expect(page.getByRole('heading', { name: 'New in the shop' })).toBeVisible();
      await expect(page.getByTestId('product-card').first()).toBeVisible();
    },
  },
  {
    name: 'shop-list',
    path: '/shop?q=18v',
    ready: async (page) => expect(page.getByTestId('product-card').first()).toBeVisible(),
  },
  {
    name: 'shop-product',
    path: '/shop/p/cordless-drill-18v',
    ready: async (page) => expect(page.getByRole('heading', { level: 1, name: 'Cordless drill 18V' })).toBeVisible(),
  },
  {
    name: 'shop-compare',
    path: '/shop/compare?ids=cordless-drill-18v,impact-driver-18v,circular-saw-1400w',
    ready: async (page) => expect(page.getByRole('table', { name: 'Products side by side' }).getByRole('link', { name: 'Circular saw 1400W' })).toBeVisible(),
  },
];

for (const scheme of ['light', 'dark'] as const) {
  for (const shot of shots) {
    test(`screenshot ${shot.name} at 375 and 1280px (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      for (const [i, width] of [375, 1280].entries()) {
        await page.setViewportSize({ width, height: 800 });
        if (i === 0) {
          await page.goto(shot.path);
        } else {
          await page.waitForTimeout(150);
        }
        await shot.ready(page);
        await expect(page.getByRole('status', { name: /^Loading/ })).toHaveCount(0);
        await page.waitForTimeout(200); // images decode
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
        await page.screenshot({ path: path.join(dir, `${shot.name}-${width}-${scheme}.png`), fullPage: true });
      }
    });
  }
}

test('screenshot the photo lightbox at 375 and 1280px', async ({ page, request }) => {
  const withPhotos = (await demoProducts(request)).find((p) => p.images.length > 1) ?? (await demoProducts(request)).find((p) => p.images.length > 0);
  test.skip(!withPhotos, 'no demo product has photos yet');
  await page.emulateMedia({ colorScheme: 'light' });
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`/shop/p/${withPhotos!.slug}`);
    await page.getByRole('button', { name: /^Enlarge photo 1 of / }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(dir, `shop-lightbox-${width}-light.png`) });
  }
});

test('screenshot a business view of a product with photos and quantity prices (mocked answer) at 375 and 1280px', async ({ page, request }) => {
  // The demo has no photos or tiers for a guest: the product's real answer, dressed up as a
  // business customer would see it, with a picture the browser made itself.
  await page.setViewportSize({ width: 640, height: 480 });
  await page.goto('/shop?q=18v');
  await expect(page.getByTestId('product-card').first()).toBeVisible();
  const picture = await page.screenshot();
  await page.route('**/media/mock/*', (route) => route.fulfill({ contentType: 'image/png', body: picture }));

  const real = (await (await request.get('/api/v1/products/cordless-drill-18v')).json()) as Record<string, unknown>;
  const image = (id: string, alt: string) => ({
    id,
    url: `/media/mock/${id}.png`,
    alt,
    width: 640,
    height: 480,
    thumbnails: { small: `/media/mock/${id}.png`, medium: `/media/mock/${id}.png`, large: `/media/mock/${id}.png` },
  });
  const usd = (amount: number) => ({ amount, currency: 'USD' });
  await page.route('**/api/v1/products/cordless-drill-18v', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        ...real,
        images: [image('a', 'Drill, front'), image('b', 'Drill, side'), image('c', 'Drill in its case')],
        price: usd(8099),
        list_price: usd(8999),
        price_explanation: ['Trade price list, tier 1–9'],
        tiers: [
          { min_qty: 1, max_qty: 9, unit_price: usd(8099), source: 'Trade price list' },
          { min_qty: 10, max_qty: 49, unit_price: usd(7650), source: 'Trade price list' },
          { min_qty: 50, max_qty: null, unit_price: usd(7200), source: 'Trade price list' },
        ],
        min_order_qty: 10,
        order_multiple: 5,
        datasheets: [{ id: 'd1', title: 'User manual', url: '/media/mock/d1.pdf', bytes: 1_250_000 }],
      }),
    }),
  );
  await page.emulateMedia({ colorScheme: 'light' });
  for (const [i, width] of [375, 1280].entries()) {
    await page.setViewportSize({ width, height: 800 });
    if (i === 0) {
      await page.goto('/shop/p/cordless-drill-18v');
    } else {
      await page.waitForTimeout(150);
    }
    await expect(page.getByRole('table', { name: /Unit price by quantity/ })).toBeVisible();
    await expect.poll(() => page.getByRole('button', { name: /^Enlarge photo 1 of 3/ }).locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(dir, `shop-product-business-${width}-light.png`), fullPage: true });
  }
  await page.getByRole('button', { name: /^Enlarge photo 1 of 3/ }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(dir, 'shop-lightbox-1280-light-mocked.png') });
});
