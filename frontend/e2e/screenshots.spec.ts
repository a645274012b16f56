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
const targets = [
  { name: 'home', path: '/', staff: false, ready: statusReady },
  { name: 'admin', path: '/admin', staff: true, ready: statusReady },
  {
    name: 'login',
    path: '/login',
    staff: false,
    ready: async (page: Page) => expect(page.getByRole('button', { name: 'Log in' })).toBeVisible(),
  },
  {
    name: 'messages',
    path: '/admin/messages',
    staff: true,
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

for (const scheme of ['light', 'dark'] as const) {
  for (const width of widths) {
    for (const target of targets) {
      test(`screenshot ${target.name} at ${width}px (${scheme})`, async ({ page, asAdmin }) => {
        if (target.staff) {
          await asAdmin();
        }
        await page.setViewportSize({ width, height: 800 });
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(target.path);
        await target.ready(page);
        await expectNoSidewaysScroll(page);
        await page.screenshot({ path: path.join(dir, `${target.name}-${width}-${scheme}.png`), fullPage: true });
      });
    }
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
    await page.getByLabel('Email or Login ID').fill('fulfilment@oms.example.com');
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('wrong');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Could not log in' })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: path.join(dir, `login-${width}-light-error.png`), fullPage: true });
  });
}
