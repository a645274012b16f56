import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { codeIn, expect, latestMessage, seedSession, staff, test } from './fixtures';

const shots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results/screenshots');
mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });

/*
 * The server flags an application when 3 or more came from its IP within a day
 * (ip_velocity), and a flagged consumer is not approved automatically. The demo
 * seed records its two customers' applications as coming from 127.0.0.1 too,
 * and every application of this run comes from 127.0.0.1: so only the first
 * application of the run can be approved at once. These two tests therefore
 * run in order in one worker, the consumer first, and no other test files an
 * application (the later wizard steps are screenshot with mocked answers).
 */
test.describe.configure({ mode: 'default' });

const consumer = {
  name: 'Erin Example',
  email: 'erin.e2e@example.com',
  phone: '+1 415 555 0151',
  e164: '+14155550151',
  password: 'violet tractor moonbeam',
};

test.describe('registration', () => {
  test('(a) a consumer registers in the SPA, verifies both codes, and logs in with the new Login ID', async ({
    page,
    browser,
    sessions,
    request,
  }) => {
    test.slow(); // two browser contexts and a handful of round trips
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('/register');
    await expect(page.getByText('Step 1 of 4: Account type')).toBeVisible();
    await shot(page, 'register-flow-1-type-375');
    await page.getByRole('radio', { name: /^Personal/ }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    const form = page.getByRole('form', { name: 'Your details' });
    await form.getByRole('textbox', { name: /Full name/ }).fill(consumer.name);
    await form.getByRole('textbox', { name: /^Email/ }).fill(consumer.email);
    await form.getByRole('textbox', { name: /Mobile phone/ }).fill(consumer.phone);
    await form.getByLabel(/^Password/).fill(consumer.password);
    await form.getByRole('textbox', { name: /Street address/ }).fill('1 Market Street');
    await form.getByRole('textbox', { name: /^City/ }).fill('San Francisco');
    await form.getByRole('textbox', { name: /Postal code/ }).fill('94105');
    await form.getByRole('combobox', { name: /Country/ }).selectOption('US');
    await expect(form.getByText(/^Strength: /)).toBeVisible();
    await shot(page, 'register-flow-2-details-375');
    await form.getByRole('button', { name: 'Send codes' }).click();

    await expect(page.getByText('Step 3 of 4: Verify')).toBeVisible();
    const emailCard = page.getByRole('region', { name: 'Email code' });
    const smsCard = page.getByRole('region', { name: 'SMS code' });
    await expect(emailCard.getByRole('button', { name: /^Send a new code in \d:\d\d$/ })).toBeDisabled();

    // A reload keeps the application (sessionStorage) and comes back to the codes.
    await page.reload();
    await expect(page.getByText('Step 3 of 4: Verify')).toBeVisible();
    await shot(page, 'register-flow-3-verify-375');

    // Support staff read the codes: the email in the back office's message log (a second
    // browser, logged in as support), the SMS through the API with the same token.
    const support = await sessions(staff.support);
    const emailMessage = await latestMessage(request, support.accessToken, consumer.email, 'verification_code');
    const staffContext = await browser.newContext();
    const staffPage = await staffContext.newPage();
    await seedSession(staffPage, support);
    await staffPage.goto(`/admin/messages?${new URLSearchParams({ channel: 'email', to: consumer.email }).toString()}`);
    await staffPage.getByRole('table', { name: 'Messages' }).getByRole('link').first().click();
    const body = staffPage.getByRole('dialog').getByTestId('message-body');
    await expect(body).toContainText('Your verification code is');
    const emailCode = codeIn((await body.textContent()) ?? '');
    expect(emailCode).toBe(codeIn(emailMessage.body));
    await staffContext.close();
    const smsCode = codeIn((await latestMessage(request, support.accessToken, consumer.e164, 'verification_code')).body);

    // A wrong code is refused at the field.
    await smsCard.getByRole('textbox', { name: 'Code from the SMS' }).fill(smsCode === '000000' ? '111111' : '000000');
    await smsCard.getByRole('button', { name: 'Verify' }).click();
    await expect(smsCard.getByText('The code is not the code we sent; check the latest message.')).toBeVisible();

    await emailCard.getByRole('textbox', { name: 'Code from the email' }).fill(emailCode);
    await emailCard.getByRole('button', { name: 'Verify' }).click();
    await expect(emailCard.getByText('Verified')).toBeVisible();
    await expect(page.getByText('1 of 2 confirmed.')).toBeVisible();

    await smsCard.getByRole('textbox', { name: 'Code from the SMS' }).fill(smsCode);
    await smsCard.getByRole('button', { name: 'Verify' }).click();

    // Approved at once (a consumer without risk flags): the status page shows both IDs.
    await expect(page).toHaveURL(/\/register\/[0-9a-f-]{36}$/);
    await expect(page.getByText('You are registered')).toBeVisible();
    const registrationId = (await page.getByTestId('registration-id').textContent())?.trim() ?? '';
    const loginId = (await page.getByTestId('login-id').textContent())?.trim() ?? '';
    expect(registrationId).toMatch(/^REG-\d{4}-\d{6}$/);
    expect(loginId).toMatch(/^C\d{6}$/);
    await shot(page, 'register-flow-4-approved-375');

    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page).toHaveURL(/\/login\?/);
    await expect(page.getByLabel('Login ID or email')).toHaveValue(loginId);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(consumer.password);
    await page.getByRole('textbox', { name: 'Password', exact: true }).press('Enter');

    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();
    await expect(page.getByTestId('registration-id')).toHaveText(registrationId);
    await expect(page.getByTestId('login-id')).toHaveText(loginId);
    await expect(page.getByText(consumer.email)).toBeVisible();
  });

  test('(b) support approves a business application in the back office and sees the issued IDs', async ({
    page,
    request,
    sessions,
    asSupport,
  }) => {
    const business = {
      type: 'business',
      name: 'Morgan Merchant',
      email: 'morgan.e2e@acme-tools.example.com',
      phone: '+14155550152',
      password: 'copper lantern harbour',
      address: { line1: '9 Dock Road', line2: 'Unit 4', city: 'Oakland', postal_code: '94607', country: 'US' },
      company: { legal_name: 'Acme Tools E2E Inc.', tax_id: 'US77-1234567', registration_number: 'C7700001' },
    };
    const applied = await request.post('/api/v1/registrations', { data: business });
    expect(applied.status(), await applied.text()).toBe(201);
    const { id, token } = (await applied.json()) as { id: string; token: string };

    const support = await sessions(staff.support);
    for (const [channel, to] of [
      ['email', business.email],
      ['sms', business.phone],
    ] as const) {
      const code = codeIn((await latestMessage(request, support.accessToken, to, 'verification_code')).body);
      const verified = await request.post(`/api/v1/registrations/${id}/verify`, { data: { token, channel, code } });
      expect(verified.status(), await verified.text()).toBe(200);
    }
    const status = await request.get(`/api/v1/registrations/${id}?token=${encodeURIComponent(token)}`);
    expect(((await status.json()) as { status: string }).status).toBe('pending_review');

    await asSupport();
    await page.goto('/admin');
    await page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Registrations' }).click();
    await expect(page).toHaveURL(/\/admin\/registrations$/);
    await expect(page.getByRole('tab', { name: 'Waiting for review' })).toHaveAttribute('aria-selected', 'true');
    const row = page.getByRole('table', { name: 'Applications' }).getByRole('row').filter({ hasText: business.email });
    await expect(row).toContainText('Acme Tools E2E Inc.');
    await expect(row).toContainText('Business');
    await row.getByRole('link', { name: 'Acme Tools E2E Inc.' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Acme Tools E2E Inc.' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Company' })).toContainText('US77-1234567');
    await expect(page.getByRole('region', { name: 'Applicant' })).toContainText('verified');
    await shot(page, 'registration-review-1280');

    await page.getByRole('region', { name: 'Decision' }).getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog', { name: 'Approve Acme Tools E2E Inc.?' });
    await dialog.getByRole('button', { name: 'Approve application' }).click();

    await expect(page.getByText('Approved: IDs issued')).toBeVisible();
    await expect(page.getByTestId('registration-id')).toHaveText(/^REG-\d{4}-\d{6}$/);
    await expect(page.getByTestId('login-id')).toHaveText(/^[A-Z]\d{6}$/);
    await expect(page.getByRole('region', { name: 'Decision' })).toHaveCount(0);
    await shot(page, 'registration-approved-1280');

    // The applicant's own status page (their token) says the same, and they can log in.
    const after = (await (await request.get(`/api/v1/registrations/${id}?token=${encodeURIComponent(token)}`)).json()) as {
      status: string;
      login_id: string;
    };
    expect(after.status).toBe('approved');
    await expect(page.getByTestId('login-id')).toHaveText(after.login_id);
    const login = await request.post('/api/v1/auth/login', { data: { login: after.login_id, password: business.password } });
    expect(login.status()).toBe(200);
  });
});
