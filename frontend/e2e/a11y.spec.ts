import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const pages = [
  { path: '/', ready: (page: Page) => page.getByRole('region', { name: 'System status' }).getByText(/^Version /) },
  { path: '/admin', ready: (page: Page) => page.getByRole('region', { name: 'System status' }).getByText(/^Version /) },
  { path: '/admin/does-not-exist', ready: (page: Page) => page.getByRole('heading', { name: 'Page not found' }) },
];

for (const scheme of ['light', 'dark'] as const) {
  for (const { path, ready } of pages) {
    test(`no serious or critical axe violations on ${path} (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(path);
      await expect(ready(page)).toBeVisible();

      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
        .analyze();
      const blocking = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`) }));
      expect(blocking, JSON.stringify(blocking, null, 2)).toEqual([]);
    });
  }
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
