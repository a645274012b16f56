import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

// Every test here runs axe once or more: on a busy 2-core machine one run can take 10–30 s, so
// all of them get three times the default timeout.
test.slow();

const systemStatusReady = (page: Page) => page.getByRole('region', { name: 'System status' }).getByText(/^Version /);

type As = 'admin' | 'customer' | null;

const pages: { path: string; as: As; ready: (page: Page) => Locator }[] = [
  { path: '/', as: null, ready: systemStatusReady },
  { path: '/login', as: null, ready: (page: Page) => page.getByRole('button', { name: 'Log in' }) },
  { path: '/register', as: null, ready: (page: Page) => page.getByRole('radio', { name: /^Business/ }) },
  { path: '/forgot-password', as: null, ready: (page: Page) => page.getByRole('button', { name: 'Email me a code' }) },
  { path: '/reset-password?login=C000001&code=123456', as: null, ready: (page: Page) => page.getByRole('button', { name: 'Set new password' }) },
  { path: '/account', as: 'customer', ready: (page: Page) => page.getByRole('region', { name: 'Change password' }) },
  { path: '/shop?q=18v&in_stock=1', as: null, ready: (page: Page) => page.getByTestId('product-card').first() },
  { path: '/shop?q=no-such-product-xyz', as: null, ready: (page: Page) => page.getByRole('button', { name: 'Clear search and filters' }) },
  { path: '/shop/p/cordless-drill-18v', as: null, ready: (page: Page) => page.getByRole('heading', { level: 1, name: 'Cordless drill 18V' }) },
  {
    path: '/shop/compare?ids=cordless-drill-18v,impact-driver-18v',
    as: null,
    ready: (page: Page) => page.getByRole('table', { name: 'Products side by side' }).getByRole('link', { name: 'Impact driver 18V' }),
  },
  { path: '/admin', as: 'admin', ready: systemStatusReady },
  { path: '/admin/does-not-exist', as: 'admin', ready: (page: Page) => page.getByRole('heading', { name: 'Page not found' }) },
  {
    path: '/admin/messages',
    as: 'admin',
    ready: (page: Page) => page.getByRole('table', { name: 'Messages' }).getByRole('row').filter({ hasText: 'ops@example.com' }),
  },
  {
    path: '/admin/registrations?status=all',
    as: 'admin',
    ready: (page: Page) => page.getByRole('table', { name: 'Applications' }).getByRole('row').filter({ hasText: 'casey@example.com' }),
  },
  { path: '/admin/registrations', as: 'admin', ready: (page: Page) => page.getByRole('tab', { name: 'Waiting for review' }) },
  {
    path: '/admin/users',
    as: 'admin',
    ready: (page: Page) => page.getByRole('table', { name: 'Staff' }).getByRole('row').filter({ hasText: 'fulfilment@oms.example.com' }),
  },
  {
    path: '/admin/audit',
    as: 'admin',
    ready: (page: Page) => page.getByRole('table', { name: 'Audit entries' }).getByRole('row').nth(1),
  },
  {
    path: '/admin/catalogs',
    as: 'admin',
    ready: (page: Page) => page.getByRole('table', { name: 'Catalogs' }).getByRole('row').filter({ hasText: 'Trade catalog' }).getByText('Live'),
  },
  { path: '/admin/catalogs/new', as: 'admin', ready: (page: Page) => page.getByRole('button', { name: 'Create catalog' }) },
  {
    path: '/admin/customer-groups',
    as: 'admin',
    ready: (page: Page) => page.getByRole('table', { name: 'Customer groups' }).getByRole('row').filter({ hasText: 'Trade customers' }),
  },
  { path: '/admin/products/import', as: 'admin', ready: (page: Page) => page.getByRole('button', { name: 'Download products.csv' }) },
  {
    path: '/admin/pricing/price-lists',
    as: 'admin',
    ready: (page: Page) => page.getByRole('table', { name: 'Price lists' }).locator('tr[data-code="TRADE"]').getByText('Live'),
  },
  { path: '/admin/pricing/price-lists/new', as: 'admin', ready: (page: Page) => page.getByRole('button', { name: 'Create price list' }) },
  {
    path: '/admin/pricing/offers',
    as: 'admin',
    ready: (page: Page) => page.getByRole('table', { name: 'Offers' }).getByRole('row').filter({ hasText: 'WELCOME5' }).first(),
  },
  { path: '/admin/pricing/offers/new', as: 'admin', ready: (page: Page) => page.getByRole('button', { name: 'Create offer' }) },
  { path: '/admin/pricing/tax-rates', as: 'admin', ready: (page: Page) => page.getByRole('table', { name: 'Tax rates' }).getByRole('row').nth(1) },
];

async function blockingViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`) }));
}

/** Switches the emulated scheme; Mantine ("auto") follows it without a reload. */
async function useScheme(page: Page, scheme: 'light' | 'dark') {
  await page.emulateMedia({ colorScheme: scheme });
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
}

// One page load per page: checked in light, then in dark.
for (const { path, as, ready } of pages) {
  test(`no serious or critical axe violations on ${path} (light and dark)`, async ({ page, asAdmin, asCustomer }) => {
    if (as === 'admin') {
      await asAdmin();
    } else if (as === 'customer') {
      await asCustomer();
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(path);
    await expect(ready(page)).toBeVisible({ timeout: 30_000 }); // a lazy back-office chunk on a busy machine
    for (const scheme of ['light', 'dark'] as const) {
      await useScheme(page, scheme);
      const blocking = await blockingViolations(page);
      expect(blocking, `${scheme}: ${JSON.stringify(blocking, null, 2)}`).toEqual([]);
    }
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violations with a message open, phone width (${scheme})`, async ({ page, asAdmin }) => {
    await asAdmin();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/admin/messages?channel=email');
    await page.getByRole('list', { name: 'Messages' }).getByRole('link').first().click();
    await expect(page.getByRole('dialog').getByTestId('message-body')).toBeVisible();
    await page.waitForTimeout(300); // the drawer's slide-in
    const blocking = await blockingViolations(page);
    expect(blocking, JSON.stringify(blocking, null, 2)).toEqual([]);
  });

  test(`no serious or critical axe violations on the registration details with errors (${scheme})`, async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/register');
    await page.getByRole('radio', { name: /^Business/ }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel(/^Password/).fill('short');
    await page.getByRole('button', { name: 'Send codes' }).click();
    await expect(page.getByText('Enter the company’s legal name')).toBeVisible();
    const blocking = await blockingViolations(page);
    expect(blocking, JSON.stringify(blocking, null, 2)).toEqual([]);
  });

  test(`no serious or critical axe violations with an audit entry open and the add-staff dialog (${scheme})`, async ({ page, asAdmin }) => {
    await asAdmin();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/admin/audit');
    await page.getByRole('table', { name: 'Audit entries' }).getByRole('button', { name: 'Details' }).first().click();
    await expect(page.getByText('After', { exact: true }).first()).toBeVisible();
    await page.mouse.move(0, 0); // no hover effect in the picture axe checks
    expect(await blockingViolations(page), 'audit entry open').toEqual([]);

    await page.goto('/admin/users');
    await page.getByRole('button', { name: 'Add staff member' }).click();
    await expect(page.getByRole('dialog', { name: 'Add staff member' })).toBeVisible();
    await page.waitForTimeout(300); // the dialog's transition
    const blocking = await blockingViolations(page);
    expect(blocking, JSON.stringify(blocking, null, 2)).toEqual([]);
  });

  test(`no serious or critical axe violations on the login form with errors (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/login?next=%2Fadmin&reason=session-ended');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByText('Enter your password')).toBeVisible();
    await page.getByLabel('Login ID or email').fill('fulfilment@oms.example.com');
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('wrong');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Could not log in' })).toBeVisible();
    const blocking = await blockingViolations(page);
    expect(blocking, JSON.stringify(blocking, null, 2)).toEqual([]);
  });
}

test('the system status error state is accessible and recovers on retry', async ({ page }) => {
  await page.route('**/api/v1/version', (route) =>
    route.fulfill({
      status: 500,
      contentType: 'application/problem+json',
      body: JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'simulated failure', request_id: 'e2e-1' }),
    }),
  );
  await page.goto('/');
  const alert = page.getByRole('alert').filter({ hasText: 'Could not load the system status' });
  await expect(alert).toContainText('simulated failure');

  const results = await new AxeBuilder({ page }).include('main').analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(blocking.map((v) => `${v.id}: ${v.nodes.map((n) => n.failureSummary).join('; ')}`)).toEqual([]);

  await page.unroute('**/api/v1/version');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('region', { name: 'System status' }).getByText(/^Version /)).toBeVisible();
  await expect(alert).toBeHidden();
});

for (const scheme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violations in the shop at phone width: filters drawer, compare bar, photo dialog (${scheme})`, async ({ page }) => {
    test.slow(); // three pages checked in one test
    await page.setViewportSize({ width: 375, height: 800 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/shop?q=18v');
    await page.getByRole('checkbox', { name: 'Compare Cordless drill 18V' }).check();
    await expect(page.getByRole('region', { name: 'Products to compare' })).toBeVisible();
    expect(await blockingViolations(page), 'list with the compare bar').toEqual([]);

    await page.getByRole('button', { name: 'Filters' }).click();
    await expect(page.getByRole('dialog', { name: 'Filters' })).toBeVisible();
    await page.waitForTimeout(300); // the drawer's slide-in
    expect(await blockingViolations(page), 'filters drawer').toEqual([]);
    await page.keyboard.press('Escape');

    const products = (await (await page.request.get('/api/v1/products?page_size=100')).json()) as { items: { slug: string; images: unknown[] }[] };
    const withPhoto = products.items.find((p) => p.images.length > 0);
    if (withPhoto) {
      await page.goto(`/shop/p/${withPhoto.slug}`);
      await page.getByRole('button', { name: /^Enlarge photo 1 of / }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await page.waitForTimeout(300);
      expect(await blockingViolations(page), 'photo dialog').toEqual([]);
    }
  });
}

// The catalog pages are long (a 25-row table, a form of some 30 inputs): axe takes a while on them.
const catalogPages: { path: string; ready: (page: Page) => Locator }[] = [
  { path: '/admin/products', ready: (page: Page) => page.getByRole('table', { name: 'Products' }).getByRole('row').nth(1) },
  { path: '/admin/products/new', ready: (page: Page) => page.getByRole('button', { name: 'Create product' }) },
  {
    path: '/admin/products/cordless-drill-18v',
    ready: (page: Page) => page.getByRole('list', { name: 'Media' }).getByRole('textbox', { name: 'Alt text of picture 1' }),
  },
  { path: '/admin/categories', ready: (page: Page) => page.getByRole('tree', { name: 'Categories' }).getByRole('treeitem').first() },
];

for (const { path, ready } of catalogPages) {
  test(`no serious or critical axe violations on ${path} (light and dark)`, async ({ page, asAdmin }) => {
    test.slow();
    await asAdmin();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(path);
    await expect(ready(page)).toBeVisible({ timeout: 20_000 });
    for (const scheme of ['light', 'dark'] as const) {
      await useScheme(page, scheme);
      const blocking = await blockingViolations(page);
      expect(blocking, `${scheme}: ${JSON.stringify(blocking, null, 2)}`).toEqual([]);
    }
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violations in the product editor with errors and its dialogs, phone width (${scheme})`, async ({
    page,
    asAdmin,
  }) => {
    test.slow(); // three axe runs on a long page
    await asAdmin();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/admin/products/new');
    await page.getByRole('button', { name: 'Create product' }).click();
    await expect(page.getByText('Enter the SKU')).toBeVisible();
    expect(await blockingViolations(page), 'new product with errors').toEqual([]);

    await page.goto('/admin/products/cordless-drill-18v');
    const stock = page.getByRole('region', { name: 'Stock' });
    await stock.getByRole('button', { name: 'Adjust stock' }).click();
    const dialog = page.getByRole('dialog', { name: 'Adjust stock' });
    await dialog.getByRole('button', { name: 'Adjust stock' }).click();
    await expect(dialog.getByText('Say why the stock changes')).toBeVisible();
    await page.waitForTimeout(300); // the dialog's transition
    expect(await blockingViolations(page), 'adjust stock dialog').toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Add a video' }).click();
    await expect(page.getByRole('dialog', { name: 'Add a video' })).toBeVisible();
    await page.waitForTimeout(300);
    expect(await blockingViolations(page), 'video dialog').toEqual([]);
  });
}
