import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const systemStatusReady = (page: Page) => page.getByRole('region', { name: 'System status' }).getByText(/^Version /);

const pages = [
  { path: '/', staff: false, ready: systemStatusReady },
  { path: '/login', staff: false, ready: (page: Page) => page.getByRole('button', { name: 'Log in' }) },
  { path: '/admin', staff: true, ready: systemStatusReady },
  { path: '/admin/does-not-exist', staff: true, ready: (page: Page) => page.getByRole('heading', { name: 'Page not found' }) },
  {
    path: '/admin/messages',
    staff: true,
    ready: (page: Page) => page.getByRole('table', { name: 'Messages' }).getByRole('row').filter({ hasText: 'ops@example.com' }),
  },
];

async function blockingViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`) }));
}

for (const scheme of ['light', 'dark'] as const) {
  for (const { path, staff, ready } of pages) {
    test(`no serious or critical axe violations on ${path} (${scheme})`, async ({ page, asAdmin }) => {
      if (staff) {
        await asAdmin();
      }
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(path);
      await expect(ready(page)).toBeVisible();
      const blocking = await blockingViolations(page);
      expect(blocking, JSON.stringify(blocking, null, 2)).toEqual([]);
    });
  }

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

  test(`no serious or critical axe violations on the login form with errors (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/login?next=%2Fadmin&reason=session-ended');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByText('Enter your password')).toBeVisible();
    await page.getByLabel('Email or Login ID').fill('fulfilment@oms.example.com');
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
