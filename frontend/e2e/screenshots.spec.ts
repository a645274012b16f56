import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// Pictures to look at (not compared): test-results/screenshots/<page>-<width>-<scheme>.png
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results/screenshots');
mkdirSync(dir, { recursive: true });

const statusReady = async (page: Page) => {
  await expect(page.getByRole('region', { name: 'System status' }).getByText(/^Version /)).toBeVisible();
  await expect(page.getByText('Ready', { exact: true })).toBeVisible();
};

const widths = [375, 1280];
type As = 'admin' | 'customer' | null;
const targets: { name: string; path: string; as: As; ready: (page: Page) => Promise<void> }[] = [
  {
    name: 'products',
    path: '/admin/products',
    as: 'admin',
    ready: async (page: Page) => {
      await expect(page.getByRole('table', { name: 'Products' }).getByRole('row').nth(1)).toBeVisible();
      await expect(page.getByRole('table', { name: 'Products' }).locator('img').first()).toHaveJSProperty('complete', true);
    },
  },
  {
    name: 'product-new',
    path: '/admin/products/new',
    as: 'admin',
    ready: async (page: Page) => expect(page.getByRole('button', { name: 'Create product' })).toBeVisible(),
  },
  {
    name: 'product-edit',
    path: '/admin/products/cordless-drill-18v',
    as: 'admin',
    ready: async (page: Page) => {
      const media = page.getByRole('list', { name: 'Media' });
      await expect(media.getByRole('textbox', { name: 'Alt text of picture 1' })).toBeVisible();
      await expect(media.locator('img').first()).toHaveJSProperty('complete', true);
    },
  },
  {
    name: 'categories',
    path: '/admin/categories',
    as: 'admin',
    ready: async (page: Page) => expect(page.getByRole('tree', { name: 'Categories' }).getByRole('treeitem').first()).toBeVisible(),
  },
  { name: 'home', path: '/', as: null, ready: statusReady },
  { name: 'admin', path: '/admin', as: 'admin', ready: statusReady },
  {
    name: 'login',
    path: '/login',
    as: null,
    ready: async (page: Page) => expect(page.getByRole('button', { name: 'Log in' })).toBeVisible(),
  },
  {
    name: 'register',
    path: '/register',
    as: null,
    ready: async (page: Page) => expect(page.getByRole('radio', { name: /^Business/ })).toBeVisible(),
  },
  {
    name: 'account',
    path: '/account',
    as: 'customer',
    ready: async (page: Page) => expect(page.getByTestId('login-id')).toBeVisible(),
  },
  {
    name: 'registrations',
    path: '/admin/registrations?status=all',
    as: 'admin',
    ready: async (page: Page) => expect(page.getByText('casey@example.com').first()).toBeVisible(),
  },
  {
    name: 'users',
    path: '/admin/users',
    as: 'admin',
    ready: async (page: Page) => expect(page.getByText('fulfilment@oms.example.com').first()).toBeVisible(),
  },
  {
    name: 'audit',
    path: '/admin/audit',
    as: 'admin',
    ready: async (page: Page) => expect(page.getByText('Logged in').first()).toBeVisible(),
  },
  {
    name: 'catalogs',
    path: '/admin/catalogs',
    as: 'admin',
    ready: async (page: Page) => expect(page.getByText('Live').first()).toBeVisible(),
  },
  {
    name: 'catalog-new',
    path: '/admin/catalogs/new',
    as: 'admin',
    ready: async (page: Page) => expect(page.getByRole('button', { name: 'Create catalog' })).toBeVisible(),
  },
  {
    name: 'customer-groups',
    path: '/admin/customer-groups',
    as: 'admin',
    ready: async (page: Page) => expect(page.getByText('Trade customers').first()).toBeVisible(),
  },
  {
    name: 'products-import',
    path: '/admin/products/import',
    as: 'admin',
    ready: async (page: Page) => expect(page.getByRole('button', { name: 'Download products.csv' })).toBeVisible(),
  },
  {
    name: 'messages',
    path: '/admin/messages',
    as: 'admin',
    ready: async (page: Page) => {
      await expect(page.getByText('ops@example.com').first()).toBeVisible();
      // Wait until the seeded messages have left the queue, so the picture is stable.
      await expect(page.locator('[data-status="queued"]')).toHaveCount(0, { timeout: 10_000 });
    },
  },
];

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

// One page load per page and scheme: the phone picture first, then the same page widened.
for (const scheme of ['light', 'dark'] as const) {
  for (const target of targets) {
    test(`screenshot ${target.name} at ${widths.join(' and ')}px (${scheme})`, async ({ page, asAdmin, asCustomer }) => {
      if (target.as === 'admin') {
        await asAdmin();
      } else if (target.as === 'customer') {
        await asCustomer();
      }
      await page.emulateMedia({ colorScheme: scheme });
      for (const [i, width] of widths.entries()) {
        await page.setViewportSize({ width, height: 800 });
        if (i === 0) {
          await page.goto(target.path);
        } else {
          await page.waitForTimeout(150); // media queries re-render (cards ↔ tables)
        }
        await target.ready(page);
        await expectNoSidewaysScroll(page);
        await page.screenshot({ path: path.join(dir, `${target.name}-${width}-${scheme}.png`), fullPage: true });
      }
    });
  }
}

test('screenshot admin at 375px with the navigation open', async ({ page, asAdmin }) => {
  await asAdmin();
  await page.setViewportSize({ width: 375, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/admin');
  await page.getByRole('button', { name: 'Open navigation' }).click();
  const nav = page.getByRole('navigation', { name: 'Back office' });
  await expect(nav.getByRole('link', { name: 'Dashboard' })).toBeInViewport();
  // Wait for the slide-in transition to finish.
  await expect.poll(async () => (await nav.boundingBox())?.x).toBe(0);
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(dir, 'admin-375-light-nav-open.png') });
});

for (const width of widths) {
  test(`screenshot a message open at ${width}px`, async ({ page, asAdmin }) => {
    await asAdmin();
    await page.setViewportSize({ width, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/admin/messages?channel=email');
    await page.getByText('ops@example.com').first().click();
    const drawer = page.getByRole('dialog', { name: 'Email to ops@example.com' });
    await expect(drawer.getByTestId('message-body')).toBeVisible();
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(dir, `messages-${width}-light-open.png`) });
  });

  test(`screenshot the login form with errors at ${width}px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/login?next=%2Fadmin&reason=session-ended');
    await page.getByLabel('Login ID or email').fill('fulfilment@oms.example.com');
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('wrong');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Could not log in' })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: path.join(dir, `login-${width}-light-error.png`), fullPage: true });
  });
}

// The wizard's later steps with mocked answers: the server flags the 4th application from one
// IP, so the suite files only the two real ones it needs (registration.spec.ts).
const fakeId = '01a2139a-0000-7000-8000-00000000e2e0';
const fakeStatuses = {
  verify: { status: 'pending_verification', email_verified: true, phone_verified: false },
  review: { status: 'pending_review', email_verified: true, phone_verified: true },
  approved: { status: 'approved', email_verified: true, phone_verified: true, registration_id: 'REG-2026-000042', login_id: 'B000042' },
  rejected: { status: 'rejected', email_verified: true, phone_verified: true, reject_reason: 'We could not confirm the company registration number with the registry.' },
} as const;

for (const [name, status] of Object.entries(fakeStatuses)) {
  test(`screenshot the registration ${name} step at ${widths.join(' and ')}px`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.addInitScript((id) => {
      sessionStorage.setItem(
        'oms.registration',
        JSON.stringify({
          id,
          token: 't',
          type: 'business',
          email: 'morgan@acme-tools.example.com',
          phone: '+1 415 555 0152',
          resendAfter: { email: Date.now() + 42_000, sms: 0 },
        }),
      );
    }, fakeId);
    await page.route(new RegExp(`/api/v1/registrations/${fakeId}\\?`), (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ id: fakeId, registration_id: null, login_id: null, reject_reason: null, ...status }),
      }),
    );
    for (const [i, width] of widths.entries()) {
      await page.setViewportSize({ width, height: 800 });
      if (i === 0) {
        await page.goto(name === 'verify' ? '/register' : `/register/${fakeId}`);
      }
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByRole('status', { name: /Loading/ })).toHaveCount(0);
      await page.waitForTimeout(300); // the stepper's check marks pop in; media queries re-render
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: path.join(dir, `register-${name}-${width}-light.png`), fullPage: true });
    }
  });
}

test(`screenshot the registration details with errors at ${widths.join(' and ')}px`, async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: widths[0]!, height: 800 });
  await page.goto('/register');
  await page.getByRole('radio', { name: /^Business/ }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel(/^Password/).fill('correct horse');
  await page.getByRole('button', { name: 'Send codes' }).click();
  await expect(page.getByText('Enter the company’s legal name')).toBeVisible();
  for (const width of widths) {
    await page.setViewportSize({ width, height: 800 });
    await page.waitForTimeout(150);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: path.join(dir, `register-details-${width}-light-errors.png`), fullPage: true });
  }
});
