import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/*
 * Backups in the back office, against the real omsd (demo data, SQLite): an
 * admin backs up now, waits for the worker to finish, verifies the archive and
 * downloads it; other staff never see the page.
 */

const shots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results/screenshots');
mkdirSync(shots, { recursive: true });

async function shoot(page: Page, name: string) {
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(200); // media queries re-render (cards ↔ tables)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(shots, `${name}-${width}-light.png`), fullPage: true });
  }
}

async function expectNoBlockingAxeViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`) }));
  expect(blocking, `${what}: ${JSON.stringify(blocking, null, 2)}`).toEqual([]);
}

test.describe('back-office backups', () => {
  test('an admin backs up now, waits until it succeeded, and verifies it', async ({ page, asAdmin }) => {
    test.setTimeout(90_000);
    await asAdmin();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.goto('/admin');
    await expect(page.getByRole('region', { name: 'Backups' })).toBeVisible();
    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Backups' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Backups' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Backup status' })).toContainText('Retention');

    const backUp = page.getByRole('button', { name: 'Back up now' });
    await expect(backUp).toBeEnabled();
    await backUp.click();

    const table = page.getByRole('table', { name: 'Backups' });
    const row = table.getByRole('row').filter({ hasText: 'Manual' }).first();
    await expect(row).toBeVisible();
    await expect(row.getByText('Succeeded')).toBeVisible({ timeout: 60_000 });
    await expect(backUp).toBeEnabled();

    await row.getByRole('button', { name: /^Verify backup of/ }).click();
    await expect(row.getByText(/^Verified OK: full check/)).toBeVisible({ timeout: 30_000 });
    await expect(row.getByText('OK', { exact: true })).toBeVisible();

    const download = page.waitForEvent('download');
    await row.getByRole('button', { name: /^Download backup of/ }).click();
    expect((await download).suggestedFilename()).toMatch(/\.tar\.gz$/);

    await expectNoBlockingAxeViolations(page, 'backups page');
    await shoot(page, 'backoffice-backups');
  });

  test('other staff do not see backups', async ({ page, asSupport }) => {
    await asSupport();
    await page.goto('/admin');
    const nav = page.getByRole('navigation', { name: 'Back office' });
    await expect(nav.getByRole('link', { name: 'Dashboard' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Backups' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Backups' })).toHaveCount(0);
    await page.goto('/admin/backups');
    await expect(page.getByRole('heading', { level: 1, name: 'Not available for your role' })).toBeVisible();
  });
});
