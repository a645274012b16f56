import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const systemStatusReady = (page: Page) => page.getByRole('region', { name: 'System status' }).getByText(/^Version /);

type As = 'admin' | 'customer' | null;

const pages: { path: string; as: As; ready: (page: Page) => Locator }[] = [
  { path: '/', as: null, ready: systemStatusReady },
  { path: '/login', as: null, ready: (page: Page) => page.getByRole('button', { name: 'Log in' }) },
  { path: '/register', as: null, ready: (page: Page) => page.getByRole('radio', { name: /^Business/ }) },
  { path: '/forgot-password', as: null, ready: (page: Page) => page.getByRole('button', { name: 'Email me a code' }) },
  { path: '/reset-password?login=C000001&code=123456', as: null, ready: (page: Page) => page.getByRole('button', { name: 'Set new password' }) },
  { path: '/account', as: 'customer', ready: (page: Page) => page.getByRole('region', { name: 'Change password' }) },
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
    await expect(ready(page)).toBeVisible();
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
