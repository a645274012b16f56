import { expect, logInWithForm, seedSession, staff, test } from './fixtures';

test.describe('logging in and the message log', () => {
  test('admin logs in, sends a test SMS, reads it in the log, logs out', async ({ page }) => {
    await page.goto('/admin');
    await expect(page).toHaveURL(/\/login\?next=%2Fadmin$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();

    await logInWithForm(page, staff.admin);
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    const header = page.getByRole('banner');
    await expect(header.getByText('Avery Admin').filter({ visible: true })).toBeVisible();
    await expect(header.getByText('Admin', { exact: true }).filter({ visible: true })).toBeVisible();

    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Messages' }).click();
    await expect(page).toHaveURL(/\/admin\/messages$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Messages' })).toBeVisible();

    const form = page.getByRole('region', { name: 'Send a test message' });
    await expect(form.getByRole('radio', { name: 'SMS' })).toBeChecked();
    await form.getByLabel('Recipient').fill('+14155550100');
    await form.getByRole('button', { name: 'Send test SMS' }).click();
    await expect(form.getByRole('status')).toContainText('Test SMS to +1415•••0100 is queued.');

    // The console provider hands it over at once; the page refreshes every 5 s.
    const row = page.getByRole('table', { name: 'Messages' }).getByRole('row').filter({ hasText: '+14155550100' });
    await expect(row).toHaveCount(1, { timeout: 10_000 });
    await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'sent', { timeout: 10_000 });

    await row.getByRole('cell', { name: '+14155550100' }).click();
    const drawer = page.getByRole('dialog', { name: 'SMS to +14155550100' });
    await expect(drawer).toBeVisible();
    await expect(drawer.getByTestId('message-body')).toContainText('test message');
    await expect(drawer.getByTestId('message-body')).toContainText('Avery Admin');
    await expect(page).toHaveURL(/[?&]message=/);

    // The open message survives a reload (it is in the URL), and so does the session.
    await page.reload();
    await expect(page.getByRole('dialog', { name: 'SMS to +14155550100' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();

    await page.getByRole('banner').getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL(/\/login\?reason=logged-out$/);
    await expect(page.getByText('You are logged out.')).toBeVisible();

    await page.goto('/admin');
    await expect(page).toHaveURL(/\/login\?next=%2Fadmin$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
  });

  test('support staff read the log but are not offered the test-message form', async ({ page, request }) => {
    await page.goto('/login?next=%2Fadmin%2Fmessages');
    await logInWithForm(page, staff.support);
    await expect(page).toHaveURL(/\/admin\/messages$/);
    await expect(page.getByRole('banner').getByText('Sam Support').filter({ visible: true })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Messages' }).getByRole('row').nth(1)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Send a test message' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Send test/ })).toHaveCount(0);

    // The server refuses it too (the form is hidden, not the only guard).
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('oms.session') ?? '{}').accessToken as string);
    const response = await request.post('/api/v1/admin/messages/test', {
      data: { channel: 'sms', to: '+14155550199' },
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(response.status()).toBe(403);
  });

  test('a wrong password shows the server’s error', async ({ page }) => {
    await page.goto('/login');
    await logInWithForm(page, staff.admin, 'not-the-password');
    const alert = page.getByRole('alert').filter({ hasText: 'Could not log in' });
    await expect(alert).toContainText('The login or password is wrong.');
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('textbox', { name: 'Password', exact: true })).toHaveValue('not-the-password');
  });

  test('empty fields are caught before the server is asked', async ({ page }) => {
    let asked = false;
    page.on('request', (r) => {
      if (r.url().endsWith('/api/v1/auth/login')) asked = true;
    });
    await page.goto('/login');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByText('Enter your Login ID or email')).toBeVisible();
    await expect(page.getByText('Enter your password')).toBeVisible();
    await expect(page.getByLabel('Login ID or email')).toBeFocused();
    expect(asked).toBe(false);
  });

  test('a token the server no longer accepts ends the session and comes back after login', async ({ page }) => {
    await seedSession(page, {
      accessToken: 'revoked-or-expired',
      expiresAt: Date.now() + 10 * 60_000,
      me: { id: 'x', type: 'staff', name: 'Avery Admin', email: staff.admin, roles: ['admin'] },
    });
    await page.goto('/admin/messages?channel=sms');
    await expect(page.getByText('Your session ended')).toBeVisible();
    await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Fmessages%3Fchannel%3Dsms&reason=session-ended$/);
    expect(await page.evaluate(() => sessionStorage.getItem('oms.session'))).toBeNull();

    await logInWithForm(page, staff.admin);
    await expect(page).toHaveURL(/\/admin\/messages\?channel=sms$/);
    await expect(page.getByRole('search', { name: 'Filter messages' }).getByRole('radio', { name: 'SMS' })).toBeChecked();
  });

  test('filters live in the URL and the list follows them', async ({ page, asAdmin }) => {
    await asAdmin();
    await page.goto('/admin/messages');
    const table = page.getByRole('table', { name: 'Messages' });
    await expect(table.getByRole('row').filter({ hasText: 'ops@example.com' })).toBeVisible();

    const filters = page.getByRole('search', { name: 'Filter messages' });
    await filters.getByText('SMS', { exact: true }).click();
    await expect(page).toHaveURL(/channel=sms/);
    await expect(table.getByRole('row').filter({ hasText: 'ops@example.com' })).toHaveCount(0);

    await filters.getByLabel('Recipient').fill('+1 415 555 0177');
    await expect(page).toHaveURL(/to=%2B1\+415\+555\+0177/);
    await expect(table.getByRole('row').filter({ hasText: '+14155550177' })).toHaveCount(1);

    await filters.getByLabel('Status').selectOption('failed');
    await expect(page).toHaveURL(/status=failed/);
    await expect(page.getByText('No messages match these filters')).toBeVisible();

    // An incomplete number is the API's 422, shown at the filter.
    await filters.getByLabel('Status').selectOption('');
    await filters.getByLabel('Recipient').fill('415');
    await expect(filters.getByText(/Recipient must be a valid phone number/)).toBeVisible();
  });
});
