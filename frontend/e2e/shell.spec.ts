import { expect, test } from './fixtures';

test.describe('SPA shell served by omsd', () => {
  // The pages must run without script errors or console errors (e.g. a CSP
  // that blocks the bundle or Mantine's styles).
  let problems: string[] = [];
  test.beforeEach(({ page }) => {
    problems = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !page.url().includes('/swagger/')) {
        problems.push(`console error on ${page.url()}: ${message.text()}`);
      }
    });
  });
  test.afterEach(() => {
    expect(problems).toEqual([]);
  });

  test('shop home shows the product name and the server version', async ({ page }) => {
    await page.goto('/');
    const header = page.getByRole('banner');
    await expect(header.getByRole('link', { name: 'Order Management System' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Order Management System' })).toBeVisible();

    const status = page.getByRole('region', { name: 'System status' });
    await expect(status.getByText(/^Version \S+/)).toBeVisible();
    await expect(status.getByText('Ready', { exact: true })).toBeVisible();
  });

  test('version shown is the one the API reports', async ({ page, request }) => {
    const response = await request.get('/api/v1/version');
    expect(response.status()).toBe(200);
    const info = (await response.json()) as { name: string; version: string; demo: boolean };

    await page.goto('/');
    const status = page.getByRole('region', { name: 'System status' });
    await expect(status.getByText(info.name, { exact: true })).toBeVisible();
    await expect(status.getByText(`Version ${info.version}`)).toBeVisible();
    if (info.demo) {
      await expect(status.getByText('Demo mode')).toBeVisible();
    }
  });

  test('client-side navigation to the back office, reload, and SPA 404', async ({ page, asAdmin }) => {
    await asAdmin();
    await page.goto('/');
    await expect(page.getByRole('region', { name: 'System status' })).toBeVisible();

    // Mark the document: it survives client-side navigation, not a page load.
    await page.evaluate(() => document.documentElement.setAttribute('data-e2e-marker', 'same-document'));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Back office' }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Back office' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-e2e-marker', 'same-document');

    // A full load of /admin is answered by the server's SPA fallback.
    const reload = await page.reload();
    expect(reload?.status()).toBe(200);
    await expect(page.locator('html')).not.toHaveAttribute('data-e2e-marker', 'same-document');
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Back office' })).toBeVisible();

    const missing = await page.goto('/admin/does-not-exist');
    expect(missing?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expect(page.getByText('/admin/does-not-exist')).toBeVisible();
    await page.getByRole('link', { name: 'Go to the dashboard' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  });

  test('unknown shop route shows the SPA 404 page', async ({ page }) => {
    await page.goto('/no/such/page');
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expect(page.getByRole('banner').getByRole('link', { name: 'Order Management System' })).toBeVisible();
  });

  test('unknown API path is a problem+json 404, not the SPA', async ({ request }) => {
    const response = await request.get('/api/v1/does-not-exist');
    expect(response.status()).toBe(404);
    expect(response.headers()['content-type']).toMatch(/^application\/problem\+json/);
    const body = (await response.json()) as { status?: number; title?: string };
    expect(body.status).toBe(404);
    expect(body.title).toBeTruthy();
  });

  test('Swagger UI is served', async ({ page }) => {
    await page.goto('/swagger/index.html');
    await expect(page).toHaveTitle(/Swagger/);
    await expect(page.locator('.swagger-ui .info .title')).toBeVisible();
    // The UI loaded the spec: the version operation is listed.
    await expect(page.getByRole('button', { name: /get \/api\/v1\/version/i })).toBeVisible();
  });

  test('back office navigation collapses to a burger menu on a phone', async ({ page, asAdmin }) => {
    await asAdmin();
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto('/admin');
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Back office' });
    await expect(nav).toHaveAttribute('inert');
    await expect(nav.getByRole('link', { name: 'Dashboard' })).not.toBeInViewport();

    const burger = page.getByRole('button', { name: 'Open navigation' });
    await burger.click();
    await expect(nav.getByRole('link', { name: 'Dashboard' })).toBeInViewport();
    await expect(page.getByRole('button', { name: 'Close navigation' })).toHaveAttribute('aria-expanded', 'true');
    await expect(nav).not.toHaveAttribute('inert');
  });

  test('keyboard: the skip link moves focus to the main content', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();
  });
});
