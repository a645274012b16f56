import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

// Pictures to look at (not compared): test-results/screenshots/<page>-<width>-<scheme>.png
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results/screenshots');
mkdirSync(dir, { recursive: true });

const widths = [375, 1280];
const targets = [
  { name: 'home', path: '/' },
  { name: 'admin', path: '/admin' },
];

for (const scheme of ['light', 'dark'] as const) {
  for (const width of widths) {
    for (const target of targets) {
      test(`screenshot ${target.name} at ${width}px (${scheme})`, async ({ page }) => {
        await page.setViewportSize({ width, height: 800 });
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(target.path);
        await expect(page.getByRole('region', { name: 'System status' }).getByText(/^Version /)).toBeVisible();
        await expect(page.getByText('Ready', { exact: true })).toBeVisible();

        // Nothing may overflow sideways on a phone.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);

        await page.screenshot({ path: path.join(dir, `${target.name}-${width}-${scheme}.png`), fullPage: true });
      });
    }
  }
}

test('screenshot admin at 375px with the navigation open', async ({ page }) => {
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
