import { codeIn, customers, demoPassword, expect, latestMessage, logInWithForm, staff, test } from './fixtures';

test.describe('session and passwords', () => {
  test('(c) a reload after the access token is dropped keeps the user signed in via the refresh cookie', async ({
    page,
    context,
  }) => {
    await page.goto('/login?next=%2Faccount');
    await logInWithForm(page, customers.casey);
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByTestId('login-id')).toHaveText(/^C\d{6}$/);

    // The refresh token is an HttpOnly cookie scoped to the auth endpoints, not in the page's storage.
    const cookie = (await context.cookies()).find((c) => c.name === 'oms_refresh');
    expect(cookie).toMatchObject({ httpOnly: true, path: '/api/v1/auth', sameSite: 'Strict' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('oms_refresh');
    expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toContain(cookie?.value ?? 'x');

    // Drop the access token (as if the tab's storage were lost) and reload.
    await page.evaluate(() => sessionStorage.removeItem('oms.session'));
    const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/refresh'));
    await page.reload();
    expect((await refreshed).status()).toBe(200);
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();
    await expect(page.getByText('Casey Consumer').first()).toBeVisible();
    const stored = await page.evaluate(() => JSON.parse(sessionStorage.getItem('oms.session') ?? 'null') as { accessToken: string } | null);
    expect(stored?.accessToken).toBeTruthy();
    // The cookie was rotated.
    const rotated = (await context.cookies()).find((c) => c.name === 'oms_refresh');
    expect(rotated?.value).toBeTruthy();
    expect(rotated?.value).not.toBe(cookie?.value);

    // A token the server refuses is refreshed too, without leaving the page.
    await page.evaluate(() => {
      const s = JSON.parse(sessionStorage.getItem('oms.session') ?? '{}') as Record<string, unknown>;
      sessionStorage.setItem('oms.session', JSON.stringify({ ...s, accessToken: 'revoked' }));
    });
    const refreshedAgain = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/refresh'));
    await page.reload();
    expect((await refreshedAgain).status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();
    await expect(page.getByTestId('login-id')).toHaveText(/^C\d{6}$/);
    await expect(page).toHaveURL(/\/account$/);

    // Logging out ends the cookie's login too: a reload no longer signs in.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL(/\/login\?reason=logged-out$/);
    expect((await context.cookies()).find((c) => c.name === 'oms_refresh')).toBeUndefined();
    await page.goto('/account');
    await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
  });

  test('(d) forgot password: code from the message log, new password, log in with it', async ({ page, sessions, request }) => {
    const login = customers.northwind;
    const newPassword = 'marble pigeon sunrise';
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    // The login page has a field of the same name and stays on screen until the lazily loaded
    // page is ready: fill the field only once the new page shows.
    await expect(page.getByRole('heading', { name: 'Forgot your password?', level: 1 })).toBeVisible();
    const before = new Date().toISOString();
    await page.getByLabel('Login ID or email').fill(login);
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await expect(page.getByRole('status')).toContainText(`If an account exists for ${login}, we emailed a code`);

    const admin = await sessions(staff.admin);
    const email = await latestMessage(request, admin.accessToken, login, 'password_reset', { after: before });
    const code = codeIn(email.body);
    // The email's link opens the reset page with login and code filled in.
    const link = /https?:\/\/\S+\/reset-password\?\S+/.exec(email.body)?.[0];
    expect(link, email.body).toBeTruthy();
    const url = new URL(link!);
    expect(url.searchParams.get('code')).toBe(code);
    await page.goto(`${url.pathname}${url.search}`);
    await expect(page.getByRole('textbox', { name: /Login ID or email/ })).toHaveValue(login);
    await expect(page.getByRole('textbox', { name: /Code from the email/ })).toHaveValue(code);

    await page.getByLabel(/^New password/).fill(newPassword);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(page).toHaveURL(/\/login\?reason=password-reset/);
    await expect(page.getByText('New password set')).toBeVisible();

    // The old password no longer works; the new one does.
    await logInWithForm(page, login, demoPassword);
    await expect(page.getByRole('alert').filter({ hasText: 'Could not log in' })).toBeVisible();
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(newPassword);
    await page.getByRole('textbox', { name: 'Password', exact: true }).press('Enter');
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();
    await expect(page.getByText(login)).toBeVisible();
  });
});
